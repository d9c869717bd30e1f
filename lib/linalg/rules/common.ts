/**
 * What the linear-algebra rules share: views between tensors and the kernels' `Mat`, the input
 * checks every public function starts with, and matrix helpers written with adlab's own ops
 * (so the rules that use them can be differentiated again). Helpers address the last two axes:
 * tangents and cotangents may carry leading batch axes.
 */
import { Tensor } from "../../tensor/tensor";
import { ShapeError } from "../../tensor/errors";
import { formatShape } from "../../tensor/shape";
import { type Value, type Concrete, checkValue, shapeOf } from "../../core/value";
import { add, mul } from "../../ops/arith";
import { transpose, reshape } from "../../ops/shape";
import { type Mat, assertFinite } from "../../kernels/mat";

/** The kernels' view of a concrete matrix (no copy). */
export function asMat(x: Concrete): Mat {
  const t = x as Tensor;
  return { data: t.data, rows: t.shape[0], cols: t.shape[1] };
}

/** A tensor over a kernel's result (no copy). */
export function fromMat(a: Mat): Tensor {
  return new Tensor(a.data, [a.rows, a.cols]);
}

/**
 * Throws unless `a` is a matrix or a stack of them [..., m, n] (square when asked); names `op` and the shape.
 * @example checkMatrix(tensor([1, 2]), "det", true)  // ShapeError: det: expected a square matrix or a stack [..., n,
 *    n], got shape [2]
 */
export function checkMatrix(a: unknown, op: string, square: boolean): asserts a is Value {
  checkValue(a, op, 0);
  const s = shapeOf(a);
  if (s.length < 2 || (square && s[s.length - 2] !== s[s.length - 1])) {
    const kind = square ? "square matrix or a stack [..., n, n]" : "matrix or a stack [..., m, n]";
    throw new ShapeError(`${op}: expected a ${kind}, got shape ${formatShape(s)}`);
  }
}

/**
 * Throws a DomainError naming `op` and the entry if a concrete matrix holds NaN or Infinity.
 * @example checkFinite(tensor([[1, NaN]]), "solve")  // DomainError: solve: 1x2 matrix entry (0, 1) is NaN; ...
 */
export function checkFinite(x: Concrete, op: string): void {
  const t = x as Tensor;
  assertFinite({ data: t.data, rows: t.shape[0], cols: t.data.length / Math.max(t.shape[0], 1) }, op);
}

/**
 * Swaps the last two axes (the matrix transpose of every matrix in a batch).
 * @example mT(ones([5, 2, 3])).shape  // [5, 3, 2]
 */
export function mT(x: Value): Value {
  const r = shapeOf(x).length;
  const perm = Array.from({ length: r }, (_, i) => (i < r - 2 ? i : 2 * r - 3 - i));
  return transpose(x, perm);
}

/**
 * sym(X) = (X + X^T) / 2 over the last two axes: the Cholesky and eigh rules see a perturbation of a
 * symmetric A through its symmetric part, and return symmetric gradients.
 * @example symmetricPart(tensor([[0, 2], [0, 0]]))  // [[0, 1], [1, 0]]
 */
export function symmetricPart(x: Value): Value {
  return mul(0.5, add(x, mT(x)));
}

/**
 * Appends two unit axes, so a (batch of) scalar(s) scales (a batch of) matrices.
 * @example asScale(tensor([1, 2])).shape  // [2, 1, 1]
 */
export function asScale(x: Value): Value {
  return reshape(x, [...shapeOf(x), 1, 1]);
}
