/**
 * Taking entries along one axis by index (gather) and its adjoint (scatterAdd), the pair behind
 * indexing, embedding lookups and one-hot style selection.
 */
import { ShapeError } from "./errors";
import { Tensor } from "./tensor";
import { checkShape, formatShape, normalizeAxis, sizeOf } from "./shape";
import { allocate } from "./alloc";

/**
 * Entries of x at `indices` along `axis` (negative indices count from the end; repeats allowed).
 * @example gather(tensor([[1, 2], [3, 4]]), [1, 1, 0], 0) // Tensor([[3, 4], [3, 4], [1, 2]])
 */
export function gather(x: Tensor, indices: readonly number[] | Int32Array, axis: number): Tensor {
  const { outer, n, inner, at, shape } = gatherLayout(x.shape, indices, axis, "gather");
  const xd = x.data;
  const out = allocate(sizeOf(shape));
  const k = at.length;
  for (let o = 0, dst = 0; o < outer; o++) {
    for (let t = 0; t < k; t++) {
      for (let j = 0, src = (o * n + at[t]) * inner; j < inner; j++) out[dst++] = xd[src + j];
    }
  }
  return new Tensor(out, shape);
}

/**
 * Adjoint of gather: zeros of inputShape with g's slices added at `indices` along `axis`
 * (repeated indices accumulate). So <gather(x, i, a), g> = <x, scatterAdd(g, i, a, x.shape)>.
 * @example scatterAdd(tensor([1, 2, 3]), [0, 0, 2], 0, [3]) // Tensor([3, 0, 3])
 */
export function scatterAdd(
  g: Tensor,
  indices: readonly number[] | Int32Array,
  axis: number,
  inputShape: readonly number[],
): Tensor {
  checkShape(inputShape, "scatterAdd");
  const { outer, n, inner, at, shape } = gatherLayout(inputShape, indices, axis, "scatterAdd");
  if (g.rank !== shape.length || !g.shape.every((d, i) => d === shape[i])) {
    throw new ShapeError(
      `scatterAdd: g has shape ${formatShape(g.shape)}, expected ${formatShape(shape)} (gather of ${formatShape(inputShape)} along axis ${axis})`,
    );
  }
  const gd = g.data;
  const out = allocate(sizeOf(inputShape));
  const k = at.length;
  for (let o = 0, src = 0; o < outer; o++) {
    for (let t = 0; t < k; t++) {
      for (let j = 0, dst = (o * n + at[t]) * inner; j < inner; j++) out[dst + j] += gd[src++];
    }
  }
  return new Tensor(out, inputShape);
}

/** Views the input as [outer, n, inner] around `axis`; checks and wraps the indices. */
function gatherLayout(
  inputShape: readonly number[],
  indices: readonly number[] | Int32Array,
  axis: number,
  op: string,
) {
  if (inputShape.length === 0) throw new ShapeError(`${op}: cannot index a rank-0 tensor`);
  const a = normalizeAxis(axis, inputShape.length, op);
  const n = inputShape[a];
  const at = new Int32Array(indices.length);
  for (let t = 0; t < indices.length; t++) {
    const i = indices[t];
    if (!Number.isInteger(i) || i < -n || i >= n) {
      throw new ShapeError(
        `${op}: index ${String(i)} at position ${t} is out of bounds for axis ${a} of size ${n} in ${formatShape(inputShape)}`,
      );
    }
    at[t] = i < 0 ? i + n : i;
  }
  const shape = inputShape.slice();
  shape[a] = at.length;
  return { outer: sizeOf(inputShape.slice(0, a)), n, inner: sizeOf(inputShape.slice(a + 1)), at, shape };
}
