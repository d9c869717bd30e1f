/**
 * LU factorisation with partial pivoting, P A = L U, and everything built on it: solves with A or
 * A^T, the inverse, the determinant and its sign/log form. The factors are a value (`LUFactors`)
 * so a derivative rule can keep the forward pass's factors and reuse them for its backward solves
 * (the solve VJP needs A^{-T} g: `luSolve(factors, g, true)`, O(n^2) instead of a new O(n^3) factorisation).
 *
 * An exactly zero pivot does not stop the factorisation (as in LAPACK's getrf): `zeroPivot`
 * records where it happened, `det` is then 0 and `slogdet` gives sign 0, log|det| = -Infinity,
 * while `luSolve`, `solve` and `inv` throw a `SingularMatrixError` naming that pivot.
 */
import { ShapeError } from "../tensor/errors";
import { SingularMatrixError } from "./errors";
import { Mat, assertFinite, assertSquare, identity, mat, shapeText } from "./mat";
import { solveTriangularInPlace } from "./triangular";

/**
 * P A = L U packed in one n x n row-major array: L strictly below the diagonal (unit diagonal
 * implied), U on and above it. Row i of P A is row `perm[i]` of A; `sign` is det(P);
 * `zeroPivot` is the first index k with U[k, k] = 0, or -1.
 */
export interface LUFactors {
  lu: Float64Array;
  perm: Int32Array;
  sign: 1 | -1;
  n: number;
  zeroPivot: number;
}

/**
 * Factors a square matrix (A is not modified).
 * @example
 *   const f = luFactor(matFromRows([[0, 1], [2, 3]])); // rows swapped: f.perm = [1, 0], f.sign = -1
 */
export function luFactor(a: Mat): LUFactors {
  assertSquare(a, "luFactor");
  assertFinite(a, "luFactor");
  const n = a.rows;
  const lu = a.data.slice(0, n * n);
  const perm = new Int32Array(n);
  for (let i = 0; i < n; i++) perm[i] = i;
  let sign: 1 | -1 = 1;
  let zeroPivot = -1;
  for (let k = 0; k < n; k++) {
    const p = argMaxAbsInColumn(lu, n, k);
    const pivot = lu[p * n + k];
    if (pivot === 0) {
      // The whole column below is zero: nothing to eliminate, U[k, k] = 0.
      if (zeroPivot < 0) zeroPivot = k;
      continue;
    }
    if (p !== k) {
      swapRows(lu, n, p, k);
      const t = perm[p]; perm[p] = perm[k]; perm[k] = t;
      sign = sign === 1 ? -1 : 1;
    }
    // Right-looking update: row_i -= l_ik row_k on the trailing columns (contiguous reads).
    const rowK = k * n;
    for (let i = k + 1; i < n; i++) {
      const rowI = i * n;
      const l = lu[rowI + k] / pivot;
      lu[rowI + k] = l;
      if (l === 0) continue;
      for (let j = k + 1; j < n; j++) lu[rowI + j] -= l * lu[rowK + j];
    }
  }
  return { lu, perm, sign, n, zeroPivot };
}

/**
 * Solves A X = B (or A^T X = B with `transpose`) from A's factors, for a vector b or a matrix
 * of right-hand sides (one per column). Returns a new vector or matrix like `b`.
 * @example
 *   const f = luFactor(matFromRows([[2, 0], [0, 4]]));
 *   luSolve(f, new Float64Array([2, 4])); // [1, 1]
 */
export function luSolve<B extends Float64Array | Mat>(f: LUFactors, b: B, transpose = false): B {
  return solveWithFactors(f, b, transpose, "luSolve");
}

/**
 * x = A^{-1} b for a vector or a matrix of right-hand sides.
 * @example
 *   solve(matFromRows([[1, 1], [1, -1]]), new Float64Array([3, 1])); // [2, 1]
 */
export function solve<B extends Float64Array | Mat>(a: Mat, b: B): B {
  assertSquare(a, "solve");
  assertFinite(b instanceof Float64Array ? mat(b.length, 1, b) : b, "solve (right-hand side)");
  return solveWithFactors(luFactor(a), b, false, "solve");
}

/**
 * A^{-1}; throws `SingularMatrixError` for an exactly singular A.
 * @example
 *   inv(matFromRows([[2, 0], [0, 4]])).data; // [0.5, 0, 0, 0.25]
 */
export function inv(a: Mat): Mat {
  assertSquare(a, "inv");
  return solveWithFactors(luFactor(a), identity(a.rows), false, "inv");
}

/**
 * det(A) = det(P) prod_k U[k, k]; 0 for an exactly singular A. Overflows to ±Infinity for
 * large determinants: use `slogdet` then.
 * @example
 *   det(matFromRows([[1, 2], [3, 4]])); // -2
 */
export function det(a: Mat): number {
  assertSquare(a, "det");
  return detFromLU(luFactor(a));
}

/**
 * det(A) from its factors (lets a rule that already factored A skip a second factorisation).
 * @example
 *   detFromLU(luFactor(identity(3))); // 1
 */
export function detFromLU(f: LUFactors): number {
  if (f.zeroPivot >= 0) return 0; // not -0 from a negative sign or pivot
  let product: number = f.sign;
  for (let k = 0; k < f.n; k++) product *= f.lu[k * f.n + k];
  return product;
}

/**
 * det(A) = sign * exp(logabsdet) without overflow; { sign: 0, logabsdet: -Infinity } if singular.
 * @example
 *   slogdet(matFromRows([[-2, 0], [0, 3]])); // { sign: -1, logabsdet: Math.log(6) }
 */
export function slogdet(a: Mat): { sign: number; logabsdet: number } {
  assertSquare(a, "slogdet");
  return slogdetFromLU(luFactor(a));
}

/**
 * `slogdet` from existing factors: log|det A| = sum_k log|U[k, k]|.
 * @example
 *   slogdetFromLU(luFactor(identity(3))); // { sign: 1, logabsdet: 0 }
 */
export function slogdetFromLU(f: LUFactors): { sign: number; logabsdet: number } {
  if (f.zeroPivot >= 0) return { sign: 0, logabsdet: -Infinity };
  let sign: number = f.sign;
  let logabsdet = 0;
  for (let k = 0; k < f.n; k++) {
    const u = f.lu[k * f.n + k];
    if (u < 0) sign = -sign;
    logabsdet += Math.log(Math.abs(u));
  }
  return { sign, logabsdet };
}

function solveWithFactors<B extends Float64Array | Mat>(f: LUFactors, b: B, transpose: boolean, op: string): B {
  const { n, lu, perm } = f;
  const isVector = b instanceof Float64Array;
  const rows = isVector ? b.length : b.rows;
  if (rows !== n) {
    const bShape = isVector ? `a vector of length ${b.length}` : shapeText(b);
    throw new ShapeError(`${op}: A is ${n}x${n} but the right-hand side is ${bShape}`);
  }
  if (f.zeroPivot >= 0) throw new SingularMatrixError(op, f.zeroPivot);
  const r = isVector ? 1 : b.cols;
  const source = isVector ? b : b.data;
  const x = new Float64Array(n * r);
  if (!transpose) {
    // A = P^T L U: x = U^{-1} L^{-1} (P b)
    for (let i = 0; i < n; i++) x.set(source.subarray(perm[i] * r, perm[i] * r + r), i * r);
    solveTriangularInPlace(lu, n, x, r, { lower: true, unitDiagonal: true }, op);
    solveTriangularInPlace(lu, n, x, r, { lower: false }, op);
    return (isVector ? x : mat(n, r, x)) as B;
  }
  // A^T = U^T L^T P: x = P^T L^{-T} U^{-T} b
  const z = source.slice(0, n * r);
  solveTriangularInPlace(lu, n, z, r, { lower: false, transpose: true }, op);
  solveTriangularInPlace(lu, n, z, r, { lower: true, unitDiagonal: true, transpose: true }, op);
  for (let i = 0; i < n; i++) x.set(z.subarray(i * r, i * r + r), perm[i] * r);
  return (isVector ? x : mat(n, r, x)) as B;
}

function argMaxAbsInColumn(a: Float64Array, n: number, k: number): number {
  let best = k;
  let bestAbs = Math.abs(a[k * n + k]);
  for (let i = k + 1; i < n; i++) {
    const v = Math.abs(a[i * n + k]);
    if (v > bestAbs) { best = i; bestAbs = v; }
  }
  return best;
}

function swapRows(a: Float64Array, n: number, p: number, q: number): void {
  for (let j = 0, ip = p * n, iq = q * n; j < n; j++, ip++, iq++) {
    const t = a[ip]; a[ip] = a[iq]; a[iq] = t;
  }
}
