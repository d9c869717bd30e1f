/**
 * Thin singular value decomposition A = U diag(S) V^T by one-sided Jacobi preconditioned with
 * a column-pivoted QR (Drmac & Veselic, "New fast and accurate Jacobi SVD algorithm", SIMAX 2008):
 *
 *   A P = Q R (householder.ts), then one-sided Jacobi rotations W orthogonalise the columns of
 *   X = R^T: X W = U_x diag(S). So R = W diag(S) U_x^T and A = (Q W) diag(S) (P U_x)^T.
 *
 * Why this algorithm: Jacobi gives vectors orthogonal to ~1e-15 even at cond 1e10 and small
 * singular values to high relative accuracy on graded matrices, in ~250 lines with no
 * convergence corner cases to get wrong. The pivoted QR does the O(m n^2) work once; the sweeps
 * (O(n^3) each) then act on rows of [R | W^T], contiguous memory.
 * Measured for a random 200x100 on the 2-core dev machine (min of 40 runs, machine otherwise idle):
 * 23 ms = QR ~3 ms + Q [W; 0] by compact WY ~3 ms + 8 Jacobi sweeps ~15 ms (37-46 ms while other
 * jobs load both cores). For reference: plain one-sided Jacobi on A ~42 ms, LAPACK via reference
 * BLAS ~6.5 ms. The sweep count is the limit: on a random matrix R^T's columns are far from
 * orthogonal, so 6 sweeps rotate every pair whatever we do (measured: 1, 2 or 3 extra QR steps as
 * in Drmac-Veselic cut 34.0k rotations only to 31.6k, 30.4k, 29.0k; de Rijk's pivoting, used below, to
 * 30.8k). On graded matrices (column scales 1..1e-10) the sweeps drop to 4, mostly partial.
 * Golub-Kahan bidiagonalisation + implicit QR does ~4x fewer vector updates and would be the
 * next step if SVD speed matters more than relative accuracy.
 *
 * Conventions: S descending; U (m x k) and V (n x k) have orthonormal columns, k = min(m, n),
 * also for zero singular values (their V columns complete an orthonormal basis deterministically).
 * Signs: in each column of V the entry of largest magnitude (the first one on exact ties) is
 * positive, and the U column follows. Singular values below ~1e-140 max|A| are returned as 0.
 */
import { DomainError } from "../tensor/errors";
import { Mat, assertFinite, mat, transpose } from "./mat";
import { applyQ, columnNorm, pivotedQR } from "./householder";

/** A = U diag(S) V^T with U m x k, S of length k (descending), V n x k, k = min(m, n). */
export interface SVDResult {
  U: Mat;
  S: Float64Array;
  V: Mat;
}

/** Squared column norms below this (after scaling max|A| to [0.5, 1)) are treated as exact zeros. */
const NEGLIGIBLE_SQUARED_NORM = 1e-280;
const MAX_SWEEPS = 60;

/**
 * Thin SVD of any real matrix (tall, wide, square, rank-deficient, zero).
 * @example
 *   const { U, S, V } = svd(matFromRows([[3, 0], [0, -2]]));
 *   // S = [3, 2], U = [[1, 0], [0, -1]], V = I
 */
export function svd(a: Mat): SVDResult {
  assertFinite(a, "svd");
  const { rows: m, cols: n } = a;
  const tall = m >= n;
  // The factorisation below wants a tall matrix by columns: A's columns if tall, else A^T's (= A's rows).
  const columns = tall ? transpose(a).data : a.data.slice();
  const scale = powerOfTwoScale(columns);
  for (let i = 0; i < columns.length; i++) columns[i] *= scale;
  const { left, S, right } = tallSvdByColumns(columns, tall ? m : n, tall ? n : m);
  for (let i = 0; i < S.length; i++) S[i] /= scale;
  const [U, V] = tall ? [left, right] : [right, left];
  fixSigns(U, V);
  return { U, S, V };
}

/** 2^-e with 2^(e-1) <= max|x| < 2^e: exact scaling that keeps squared norms in range. */
function powerOfTwoScale(x: Float64Array): number {
  let big = 0;
  for (let i = 0; i < x.length; i++) big = Math.max(big, Math.abs(x[i]));
  return big === 0 ? 1 : 2 ** -(Math.floor(Math.log2(big)) + 1);
}

/** SVD of the m x n (m >= n) matrix whose n columns of length m are `columns` (overwritten). */
function tallSvdByColumns(columns: Float64Array, m: number, n: number): { left: Mat; S: Float64Array; right: Mat } {
  const qr = pivotedQR(columns, m, n);
  // Row p of `xw` is [row p of R | row p of W^T]: column p of X = R^T beside column p of W.
  const stride = 2 * n;
  const xw = new Float64Array(n * stride);
  for (let p = 0; p < n; p++) {
    for (let j = p; j < n; j++) xw[p * stride + j] = columns[j * m + p];
    xw[p * stride + n + p] = 1;
  }
  jacobiSweeps(xw, n);
  const sigma = new Float64Array(n);
  const isZero: boolean[] = [];
  for (let p = 0; p < n; p++) {
    sigma[p] = columnNorm(xw, p * stride, n);
    isZero.push(sigma[p] * sigma[p] <= NEGLIGIBLE_SQUARED_NORM);
    if (isZero[p]) sigma[p] = 0;
    for (let j = 0; j < n; j++) xw[p * stride + j] = isZero[p] ? 0 : xw[p * stride + j] / sigma[p];
  }
  completeOrthonormalRows(xw, n, stride, isZero);
  const order = Array.from(sigma.keys()).sort((x, y) => sigma[y] - sigma[x] || x - y);
  const S = new Float64Array(n);
  const left = mat(m, n); // Q [W; 0], columns in sorted order
  const right = mat(n, n); // P U_x: row perm[j] of V is row j of U_x
  order.forEach((p, c) => {
    S[c] = sigma[p];
    for (let i = 0; i < n; i++) left.data[i * n + c] = xw[p * stride + n + i];
    for (let j = 0; j < n; j++) right.data[qr.perm[j] * n + c] = xw[p * stride + j];
  });
  applyQ(qr, left.data, n);
  return { left, S, right };
}

/**
 * One-sided Jacobi (Hestenes) on the first n entries of the rows of xw, rotating whole rows
 * (so W^T follows X). Pair (p, q) is rotated unless |x_p . x_q| <= tol |x_p| |x_q| already.
 */
function jacobiSweeps(xw: Float64Array, n: number): void {
  const stride = 2 * n;
  const tol = Number.EPSILON * Math.sqrt(n);
  const d = new Float64Array(n); // squared norms of the X parts
  for (let sweep = 0; sweep < MAX_SWEEPS; sweep++) {
    for (let p = 0; p < n; p++) {
      d[p] = dot(xw, p * stride, p * stride, n);
      if (d[p] <= NEGLIGIBLE_SQUARED_NORM) d[p] = 0;
    }
    let rotations = 0;
    for (let p = 0; p < n - 1; p++) {
      moveLargestRowFirst(xw, d, p, n);
      for (let q = p + 1; q < n; q++) {
        const dp = d[p];
        const dq = d[q];
        if (dp === 0 || dq === 0) continue;
        const apq = dot(xw, p * stride, q * stride, n);
        if (Math.abs(apq) <= tol * Math.sqrt(dp) * Math.sqrt(dq)) continue;
        rotations++;
        // Rotation zeroing the off-diagonal of [[dp, apq], [apq, dq]] (Rutishauser's formulas).
        const zeta = (dq - dp) / (2 * apq);
        const t = Math.abs(zeta) > 1e150
          ? 1 / (2 * zeta)
          : (zeta >= 0 ? 1 : -1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const c = 1 / Math.sqrt(1 + t * t);
        rotateRows(xw, p * stride, q * stride, stride, c, c * t);
        d[p] = dp - t * apq;
        d[q] = dq + t * apq;
        // The updated norm of the shrinking column loses digits to cancellation when it drops a lot.
        if (d[p] < 0.01 * dp) d[p] = dot(xw, p * stride, p * stride, n);
        if (d[p] <= NEGLIGIBLE_SQUARED_NORM) d[p] = 0;
      }
    }
    if (rotations === 0) return;
  }
  throw new DomainError(`svd: Jacobi sweeps did not converge in ${MAX_SWEEPS} sweeps`);
}

/**
 * de Rijk's pivoting: swaps the row with the largest squared norm among p.. into place p
 * (rows of [X | W^T] move together, so this only relabels them). On a random 200x100 matrix it
 * cut the rotations from 34,000 to 30,800 (8 sweeps instead of 9).
 */
function moveLargestRowFirst(xw: Float64Array, d: Float64Array, p: number, n: number): void {
  let best = p;
  for (let q = p + 1; q < n; q++) if (d[q] > d[best]) best = q;
  if (best === p) return;
  const stride = 2 * n;
  for (let i = 0; i < stride; i++) {
    const t = xw[p * stride + i];
    xw[p * stride + i] = xw[best * stride + i];
    xw[best * stride + i] = t;
  }
  const t = d[p]; d[p] = d[best]; d[best] = t;
}

/**
 * Fills the rows flagged in isZero (first n entries of each row) so that all n rows are
 * orthonormal: each gets the unit vector e_i least covered by the rows so far, with those
 * rows projected out twice (classical Gram-Schmidt, reorthogonalised).
 */
function completeOrthonormalRows(xw: Float64Array, n: number, stride: number, isZero: boolean[]): void {
  const filled: number[] = [];
  const coverage = new Float64Array(n); // sum over filled rows r of x_r[i]^2 = |projection of e_i|^2
  isZero.forEach((zero, p) => {
    if (zero) return;
    filled.push(p);
    for (let i = 0; i < n; i++) coverage[i] += xw[p * stride + i] ** 2;
  });
  isZero.forEach((zero, p) => {
    if (!zero) return;
    let best = 0;
    for (let i = 1; i < n; i++) if (coverage[i] < coverage[best]) best = i;
    const row = p * stride;
    xw.fill(0, row, row + n);
    xw[row + best] = 1;
    for (let pass = 0; pass < 2; pass++) {
      for (const r of filled) {
        const f = dot(xw, r * stride, row, n);
        for (let i = 0; i < n; i++) xw[row + i] -= f * xw[r * stride + i];
      }
    }
    const norm = columnNorm(xw, row, n);
    for (let i = 0; i < n; i++) {
      xw[row + i] /= norm;
      coverage[i] += xw[row + i] ** 2;
    }
    filled.push(p);
  });
}

/** Makes the largest-magnitude entry of each V column positive, flipping the U column with it. */
function fixSigns(u: Mat, v: Mat): void {
  for (let c = 0; c < v.cols; c++) {
    let best = 0;
    for (let i = 1; i < v.rows; i++) {
      if (Math.abs(v.data[i * v.cols + c]) > Math.abs(v.data[best * v.cols + c])) best = i;
    }
    if (v.data[best * v.cols + c] >= 0) continue;
    // 0 - x rather than -x: a flipped zero stays +0, so equal inputs print equal outputs.
    for (let i = 0; i < v.rows; i++) v.data[i * v.cols + c] = 0 - v.data[i * v.cols + c];
    for (let i = 0; i < u.rows; i++) u.data[i * u.cols + c] = 0 - u.data[i * u.cols + c];
  }
}

function dot(a: Float64Array, x: number, y: number, len: number): number {
  // Two partial sums halve the dependency chain of the additions.
  let even = 0;
  let odd = 0;
  let i = 0;
  for (; i + 1 < len; i += 2) {
    even += a[x + i] * a[y + i];
    odd += a[x + i + 1] * a[y + i + 1];
  }
  if (i < len) even += a[x + i] * a[y + i];
  return even + odd;
}

/** [row_p, row_q] <- [c row_p - s row_q, s row_p + c row_q] over len entries. */
function rotateRows(a: Float64Array, p: number, q: number, len: number, c: number, s: number): void {
  // Two running indices instead of base + offset: measurably faster in V8 (~15%).
  for (let i = p, j = q, end = p + len; i < end; i++, j++) {
    const xp = a[i];
    const xq = a[j];
    a[i] = c * xp - s * xq;
    a[j] = s * xp + c * xq;
  }
}
