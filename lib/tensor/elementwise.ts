/**
 * Elementwise kernels: map one tensor, zip two or three with NumPy broadcasting.
 * zip has fast paths for the common cases (same shape, a size-1 operand, a row repeated over
 * leading axes) and a strided walk for the rest; none allocates per element. Large tensors run a
 * per-callback copy of the loop (see ./specialize) so the callback is inlined.
 */
import { Tensor } from "./tensor";
import { broadcastShapes, broadcastStrides, sameShape, sizeOf } from "./shape";
import { SPECIALIZE_FROM, specialized } from "./specialize";
import { StridedWalk } from "./walk";
import { allocate } from "./alloc";

/**
 * Applies f to every element.
 * @example map(tensor([1, 4]), Math.sqrt) // Tensor([1, 2])
 */
export function map(x: Tensor, f: (v: number) => number): Tensor {
  const out = allocate(x.size);
  const loop = x.size < SPECIALIZE_FROM ? mapLoop : specialized(mapLoop, f.toString());
  loop(out, x.data, f);
  return new Tensor(out, x.shape);
}

function mapLoop(out: Float64Array, xd: Float64Array, f: (v: number) => number): void {
  for (let i = 0; i < xd.length; i++) out[i] = f(xd[i]);
}

/** How zipLoop reads its operands: which fast path applies, or the strided walk. */
type ZipMode = "same" | "scalarB" | "scalarA" | "tileB" | "tileA" | "walk";

const NO_AXES: readonly number[] = [];
/** A number operand's data: one scratch array per side, read only by the loop of the current call. */
const numberA = new Float64Array(1);
const numberB = new Float64Array(1);

/**
 * f applied pairwise after broadcasting a and b to a common shape; `op` names the caller in errors.
 * Either operand may be a plain number (a rank-0 operand that needs no tensor of its own).
 * @example zip(tensor([[1, 2], [3, 4]]), tensor([10, 20]), (x, y) => x + y, "add") // Tensor([[11, 22], [13, 24]])
 */
export function zip(a: Tensor | number, b: Tensor | number, f: (x: number, y: number) => number, op: string): Tensor {
  const as = typeof a === "number" ? NO_AXES : a.shape;
  const bs = typeof b === "number" ? NO_AXES : b.shape;
  if (typeof a === "number") numberA[0] = a;
  if (typeof b === "number") numberB[0] = b;
  const ad = typeof a === "number" ? numberA : a.data;
  const bd = typeof b === "number" ? numberB : b.data;
  const shape = sameShape(as, bs) ? as : broadcastShapes(as, bs, op);
  const out = allocate(sizeOf(shape));
  const n = out.length;
  // When an operand already has n elements, its data is in output order (it differs only by 1-dims).
  let mode: ZipMode = "walk";
  if (ad.length === n && bd.length === n) mode = "same";
  else if (bd.length === 1 && ad.length === n) mode = "scalarB";
  else if (ad.length === 1 && bd.length === n) mode = "scalarA";
  else if (ad.length === n && tilesTrailing(bs, shape)) mode = "tileB";
  else if (bd.length === n && tilesTrailing(as, shape)) mode = "tileA";
  const walk =
    mode === "walk" ? new StridedWalk(shape, [broadcastStrides(as, shape), broadcastStrides(bs, shape)]) : null;
  const loop = n < SPECIALIZE_FROM ? zipLoop : specialized(zipLoop, f.toString());
  loop(out, ad, bd, f, mode, walk);
  return new Tensor(out, shape);
}

function zipLoop(
  out: Float64Array,
  ad: Float64Array,
  bd: Float64Array,
  f: (x: number, y: number) => number,
  mode: ZipMode,
  walk: StridedWalk | null,
): void {
  const n = out.length;
  if (mode === "same") {
    for (let i = 0; i < n; i++) out[i] = f(ad[i], bd[i]);
  } else if (mode === "scalarB") {
    const y = bd[0];
    for (let i = 0; i < n; i++) out[i] = f(ad[i], y);
  } else if (mode === "scalarA") {
    const x = ad[0];
    for (let i = 0; i < n; i++) out[i] = f(x, bd[i]);
  } else if (mode === "tileB") {
    const m = bd.length;
    for (let i = 0; i < n; i += m) for (let j = 0; j < m; j++) out[i + j] = f(ad[i + j], bd[j]);
  } else if (mode === "tileA") {
    const m = ad.length;
    for (let i = 0; i < n; i += m) for (let j = 0; j < m; j++) out[i + j] = f(ad[j], bd[i + j]);
  } else if (walk !== null) {
    const inner = walk.inner;
    const sa = walk.innerStrides[0];
    const sb = walk.innerStrides[1];
    const offsets = walk.offsets;
    for (let o = 0; o < n; o += inner, walk.next()) {
      for (let j = 0, ia = offsets[0], ib = offsets[1]; j < inner; j++, ia += sa, ib += sb)
        out[o + j] = f(ad[ia], bd[ib]);
    }
  }
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
  const shape = broadcastShapes(broadcastShapes(c.shape, a.shape, op), b.shape, op);
  const out = allocate(sizeOf(shape));
  const walk = new StridedWalk(
    shape,
    [c.shape, a.shape, b.shape].map((s) => broadcastStrides(s, shape)),
  );
  const loop = out.length < SPECIALIZE_FROM ? zip3Loop : specialized(zip3Loop, f.toString());
  loop(out, c.data, a.data, b.data, f, walk);
  return new Tensor(out, shape);
}

function zip3Loop(
  out: Float64Array,
  cd: Float64Array,
  ad: Float64Array,
  bd: Float64Array,
  f: (c: number, x: number, y: number) => number,
  walk: StridedWalk,
): void {
  const inner = walk.inner;
  const sc = walk.innerStrides[0];
  const sa = walk.innerStrides[1];
  const sb = walk.innerStrides[2];
  const offsets = walk.offsets;
  for (let o = 0; o < out.length; o += inner, walk.next()) {
    for (let j = 0, ic = offsets[0], ia = offsets[1], ib = offsets[2]; j < inner; j++, ic += sc, ia += sa, ib += sb) {
      out[o + j] = f(cd[ic], ad[ia], bd[ib]);
    }
  }
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
