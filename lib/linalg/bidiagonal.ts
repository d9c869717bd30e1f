/**
 * Householder bidiagonalisation A = Q_L B Q_R^T of a tall matrix (m >= n) stored by columns
 * (Golub & Kahan 1965; LAPACK's dgebd2). B is upper bidiagonal: diagonal d, superdiagonal e.
 * Working by columns keeps both reflector kinds on contiguous memory: a left reflector is a
 * dot and an axpy per column, a right reflector is an accumulation of columns then an axpy each.
 */
import { type Reflectors, applyQ, makeReflector, reflectColumns } from "./householder";

/** The bidiagonal B and the reflectors whose products are Q_L (m x m) and Q_R (n x n). */
export interface Bidiagonal {
  d: Float64Array;
  e: Float64Array;
  /** Q_L: v_k below the diagonal of column k. */
  left: Reflectors;
  /**
   * The trailing (n-1) x (n-1) block of Q_R = diag(1, Q'): Q' = G_0 ... G_{n-3}, G_k acting on
   * entries k+1.. of the vector, in the same compact form.
   */
  right: Reflectors;
}

/**
 * Bidiagonalises the m x n (m >= n) matrix given as n contiguous columns of length m (overwritten).
 * @example
 *   const { d, e } = bidiagonalize(new Float64Array([3, 4, 0, 1]), 2, 2); // |d[0]| = 5
 */
export function bidiagonalize(columns: Float64Array, m: number, n: number): Bidiagonal {
  const d = new Float64Array(n);
  const e = new Float64Array(Math.max(n - 1, 0));
  const tauLeft = new Float64Array(n);
  const rightSize = Math.max(n - 1, 0);
  const rightCount = Math.max(n - 2, 0);
  const rightColumns = new Float64Array(rightSize * rightCount);
  const tauRight = new Float64Array(rightCount);
  const rowTail = new Float64Array(n); // row k right of the diagonal, gathered contiguously
  const combination = new Float64Array(m); // A[k+1.., k+1..] v for the right reflector
  for (let k = 0; k < n; k++) {
    const vStart = k * m + k;
    tauLeft[k] = makeReflector(columns, vStart, m - k);
    d[k] = columns[vStart];
    reflectColumns(columns, vStart, tauLeft[k], m - k, (k + 1) * m + k, m, n - k - 1);
    if (k + 1 >= n) continue;
    const len = n - k - 1;
    for (let j = 0; j < len; j++) rowTail[j] = columns[(k + 1 + j) * m + k];
    const tau = k < n - 2 ? makeReflector(rowTail, 0, len) : 0;
    e[k] = rowTail[0];
    if (k < n - 2) {
      tauRight[k] = tau;
      for (let j = 1; j < len; j++) rightColumns[k * rightSize + k + j] = rowTail[j];
    }
    if (tau !== 0) applyRightReflector(columns, m, k, rowTail, len, tau, combination);
  }
  return {
    d,
    e,
    left: { columns, tau: tauLeft, m, n },
    right: { columns: rightColumns, tau: tauRight, m: rightSize, n: rightCount },
  };
}

/**
 * A[k+1.., k+1..] <- A[k+1.., k+1..] (I - tau v v^T) with v = rowTail[0..len), v[0] = 1:
 * w = sum_j v_j column_j, then column_j -= tau v_j w; two columns per pass over w.
 */
function applyRightReflector(
  columns: Float64Array,
  m: number,
  k: number,
  rowTail: Float64Array,
  len: number,
  tau: number,
  w: Float64Array,
): void {
  const rows = m - k - 1;
  const start = (j: number) => (k + 1 + j) * m + k + 1;
  const v = (j: number) => (j === 0 ? 1 : rowTail[j]);
  w.fill(0, 0, rows);
  let j = 0;
  for (; j + 2 <= len; j += 2) {
    const c = start(j);
    const d = start(j + 1);
    const vc = v(j);
    const vd = v(j + 1);
    for (let i = 0; i < rows; i++) w[i] += vc * columns[c + i] + vd * columns[d + i];
  }
  if (j < len) {
    const c = start(j);
    const vc = v(j);
    for (let i = 0; i < rows; i++) w[i] += vc * columns[c + i];
  }
  for (j = 0; j + 2 <= len; j += 2) {
    const c = start(j);
    const d = start(j + 1);
    const fc = tau * v(j);
    const fd = tau * v(j + 1);
    for (let i = 0; i < rows; i++) {
      const wi = w[i];
      columns[c + i] -= fc * wi;
      columns[d + i] -= fd * wi;
    }
  }
  if (j < len) {
    const c = start(j);
    const fc = tau * v(j);
    for (let i = 0; i < rows; i++) columns[c + i] -= fc * w[i];
  }
}

/**
 * U = Q_L [ub; 0] and V = Q_R vb for the n x n row-major ub, vb (the bidiagonal's singular
 * vectors): U is m x n row-major, vb is overwritten with V. Both by compact WY (matmul speed).
 * @example
 *   const u = formVectors(bidiagonalize(cols, m, n), ub, vb, m, n);
 */
export function formVectors(b: Bidiagonal, ub: Float64Array, vb: Float64Array, m: number, n: number): Float64Array {
  const u = new Float64Array(m * n);
  u.set(ub);
  applyQ(b.left, u, n);
  if (n > 1) applyQ(b.right, vb.subarray(n), n);
  return u;
}
