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
  if (rest.length === primalShape.length && rest.every((d, i) => d === primalShape[i])) return ct;
  const extra = rest.length - primalShape.length;
  if (extra < 0) throw new Error(`internal: cotangent of shape [${s}] is smaller than its argument [${primalShape}]`);
  const axes: number[] = [];
  for (let i = 0; i < rest.length; i++) {
    if (i < extra || (primalShape[i - extra] === 1 && rest[i] !== 1)) axes.push(leadRank + i);
  }
  const summed = axes.length > 0 ? sum(ct, axes) : ct;
  return reshape(summed, [...s.slice(0, leadRank), ...primalShape]);
}
