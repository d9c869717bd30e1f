/**
 * Thin singular value decomposition A = U diag(S) V^T by QR-preconditioned Golub-Kahan:
 *
 *   A P = Q R (pivoted QR, householder.ts); R^T = Q_L B Q_R^T (bidiagonal.ts); B = U_B diag(S)
 *   V_B^T by implicit-shift QR after LAPACK's dbdsqr (bidiagonal-svd.ts: Demmel-Kahan zero
 *   shifts, relative deflation); so with U' = Q_L U_B, V' = Q_R V_B:
 *   A = (Q [V'; 0]) diag(S) (P U')^T, every product of reflectors by blocked compact WY.
 *
 * Why not one-sided Jacobi: each of its sweeps rotates about n^2/2 pairs of rows of length 2n
 * (after the same QR), and it needs several sweeps; the bidiagonal QR needs about 1.2 n^2
 * rotations of length n per side, and everything else is products of reflectors, which run as
 * matrix products (Golub & Van Loan, Matrix Computations, §8.6). Why the QR first: bidiagonalising A
 * itself gives absolute accuracy only, so the small singular values of a graded A = Q D lose their
 * relative accuracy; a pivoted QR first restores it (the QR preconditioning of Drmač & Veselić,
 * "New fast and accurate Jacobi SVD algorithm" (2008)), and for tall A it costs nothing: the
 * bidiagonalisation shrinks to n x n (LAPACK's dgesvd does the same for m >= 1.6 n).
 * Accuracy (tested): U, V orthonormal to 1e-12; the singular values of a matrix of condition 1e10,
 * and of a graded one, within 1e-14.
 *
 * Conventions: S descending; U (m x k) and V (n x k) have orthonormal columns, k = min(m, n),
 * also for zero singular values (products of orthogonal transformations, so the columns of
 * zero singular values complete an orthonormal basis, deterministically).
 * Signs: in each column of V the entry of largest magnitude (the first one on exact ties) is
 * positive, and the U column follows. Singular values below ~1e-140 max|A| are returned as 0.
 */
import { type Mat, assertFinite, mat, transpose } from "../kernels/mat";
import { bidiagonalize, formVectors } from "./bidiagonal";
import { bidiagonalSvd } from "./bidiagonal-svd";
import { identityRows } from "./bidiagonal-steps";
import { applyQ, pivotedQR } from "./householder";

/** A = U diag(S) V^T with U m x k, S of length k (descending), V n x k, k = min(m, n). */
export interface SVDResult {
  U: Mat;
  S: Float64Array;
  V: Mat;
}

/** Singular values below this (after scaling max|A| to [0.5, 1)) are returned as exact zeros. */
const NEGLIGIBLE_VALUE = 1e-140;

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

/**
 * SVD of the m x n (m >= n) matrix whose n columns of length m are `columns` (overwritten):
 * A P = Q R, R^T = U' diag(S) V'^T by Golub-Kahan, so A = (Q [V'; 0]) diag(S) (P U')^T.
 */
function tallSvdByColumns(columns: Float64Array, m: number, n: number): { left: Mat; S: Float64Array; right: Mat } {
  const qr = pivotedQR(columns, m, n);
  const rt = new Float64Array(n * n); // R^T by columns: column j is row j of R
  for (let j = 0; j < n; j++) {
    for (let i = 0; i <= j; i++) rt[i * n + j] = columns[j * m + i];
  }
  const b = bidiagonalize(rt, n, n);
  const ut = identityRows(n);
  const vt = identityRows(n);
  bidiagonalSvd(b.d, b.e, ut, vt);
  const order = Array.from(b.d.keys()).sort((x, y) => b.d[y] - b.d[x] || x - y);
  const S = new Float64Array(n);
  const ub = new Float64Array(n * n);
  const vb = new Float64Array(n * n);
  order.forEach((p, c) => {
    S[c] = b.d[p] <= NEGLIGIBLE_VALUE ? 0 : b.d[p];
    for (let i = 0; i < n; i++) {
      ub[i * n + c] = ut.data[p * n + i];
      vb[i * n + c] = vt.data[p * n + i];
    }
  });
  const uPrime = formVectors(b, ub, vb, n, n); // vb now holds V'
  const left = mat(m, n);
  left.data.set(vb);
  applyQ(qr, left.data, n);
  const right = mat(n, n); // row perm[j] of V is row j of U'
  qr.perm.forEach((p, j) => right.data.set(uPrime.subarray(j * n, (j + 1) * n), p * n));
  return { left, S, right };
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
