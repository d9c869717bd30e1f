/**
 * Reductions over axes (sum, max), the argmax mask of max's derivative, and sumToShape,
 * which undoes broadcasting by summing a gradient back to an operand's shape.
 * Axes given to these functions are already normalized (see normalizeAxes).
 */
import { ShapeError } from "./errors";
import { Tensor } from "./tensor";
import { broadcastShapes, broadcastStrides, checkShape, formatShape, sameShape, sizeOf, stridesOf } from "./shape";
import { StridedWalk } from "./walk";
import { allocate } from "./alloc";

/**
 * Sum over `axes` (sorted, distinct, non-negative); keepdims leaves them as length-1 axes.
 * @example sumAxes(tensor([[1, 2], [3, 4]]), [1], false) // Tensor([3, 7])
 */
export function sumAxes(x: Tensor, axes: readonly number[], keepdims: boolean): Tensor {
  if (axes.length === 0) return x;
  const kept = keptShape(x.shape, axes, "sum");
  const xd = x.data;
  const out = allocate(sizeOf(kept));
  const reduced = xd.length / Math.max(out.length, 1);
  if (isSuffix(axes, x.rank)) {
    // Each output is the sum of one contiguous block: a tight loop with a local accumulator.
    for (let i = 0, at = 0; i < out.length; i++) {
      let acc = 0;
      for (let end = at + reduced; at < end; at++) acc += xd[at];
      out[i] = acc;
    }
  } else {
    // Walk x in order; the output is read with stride 0 along the reduced axes, so it accumulates.
    const walk = new StridedWalk(x.shape, [stridesOf(x.shape), broadcastStrides(kept, x.shape)]);
    const {
      inner,
      innerStrides: [, so],
      offsets,
    } = walk;
    for (let ix = 0; ix < xd.length; walk.next()) {
      for (let j = 0, io = offsets[1]; j < inner; j++, io += so) out[io] += xd[ix++];
    }
  }
  return new Tensor(out, keepdims ? kept : dropAxes(x.shape, axes));
}

/**
 * Maximum over `axes`; NaN wins (a slice containing NaN has max NaN). Empty slices throw.
 * @example maxAxes(tensor([[1, 5], [3, 4]]), [0], true) // Tensor([[3, 5]])
 */
export function maxAxes(x: Tensor, axes: readonly number[], keepdims: boolean): Tensor {
  if (axes.length === 0) return x;
  const at = argmaxIndices(x, axes, "max");
  const out = allocate(at.length);
  for (let i = 0; i < at.length; i++) out[i] = x.data[at[i]];
  return new Tensor(out, keepdims ? keptShape(x.shape, axes, "max") : dropAxes(x.shape, axes));
}

/**
 * 0/1 tensor of x's shape with a single 1 per reduced slice, at the FIRST position attaining the
 * max (NaN counts as the max): max's rules send the whole derivative there (through the primitive
 * argmaxMask of lib/ops/reduce.ts, which jit traces).
 * @example argmaxMask(tensor([[2, 7, 7]]), [1]) // Tensor([[0, 1, 0]])
 */
export function argmaxMask(x: Tensor, axes: readonly number[]): Tensor {
  const mask = allocate(x.size);
  if (axes.length === 0) return new Tensor(mask.fill(1), x.shape);
  const at = argmaxIndices(x, axes, "argmaxMask");
  for (let i = 0; i < at.length; i++) mask[at[i]] = 1;
  return new Tensor(mask, x.shape);
}

/**
 * Undoes broadcasting: sums x over its extra leading axes and over axes where `shape` has 1,
 * giving a tensor of `shape` (which must broadcast to x.shape).
 * @example sumToShape(tensor([[1, 2], [3, 4]]), [1, 2]) // Tensor([[4, 6]])
 */
export function sumToShape(x: Tensor, shape: readonly number[]): Tensor {
  if (sameShape(x.shape, shape)) return x;
  checkShape(shape, "sumToShape");
  const lead = x.rank - shape.length;
  if (lead < 0 || !sameShape(broadcastShapes(shape, x.shape, "sumToShape"), x.shape)) {
    throw new ShapeError(
      `sumToShape: shape ${formatShape(shape)} does not broadcast to ${formatShape(x.shape)}, so x cannot be summed to it`,
    );
  }
  const axes: number[] = [];
  for (let d = 0; d < x.rank; d++) if (d < lead || (shape[d - lead] === 1 && x.shape[d] !== 1)) axes.push(d);
  return new Tensor(sumAxes(x, axes, true).data, shape);
}

/**
 * Flat index into x of the first maximum of each reduced slice, in output (kept-shape) order.
 * The comparison `!isNaN(best) && !(v <= best)` takes v when it is larger or NaN, and never
 * leaves a NaN once found, so the first NaN (or else the first largest value) is kept.
 */
function argmaxIndices(x: Tensor, axes: readonly number[], op: string): Int32Array {
  const kept = keptShape(x.shape, axes, op);
  const xd = x.data;
  const at = new Int32Array(sizeOf(kept));
  if (at.length === 0) return at;
  const reduced = xd.length / at.length;
  if (reduced === 0) {
    throw new ShapeError(
      `${op}: cannot reduce empty axes ${formatShape(axes)} of shape ${formatShape(x.shape)} (no identity)`,
    );
  }
  if (isSuffix(axes, x.rank)) {
    for (let i = 0, start = 0; i < at.length; i++, start += reduced) {
      let best = xd[start];
      let bestAt = start;
      for (let k = start + 1; k < start + reduced; k++) {
        const v = xd[k];
        if (!Number.isNaN(best) && !(v <= best)) {
          best = v;
          bestAt = k;
        }
      }
      at[i] = bestAt;
    }
    return at;
  }
  const best = allocate(at.length);
  at.fill(-1);
  const walk = new StridedWalk(x.shape, [stridesOf(x.shape), broadcastStrides(kept, x.shape)]);
  const {
    inner,
    innerStrides: [, so],
    offsets,
  } = walk;
  for (let ix = 0; ix < xd.length; walk.next()) {
    for (let j = 0, io = offsets[1]; j < inner; j++, io += so, ix++) {
      const v = xd[ix];
      const b = best[io];
      if (at[io] < 0 || (!Number.isNaN(b) && !(v <= b))) {
        best[io] = v;
        at[io] = ix;
      }
    }
  }
  return at;
}

/** x's shape with the reduced axes set to 1 (keepdims shape); checks the axes are valid. */
function keptShape(shape: readonly number[], axes: readonly number[], op: string): number[] {
  const kept = shape.slice();
  let previous = -1;
  for (const a of axes) {
    if (!Number.isInteger(a) || a <= previous || a >= shape.length) {
      throw new ShapeError(
        `${op}: axes ${formatShape(axes)} must be sorted, distinct and within rank ${shape.length} (use normalizeAxes)`,
      );
    }
    kept[a] = 1;
    previous = a;
  }
  return kept;
}

function dropAxes(shape: readonly number[], axes: readonly number[]): number[] {
  return shape.filter((_, d) => axes.indexOf(d) < 0);
}

/** True when axes are exactly the last axes.length axes, i.e. each reduced slice is contiguous. */
function isSuffix(axes: readonly number[], rank: number): boolean {
  return axes[0] === rank - axes.length;
}
