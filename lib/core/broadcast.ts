/**
 * Broadcasting and its adjoint, as two primitives that are each other's transpose.
 *
 * `expand` repeats x of shape [...lead, ...from] into [...lead, ...to], where `from` broadcasts to
 * `to` NumPy-style (aligned at the right; missing and size-1 axes are repeated). `unbroadcast`
 * sums [...lead, ...to] back to [...lead, ...from]. Both are linear, so each one's JVP is itself
 * and its VJP is the other (tinygrad's EXPAND rule; autograd's `unbroadcast`). The leading axes
 * `lead` are whatever the value carries beyond `from` or `to` — the batch of directions that
 * jacfwd and jacrev push at once — so the same two rules serve batched tangents unchanged.
 *
 * The reverse engine calls `unbroadcast` once per step: a rule may answer with a cotangent of its
 * output's shape, and the engine sums it back to each argument's shape. So no rule undoes
 * broadcasting itself.
 */
import type { Tensor } from "../tensor/tensor";
import { broadcastTo as expandTensor, reshape as reshapeTensor } from "../tensor/layout";
import { sumAxes } from "../tensor/reduce";
import { sameShape, formatShape } from "../tensor/shape";
import { asTensor } from "../tensor/create";
import { definePrimitive, bind } from "./primitive";
import type { Value } from "./value";

interface Shapes {
  /** The trailing shape of the argument. */
  readonly from: readonly number[];
  /** The trailing shape of the result. */
  readonly to: readonly number[];
}

// d expand(x) = expand(dx);  the adjoint of repeating is summing the repeats
const expandP = definePrimitive<Shapes>({
  name: "broadcastTo",
  impl([x], { from, to }) {
    const t = asTensor(x);
    const lead = t.shape.slice(0, t.rank - from.length);
    const ones = new Array<number>(to.length - from.length).fill(1);
    return expandTensor(reshapeTensor(t, [...lead, ...ones, ...from]), [...lead, ...to]);
  },
  jvp: (_x, [dx], _out, shapes) => expand(dx!, shapes.from, shapes.to),
  vjp: (g, _x, _out, { from, to }) => [unbroadcast(g, to, from)],
});

// d unbroadcast(x) = unbroadcast(dx);  the adjoint of summing the repeats is repeating
const unbroadcastP = definePrimitive<Shapes>({
  name: "unbroadcast",
  impl([x], { from, to }) {
    const t = asTensor(x);
    const leadRank = t.rank - from.length;
    const extra = from.length - to.length;
    const axes: number[] = [];
    for (let i = 0; i < from.length; i++) {
      if (i < extra || (to[i - extra] === 1 && from[i] !== 1)) axes.push(leadRank + i);
    }
    const summed: Tensor = axes.length > 0 ? sumAxes(t, axes, false) : t;
    return reshapeTensor(summed, [...t.shape.slice(0, leadRank), ...to]);
  },
  jvp: (_x, [dx], _out, shapes) => unbroadcast(dx!, shapes.from, shapes.to),
  vjp: (g, _x, _out, { from, to }) => [expand(g, to, from)],
});

/**
 * Broadcasts x, of shape [...lead, ...from], to [...lead, ...to]. The caller has checked that
 * `from` broadcasts to `to`.
 * @example expand(tensor([1, 2]), [2], [3, 2]).shape  // [3, 2]
 */
export function expand(x: Value, from: readonly number[], to: readonly number[]): Value {
  return sameShape(from, to) ? x : bind(expandP, [x], { from: [...from], to: [...to] });
}

/**
 * Sums ct, of shape [...lead, ...from], back to [...lead, ...to]: over the axes broadcasting
 * added in front and the axes where `to` has size 1.
 * @example unbroadcast(ones([3, 2]), [3, 2], [1, 2])  // [[3, 3]]
 */
export function unbroadcast(ct: Value, from: readonly number[], to: readonly number[]): Value {
  if (sameShape(from, to)) return ct;
  if (from.length < to.length) {
    throw new Error(`internal: unbroadcast from ${formatShape(from)} to the larger ${formatShape(to)}`);
  }
  return bind(unbroadcastP, [ct], { from: [...from], to: [...to] });
}
