/**
 * The raw matrix the kernels work on: row-major float64 data plus its two sizes. The AD core
 * wraps its tensors' `data` without copying; `data` may be a `subarray` of a larger batch.
 *
 * lib/kernels/ is the numeric layer under the operations: plain loops on Float64Arrays (and their
 * WebAssembly twins in wasm/) that know nothing of tracing. It imports only lib/tensor, so both
 * lib/ops (the matrix product) and lib/linalg (the factorisations) can build on it.
 */
import { DomainError, ShapeError } from "../tensor/errors";

/** A row-major matrix: entry (i, j) is `data[i * cols + j]`. */
export interface Mat {
  data: Float64Array;
  rows: number;
  cols: number;
}

/**
 * A matrix over existing data (no copy), or a fresh zero matrix when `data` is omitted.
 * @example
 *   const a = mat(2, 3, new Float64Array([1, 2, 3, 4, 5, 6])); // [[1, 2, 3], [4, 5, 6]]
 */
export function mat(rows: number, cols: number, data?: Float64Array): Mat {
  if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 0 || cols < 0) {
    throw new ShapeError(`mat: sizes must be non-negative integers, got ${rows}x${cols}`);
  }
  const values = data ?? new Float64Array(rows * cols);
  if (values.length !== rows * cols) {
    throw new ShapeError(`mat: ${rows}x${cols} needs ${rows * cols} entries, got ${values.length}`);
  }
  return { data: values, rows, cols };
}

/**
 * A matrix copied from nested arrays (handy in tests and notebooks).
 * @example
 *   matFromRows([[1, 2], [3, 4]]).data; // Float64Array [1, 2, 3, 4]
 */
export function matFromRows(rows: number[][]): Mat {
  const cols = rows.length === 0 ? 0 : rows[0].length;
  const out = mat(rows.length, cols);
  rows.forEach((row, i) => {
    if (row.length !== cols) {
      throw new ShapeError(`matFromRows: row ${i} has ${row.length} entries, row 0 has ${cols}`);
    }
    out.data.set(row, i * cols);
  });
  return out;
}

/**
 * The n x n identity.
 * @example
 *   identity(2).data; // Float64Array [1, 0, 0, 1]
 */
export function identity(n: number): Mat {
  const out = mat(n, n);
  for (let i = 0; i < n; i++) out.data[i * n + i] = 1;
  return out;
}

/**
 * A new matrix holding the transpose (kernels take `trans` flags instead; this is for the rare
 * caller that needs the other layout for contiguous access).
 * @example
 *   transpose(matFromRows([[1, 2, 3]])).rows; // 3
 */
export function transpose(a: Mat): Mat {
  const out = mat(a.cols, a.rows);
  for (let i = 0; i < a.rows; i++) {
    for (let j = 0; j < a.cols; j++) out.data[j * a.rows + i] = a.data[i * a.cols + j];
  }
  return out;
}

/** "3x4", the way error messages name a shape. */
export function shapeText(a: Mat): string {
  return `${a.rows}x${a.cols}`;
}

/**
 * Throws a `ShapeError` naming `op` unless `a` is square.
 * @example
 *   assertSquare(mat(2, 3), "det"); // ShapeError: det: expected a square matrix, got 2x3
 */
export function assertSquare(a: Mat, op: string): void {
  if (a.rows !== a.cols) throw new ShapeError(`${op}: expected a square matrix, got ${shapeText(a)}`);
}

/**
 * Throws a `DomainError` naming `op` and the first bad entry if any entry is NaN or infinite:
 * pivoting and convergence tests would otherwise turn them into silent garbage.
 * @example
 *   assertFinite(matFromRows([[1, NaN]]), "solve"); // DomainError: solve: entry (0, 1) is NaN
 */
export function assertFinite(a: Mat, op: string): void {
  const { data, cols } = a;
  for (let i = 0; i < a.rows * cols; i++) {
    if (!Number.isFinite(data[i])) {
      throw new DomainError(
        `${op}: ${shapeText(a)} matrix entry (${Math.floor(i / cols)}, ${i % cols}) is ${data[i]}; expected finite numbers`,
      );
    }
  }
}

/** Which triangle of T to read, whether its diagonal is taken as ones, whether to solve with T^T. */
export interface TriangularOptions {
  lower: boolean;
  unitDiagonal?: boolean;
  transpose?: boolean;
}
