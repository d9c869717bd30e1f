/**
 * The Tensor: a float64, row-major, contiguous block of numbers with a shape.
 * Tensors are treated as immutable: every op returns a new Tensor, and ops such as reshape may
 * share `data` with their input, so never write into `data` of a tensor you did not just create.
 */
import { ShapeError } from "./errors";
import { formatTensor } from "./format";
import { checkShape, formatShape, sizeOf } from "./shape";

/** A number or (nested) arrays of numbers, as accepted by `tensor` and returned by `toArray`. */
export type NestedArray = number | NestedArray[];

/**
 * A float64 array of any rank: row-major `data` and its `shape`. Operations never modify a
 * tensor; they return new ones (rank-0 results come back as plain numbers).
 * @example const t = new Tensor(Float64Array.of(1, 2, 3, 4), [2, 2]); t.toArray()  // [[1, 2], [3, 4]]
 */
export class Tensor {
  readonly shape: readonly number[];
  readonly data: Float64Array;

  /**
   * Wraps `data` (not copied: the tensor owns it from now on) with a shape whose size must match.
   * @example new Tensor(new Float64Array([1, 2, 3, 4]), [2, 2])
   */
  constructor(data: Float64Array, shape: readonly number[]) {
    checkShape(shape, "Tensor");
    if (!(data instanceof Float64Array)) throw new TypeError("Tensor: data must be a Float64Array");
    const size = sizeOf(shape);
    if (data.length !== size) {
      throw new ShapeError(`Tensor: data has ${data.length} elements but shape ${formatShape(shape)} needs ${size}`);
    }
    this.data = data;
    // Frozen, so tensors can share one shape array; a caller's own array is copied, as it may change later
    this.shape = shape.slice();
  }

  /** Number of elements. @example tensor([[1, 2], [3, 4]]).size // 4 */
  get size(): number {
    return this.data.length;
  }

  /** Number of axes (0 for a scalar). @example tensor([[1, 2]]).rank // 2 */
  get rank(): number {
    return this.shape.length;
  }

  /**
   * Nested arrays of numbers with this shape (a plain number for rank 0).
   * @example tensor([[1, 2], [3, 4]]).toArray() // [[1, 2], [3, 4]]
   */
  toArray(): NestedArray {
    const { data, shape } = this;
    if (shape.length === 0) return data[0];
    const build = (axis: number, offset: number, stride: number): NestedArray[] => {
      const dim = shape[axis];
      const inner = stride / Math.max(dim, 1);
      const out: NestedArray[] = new Array(dim);
      for (let i = 0; i < dim; i++) {
        out[i] = axis === shape.length - 1 ? data[offset + i] : build(axis + 1, offset + i * inner, inner);
      }
      return out;
    };
    return build(0, 0, data.length);
  }

  /**
   * The single number of a one-element tensor.
   * @example tensor([[7]]).item() // 7
   */
  item(): number {
    if (this.data.length !== 1) {
      throw new ShapeError(`item: needs a tensor with exactly one element, got shape ${formatShape(this.shape)}`);
    }
    return this.data[0];
  }

  /** NumPy-like text. @example String(tensor([[1, 2], [3, 4]])) // "Tensor([[1, 2], [3, 4]])" */
  toString(): string {
    return formatTensor(this.data, this.shape);
  }

  /**
   * JavaScript has no operator overloading: `t * 2`, `t > 0` or `Math.sin(t)` would give NaN or
   * false without a word, so they throw; text (`String(t)`, template strings) is allowed.
   */
  [Symbol.toPrimitive](hint: string): string {
    if (hint === "string") return this.toString();
    throw new TypeError(
      `Tensor: JavaScript operators and Math functions do not work on tensors (${hint === "default" ? "t + 1 or t == 0" : "t * 2, t > 0, Math.sin(t) or Number(t)"}): ` +
        "write ad.add(t, 1), ad.mul(t, 2), ad.sin(t), ad.gt(t, 0); read numbers with t.item() or t.toArray()",
    );
  }

  /** JSON.stringify gives the nested arrays of toArray (plotly figures and saved results take them as they are). */
  toJSON(): NestedArray {
    return this.toArray();
  }

  /** console.log and tslab's cell output show the same text as toString, not the raw Float64Array. */
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }
}

/**
 * Type guard for Tensor.
 * @example isTensor(tensor([1])) // true; isTensor([1]) // false
 */
export function isTensor(x: unknown): x is Tensor {
  return x instanceof Tensor;
}
