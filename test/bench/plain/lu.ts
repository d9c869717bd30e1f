/**
 * Hand-written LU with partial pivoting, the yardstick of case 6: solve x = A^-1 b, and its backward
 * pass for L(x) given g = dL/dx, which reuses the factors: db = A^-T g, dA = -db x^T.
 */
import type { Matrix } from "../contract";

/** P A = L U packed in one array (unit diagonal of L implied), with the row order `pivots`. */
export interface LuFactors {
  n: number;
  lu: Float64Array;
  pivots: Int32Array;
}

/**
 * Factors a square matrix; throws on a singular matrix (zero pivot) instead of returning infinities.
 * @example luFactor({ rows: 2, cols: 2, data: new Float64Array([0, 1, 1, 0]) }).pivots; // [1, 0]
 */
export function luFactor(a: Matrix): LuFactors {
  if (a.rows !== a.cols) throw new Error(`luFactor: matrix must be square, got ${a.rows}x${a.cols}`);
  const n = a.rows;
  const lu = Float64Array.from(a.data);
  const pivots = new Int32Array(n);
  for (let i = 0; i < n; i++) pivots[i] = i;
  for (let c = 0; c < n; c++) {
    let best = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(lu[r * n + c]) > Math.abs(lu[best * n + c])) best = r;
    if (lu[best * n + c] === 0) throw new Error(`luFactor: matrix is singular (column ${c} has no nonzero pivot)`);
    if (best !== c) {
      for (let j = 0; j < n; j++) {
        const t = lu[c * n + j];
        lu[c * n + j] = lu[best * n + j];
        lu[best * n + j] = t;
      }
      const t = pivots[c];
      pivots[c] = pivots[best];
      pivots[best] = t;
    }
    const pivot = lu[c * n + c];
    for (let r = c + 1; r < n; r++) {
      const factor = (lu[r * n + c] /= pivot);
      if (factor === 0) continue;
      for (let j = c + 1; j < n; j++) lu[r * n + j] -= factor * lu[c * n + j];
    }
  }
  return { n, lu, pivots };
}

/**
 * x with A x = b from A's factors: forward substitution with L, then back substitution with U.
 * @example luSolve(luFactor(a), b); // Float64Array x
 */
export function luSolve({ n, lu, pivots }: LuFactors, b: Float64Array): Float64Array {
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let sum = b[pivots[i]];
    for (let j = 0; j < i; j++) sum -= lu[i * n + j] * x[j];
    x[i] = sum;
  }
  for (let i = n - 1; i >= 0; i--) {
    let sum = x[i];
    for (let j = i + 1; j < n; j++) sum -= lu[i * n + j] * x[j];
    x[i] = sum / lu[i * n + i];
  }
  return x;
}

/**
 * y with A^T y = g from A's factors: A^T = U^T L^T P, so solve U^T z = g, L^T w = z, then y = P^T w.
 * @example luSolveTransposed(luFactor(a), g); // Float64Array y
 */
export function luSolveTransposed({ n, lu, pivots }: LuFactors, g: Float64Array): Float64Array {
  const z = Float64Array.from(g);
  for (let i = 0; i < n; i++) {
    z[i] /= lu[i * n + i];
    const zi = z[i];
    for (let j = i + 1; j < n; j++) z[j] -= lu[i * n + j] * zi;
  }
  for (let i = n - 1; i >= 0; i--) {
    const zi = z[i];
    for (let j = 0; j < i; j++) z[j] -= lu[i * n + j] * zi;
  }
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) y[pivots[i]] = z[i];
  return y;
}

/**
 * The cotangents of x = A^-1 b for the cotangent g of x: db = A^-T g, dA = -db x^T (row-major n x n).
 * @example const [dA, db] = solveBackward(factors, x, g);
 */
export function solveBackward(factors: LuFactors, x: Float64Array, g: Float64Array): [Float64Array, Float64Array] {
  const n = factors.n;
  const db = luSolveTransposed(factors, g);
  const dA = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const dbi = -db[i];
    for (let j = 0; j < n; j++) dA[i * n + j] = dbi * x[j];
  }
  return [dA, db];
}
