/**
 * One implicit QR step on the unreduced upper bidiagonal block low..high of (d, e), as in
 * LAPACK's dbdsqr: the shifted Golub-Kahan step and the zero-shift step of Demmel & Kahan, each
 * chasing the bulge down (top to bottom) or up. Each step's rotations are recorded, then applied
 * to the rows of ut and vt (row c = column c of U_B or V_B), which keeps B = U_B B' V_B^T.
 */

/**
 * n x n matrix (row c = column c of U_B or V_B) with scratch for one sweep: cos[i], sin[i] hold
 * the rotation of rows (i, i+1) recorded during the sweep, applied at its end by applyRotations.
 */
export interface RotatedRows {
  data: Float64Array;
  n: number;
  cos: Float64Array;
  sin: Float64Array;
  chainCos: Float64Array;
  chainSin: Float64Array;
}

/**
 * The n x n identity as RotatedRows.
 * @example
 *   const ut = identityRows(3); // ut.data = [1, 0, 0, 0, 1, 0, 0, 0, 1]
 */
export function identityRows(n: number): RotatedRows {
  const data = new Float64Array(n * n);
  for (let i = 0; i < n; i++) data[i * n + i] = 1;
  const scratch = () => new Float64Array(n);
  return { data, n, cos: scratch(), sin: scratch(), chainCos: scratch(), chainSin: scratch() };
}

// givens() returns through these to keep the inner loops free of allocations.
let rotC = 1;
let rotS = 0;
let rotR = 0;

/** c, s, r with [c s; -s c] [f; g] = [r; 0] (LAPACK's dlartg up to signs). */
function givens(f: number, g: number): void {
  if (g === 0) {
    rotC = 1;
    rotS = 0;
    rotR = f;
  } else if (f === 0) {
    rotC = 0;
    rotS = 1;
    rotR = g;
  } else {
    const big = Math.max(Math.abs(f), Math.abs(g));
    // Squares are safe in this range; outside it hypot's scaling is needed.
    const r = big > 1e-150 && big < 1e150 ? Math.sqrt(f * f + g * g) : Math.hypot(f, g);
    rotR = f < 0 ? -r : r;
    rotC = f / rotR;
    rotS = g / rotR;
  }
}

/**
 * Applies the recorded rotations of rows (i, i+1), [x; y] <- [c x + s y; c y - s x] (LAPACK's
 * dlasr), for i = low..high-1 in increasing order if `down`, else decreasing. Each column is
 * carried down (or up) the chain in a register, four columns at a time to hide the latency:
 * one load and one store per entry and rotation, where rotating pairs of rows as the step goes
 * takes two of each. Each row's nonzero span is not tracked: the first sweep already fills every
 * column.
 */
function applyRotations(rows: RotatedRows, low: number, high: number, down: boolean): void {
  const { data: a, n, cos, sin, chainCos, chainSin } = rows;
  const start = down ? low : high;
  const step = down ? n : -n;
  const count = high - low;
  // The rotations in the order the chain meets them; going up, row i+1 is met first, so s flips.
  for (let k = 0; k < count; k++) {
    const i = down ? low + k : high - 1 - k;
    chainCos[k] = cos[i];
    chainSin[k] = down ? sin[i] : -sin[i];
  }
  let p = 0;
  for (; p + 4 <= n; p += 4) {
    let at = start * n + p;
    let x0 = a[at],
      x1 = a[at + 1],
      x2 = a[at + 2],
      x3 = a[at + 3];
    for (let k = 0; k < count; k++) {
      const c = chainCos[k];
      const s = chainSin[k];
      const next = at + step;
      const y0 = a[next],
        y1 = a[next + 1],
        y2 = a[next + 2],
        y3 = a[next + 3];
      a[at] = c * x0 + s * y0;
      a[at + 1] = c * x1 + s * y1;
      a[at + 2] = c * x2 + s * y2;
      a[at + 3] = c * x3 + s * y3;
      x0 = c * y0 - s * x0;
      x1 = c * y1 - s * x1;
      x2 = c * y2 - s * x2;
      x3 = c * y3 - s * x3;
      at = next;
    }
    a[at] = x0;
    a[at + 1] = x1;
    a[at + 2] = x2;
    a[at + 3] = x3;
  }
  for (; p < n; p++) {
    let at = start * n + p;
    let x = a[at];
    for (let k = 0; k < count; k++) {
      const c = chainCos[k];
      const s = chainSin[k];
      const y = a[at + step];
      a[at] = c * x + s * y;
      x = c * y - s * x;
      at += step;
    }
    a[at] = x;
  }
}

function record(rows: RotatedRows, i: number, c: number, s: number): void {
  rows.cos[i] = c;
  rows.sin[i] = s;
}

/**
 * Zero-shift QR step from top to bottom: all rotations act on exact products, so tiny singular
 * values keep their relative accuracy.
 * @example
 *   zeroShiftDown(d, e, 0, d.length - 1, ut, vt);
 */
export function zeroShiftDown(
  d: Float64Array,
  e: Float64Array,
  low: number,
  high: number,
  ut: RotatedRows,
  vt: RotatedRows,
): void {
  let cs = 1;
  let oldCs = 1;
  let oldSn = 0;
  for (let i = low; i < high; i++) {
    givens(d[i] * cs, e[i]);
    cs = rotC;
    const sn = rotS;
    if (i > low) e[i - 1] = oldSn * rotR;
    givens(oldCs * rotR, d[i + 1] * sn);
    oldCs = rotC;
    oldSn = rotS;
    d[i] = rotR;
    record(vt, i, cs, sn);
    record(ut, i, oldCs, oldSn);
  }
  const h = d[high] * cs;
  d[high] = h * oldCs;
  e[high - 1] = h * oldSn;
  applyRotations(vt, low, high, true);
  applyRotations(ut, low, high, true);
}

/**
 * Zero-shift QR step from bottom to top (the mirror image, for blocks that grade upwards).
 * @example
 *   zeroShiftUp(d, e, 0, d.length - 1, ut, vt);
 */
export function zeroShiftUp(
  d: Float64Array,
  e: Float64Array,
  low: number,
  high: number,
  ut: RotatedRows,
  vt: RotatedRows,
): void {
  let cs = 1;
  let oldCs = 1;
  let oldSn = 0;
  for (let i = high; i > low; i--) {
    givens(d[i] * cs, e[i - 1]);
    cs = rotC;
    const sn = rotS;
    if (i < high) e[i] = oldSn * rotR;
    givens(oldCs * rotR, d[i - 1] * sn);
    oldCs = rotC;
    oldSn = rotS;
    d[i] = rotR;
    record(vt, i - 1, oldCs, -oldSn);
    record(ut, i - 1, cs, -sn);
  }
  const h = d[low] * cs;
  d[low] = h * oldCs;
  e[low] = h * oldSn;
  applyRotations(vt, low, high, false);
  applyRotations(ut, low, high, false);
}

/**
 * Golub-Kahan step with the given shift, bulge chased from top to bottom.
 * @example
 *   shiftedDown(d, e, 0, d.length - 1, shift, ut, vt);
 */
export function shiftedDown(
  d: Float64Array,
  e: Float64Array,
  low: number,
  high: number,
  shift: number,
  ut: RotatedRows,
  vt: RotatedRows,
): void {
  // First column of B^T B - shift^2 I, scaled by 1 / d[low].
  let f = (Math.abs(d[low]) - shift) * ((d[low] >= 0 ? 1 : -1) + shift / d[low]);
  let g = e[low];
  for (let i = low; i < high; i++) {
    givens(f, g);
    const cosR = rotC;
    const sinR = rotS;
    if (i > low) e[i - 1] = rotR;
    f = cosR * d[i] + sinR * e[i];
    e[i] = cosR * e[i] - sinR * d[i];
    g = sinR * d[i + 1];
    d[i + 1] = cosR * d[i + 1];
    givens(f, g);
    const cosL = rotC;
    const sinL = rotS;
    d[i] = rotR;
    f = cosL * e[i] + sinL * d[i + 1];
    d[i + 1] = cosL * d[i + 1] - sinL * e[i];
    if (i < high - 1) {
      g = sinL * e[i + 1];
      e[i + 1] = cosL * e[i + 1];
    }
    record(vt, i, cosR, sinR);
    record(ut, i, cosL, sinL);
  }
  e[high - 1] = f;
  applyRotations(vt, low, high, true);
  applyRotations(ut, low, high, true);
}

/**
 * Golub-Kahan step with the given shift, bulge chased from bottom to top.
 * @example
 *   shiftedUp(d, e, 0, d.length - 1, shift, ut, vt);
 */
export function shiftedUp(
  d: Float64Array,
  e: Float64Array,
  low: number,
  high: number,
  shift: number,
  ut: RotatedRows,
  vt: RotatedRows,
): void {
  let f = (Math.abs(d[high]) - shift) * ((d[high] >= 0 ? 1 : -1) + shift / d[high]);
  let g = e[high - 1];
  for (let i = high; i > low; i--) {
    givens(f, g);
    const cosR = rotC;
    const sinR = rotS;
    if (i < high) e[i] = rotR;
    f = cosR * d[i] + sinR * e[i - 1];
    e[i - 1] = cosR * e[i - 1] - sinR * d[i];
    g = sinR * d[i - 1];
    d[i - 1] = cosR * d[i - 1];
    givens(f, g);
    const cosL = rotC;
    const sinL = rotS;
    d[i] = rotR;
    f = cosL * e[i - 1] + sinL * d[i - 1];
    d[i - 1] = cosL * d[i - 1] - sinL * e[i - 1];
    if (i > low + 1) {
      g = sinL * e[i - 2];
      e[i - 2] = cosL * e[i - 2];
    }
    record(ut, i - 1, cosR, -sinR);
    record(vt, i - 1, cosL, -sinL);
  }
  e[low] = f;
  applyRotations(vt, low, high, false);
  applyRotations(ut, low, high, false);
}
