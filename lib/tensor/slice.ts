/**
 * Basic slicing with Python semantics (start:stop:step per axis, negative indices and steps)
 * and its adjoint, which scatters a gradient back into zeros of the input's shape.
 */
import { DomainError, ShapeError } from "./errors";
import { Tensor } from "./tensor";
import { checkShape, formatShape, stridesOf } from "./shape";
import { StridedWalk } from "./walk";
import { allocate } from "./alloc";

/**
 * A normalized slice of one axis: indices start, start+step, … strictly before stop.
 * For a negative step, stop may be -1, meaning "through index 0".
 */
export interface SliceSpec {
  start: number;
  stop: number;
  step: number;
}

/**
 * Python's slice.indices(dim): fills defaults, resolves negative indices and clamps to the axis.
 * @example normalizeSlice(5, undefined, undefined, -1) // { start: 4, stop: -1, step: -1 }
 */
export function normalizeSlice(dim: number, start?: number, stop?: number, step = 1): SliceSpec {
  for (const [name, v] of [
    ["start", start],
    ["stop", stop],
    ["step", step],
  ] as const) {
    if (v !== undefined && !Number.isInteger(v))
      throw new DomainError(`slice: ${name} must be an integer, got ${String(v)}`);
  }
  if (step === 0) throw new DomainError("slice: step must be non-zero");
  // With a negative step the walk goes down, so the lowest useful bound is -1 ("past index 0").
  const [low, high] = step > 0 ? [0, dim] : [-1, dim - 1];
  const resolve = (i: number | undefined, fallback: number) => {
    if (i === undefined) return fallback;
    const j = i < 0 ? i + dim : i;
    return Math.min(Math.max(j, low), high);
  };
  return step > 0
    ? { start: resolve(start, 0), stop: resolve(stop, dim), step }
    : { start: resolve(start, dim - 1), stop: resolve(stop, -1), step };
}

/**
 * Number of indices a normalized slice selects.
 * @example sliceLength({ start: 4, stop: -1, step: -2 }) // 3 (4, 2, 0)
 */
export function sliceLength(spec: SliceSpec): number {
  const { start, stop, step } = spec;
  return Math.max(0, Math.ceil((stop - start) / step));
}

/**
 * Slices the leading axes of x, one spec per axis (axes without a spec are kept whole).
 * @example slice(tensor([1, 2, 3, 4]), [normalizeSlice(4, undefined, undefined, -2)]) // Tensor([4, 2])
 */
export function slice(x: Tensor, specs: readonly SliceSpec[]): Tensor {
  const { shape, strides, base } = sliceLayout(x.shape, specs, "slice");
  const xd = x.data;
  const out = allocate(shape.reduce((a, b) => a * b, 1));
  const walk = new StridedWalk(shape, [strides], [base]);
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
 * Adjoint of slice: zeros of inputShape with g written where slice(·, specs) reads.
 * So <slice(x, specs), g> = <x, sliceAdjoint(g, x.shape, specs)>.
 * @example sliceAdjoint(tensor([7]), [3], [normalizeSlice(3, 1, 2)]) // Tensor([0, 7, 0])
 */
export function sliceAdjoint(g: Tensor, inputShape: readonly number[], specs: readonly SliceSpec[]): Tensor {
  checkShape(inputShape, "sliceAdjoint");
  const { shape, strides, base } = sliceLayout(inputShape, specs, "sliceAdjoint");
  if (g.rank !== shape.length || !g.shape.every((d, i) => d === shape[i])) {
    throw new ShapeError(
      `sliceAdjoint: g has shape ${formatShape(g.shape)} but the slice of ${formatShape(inputShape)} has shape ${formatShape(shape)}`,
    );
  }
  const gd = g.data;
  const out = allocate(inputShape.reduce((a, b) => a * b, 1));
  const walk = new StridedWalk(shape, [strides], [base]);
  const {
    inner,
    innerStrides: [so],
    offsets,
  } = walk;
  for (let i = 0; i < gd.length; walk.next()) {
    for (let j = 0, io = offsets[0]; j < inner; j++, io += so) out[io] = gd[i++];
  }
  return new Tensor(out, inputShape);
}

/** Shape of the slice, and the strides and start offset that read it out of the input. */
function sliceLayout(inputShape: readonly number[], specs: readonly SliceSpec[], op: string) {
  if (specs.length > inputShape.length) {
    throw new ShapeError(
      `${op}: ${specs.length} slice specs for shape ${formatShape(inputShape)} of rank ${inputShape.length}`,
    );
  }
  const inStrides = stridesOf(inputShape);
  const shape = inputShape.slice();
  const strides = inStrides.slice();
  let base = 0;
  specs.forEach((spec, d) => {
    const { start, step } = spec;
    const n =
      Number.isInteger(start) && Number.isInteger(spec.stop) && Number.isInteger(step) && step !== 0
        ? sliceLength(spec)
        : -1;
    const last = start + (n - 1) * step;
    if (n < 0 || (n > 0 && (start < 0 || start >= inputShape[d] || last < 0 || last >= inputShape[d]))) {
      throw new ShapeError(
        `${op}: spec ${JSON.stringify(spec)} on axis ${d} of ${formatShape(inputShape)} is not normalized (use normalizeSlice)`,
      );
    }
    shape[d] = n;
    strides[d] = inStrides[d] * step;
    base += n > 0 ? start * inStrides[d] : 0;
  });
  return { shape, strides, base };
}
