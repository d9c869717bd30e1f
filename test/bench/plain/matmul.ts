/**
 * Hand-written float64 matrix products, the yardstick of case 3 and the engine of the plain MLP:
 * the textbook i-k-j loop and a register-tiled version (the fastest plain JavaScript we found).
 */
import type { Matrix } from "../contract";

function checkShapes(a: Matrix, b: Matrix): void {
  if (a.cols !== b.rows) throw new Error(`matmul: shapes ${a.rows}x${a.cols} and ${b.rows}x${b.cols} do not chain`);
}

/**
 * a b by the i-k-j loop: the inner loop walks rows of b and of the output, contiguous in memory.
 * @example matmulNaive(a, b).data; // row-major a.rows x b.cols
 */
export function matmulNaive(a: Matrix, b: Matrix): Matrix {
  checkShapes(a, b);
  const { rows: m, cols: k } = a;
  const n = b.cols;
  const A = a.data;
  const B = b.data;
  const C = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    const rowC = i * n;
    for (let p = 0; p < k; p++) {
      const aip = A[i * k + p];
      const rowB = p * n;
      for (let j = 0; j < n; j++) C[rowC + j] += aip * B[rowB + j];
    }
  }
  return { rows: m, cols: n, data: C };
}

/**
 * a b in 4x4 output tiles held in sixteen local variables: per step of the inner loop, 4 entries of a
 * (packed contiguous beforehand) and 4 of b feed 16 multiply-adds, so loads no longer bound the speed.
 * Each entry sums over p in increasing order, as `matmulNaive` does: the two agree bit for bit.
 * @example matmulTiled(a, b).data; // row-major a.rows x b.cols
 */
export function matmulTiled(a: Matrix, b: Matrix): Matrix {
  checkShapes(a, b);
  const { rows: m, cols: k } = a;
  const n = b.cols;
  const A = a.data;
  const B = b.data;
  const C = new Float64Array(m * n);
  const packed = new Float64Array(4 * k);
  const fullRows = m - (m % 4);
  const fullCols = n - (n % 4);
  for (let i = 0; i < fullRows; i += 4) {
    for (let p = 0; p < k; p++) {
      packed[4 * p] = A[i * k + p];
      packed[4 * p + 1] = A[(i + 1) * k + p];
      packed[4 * p + 2] = A[(i + 2) * k + p];
      packed[4 * p + 3] = A[(i + 3) * k + p];
    }
    for (let j = 0; j < fullCols; j += 4) {
      let c00 = 0,
        c01 = 0,
        c02 = 0,
        c03 = 0,
        c10 = 0,
        c11 = 0,
        c12 = 0,
        c13 = 0;
      let c20 = 0,
        c21 = 0,
        c22 = 0,
        c23 = 0,
        c30 = 0,
        c31 = 0,
        c32 = 0,
        c33 = 0;
      for (let p = 0, q = j; p < 4 * k; p += 4, q += n) {
        const a0 = packed[p],
          a1 = packed[p + 1],
          a2 = packed[p + 2],
          a3 = packed[p + 3];
        const b0 = B[q],
          b1 = B[q + 1],
          b2 = B[q + 2],
          b3 = B[q + 3];
        c00 += a0 * b0;
        c01 += a0 * b1;
        c02 += a0 * b2;
        c03 += a0 * b3;
        c10 += a1 * b0;
        c11 += a1 * b1;
        c12 += a1 * b2;
        c13 += a1 * b3;
        c20 += a2 * b0;
        c21 += a2 * b1;
        c22 += a2 * b2;
        c23 += a2 * b3;
        c30 += a3 * b0;
        c31 += a3 * b1;
        c32 += a3 * b2;
        c33 += a3 * b3;
      }
      let r = i * n + j;
      C[r] = c00;
      C[r + 1] = c01;
      C[r + 2] = c02;
      C[r + 3] = c03;
      r += n;
      C[r] = c10;
      C[r + 1] = c11;
      C[r + 2] = c12;
      C[r + 3] = c13;
      r += n;
      C[r] = c20;
      C[r + 1] = c21;
      C[r + 2] = c22;
      C[r + 3] = c23;
      r += n;
      C[r] = c30;
      C[r + 1] = c31;
      C[r + 2] = c32;
      C[r + 3] = c33;
    }
  }
  // The ragged right columns and bottom rows that do not fill a tile: plain dot products.
  for (let i = 0; i < m; i++) {
    for (let j = i < fullRows ? fullCols : 0; j < n; j++) {
      let sum = 0;
      for (let p = 0; p < k; p++) sum += A[i * k + p] * B[p * n + j];
      C[i * n + j] = sum;
    }
  }
  return { rows: m, cols: n, data: C };
}
