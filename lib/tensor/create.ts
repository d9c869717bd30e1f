/**
 * Making tensors: from nested arrays or typed arrays, constant fills, identity, ranges.
 */
import { DomainError, ShapeError } from "./errors";
import { checkShape, formatShape, sizeOf } from "./shape";
import { type NestedArray, Tensor } from "./tensor";
import { allocate, copyOf } from "./alloc";

/**
 * A tensor from nested arrays, a flat array or a Float64Array (copied), optionally with a shape
 * for the flat data. A number gives a rank-0 tensor. Ragged arrays and non-numbers throw a
 * TypeError naming the position.
 * @example tensor([[1, 2], [3, 4]]); tensor([1, 2, 3, 4], [2, 2]); tensor(3).rank // 0
 */
export function tensor(x: NestedArray | Float64Array | readonly number[], shape?: readonly number[]): Tensor {
  const inferred = x instanceof Float64Array ? [x.length] : shapeOfNested(x as NestedArray);
  const data = x instanceof Float64Array ? copyOf(x) : flatten(x as NestedArray);
  if (shape === undefined) return new Tensor(data, inferred);
  checkShape(shape, "tensor");
  if (sizeOf(shape) !== data.length) {
    throw new ShapeError(`tensor: ${data.length} values do not fit shape ${formatShape(shape)}`);
  }
  return new Tensor(data, shape);
}

/** Shape of a nested array, checking every row has the same length as the first. */
function shapeOfNested(x: NestedArray): number[] {
  const shape: number[] = [];
  for (let level: NestedArray = x; Array.isArray(level); level = level[0]) {
    shape.push(level.length);
    if (level.length === 0) break;
  }
  checkNested(x, shape, []);
  return shape;
}

/** Throws a TypeError naming the first position where x departs from `shape`; `at` is the path so far. */
function checkNested(x: NestedArray, shape: readonly number[], at: number[]): void {
  const depth = at.length;
  if (depth === shape.length) {
    if (typeof x === "number") return;
    const kind = Array.isArray(x) ? "an array (ragged nesting)" : x === null ? "null" : `a ${typeof x}`;
    throw new TypeError(`tensor: element at ${formatShape(at)} is ${kind}, expected a number`);
  }
  if (!Array.isArray(x)) {
    const kind = typeof x === "number" ? "a number" : `a ${typeof x}`;
    throw new TypeError(
      `tensor: ragged array: entry at ${formatShape(at)} is ${kind}, expected an array of length ${shape[depth]}`,
    );
  }
  if (x.length !== shape[depth]) {
    throw new TypeError(
      `tensor: ragged array: entry at ${formatShape(at)} has length ${x.length}, expected ${shape[depth]}`,
    );
  }
  for (let i = 0; i < x.length; i++) {
    at.push(i);
    checkNested(x[i], shape, at);
    at.pop();
  }
}

/** Row-major values of a nested array already checked by shapeOfNested. */
function flatten(x: NestedArray): Float64Array {
  if (!Array.isArray(x)) return new Float64Array([x as number]);
  const out: number[] = [];
  const walk = (v: NestedArray): void => {
    if (Array.isArray(v)) for (let i = 0; i < v.length; i++) walk(v[i]);
    else out.push(v);
  };
  walk(x);
  return copyOf(out);
}

/**
 * A rank-0 tensor.
 * @example scalar(2).shape // []
 */
export function scalar(x: number): Tensor {
  if (typeof x !== "number") throw new TypeError(`scalar: expected a number, got a ${typeof x}`);
  return new Tensor(new Float64Array([x]), []);
}

/**
 * A plain number as a rank-0 tensor; a tensor as itself (for code written once for both).
 * @example asTensor(2).shape // []
 */
export function asTensor(x: number | Tensor): Tensor {
  return typeof x === "number" ? new Tensor(Float64Array.of(x), []) : x;
}

/**
 * A tensor of `shape` filled with `value`.
 * @example full([2, 2], 7)
 */
export function full(shape: readonly number[], value: number): Tensor {
  return filled(shape, value, "full");
}

function filled(shape: readonly number[], value: number, op: string): Tensor {
  checkShape(shape, op);
  if (typeof value !== "number") throw new TypeError(`${op}: value must be a number, got a ${typeof value}`);
  return new Tensor(allocate(sizeOf(shape)).fill(value), shape);
}

/** All zeros. @example zeros([2, 3]) */
export function zeros(shape: readonly number[]): Tensor {
  checkShape(shape, "zeros");
  return new Tensor(allocate(sizeOf(shape)), shape);
}

/** All ones. @example ones([3]) // Tensor([1, 1, 1]) */
export function ones(shape: readonly number[]): Tensor {
  return filled(shape, 1, "ones");
}

/**
 * n×m matrix with ones on the diagonal (m defaults to n).
 * @example eye(2) // Tensor([[1, 0], [0, 1]])
 */
export function eye(n: number, m: number = n): Tensor {
  checkShape([n, m], "eye");
  const out = zeros([n, m]);
  for (let i = 0; i < Math.min(n, m); i++) out.data[i * m + i] = 1;
  return out;
}

/**
 * Evenly spaced values in [start, stop) by step, like Python's range (floats allowed).
 * @example arange(3) // Tensor([0, 1, 2]); arange(1, 2, 0.25) // Tensor([1, 1.25, 1.5, 1.75])
 */
export function arange(stop: number): Tensor;
export function arange(start: number, stop: number, step?: number): Tensor;
export function arange(a: number, b?: number, step = 1): Tensor {
  const [start, stop] = b === undefined ? [0, a] : [a, b];
  if (![start, stop, step].every(Number.isFinite)) {
    throw new DomainError(
      `arange: start, stop and step must be finite numbers, got ${[start, stop, step].map(String).join(", ")}`,
    );
  }
  if (step === 0) throw new DomainError("arange: step must be non-zero");
  const n = Math.max(0, Math.ceil((stop - start) / step));
  checkShape([n], "arange");
  const data = allocate(n);
  for (let i = 0; i < n; i++) data[i] = start + i * step;
  return new Tensor(data, [n]);
}

/**
 * `num` evenly spaced values from start to stop, both included.
 * @example linspace(0, 1, 5) // Tensor([0, 0.25, 0.5, 0.75, 1])
 */
export function linspace(start: number, stop: number, num: number): Tensor {
  if (!Number.isInteger(num) || num < 0)
    throw new DomainError(`linspace: num must be a non-negative integer, got ${String(num)}`);
  checkShape([num], "linspace");
  if (!Number.isFinite(start) || !Number.isFinite(stop)) {
    throw new DomainError(`linspace: start and stop must be finite, got ${String(start)} and ${String(stop)}`);
  }
  const data = allocate(num);
  const step = num > 1 ? (stop - start) / (num - 1) : 0;
  for (let i = 0; i < num; i++) data[i] = start + i * step;
  if (num > 1) data[num - 1] = stop; // exact endpoint despite rounding in i * step
  return new Tensor(data, [num]);
}
