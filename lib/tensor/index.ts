/**
 * The numeric tensor layer (no autodiff): float64, row-major, contiguous tensors and the
 * kernels the AD engine builds on. Import everything from here.
 * @example
 *   import { tensor, zip } from "./lib/tensor";
 *   zip(tensor([1, 2]), tensor(10), (x, y) => x * y, "mul"); // Tensor([10, 20])
 */
export { ShapeError, DomainError } from "./errors";
export { Tensor, isTensor } from "./tensor";
export type { NestedArray } from "./tensor";
export {
  sizeOf,
  stridesOf,
  sameShape,
  broadcastShapes,
  broadcastStrides,
  normalizeAxes,
  normalizeAxis,
  formatShape,
  checkShape,
} from "./shape";
export { tensor, zeros, ones, full, eye, arange, linspace, scalar } from "./create";
export { Rng, rng, randn, rand } from "./random";
export { map, zip, zip3 } from "./elementwise";
export { sumAxes, maxAxes, argmaxMask, sumToShape } from "./reduce";
export {
  reshape,
  transpose,
  broadcastTo,
  normalizeSlice,
  sliceLength,
  slice,
  sliceAdjoint,
  concat,
  stack,
  gather,
  scatterAdd,
} from "./layout";
export type { SliceSpec } from "./layout";
export { formatTensor } from "./format";
export { StridedWalk } from "./walk";
export { allocate } from "./alloc";
