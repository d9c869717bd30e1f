/**
 * LU factorisation with partial pivoting, P A = L U, and everything built on it: solves with A or
 * A^T, the inverse, the determinant and its sign/log form. The factors are a value (`LUFactors`)
 * so a derivative rule can keep the forward pass's factors and reuse them for its backward solves
 * (the solve VJP needs A^{-T} g: `luSolve(factors, g, true)`, O(n^2) where a new factorisation is O(n^3)).
 *
 * An exactly zero pivot does not stop the factorisation (as in LAPACK's getrf): `zeroPivot`
 * records where it happened, `det` is then 0 and `slogdet` gives sign 0, log|det| = -Infinity,
 * while `luSolve`, `solve` and `inv` throw a `SingularMatrixError` naming that pivot.
 *
 * The factorisation is blocked so that the trailing update is a matrix product (LAPACK's dgetrf;
 * Golub & Van Loan, Matrix Computations, §3.2.11): a panel of PANEL_WIDTH columns is factored
 * unblocked, on a column-major copy so pivot search and eliminations read contiguous memory;
 * then U12 = L11^{-1} A12 and the trailing A22 -= L21 U12, which holds most of the 2n^3/3 flops,
 * runs in the packed matmul kernel. Pivots are the unblocked ones (largest |entry|, first on ties).
 * The whole factorisation also runs as a WebAssembly kernel (wasm/lu.ts), step for step the same
 * arithmetic, so the same pivots and factors; these loops are its reference and fallback.
 */
import { DomainError, ShapeError } from "../tensor/errors";
import { SingularMatrixError } from "./errors";
import { type Mat, assertFinite, assertSquare, identity, mat, shapeText } from "../kernels/mat";
import { matmulInto } from "../kernels/matmul";
import { solveTriangularInPlace } from "./triangular";
import { luFactorWasm } from "../kernels/wasm/kernels";

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
 * Columns per panel: wide enough that the trailing update runs at matmul speed, narrow enough that
 * the unblocked panel stays a small part of the work; n <= PANEL_WIDTH is one panel, i.e. unblocked.
 */
const PANEL_WIDTH = 32;
/** Below this order, copying A into wasm memory and back (O(n^2)) outweighs the SIMD loops' saving on O(n^3). */
const WASM_MIN_ORDER = 8;

/**
 * Factors a square matrix (A is not modified). Blocked: `panelWidth` columns at a time are
 * factored with partial pivoting, then the rest of the matrix is updated by one matmul; a
 * `panelWidth` of n or more gives the unblocked algorithm (same pivots, results equal up to rounding).
 * @example
 *   const f = luFactor(matFromRows([[0, 1], [2, 3]])); // rows swapped: f.perm = [1, 0], f.sign = -1
 */
export function luFactor(a: Mat, panelWidth = PANEL_WIDTH): LUFactors {
  assertSquare(a, "luFactor");
  assertFinite(a, "luFactor");
  if (!Number.isInteger(panelWidth) || panelWidth < 1) {
    throw new DomainError(`luFactor: panelWidth must be a positive integer, got ${panelWidth}`);
  }
  const n = a.rows;
  const inWasm = n >= WASM_MIN_ORDER ? luFactorWasm(a.data, n, panelWidth) : null;
  if (inWasm !== null) return { ...inWasm, n };
  const perm = new Int32Array(n);
  for (let i = 0; i < n; i++) perm[i] = i;
  const f: LUFactors = { lu: a.data.slice(0, n * n), perm, sign: 1, n, zeroPivot: -1 };
  const panel = new Float64Array(n * Math.min(n, panelWidth));
  const scratch = n > panelWidth ? newScratch(n, panelWidth) : undefined;
  for (let k0 = 0; k0 < n; k0 += panelWidth) {
    const k1 = Math.min(n, k0 + panelWidth);
    factorPanel(f, k0, k1, panel);
    if (scratch !== undefined && k1 < n) updateTrailing(f.lu, n, k0, k1, scratch);
  }
  return f;
}

/**
 * Unblocked right-looking LU of columns [k0, k1) (already updated by the panels before them),
 * on a column-major copy of rows [k0, n) so the pivot search and the column updates (axpys of
 * length n - k) read contiguous memory. Pivot rows are swapped whole in `lu`, so the L columns
 * to the left and the columns to the right follow; the panel is then copied back.
 */
function factorPanel(f: LUFactors, k0: number, k1: number, columns: Float64Array): void {
  const { lu, perm, n } = f;
  const height = n - k0;
  for (let j = k0; j < k1; j++) {
    const col = (j - k0) * height - k0; // columns[col + i] holds lu[i, j] for i >= k0
    for (let i = k0; i < n; i++) columns[col + i] = lu[i * n + j];
  }
  for (let k = k0; k < k1; k++) {
    const colK = (k - k0) * height - k0;
    const p = argMaxAbs(columns, colK + k, colK + n) - colK;
    const pivot = columns[colK + p];
    if (pivot === 0) {
      // The whole column below is zero: nothing to eliminate, U[k, k] = 0.
      if (f.zeroPivot < 0) f.zeroPivot = k;
      continue;
    }
    if (p !== k) {
      swapRows(lu, n, p, k);
      for (let c = -k0; c < (k1 - k0) * height - k0; c += height) {
        const t = columns[c + p];
        columns[c + p] = columns[c + k];
        columns[c + k] = t;
      }
      const t = perm[p];
      perm[p] = perm[k];
      perm[k] = t;
      f.sign = f.sign === 1 ? -1 : 1;
    }
    for (let i = k + 1; i < n; i++) columns[colK + i] /= pivot;
    // Right-looking update inside the panel: column_j -= u_kj l_k below row k.
    for (let j = k + 1; j < k1; j++) {
      const colJ = (j - k0) * height - k0;
      const u = columns[colJ + k];
      if (u === 0) continue;
      for (let i = k + 1; i < n; i++) columns[colJ + i] -= u * columns[colK + i];
    }
  }
  for (let j = k0; j < k1; j++) {
    const col = (j - k0) * height - k0;
    for (let i = k0; i < n; i++) lu[i * n + j] = columns[col + i];
  }
}

/** Contiguous copies of the blocks the trailing update works on (matmulInto takes no row stride). */
interface Scratch {
  l11: Float64Array;
  u12: Float64Array;
  l21: Float64Array;
  product: Float64Array;
}

/** Sized for the first trailing update, the largest: n - width rows and columns. */
function newScratch(n: number, width: number): Scratch {
  const rest = n - width;
  return {
    l11: new Float64Array(width * width),
    u12: new Float64Array(width * rest),
    l21: new Float64Array(rest * width),
    product: new Float64Array(rest * rest),
  };
}

/** After panel [k0, k1): U12 = L11^{-1} A12, then A22 -= L21 U12 (the O(n^3) part, by matmul). */
function updateTrailing(lu: Float64Array, n: number, k0: number, k1: number, s: Scratch): void {
  const width = k1 - k0;
  const rest = n - k1;
  for (let i = 0; i < width; i++) {
    s.l11.set(lu.subarray((k0 + i) * n + k0, (k0 + i) * n + k1), i * width);
    s.u12.set(lu.subarray((k0 + i) * n + k1, (k0 + i + 1) * n), i * rest);
  }
  solveTriangularInPlace(s.l11, width, s.u12, rest, { lower: true, unitDiagonal: true }, "luFactor");
  for (let i = 0; i < width; i++) lu.set(s.u12.subarray(i * rest, (i + 1) * rest), (k0 + i) * n + k1);
  for (let i = 0; i < rest; i++) s.l21.set(lu.subarray((k1 + i) * n + k0, (k1 + i) * n + k1), i * width);
  matmulInto(s.product, s.l21, s.u12, rest, width, rest);
  for (let i = 0; i < rest; i++) {
    const row = (k1 + i) * n + k1;
    const from = i * rest;
    for (let j = 0; j < rest; j++) lu[row + j] -= s.product[from + j];
  }
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

/** Index in [from, to) of the largest |x_i|, the first one on ties. */
function argMaxAbs(x: Float64Array, from: number, to: number): number {
  let best = from;
  let bestAbs = Math.abs(x[from]);
  for (let i = from + 1; i < to; i++) {
    const v = Math.abs(x[i]);
    if (v > bestAbs) {
      best = i;
      bestAbs = v;
    }
  }
  return best;
}

function swapRows(a: Float64Array, n: number, p: number, q: number): void {
  for (let j = 0, ip = p * n, iq = q * n; j < n; j++, ip++, iq++) {
    const t = a[ip];
    a[ip] = a[iq];
    a[iq] = t;
  }
}
