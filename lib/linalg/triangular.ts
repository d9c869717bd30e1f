/**
 * Triangular solves op(T) X = B by substitution, for one or many right-hand sides, with T read
 * from one triangle of a row-major square array (so an LU array serves as both L and U).
 * Every variant walks rows of X, so the inner loops run along contiguous memory.
 * Many right-hand sides run as a WebAssembly kernel (wasm/triangular.ts: these loops two entries
 * at a time, the same numbers); these loops are its reference and fallback.
 */
import { ShapeError } from "../tensor/errors";
import { SingularMatrixError } from "./errors";
import { type Mat, type TriangularOptions, assertSquare, shapeText } from "../kernels/mat";
import { solveTriangularWasm } from "../kernels/wasm/kernels";

/**
 * Below this many multiply-adds (n^2 r / 2, about an 8 x 8 triangle with 8 right-hand sides),
 * copying T and X into wasm memory and back costs more than the faster loops save. With one
 * right-hand side the copy of T alone is as much work as the solve, so it never pays.
 */
const WASM_MIN_WORK = 256;

/**
 * Overwrites x (n x r row-major: r right-hand sides as columns) with op(T)^{-1} x, where T is the
 * n x n row-major array t restricted to the chosen triangle. Throws `SingularMatrixError` naming
 * the first zero diagonal entry (before touching x). `op` names the caller in errors.
 * @example
 *   const x = new Float64Array([2, 5]);
 *   solveTriangularInPlace(new Float64Array([1, 0, 2, 1]), 2, x, 1, { lower: true }); // x = [2, 1]
 */
export function solveTriangularInPlace(
  t: Float64Array,
  n: number,
  x: Float64Array,
  r: number,
  options: TriangularOptions,
  op = "solveTriangular",
): void {
  const unit = options.unitDiagonal === true;
  if (!unit) {
    for (let i = 0; i < n; i++) if (t[i * n + i] === 0) throw new SingularMatrixError(op, i);
  }
  // T^T of a lower T is upper, so it is solved from the bottom up (and vice versa).
  const upward = options.lower === (options.transpose === true);
  if (r > 1 && (n * n * r) / 2 >= WASM_MIN_WORK && solveTriangularWasm(t, n, x, r, options)) return;
  if (r === 1) {
    solveVector(t, n, x, options.lower, options.transpose === true, unit, upward);
    return;
  }
  if (options.transpose === true) {
    // Column form: once x_i is final, remove T[i, j] x_i from the rows still open.
    for (let step = 0; step < n; step++) {
      const i = upward ? n - 1 - step : step;
      if (!unit) divideRow(x, i * r, t[i * n + i], r);
      const [from, to] = options.lower ? [0, i] : [i + 1, n];
      for (let j = from; j < to; j++) subtractScaledRow(x, j * r, t[i * n + j], i * r, r);
    }
    return;
  }
  // Row form: x_i = (b_i - sum_j T[i, j] x_j) / T[i, i] over the already solved j.
  for (let step = 0; step < n; step++) {
    const i = upward ? n - 1 - step : step;
    const [from, to] = options.lower ? [0, i] : [i + 1, n];
    for (let j = from; j < to; j++) subtractScaledRow(x, i * r, t[i * n + j], j * r, r);
    if (!unit) divideRow(x, i * r, t[i * n + i], r);
  }
}

/**
 * op(T)^{-1} B as a new vector or matrix (B is not modified).
 * @example
 *   solveTriangular(matFromRows([[2, 1], [0, 4]]), new Float64Array([4, 8]), { lower: false }); // [1, 2]
 */
export function solveTriangular<B extends Float64Array | Mat>(t: Mat, b: B, options: TriangularOptions): B {
  assertSquare(t, "solveTriangular");
  const rows = b instanceof Float64Array ? b.length : b.rows;
  if (rows !== t.rows) {
    const bShape = b instanceof Float64Array ? `vector of length ${b.length}` : shapeText(b);
    throw new ShapeError(`solveTriangular: T is ${shapeText(t)} but B is ${bShape}`);
  }
  const x = b instanceof Float64Array ? b.slice() : { data: b.data.slice(), rows: b.rows, cols: b.cols };
  const data = x instanceof Float64Array ? x : x.data;
  solveTriangularInPlace(t.data, t.rows, data, x instanceof Float64Array ? 1 : x.cols, options);
  return x as B;
}

/**
 * The one-right-hand-side case with plain loops (the backward pass of a vector solve is two of
 * these): op(T) x = b solved in place, rows read contiguously in both orientations.
 */
function solveVector(
  t: Float64Array,
  n: number,
  x: Float64Array,
  lower: boolean,
  transpose: boolean,
  unit: boolean,
  upward: boolean,
): void {
  for (let step = 0; step < n; step++) {
    const i = upward ? n - 1 - step : step;
    if (transpose) {
      // column form: x_i is final; remove T[i, j] x_i from the open rows j
      if (!unit) x[i] /= t[i * n + i];
      const xi = x[i];
      const row = i * n;
      if (lower) for (let j = 0; j < i; j++) x[j] -= t[row + j] * xi;
      else for (let j = i + 1; j < n; j++) x[j] -= t[row + j] * xi;
    } else {
      // row form: x_i = (b_i - Σ_j T[i, j] x_j) / T[i, i]
      let sum = x[i];
      const row = i * n;
      if (lower) for (let j = 0; j < i; j++) sum -= t[row + j] * x[j];
      else for (let j = i + 1; j < n; j++) sum -= t[row + j] * x[j];
      x[i] = unit ? sum : sum / t[row + i];
    }
  }
}

/** x[dst .. dst + r) -= alpha * x[src .. src + r) */
function subtractScaledRow(x: Float64Array, dst: number, alpha: number, src: number, r: number): void {
  if (alpha === 0) return;
  for (let c = 0; c < r; c++) x[dst + c] -= alpha * x[src + c];
}

/** x[start .. start + r) /= divisor (a division, not a reciprocal product: one rounding instead of two) */
function divideRow(x: Float64Array, start: number, divisor: number, r: number): void {
  for (let c = 0; c < r; c++) x[start + c] /= divisor;
}
