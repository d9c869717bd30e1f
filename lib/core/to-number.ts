/**
 * A scalar result as a plain number. Operations return `Value` (a number, a Tensor, or a traced
 * value inside a transform), so `ad.max(ad.abs(e))` is typed `Value` even when it holds one number;
 * this reads that number with a check instead of a cast that would let a tensor or a tracer through.
 */
import { Tensor } from "../tensor/tensor";
import { Tracer, type Value } from "./value";
import { describe } from "./args";
import { formatShape } from "../tensor/shape";

/**
 * The number a scalar holds: a number, or a Tensor with exactly one entry (any shape: [], [1], [1, 1]).
 * Inside a transform a value is traced and has no fixed number: use ad.primal(x) to read its value.
 * @example ad.toNumber(ad.max(ad.tensor([1, 3, 2]))) // 3
 */
export function toNumber(x: Value): number {
  if (typeof x === "number") return x;
  if (x instanceof Tensor) {
    if (x.size !== 1)
      throw new TypeError(
        `toNumber: x has shape ${formatShape(x.shape)} (${x.size} entries); only a single entry is a number`,
      );
    return x.data[0];
  }
  if (x instanceof Tracer) {
    throw new TypeError(
      "toNumber: x is traced by a running transform (grad, jvp, ...) and has no fixed number; ad.primal(x) reads its current value",
    );
  }
  throw new TypeError(`toNumber: x must be a number or a one-entry Tensor, got ${describe(x)}`);
}
