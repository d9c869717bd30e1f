/**
 * Leading batch axes and broadcasting, undone in one place.
 *
 * Tangents and cotangents may carry extra leading axes (jacfwd/jacrev push a whole basis at
 * once, like JAX's vmap). Rules work on trailing axes; these helpers line a batched tangent up
 * with a broadcast output, and sum a cotangent back to its argument's shape.
 */
import { type Value, shapeOf } from "./value";
import { reshape } from "../ops/shape";
import { sum } from "../ops/reduce";

/** The leading (batch) axes of `t` beyond a primal of rank `primalRank`. */
export function leadingShape(t: Value, primalRank: number): number[] {
  const s = shapeOf(t);
  return s.slice(0, s.length - primalRank);
}

/** Inserts unit axes between the batch axes and the argument's axes so the tangent broadcasts like the argument did. */
export function alignTangent(t: Value, primalShape: readonly number[], outRank: number): Value {
  const lead = leadingShape(t, primalShape.length);
  // Stryker disable next-line ConditionalExpression,LogicalOperator,EqualityOperator: a shortcut: an argument's rank is at most the output's, so the reshape below then only adds leading unit axes, which broadcasting adds anyway
  if (lead.length === 0 || primalShape.length >= outRank) return t;
  const ones = new Array<number>(outRank - primalShape.length).fill(1);
  return reshape(t, [...lead, ...ones, ...primalShape]);
}

/**
 * Sums a cotangent of shape [...lead, ...broadcastShape] back to [...lead, ...primalShape]
 * (the adjoint of broadcasting), where `leadRank` is the number of batch axes.
 */
export function unbroadcast(ct: Value, leadRank: number, primalShape: readonly number[]): Value {
  const s = shapeOf(ct);
  const rest = s.slice(leadRank);
  // Stryker disable next-line ConditionalExpression,EqualityOperator,ArrowFunction: a shortcut: for equal shapes the general path sums no axis and reshapes to the same shape (and every() fails on shapes of different lengths anyway)
  if (rest.length === primalShape.length && rest.every((d, i) => d === primalShape[i])) return ct;
  const extra = rest.length - primalShape.length;
  // Stryker disable next-line all: an internal invariant: rules return cotangents of their argument's shape or a shape it broadcasts to (custom rules are checked for it)
  if (extra < 0) throw new Error(`internal: cotangent of shape [${s}] is smaller than its argument [${primalShape}]`);
  const axes: number[] = [];
  // Stryker disable next-line EqualityOperator: rest[rest.length] is undefined: no axis is added
  for (let i = 0; i < rest.length; i++) {
    // Stryker disable next-line ConditionalExpression: summing an axis of size 1 changes nothing
    if (i < extra || (primalShape[i - extra] === 1 && rest[i] !== 1)) axes.push(leadRank + i);
  }
  // Stryker disable next-line ConditionalExpression,EqualityOperator: a shortcut: a sum over no axes is the identity
  const summed = axes.length > 0 ? sum(ct, axes) : ct;
  return reshape(summed, [...s.slice(0, leadRank), ...primalShape]);
}
