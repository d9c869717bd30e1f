/**
 * Elementwise kernels: map one tensor, zip two or three with NumPy broadcasting.
 * zip has fast paths for the common cases (same shape, a size-1 operand, a row repeated over
 * leading axes) and a strided walk for the rest; none allocates per element.
 */
import { Tensor } from "./tensor";
import { broadcastShapes, broadcastStrides, sameShape, sizeOf } from "./shape";
import { StridedWalk } from "./walk";

/**
 * Applies f to every element.
 * @example map(tensor([1, 4]), Math.sqrt) // Tensor([1, 2])
 */
export function map(x: Tensor, f: (v: number) => number): Tensor {
  const xd = x.data;
  const out = new Float64Array(xd.length);
  for (let i = 0; i < xd.length; i++) out[i] = f(xd[i]);
  return new Tensor(out, x.shape);
}

/**
 * f applied pairwise after broadcasting a and b to a common shape; `op` names the caller in errors.
 * @example zip(tensor([[1, 2], [3, 4]]), tensor([10, 20]), (x, y) => x + y, "add") // Tensor([[11, 22], [13, 24]])
 */
export function zip(a: Tensor, b: Tensor, f: (x: number, y: number) => number, op: string): Tensor {
  const ad = a.data;
  const bd = b.data;
  if (sameShape(a.shape, b.shape)) {
    const out = new Float64Array(ad.length);
    for (let i = 0; i < ad.length; i++) out[i] = f(ad[i], bd[i]);
    return new Tensor(out, a.shape);
  }
  const shape = broadcastShapes(a.shape, b.shape, op);
  const out = new Float64Array(sizeOf(shape));
  const n = out.length;
  if (n === 0) return new Tensor(out, shape);
  // When an operand already has n elements, its data is in output order (it differs only by 1-dims).
  if (b.size === 1 && a.size === n) {
    const y = bd[0];
    for (let i = 0; i < n; i++) out[i] = f(ad[i], y);
  } else if (a.size === 1 && b.size === n) {
    const x = ad[0];
    for (let i = 0; i < n; i++) out[i] = f(x, bd[i]);
  } else if (a.size === n && tilesTrailing(b.shape, shape)) {
    const m = b.size;
    for (let i = 0; i < n; i += m) for (let j = 0; j < m; j++) out[i + j] = f(ad[i + j], bd[j]);
  } else if (b.size === n && tilesTrailing(a.shape, shape)) {
    const m = a.size;
    for (let i = 0; i < n; i += m) for (let j = 0; j < m; j++) out[i + j] = f(ad[j], bd[i + j]);
  } else {
    const walk = new StridedWalk(shape, [broadcastStrides(a.shape, shape), broadcastStrides(b.shape, shape)]);
    const { inner, innerStrides: [sa, sb], offsets } = walk;
    for (let o = 0; o < n; o += inner, walk.next()) {
      for (let j = 0, ia = offsets[0], ib = offsets[1]; j < inner; j++, ia += sa, ib += sb) out[o + j] = f(ad[ia], bd[ib]);
    }
  }
  return new Tensor(out, shape);
}

/**
 * f applied to triples after broadcasting c, a and b together (the kernel of `where`).
 * @example zip3(tensor([1, 0]), tensor([1, 2]), scalar(9), (c, x, y) => (c ? x : y), "where") // Tensor([1, 9])
 */
export function zip3(
  c: Tensor,
  a: Tensor,
  b: Tensor,
  f: (c: number, x: number, y: number) => number,
  op: string,
): Tensor {
  const cd = c.data;
  const ad = a.data;
  const bd = b.data;
  if (sameShape(c.shape, a.shape) && sameShape(a.shape, b.shape)) {
    const out = new Float64Array(ad.length);
    for (let i = 0; i < ad.length; i++) out[i] = f(cd[i], ad[i], bd[i]);
    return new Tensor(out, a.shape);
  }
  const shape = broadcastShapes(broadcastShapes(c.shape, a.shape, op), b.shape, op);
  const out = new Float64Array(sizeOf(shape));
  const strides = [c.shape, a.shape, b.shape].map((s) => broadcastStrides(s, shape));
  const walk = new StridedWalk(shape, strides);
  const { inner, innerStrides: [sc, sa, sb], offsets } = walk;
  for (let o = 0; o < out.length; o += inner, walk.next()) {
    let ic = offsets[0];
    let ia = offsets[1];
    let ib = offsets[2];
    for (let j = 0; j < inner; j++, ic += sc, ia += sa, ib += sb) out[o + j] = f(cd[ic], ad[ia], bd[ib]);
  }
  return new Tensor(out, shape);
}

/** True when `small` (ignoring its leading 1s) equals the trailing axes of `shape`: its data repeats as one block. */
function tilesTrailing(small: readonly number[], shape: readonly number[]): boolean {
  let start = 0;
  while (start < small.length && small[start] === 1) start++;
  const rest = small.length - start;
  if (rest > shape.length) return false;
  for (let i = 0; i < rest; i++) if (small[start + i] !== shape[shape.length - rest + i]) return false;
  return true;
}
