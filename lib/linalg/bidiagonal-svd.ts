/**
 * SVD of an upper bidiagonal matrix by implicit-shift QR, after LAPACK's dbdsqr (Demmel & Kahan,
 * "Accurate singular values of bidiagonal matrices", SISC 1990): a shifted Golub-Kahan step
 * normally, a zero-shift step when the shift would spoil the small singular values, chasing
 * towards whichever end of the block is smaller, and relative deflation tests, so every
 * singular value is found to high relative accuracy. (The 2x2 blocks that dbdsqr hands to
 * dlasv2 go through the same steps here: with the exact shift of a 2x2 they deflate in one or two.)
 */
import { DomainError } from "../tensor/errors";
import { type RotatedRows, shiftedDown, shiftedUp, zeroShiftDown, zeroShiftUp } from "./bidiagonal-steps";

const EPS = Number.EPSILON / 2;
/** dbdsqr's tolerance: relative accuracy of ~100 eps for each singular value. */
const TOL = Math.max(10, Math.min(100, EPS ** -0.125)) * EPS;
const MAX_ITERATIONS_PER_VALUE = 6;
const UNDERFLOW = 2.2250738585072014e-308;

/**
 * Overwrites d (n) and e (n - 1), the diagonal and superdiagonal of B, with B's singular values
 * (nonnegative, unsorted) and zeros, and rotates the rows of ut and vt (n x n, row c = column c
 * of U_B, V_B; start from identityRows(n)) so that B = U_B diag(d) V_B^T.
 * @example
 *   const d = new Float64Array([1, 1]); const e = new Float64Array([1]);
 *   bidiagonalSvd(d, e, identityRows(2), identityRows(2)); // d = golden ratio and its inverse
 */
export function bidiagonalSvd(d: Float64Array, e: Float64Array, ut: RotatedRows, vt: RotatedRows): void {
  const n = d.length;
  const thresh = Math.max(
    (TOL * smallestValueEstimate(d, e)) / Math.sqrt(n),
    MAX_ITERATIONS_PER_VALUE * n * n * UNDERFLOW,
  );
  const maxIterations = MAX_ITERATIONS_PER_VALUE * n * n;
  let iterations = 0;
  let oldLow = -1;
  let oldHigh = -1;
  let towardsBottom = true;
  let high = n - 1;
  while (high > 0) {
    if (iterations > maxIterations)
      throw new DomainError(`svd: bidiagonal QR did not converge in ${maxIterations} steps`);
    // The unreduced block low..high: e[low..high-1] all above thresh.
    let low = high - 1;
    let bigger = Math.abs(d[high]);
    while (low >= 0 && Math.abs(e[low]) > thresh) {
      bigger = Math.max(bigger, Math.abs(d[low]), Math.abs(e[low]));
      low--;
    }
    if (low === high - 1) {
      e[low] = 0;
      high--;
      continue;
    }
    if (low >= 0) e[low] = 0;
    low++;
    if (low > oldHigh || high < oldLow) towardsBottom = Math.abs(d[low]) >= Math.abs(d[high]);
    const smallest = towardsBottom ? relativeDeflation(d, e, low, high, 1) : relativeDeflation(d, e, high, low, -1);
    if (smallest < 0) continue;
    oldLow = low;
    oldHigh = high;
    const shift = chooseShift(d, e, low, high, towardsBottom, smallest / bigger);
    iterations += high - low;
    if (towardsBottom) {
      if (shift === 0) zeroShiftDown(d, e, low, high, ut, vt);
      else shiftedDown(d, e, low, high, shift, ut, vt);
      if (Math.abs(e[high - 1]) <= thresh) e[high - 1] = 0;
    } else {
      if (shift === 0) zeroShiftUp(d, e, low, high, ut, vt);
      else shiftedUp(d, e, low, high, shift, ut, vt);
      if (Math.abs(e[low]) <= thresh) e[low] = 0;
    }
  }
  for (let i = 0; i < n; i++) {
    if (d[i] >= 0) continue;
    d[i] = -d[i];
    // 0 - x rather than -x: a flipped zero stays +0.
    for (let j = i * n; j < (i + 1) * n; j++) vt.data[j] = 0 - vt.data[j];
  }
}

/** Lower bound (up to sqrt(n)) on B's smallest singular value by the recurrence of Demmel-Kahan. */
function smallestValueEstimate(d: Float64Array, e: Float64Array): number {
  let mu = Math.abs(d[0]);
  let smallest = mu;
  for (let i = 1; i < d.length && smallest > 0; i++) {
    mu = Math.abs(d[i]) * (mu / (mu + Math.abs(e[i - 1])));
    smallest = Math.min(smallest, mu);
  }
  return smallest;
}

/**
 * Walks the block from `from` to `to` (step +-1) with the same recurrence; sets a negligible e to
 * 0 and returns -1 if it finds one (relative to the part of the block already passed), else the
 * estimate of the block's smallest singular value.
 */
function relativeDeflation(d: Float64Array, e: Float64Array, from: number, to: number, step: 1 | -1): number {
  const last = step === 1 ? to - 1 : to; // e index of the final pair
  if (Math.abs(e[last]) <= TOL * Math.abs(d[to])) {
    e[last] = 0;
    return -1;
  }
  let mu = Math.abs(d[from]);
  let smallest = mu;
  for (let i = from; i !== to; i += step) {
    const ei = step === 1 ? i : i - 1;
    if (Math.abs(e[ei]) <= TOL * mu) {
      e[ei] = 0;
      return -1;
    }
    mu = Math.abs(d[i + step]) * (mu / (mu + Math.abs(e[ei])));
    smallest = Math.min(smallest, mu);
  }
  return smallest;
}

/** Wilkinson-type shift from the 2x2 at the far end; 0 when it could cost relative accuracy. */
function chooseShift(
  d: Float64Array,
  e: Float64Array,
  low: number,
  high: number,
  towardsBottom: boolean,
  ratio: number,
): number {
  if (d.length * TOL * ratio <= Math.max(EPS, 0.01 * TOL)) return 0;
  const shift = towardsBottom
    ? smallerSingularValue2x2(d[high - 1], e[high - 1], d[high])
    : smallerSingularValue2x2(d[low], e[low], d[low + 1]);
  const far = Math.abs(towardsBottom ? d[low] : d[high]);
  return far > 0 && (shift / far) ** 2 < EPS ? 0 : shift;
}

/** Smaller singular value of [[f, g], [0, h]] without overflow (LAPACK's dlas2). */
function smallerSingularValue2x2(f: number, g: number, h: number): number {
  const fa = Math.abs(f);
  const ga = Math.abs(g);
  const ha = Math.abs(h);
  const small = Math.min(fa, ha);
  const big = Math.max(fa, ha);
  if (small === 0) return 0;
  if (ga < big) {
    const as = 1 + small / big;
    const at = (big - small) / big;
    const au = (ga / big) ** 2;
    return small * (2 / (Math.sqrt(as * as + au) + Math.sqrt(at * at + au)));
  }
  const au = big / ga;
  if (au === 0) return (small * big) / ga;
  const as = 1 + small / big;
  const at = (big - small) / big;
  const c = 1 / (Math.sqrt(1 + (as * au) ** 2) + Math.sqrt(1 + (at * au) ** 2));
  return 2 * (small * c) * au;
}
