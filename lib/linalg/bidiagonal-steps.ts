/**
 * One implicit QR step on the unreduced upper bidiagonal block low..high of (d, e), as in
 * LAPACK's dbdsqr: the shifted Golub-Kahan step and the zero-shift step of Demmel & Kahan, each
 * chasing the bulge down (top to bottom) or up. The rotations are applied at once to the rows of
 * ut and vt (n x n, row c = column c of U_B or V_B), which keeps B = U_B B' V_B^T.
 */

// givens() returns through these to keep the inner loops free of allocations.
let rotC = 1;
let rotS = 0;
let rotR = 0;

/** c, s, r with [c s; -s c] [f; g] = [r; 0] (LAPACK's dlartg up to signs). */
function givens(f: number, g: number): void {
  if (g === 0) {
    rotC = 1; rotS = 0; rotR = f;
  } else if (f === 0) {
    rotC = 0; rotS = 1; rotR = g;
  } else {
    const big = Math.max(Math.abs(f), Math.abs(g));
    // Squares are safe in this range; outside it hypot's scaling is needed.
    const r = big > 1e-150 && big < 1e150 ? Math.sqrt(f * f + g * g) : Math.hypot(f, g);
    rotR = f < 0 ? -r : r;
    rotC = f / rotR;
    rotS = g / rotR;
  }
}

/** Rows i, i+1 of the n x n matrix a: [x; y] <- [c x + s y; c y - s x] (LAPACK's dlasr). */
function rotateRows(a: Float64Array, n: number, i: number, c: number, s: number): void {
  for (let p = i * n, q = p + n, end = p + n; p < end; p++, q++) {
    const x = a[p];
    const y = a[q];
    a[p] = c * x + s * y;
    a[q] = c * y - s * x;
  }
}

/**
 * Zero-shift QR step from top to bottom: all rotations act on exact products, so tiny singular
 * values keep their relative accuracy.
 * @example
 *   zeroShiftDown(d, e, 0, d.length - 1, ut, vt);
 */
export function zeroShiftDown(d: Float64Array, e: Float64Array, low: number, high: number, ut: Float64Array, vt: Float64Array): void {
  const n = d.length;
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
    rotateRows(vt, n, i, cs, sn);
    rotateRows(ut, n, i, oldCs, oldSn);
  }
  const h = d[high] * cs;
  d[high] = h * oldCs;
  e[high - 1] = h * oldSn;
}

/**
 * Zero-shift QR step from bottom to top (the mirror image, for blocks that grade upwards).
 * @example
 *   zeroShiftUp(d, e, 0, d.length - 1, ut, vt);
 */
export function zeroShiftUp(d: Float64Array, e: Float64Array, low: number, high: number, ut: Float64Array, vt: Float64Array): void {
  const n = d.length;
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
    rotateRows(vt, n, i - 1, oldCs, -oldSn);
    rotateRows(ut, n, i - 1, cs, -sn);
  }
  const h = d[low] * cs;
  d[low] = h * oldCs;
  e[low] = h * oldSn;
}

/**
 * Golub-Kahan step with the given shift, bulge chased from top to bottom.
 * @example
 *   shiftedDown(d, e, 0, d.length - 1, shift, ut, vt);
 */
export function shiftedDown(
  d: Float64Array, e: Float64Array, low: number, high: number, shift: number, ut: Float64Array, vt: Float64Array,
): void {
  const n = d.length;
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
    rotateRows(vt, n, i, cosR, sinR);
    rotateRows(ut, n, i, cosL, sinL);
  }
  e[high - 1] = f;
}

/**
 * Golub-Kahan step with the given shift, bulge chased from bottom to top.
 * @example
 *   shiftedUp(d, e, 0, d.length - 1, shift, ut, vt);
 */
export function shiftedUp(
  d: Float64Array, e: Float64Array, low: number, high: number, shift: number, ut: Float64Array, vt: Float64Array,
): void {
  const n = d.length;
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
    rotateRows(ut, n, i - 1, cosR, -sinR);
    rotateRows(vt, n, i - 1, cosL, -sinL);
  }
  e[low] = f;
}
