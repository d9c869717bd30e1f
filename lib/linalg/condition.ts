/**
 * The condition number κ₁(A) = ‖A‖₁ ‖A⁻¹‖₁ of a square matrix, and the warning a solve or an
 * inverse gives when it is so large that the result has few correct digits: a relative error
 * in A or b of ε (rounding) can become κ ε in the result, so about log10(κ) of the 16
 * significant digits of float64 may be lost. MATLAB warns the same way; NumPy is silent.
 *
 * ‖A⁻¹‖₁ comes from the LU factors by Hager's estimator (W. W. Hager, "Condition estimates",
 * SIAM J. Sci. Stat. Comput. 5, 1984), as refined in LAPACK's xLACON (N. J. Higham, ACM TOMS
 * 14, 1988): a few solves with A and Aᵀ, O(n²) each next to the O(n³) factorisation. The
 * estimate is a lower bound, exact in most cases and rarely off by more than a factor of 3.
 */
import { type LUFactors, luSolve } from "./lu";
import type { Mat } from "../kernels/mat";
import { warn, warningsHeard } from "../core/warnings";

/** A result with fewer than 4 trustworthy significant digits (κ ε > 10⁻⁴) is reported. */
const WARN_ABOVE = 1e-4 / Number.EPSILON;

/**
 * ‖A‖₁: the largest column sum of |a_ij|.
 * @example norm1(matFromRows([[1, -2], [3, 4]]))  // 6
 */
export function norm1(a: Mat): number {
  const sums = new Float64Array(a.cols);
  for (let i = 0; i < a.rows; i++) for (let j = 0; j < a.cols; j++) sums[j] += Math.abs(a.data[i * a.cols + j]);
  return sums.reduce((m, s) => Math.max(m, s), 0);
}

function sumAbs(x: Float64Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += Math.abs(x[i]);
  return s;
}

/**
 * Hager's estimate of ‖A⁻¹‖₁ from the LU factors of A: maximise ‖A⁻¹x‖₁ over ‖x‖₁ = 1 by moving
 * to the unit vector the gradient sign(A⁻¹x)ᵀA⁻¹ points to, then Higham's check with an
 * alternating vector.
 * @example inverseNorm1(luFactor(a))
 */
export function inverseNorm1(f: LUFactors): number {
  const n = f.n;
  let x = new Float64Array(n).fill(1 / n);
  let estimate = 0;
  for (let iteration = 0; iteration < 5; iteration++) {
    const y = luSolve(f, x);
    const norm = sumAbs(y);
    if (iteration > 0 && norm <= estimate) break;
    estimate = norm;
    const z = luSolve(
      f,
      y.map((v) => (v >= 0 ? 1 : -1)),
      true,
    );
    let j = 0;
    for (let i = 1; i < n; i++) if (Math.abs(z[i]) > Math.abs(z[j])) j = i;
    const zx = z.reduce((s, v, i) => s + v * x[i], 0);
    if (iteration > 0 && Math.abs(z[j]) <= zx) break;
    x = new Float64Array(n);
    x[j] = 1;
  }
  const alternating = Float64Array.from(
    { length: n },
    (_, i) => (i % 2 === 0 ? 1 : -1) * (1 + (n > 1 ? i / (n - 1) : 0)),
  );
  return Math.max(estimate, (2 * sumAbs(luSolve(f, alternating))) / (3 * n));
}

/**
 * Warns (once per call site, see core/warnings.ts) when κ₁(A) = ‖A‖₁ ‖A⁻¹‖₁ says the result of
 * `op` may have fewer than 4 correct digits, from the inverse itself (exact ‖A⁻¹‖₁).
 * @example warnIfIllConditioned("inv", a, inverse)
 */
export function warnIfIllConditioned(op: string, a: Mat, inverse: Mat): void {
  if (warningsHeard()) report(op, norm1(a) * norm1(inverse));
}

/**
 * The same warning for a solve, from the LU factors: one solve against a fixed probe vector
 * first, and Hager's estimate only when the probe comes within reach of the limit. The probe
 * looks random (no integer relation among its entries, so no simple null vector such as
 * (1, -2, 1) is orthogonal to it): it has a part along every direction, and ‖A⁻¹v‖₁/‖v‖₁ falls
 * short of ‖A⁻¹‖₁ by more than n^1.5 · 10³ (1-norms against 2-norms, and a part along the worst
 * direction 10³ times smaller than typical) for practically no matrix. Well-conditioned
 * matrices, most of them, then cost one solve instead of five.
 * @example warnIfIllConditionedLU("solve", a, factors)
 */
export function warnIfIllConditionedLU(op: string, a: Mat, f: LUFactors): void {
  if (!warningsHeard()) return;
  const normA = norm1(a);
  const n = f.n;
  const v = probe(n);
  if (normA * (sumAbs(luSolve(f, v)) / sumAbs(v)) * n ** 1.5 * 1e3 < WARN_ABOVE) return;
  report(op, normA * inverseNorm1(f));
}

/** Entries ±(1 + frac(i φ)), φ the golden ratio, signs from a linear congruential generator. */
function probe(n: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0, state = 12345; i < n; i++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    const magnitude = 1 + ((i * 1.618033988749895) % 1);
    out[i] = state & 0x80000000 ? magnitude : -magnitude;
  }
  return out;
}

function report(op: string, kappa: number): void {
  if (!(kappa > WARN_ABOVE)) return;
  const lost = Math.round(Math.log10(kappa));
  const digits =
    lost >= 16
      ? "the result may have no correct digit"
      : `about ${lost} of the 16 significant digits of the result may be wrong`;
  warn(
    op,
    `${op}: the matrix is close to singular: condition number ≈ ${kappa.toExponential(1)} (1-norm), so ${digits}. ` +
      "Check the matrix (dependent rows or columns, badly scaled units)",
  );
}
