/**
 * The matrix F that the eigh and SVD rules share: F_ij = 1 / gap_ij for i != j, where the gap is
 * between two eigenvalues (eigh) or two squared singular values (SVD):
 *
 *   eigh:  F_ij = 1 / (λ_j - λ_i)        (M. Giles, "An extended collection of matrix derivative
 *                                          results for forward and reverse mode AD" (2008), §3.1)
 *   SVD:   F_ij = 1 / (s_j^2 - s_i^2)    (J. Townsend, "Differentiating the Singular Value
 *                                          Decomposition" (2016))
 *
 * F_ij is 0 on the diagonal and wherever the gap is below GAP_TOLERANCE relative to the spectrum's
 * scale: at a repeated value the eigen- or singular vectors are not unique and their derivative is
 * undefined, so the rules drop those terms instead of returning Infinity or NaN.
 */
import { type Value, undifferentiated } from "../../core/value";
import { add, div, gt, maximum, mul, sub } from "../../ops/arith";
import { abs } from "../../ops/math";
import { getItem, reshape, where } from "../../ops/shape";

/** Gap, relative to the spectrum's scale (max|λ|, or s_max^2), below which two values count as repeated. */
export const GAP_TOLERANCE = 1e-12;

/**
 * 1 / gap where |gap| > GAP_TOLERANCE scale, else 0 (the inner where keeps 1 / 0 out of the graph). The test is
 * made with adlab's comparisons and `where`, not in JavaScript, so jit traces it (the scale is a value too).
 */
function inverseAbove(gap: Value, scale: Value): Value {
  const distinct = gt(abs(gap), mul(GAP_TOLERANCE, scale));
  return where(distinct, div(1, where(distinct, gap, 1)), 0);
}

/**
 * The entry `i` of a spectrum, not differentiated (it only sets a tolerance): a number, or under jit a staged value.
 * @example spectrumEntry(tensor([3, 1]), 0)  // 3
 */
export function spectrumEntry(values: Value, i: number): Value {
  return getItem(undifferentiated(values), i);
}

/** F_ij = 1 / (λ_j - λ_i) for the n ascending eigenvalues `values`, 0 on the diagonal and below tolerance. */
export function eigenGapInverse(values: Value, n: number): Value {
  // Stryker disable next-line ConditionalExpression: for n = 0 the gaps are empty, whatever the scale
  const big = n === 0 ? 0 : maximum(abs(spectrumEntry(values, 0)), abs(spectrumEntry(values, n - 1)));
  return inverseAbove(sub(reshape(values, [1, n]), reshape(values, [n, 1])), big);
}

/**
 * F_ij = 1 / (s_j^2 - s_i^2) for the k descending singular values `s`, 0 on the diagonal and below
 * tolerance. The gap is formed as (s_j - s_i)(s_j + s_i): squaring first would round away the gap
 * between close values.
 */
export function singularGapInverse(s: Value, k: number): Value {
  const big = k === 0 ? 0 : spectrumEntry(s, 0);
  const gap = mul(sub(reshape(s, [1, k]), reshape(s, [k, 1])), add(reshape(s, [1, k]), reshape(s, [k, 1])));
  return inverseAbove(gap, mul(big, big));
}
