/**
 * Stacks of matrices. Like NumPy and JAX, every matrix function also takes [..., m, n]: it is
 * applied to each matrix of the stack (the batch axes of several arguments broadcast), and each
 * part of the result comes back with the batch axes in front. Built from adlab's own reshape,
 * unstack and stack, so every transformation, at every order, sees ordinary operations.
 */
import { ShapeError } from "../../tensor/errors";
import { broadcastShapes, formatShape } from "../../tensor/shape";
import { type Value, shapeOf } from "../../core/value";
import { flatten } from "../../core/tree";
import { broadcastTo, reshape, stack, unstack } from "../../ops/shape";

/** True when a matrix argument carries batch axes (rank above 2). */
export function isStack(a: Value): boolean {
  return shapeOf(a).length > 2;
}

/**
 * `fn` applied to matching items of `args`: the last `coreRanks[k]` axes of argument k are what
 * `fn` takes, the axes before them broadcast. `fn` returns a value, or an array or object of
 * them; each comes back stacked to [...batch, ...its shape].
 * @example overStack("det", [ones([5, 3, 3])], [2], det)  // a [5] tensor of zeros
 */
export function overStack<R>(
  op: string,
  args: readonly Value[],
  coreRanks: readonly number[],
  fn: (...items: Value[]) => R,
): R {
  const shapes = args.map(shapeOf);
  const batches = shapes.map((s, k) => s.slice(0, s.length - coreRanks[k]));
  const what = `${op} (batch axes of ${shapes.map(formatShape).join(" and ")})`;
  const batch = batches.reduce<number[]>((acc, b) => broadcastShapes(acc, b, what), []);
  const size = batch.reduce((p, d) => p * d, 1);
  if (size === 0) throw new ShapeError(`${op}: the batch axes ${formatShape(batch)} hold no matrix`);
  const items = args.map((a, k) => {
    const core = shapes[k].slice(batches[k].length);
    return unstack(reshape(broadcastTo(a, [...batch, ...core]), [size, ...core]));
  });
  // Stryker disable next-line StringLiteral: fn is one of adlab's own functions: its results always flatten
  const results = items[0].map((_, i) => flatten(fn(...items.map((it) => it[i])), `${op} result`));
  const parts = results[0].leaves.map((leaf, j) =>
    reshape(stack(results.map((r) => r.leaves[j])), [...batch, ...shapeOf(leaf)]),
  );
  return results[0].rebuild(parts);
}
