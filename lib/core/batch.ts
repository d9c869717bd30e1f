/**
 * Leading batch axes. Tangents and cotangents may carry extra leading axes (jacfwd and jacrev
 * push a whole basis at once, like JAX's vmap); rules work on the trailing axes, the primal's.
 */
import { type Value, shapeOf } from "./value";

/** The leading (batch) axes of `t` beyond a primal of rank `primalRank`. */
export function leadingShape(t: Value, primalRank: number): number[] {
  const s = shapeOf(t);
  return s.slice(0, s.length - primalRank);
}
