/**
 * Cholesky factorisation A = L L^T of a symmetric positive definite matrix, row by row
 * (Cholesky-Banachiewicz: L[i, j] = (A[i, j] - sum_k<j L[i, k] L[j, k]) / L[j, j], every inner
 * sum a dot product of two contiguous row prefixes), plus the symmetry check it shares with eigh.
 *
 * Symmetry: the input must be symmetric up to SYMMETRY_TOLERANCE max|A| (a product B B^T from a
 * matmul is symmetric only up to rounding); the factorisation then reads sym(A) = (A + A^T) / 2,
 * the convention the derivative rules (rules/cholesky.ts) follow as well.
 */
import { DomainError } from "../tensor/errors";
import { type Mat, assertFinite, assertSquare, mat, shapeText } from "../kernels/mat";

/** Largest |A[i, j] - A[j, i]| accepted, relative to max|A|. */
export const SYMMETRY_TOLERANCE = 1e-10;

/**
 * Throws a DomainError naming `op` and the most asymmetric entry unless a (square, finite) is
 * symmetric up to SYMMETRY_TOLERANCE max|A|.
 * @example
 *   assertSymmetric(matFromRows([[1, 2], [0, 1]]), "eigh"); // DomainError: eigh: ... entry (0, 1) ...
 */
export function assertSymmetric(a: Mat, op: string): void {
  const { data, rows: n } = a;
  let big = 0;
  for (let i = 0; i < n * n; i++) big = Math.max(big, Math.abs(data[i]));
  let worst = 0;
  let where = [0, 0];
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const gap = Math.abs(data[i * n + j] - data[j * n + i]);
      if (gap > worst) {
        worst = gap;
        where = [i, j];
      }
    }
  }
  if (worst > SYMMETRY_TOLERANCE * big) {
    const [i, j] = where;
    throw new DomainError(
      `${op}: expected a symmetric matrix, but the ${shapeText(a)} matrix has entry (${i}, ${j}) = ${data[i * n + j]} ` +
        `and entry (${j}, ${i}) = ${data[j * n + i]} (relative gap ${worst / big} > ${SYMMETRY_TOLERANCE})`,
    );
  }
}

/**
 * The lower-triangular L with positive diagonal and A = L L^T, for a symmetric positive
 * definite A (A is not modified). Throws a DomainError naming the first pivot that is not
 * positive when A is not positive definite.
 * @example
 *   cholesky(matFromRows([[4, 2], [2, 5]])).data; // [2, 0, 1, 2]
 */
export function cholesky(a: Mat): Mat {
  assertSquare(a, "cholesky");
  assertFinite(a, "cholesky");
  assertSymmetric(a, "cholesky");
  const n = a.rows;
  const l = mat(n, n);
  const { data } = l;
  for (let i = 0; i < n; i++) {
    const rowI = i * n;
    for (let j = 0; j <= i; j++) {
      const rowJ = j * n;
      let s = (a.data[rowI + j] + a.data[rowJ + i]) / 2;
      for (let k = 0; k < j; k++) s -= data[rowI + k] * data[rowJ + k];
      if (j < i) {
        data[rowI + j] = s / data[rowJ + j];
      } else if (s > 0) {
        data[rowI + i] = Math.sqrt(s);
      } else {
        throw new DomainError(
          `cholesky: matrix is not positive definite (pivot ${i}, counting from 0, is ${s}; it must be > 0)`,
        );
      }
    }
  }
  return l;
}
