/**
 * Layout ops: they move or repeat elements without arithmetic — reshape, transpose, broadcastTo,
 * concat, stack — and re-export slicing (./slice) and gathering (./gather), so every layout op
 * can be imported from here.
 */
import { ShapeError } from "./errors";
import { Tensor } from "./tensor";
import { broadcastStrides, checkShape, formatShape, normalizeAxis, sameShape, sizeOf, stridesOf } from "./shape";
import { StridedWalk } from "./walk";
import { allocate } from "./alloc";

export { normalizeSlice, slice, sliceAdjoint, sliceLength } from "./slice";
export type { SliceSpec } from "./slice";
export { gather, scatterAdd } from "./gather";

/**
 * Same data, new shape of the same size; one dim may be -1 (inferred). The result shares x's data.
 * @example reshape(arange(6), [2, -1]).shape // [2, 3]
 */
export function reshape(x: Tensor, shape: readonly number[]): Tensor {
  const fail = (why: string) =>
    new ShapeError(`reshape: cannot reshape ${formatShape(x.shape)} into ${formatShape(shape)}: ${why}`);
  const inferAt = shape.indexOf(-1);
  if (inferAt !== shape.lastIndexOf(-1)) throw fail("only one dim may be -1");
  const known = shape.filter((_, i) => i !== inferAt);
  checkShape(known, "reshape");
  const knownSize = sizeOf(known);
  const resolved = shape.slice();
  if (inferAt >= 0) {
    if (knownSize === 0 || x.size % knownSize !== 0) throw fail(`size ${x.size} is not a multiple of ${knownSize}`);
    resolved[inferAt] = x.size / knownSize;
  } else if (knownSize !== x.size) {
    throw fail(`sizes ${x.size} and ${knownSize} differ`);
  }
  return sameShape(resolved, x.shape) ? x : new Tensor(x.data, resolved);
}

/**
 * Permutes axes: out axis i is x's axis perm[i]; by default the axes are reversed.
 * @example transpose(tensor([[1, 2, 3]])).shape // [3, 1]
 */
export function transpose(x: Tensor, perm?: readonly number[]): Tensor {
  const rank = x.rank;
  const order =
    perm === undefined ? x.shape.map((_, i) => rank - 1 - i) : perm.map((a) => normalizeAxis(a, rank, "transpose"));
  if (order.length !== rank || new Set(order).size !== rank) {
    throw new ShapeError(
      `transpose: ${formatShape(perm ?? [])} is not a permutation of the ${rank} axes of ${formatShape(x.shape)}`,
    );
  }
  if (order.every((a, i) => a === i)) return x;
  const shape = order.map((a) => x.shape[a]);
  const xd = x.data;
  const out = allocate(xd.length);
  if (rank === 2) {
    transpose2d(xd, out, x.shape[0], x.shape[1]);
  } else {
    const xStrides = stridesOf(x.shape);
    const walk = new StridedWalk(shape, [order.map((a) => xStrides[a])]);
    const {
      inner,
      innerStrides: [sx],
      offsets,
    } = walk;
    for (let o = 0; o < out.length; walk.next()) {
      for (let j = 0, ix = offsets[0]; j < inner; j++, ix += sx) out[o++] = xd[ix];
    }
  }
  return new Tensor(out, shape);
}

/**
 * Tile edge of the blocked 2-D transpose: 8 float64 fill one 64-byte cache line, so each line
 * read from x serves a whole tile row before it can be evicted.
 */
const TILE = 8;

/** out (n×m) = transpose of x (m×n), tile by tile; the innermost loop writes out contiguously. */
function transpose2d(x: Float64Array, out: Float64Array, m: number, n: number): void {
  for (let i0 = 0; i0 < m; i0 += TILE) {
    const i1 = Math.min(i0 + TILE, m);
    for (let j0 = 0; j0 < n; j0 += TILE) {
      const j1 = Math.min(j0 + TILE, n);
      for (let j = j0; j < j1; j++) {
        const row = j * m;
        for (let i = i0; i < i1; i++) out[row + i] = x[i * n + j];
      }
    }
  }
}

/**
 * Repeats x along new leading axes and along its length-1 axes to reach `shape` (NumPy rules).
 * @example broadcastTo(tensor([1, 2]), [2, 2]) // Tensor([[1, 2], [1, 2]])
 */
export function broadcastTo(x: Tensor, shape: readonly number[]): Tensor {
  checkShape(shape, "broadcastTo");
  if (sameShape(x.shape, shape)) return x;
  const fits = x.rank <= shape.length && x.shape.every((d, i) => d === 1 || d === shape[shape.length - x.rank + i]);
  if (!fits)
    throw new ShapeError(`broadcastTo: cannot broadcast shape ${formatShape(x.shape)} to ${formatShape(shape)}`);
  const xd = x.data;
  const out = allocate(sizeOf(shape));
  if (x.size === 1) return new Tensor(out.fill(xd[0]), shape);
  const walk = new StridedWalk(shape, [broadcastStrides(x.shape, shape)]);
  const {
    inner,
    innerStrides: [sx],
    offsets,
  } = walk;
  for (let o = 0; o < out.length; walk.next()) {
    for (let j = 0, ix = offsets[0]; j < inner; j++, ix += sx) out[o++] = xd[ix];
  }
  return new Tensor(out, shape);
}

/**
 * Joins tensors along an existing axis; all other dims must agree.
 * @example concat([tensor([[1, 2]]), tensor([[3, 4]])], 0) // Tensor([[1, 2], [3, 4]])
 */
export function concat(xs: readonly Tensor[], axis: number): Tensor {
  if (xs.length === 0) throw new ShapeError("concat: needs at least one tensor");
  const first = xs[0].shape;
  if (first.length === 0) throw new ShapeError("concat: cannot concatenate rank-0 tensors (use stack)");
  const a = normalizeAxis(axis, first.length, "concat");
  const agree = xs.every((x) => x.rank === first.length && x.shape.every((d, i) => i === a || d === first[i]));
  if (!agree) {
    throw new ShapeError(
      `concat: along axis ${axis}, shapes ${xs.map((x) => formatShape(x.shape)).join(", ")} must agree on every other axis`,
    );
  }
  const shape = first.slice();
  shape[a] = xs.reduce((total, x) => total + x.shape[a], 0);
  const out = allocate(sizeOf(shape));
  // View every tensor as [outer, block]: each outer index copies one contiguous block per tensor.
  const outer = sizeOf(first.slice(0, a));
  let at = 0;
  for (let o = 0; o < outer; o++) {
    for (const x of xs) {
      const block = x.size / outer;
      const xd = x.data;
      for (let j = 0, from = o * block; j < block; j++) out[at++] = xd[from + j];
    }
  }
  return new Tensor(out, shape);
}

/**
 * Joins same-shaped tensors along a new axis (which may be rank, i.e. last).
 * @example stack([tensor([1, 2]), tensor([3, 4])], 1) // Tensor([[1, 3], [2, 4]])
 */
export function stack(xs: readonly Tensor[], axis: number): Tensor {
  if (xs.length === 0) throw new ShapeError("stack: needs at least one tensor");
  const shape = xs[0].shape;
  if (!xs.every((x) => sameShape(x.shape, shape))) {
    throw new ShapeError(`stack: all shapes must be equal, got ${xs.map((x) => formatShape(x.shape)).join(", ")}`);
  }
  const a = normalizeAxis(axis, shape.length + 1, "stack");
  const expanded = [...shape.slice(0, a), 1, ...shape.slice(a)];
  return concat(
    xs.map((x) => reshape(x, expanded)),
    a,
  );
}
