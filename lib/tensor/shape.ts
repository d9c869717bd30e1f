/**
 * Shape arithmetic: sizes, row-major strides, NumPy broadcasting and axis normalization.
 * Shapes are plain arrays of non-negative integers; every function here is pure.
 */
import { ShapeError } from "./errors";

/**
 * Number of elements of a shape (1 for the rank-0 shape []).
 * @example sizeOf([3, 2]) // 6
 */
export function sizeOf(shape: readonly number[]): number {
  let size = 1;
  for (let i = 0; i < shape.length; i++) size *= shape[i];
  return size;
}

/**
 * Row-major (C order) strides in elements: the last axis moves fastest.
 * @example stridesOf([3, 2]) // [2, 1]
 */
export function stridesOf(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let stride = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = stride;
    stride *= shape[i];
  }
  return strides;
}

/**
 * True when two shapes are identical (same rank, same dims).
 * @example sameShape([2, 3], [2, 3]) // true
 */
export function sameShape(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * "[3, 2]": how every error message in the library prints a shape.
 * @example formatShape([3, 2]) // "[3, 2]"
 */
export function formatShape(shape: readonly number[]): string {
  return `[${shape.map(String).join(", ")}]`;
}

/** The most numbers one Float64Array can hold in V8 (2^32); beyond, it fails with "Invalid typed array length". */
export const MAX_ELEMENTS = 2 ** 32;

/**
 * Throws a ShapeError unless every dim is a non-negative integer, and a RangeError when a tensor
 * of this shape could not be allocated.
 * @example checkShape([2, -1], "zeros") // ShapeError: zeros: invalid shape [2, -1] ...
 */
export function checkShape(shape: readonly number[], op: string): void {
  if (!Array.isArray(shape))
    throw new ShapeError(
      `${op}: shape must be an array of dims, got ${typeof shape === "object" ? JSON.stringify(shape) : String(shape)}`,
    );
  let size = 1;
  for (let i = 0; i < shape.length; i++) {
    const d = shape[i];
    if (typeof d !== "number" || !Number.isInteger(d) || d < 0) {
      throw new ShapeError(
        `${op}: invalid shape ${formatShape(shape)}: dim ${i} is ${String(d)}, expected a non-negative integer`,
      );
    }
    size *= d;
  }
  if (size > MAX_ELEMENTS) throw tooLarge(shape, size, op);
}

function tooLarge(shape: readonly number[], size: number, op: string): RangeError {
  const gb = (size * 8) / 1e9;
  return new RangeError(
    `${op}: a result of shape ${formatShape(shape)} would hold ${size.toPrecision(3)} numbers (${gb.toPrecision(3)} GB), ` +
      `more than a tensor can (2^32 numbers); check the shapes`,
  );
}

/**
 * NumPy broadcasting: align shapes on the right; each pair of dims must be equal or one of them 1.
 * @example broadcastShapes([2, 1, 3], [4, 1], "add") // [2, 4, 3]
 */
export function broadcastShapes(a: readonly number[], b: readonly number[], op: string): number[] {
  const rank = Math.max(a.length, b.length);
  const out = new Array<number>(rank);
  for (let i = 1; i <= rank; i++) {
    const da = i <= a.length ? a[a.length - i] : 1;
    const db = i <= b.length ? b[b.length - i] : 1;
    if (da !== db && da !== 1 && db !== 1) {
      throw new ShapeError(`${op}: shapes ${formatShape(a)} and ${formatShape(b)} cannot be broadcast`);
    }
    out[rank - i] = da === 1 ? db : da;
  }
  const size = sizeOf(out);
  if (size > MAX_ELEMENTS) throw tooLarge(out, size, `${op} (broadcasting ${formatShape(a)} and ${formatShape(b)})`);
  return out;
}

/**
 * Strides that read an array of `shape` as if it had been broadcast to `outShape`:
 * one stride per output axis, 0 on axes the input lacks or has as 1 (so they repeat).
 * Assumes the shapes are broadcast-compatible.
 * @example broadcastStrides([3], [2, 3]) // [0, 1]
 */
export function broadcastStrides(shape: readonly number[], outShape: readonly number[]): number[] {
  const own = stridesOf(shape);
  const lead = outShape.length - shape.length;
  const strides = new Array<number>(outShape.length).fill(0);
  for (let i = 0; i < shape.length; i++) {
    if (shape[i] !== 1 || outShape[lead + i] === 1) strides[lead + i] = own[i];
  }
  return strides;
}

/**
 * Turns `axis` arguments into sorted, distinct, non-negative axes; undefined means all axes.
 * Negative axes count from the end. Out-of-range, non-integer or repeated axes throw.
 * @example normalizeAxes(-1, 3, "sum") // [2]
 */
export function normalizeAxes(axes: number | readonly number[] | undefined, rank: number, op: string): number[] {
  if (axes === undefined) {
    const all = new Array<number>(rank);
    for (let i = 0; i < rank; i++) all[i] = i;
    return all;
  }
  const list: readonly number[] = typeof axes === "number" ? [axes] : axes;
  if (!Array.isArray(list))
    throw new TypeError(`${op}: axis must be an integer or an array of integers, got ${typeof axes}`);
  const seen = new Array<boolean>(rank).fill(false);
  for (const axis of list) {
    const a = normalizeAxis(axis, rank, op);
    if (seen[a]) throw new ShapeError(`${op}: axis ${axis} is repeated in ${formatShape(list)}`);
    seen[a] = true;
  }
  const out: number[] = [];
  for (let i = 0; i < rank; i++) if (seen[i]) out.push(i);
  return out;
}

/**
 * One axis in [-rank, rank) made non-negative; throws a ShapeError naming op, axis and rank.
 * @example normalizeAxis(-1, 2, "concat") // 1
 */
export function normalizeAxis(axis: number, rank: number, op: string): number {
  if (typeof axis !== "number") throw new TypeError(`${op}: axis must be an integer, got ${typeof axis}`);
  if (!Number.isInteger(axis) || axis < -rank || axis >= rank) {
    throw new ShapeError(`${op}: axis ${String(axis)} is out of range for rank ${rank}`);
  }
  return axis < 0 ? axis + rank : axis;
}
