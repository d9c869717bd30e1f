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
import type { Mat } from "./mat";
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
    const z = luSolve(f, y.map((v) => (v >= 0 ? 1 : -1)), true);
    let j = 0;
    for (let i = 1; i < n; i++) if (Math.abs(z[i]) > Math.abs(z[j])) j = i;
    const zx = z.reduce((s, v, i) => s + v * x[i], 0);
    if (iteration > 0 && Math.abs(z[j]) <= zx) break;
    x = new Float64Array(n);
    x[j] = 1;
  }
  const alternating = Float64Array.from({ length: n }, (_, i) => (i % 2 === 0 ? 1 : -1) * (1 + (n > 1 ? i / (n - 1) : 0)));
  return Math.max(estimate, (2 * sumAbs(luSolve(f, alternating))) / (3 * n));
}

/**
 * Warns (once per call site, see core/warnings.ts) when κ₁(A) = ‖A‖₁ ‖A⁻¹‖₁ says the result of
 * `op` may have fewer than 4 correct digits; `inverseNorm` gives ‖A⁻¹‖₁, exact or estimated,
 * and is not called while warnings are silenced (the estimate costs a few solves).
 * @example warnIfIllConditioned("solve", a, () => inverseNorm1(factors))
 */
export function warnIfIllConditioned(op: string, a: Mat, inverseNorm: () => number): void {
  if (!warningsHeard()) return;
  const kappa = norm1(a) * inverseNorm();
  if (!(kappa > WARN_ABOVE)) return;
  const lost = Math.round(Math.log10(kappa));
  const digits = lost >= 16 ? "the result may have no correct digit" : `about ${lost} of the 16 significant digits of the result may be wrong`;
  warn(
    op,
    `${op}: the matrix is close to singular: condition number ≈ ${kappa.toExponential(1)} (1-norm), so ${digits}. ` +
      "Check the matrix (dependent rows or columns, badly scaled units)",
  );
}
