/**
 * Symmetric eigendecomposition A = V diag(values) V^T by Householder tridiagonalisation and the
 * implicit QL iteration with Wilkinson-type shifts (the EISPACK tred2/tql2 pair, as in JAMA).
 *
 * Why not cyclic Jacobi: each Jacobi sweep rotates n^2/2 pairs of rows, columns and vector
 * columns (~6 n^3 flops) and it needs ~6-10 sweeps; tridiagonalising costs ~4/3 n^3 plus ~2/3 n^3
 * to form Q, and QL ~2 rotations per eigenvalue over columns of length n (~6 n^3 in all)
 * (Golub & Van Loan, Matrix Computations, §8.3).
 *
 * Conventions: values ascending; V's columns orthonormal (products of reflections and
 * rotations, so also for repeated eigenvalues); in each column the entry of largest magnitude
 * (the first one on exact ties) is positive. The input must be symmetric (up to the tolerance
 * of cholesky.ts); sym(A) = (A + A^T) / 2 is what is decomposed.
 */
import { DomainError } from "../tensor/errors";
import { type Mat, assertFinite, assertSquare, mat } from "../kernels/mat";
import { assertSymmetric } from "./cholesky";

/** values ascending, vectors n x n with eigenvector j in column j. */
export interface EighResult {
  values: Float64Array;
  vectors: Mat;
}

/** QL iterations allowed per eigenvalue before giving up (2-3 are typical). */
const MAX_ITERATIONS = 60;

/**
 * Eigenvalues and orthonormal eigenvectors of a symmetric matrix.
 * @example
 *   const { values, vectors } = eigh(matFromRows([[2, 1], [1, 2]]));
 *   // values = [1, 3], vectors = [[0.707, 0.707], [-0.707, 0.707]] (columns (1, -1)/√2 and (1, 1)/√2)
 */
export function eigh(a: Mat): EighResult {
  assertSquare(a, "eigh");
  assertFinite(a, "eigh");
  assertSymmetric(a, "eigh");
  const n = a.rows;
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) v[i * n + j] = (a.data[i * n + j] + a.data[j * n + i]) / 2;
  }
  const d = new Float64Array(n);
  const e = new Float64Array(n);
  if (n > 0) {
    tridiagonalize(v, n, d, e);
    diagonalize(v, n, d, e);
  }
  return sortAndFixSigns(v, n, d);
}

/**
 * Householder reduction of the symmetric v (n x n, overwritten by the accumulated orthogonal Q)
 * to tridiagonal form: diagonal in d, subdiagonal in e[1..n-1] (e[0] = 0).
 */
function tridiagonalize(v: Float64Array, n: number, d: Float64Array, e: Float64Array): void {
  for (let j = 0; j < n; j++) d[j] = v[(n - 1) * n + j];
  for (let i = n - 1; i > 0; i--) {
    // Reflect row i's part left of the diagonal onto its last entry, scaled against under/overflow.
    let scale = 0;
    let h = 0;
    for (let k = 0; k < i; k++) scale += Math.abs(d[k]);
    if (scale === 0) {
      e[i] = d[i - 1];
      for (let j = 0; j < i; j++) {
        d[j] = v[(i - 1) * n + j];
        v[i * n + j] = 0;
        v[j * n + i] = 0;
      }
    } else {
      for (let k = 0; k < i; k++) {
        d[k] /= scale;
        h += d[k] * d[k];
      }
      let f = d[i - 1];
      let g = f > 0 ? -Math.sqrt(h) : Math.sqrt(h);
      e[i] = scale * g;
      h -= f * g;
      d[i - 1] = f - g;
      for (let j = 0; j < i; j++) e[j] = 0;
      // p = A u / h (in e), using the lower triangle only
      for (let j = 0; j < i; j++) {
        f = d[j];
        v[j * n + i] = f;
        g = e[j] + v[j * n + j] * f;
        for (let k = j + 1; k < i; k++) {
          g += v[k * n + j] * d[k];
          e[k] += v[k * n + j] * f;
        }
        e[j] = g;
      }
      f = 0;
      for (let j = 0; j < i; j++) {
        e[j] /= h;
        f += e[j] * d[j];
      }
      const hh = f / (h + h);
      for (let j = 0; j < i; j++) e[j] -= hh * d[j];
      // A -= u q^T + q u^T (lower triangle)
      for (let j = 0; j < i; j++) {
        f = d[j];
        g = e[j];
        for (let k = j; k < i; k++) v[k * n + j] -= f * e[k] + g * d[k];
        d[j] = v[(i - 1) * n + j];
        v[i * n + j] = 0;
      }
    }
    d[i] = h;
  }
  // Accumulate the reflections into Q, from the smallest one outwards.
  for (let i = 0; i < n - 1; i++) {
    v[(n - 1) * n + i] = v[i * n + i];
    v[i * n + i] = 1;
    const h = d[i + 1];
    if (h !== 0) {
      for (let k = 0; k <= i; k++) d[k] = v[k * n + i + 1] / h;
      for (let j = 0; j <= i; j++) {
        let g = 0;
        for (let k = 0; k <= i; k++) g += v[k * n + i + 1] * v[k * n + j];
        for (let k = 0; k <= i; k++) v[k * n + j] -= g * d[k];
      }
    }
    for (let k = 0; k <= i; k++) v[k * n + i + 1] = 0;
  }
  for (let j = 0; j < n; j++) {
    d[j] = v[(n - 1) * n + j];
    v[(n - 1) * n + j] = 0;
  }
  v[n * n - 1] = 1;
  e[0] = 0;
}

/**
 * Implicit QL on the tridiagonal (d, e), rotating the columns of v along: afterwards d holds
 * the eigenvalues (unsorted) and v's columns the eigenvectors. Deflates when
 * |e[m]| <= eps max_l (|d[l]| + |e[l]|).
 */
function diagonalize(v: Float64Array, n: number, d: Float64Array, e: Float64Array): void {
  for (let i = 1; i < n; i++) e[i - 1] = e[i];
  e[n - 1] = 0;
  let shift = 0;
  let norm = 0;
  for (let l = 0; l < n; l++) {
    norm = Math.max(norm, Math.abs(d[l]) + Math.abs(e[l]));
    let m = l;
    while (m < n - 1 && Math.abs(e[m]) > Number.EPSILON * norm) m++;
    for (let iteration = 0; m > l && Math.abs(e[l]) > Number.EPSILON * norm; iteration++) {
      if (iteration === MAX_ITERATIONS) {
        throw new DomainError(`eigh: QL iteration did not converge for eigenvalue ${l} after ${MAX_ITERATIONS} steps`);
      }
      // Shift from the leading 2x2 block, subtracted from the whole diagonal.
      let g = d[l];
      let p = (d[l + 1] - g) / (2 * e[l]);
      let r = Math.hypot(p, 1);
      if (p < 0) r = -r;
      d[l] = e[l] / (p + r);
      d[l + 1] = e[l] * (p + r);
      const dl1 = d[l + 1];
      let h = g - d[l];
      for (let i = l + 2; i < n; i++) d[i] -= h;
      shift += h;
      // Chase the bulge from m up to l with plane rotations.
      p = d[m];
      let c = 1,
        c2 = 1,
        c3 = 1,
        s = 0,
        s2 = 0;
      const el1 = e[l + 1];
      for (let i = m - 1; i >= l; i--) {
        c3 = c2;
        c2 = c;
        s2 = s;
        g = c * e[i];
        h = c * p;
        r = Math.hypot(p, e[i]);
        e[i + 1] = s * r;
        s = e[i] / r;
        c = p / r;
        p = c * d[i] - s * g;
        d[i + 1] = h + s * (c * g + s * d[i]);
        for (let k = 0; k < n; k++) {
          const row = k * n;
          const t = v[row + i + 1];
          v[row + i + 1] = s * v[row + i] + c * t;
          v[row + i] = c * v[row + i] - s * t;
        }
      }
      p = (-s * s2 * c3 * el1 * e[l]) / dl1;
      e[l] = s * p;
      d[l] = c * p;
    }
    d[l] += shift;
    e[l] = 0;
  }
}

/** Ascending values (stable on ties), columns permuted along, largest-|entry| of each column positive. */
function sortAndFixSigns(v: Float64Array, n: number, d: Float64Array): EighResult {
  const order = Array.from(d.keys()).sort((x, y) => d[x] - d[y] || x - y);
  const values = new Float64Array(n);
  const vectors = mat(n, n);
  order.forEach((p, c) => {
    values[c] = d[p];
    let best = 0;
    for (let i = 1; i < n; i++) if (Math.abs(v[i * n + p]) > Math.abs(v[best * n + p])) best = i;
    // 0 - x rather than -x: a flipped zero stays +0.
    const flip = v[best * n + p] < 0;
    for (let i = 0; i < n; i++) vectors.data[i * n + c] = flip ? 0 - v[i * n + p] : v[i * n + p];
  });
  return { values, vectors };
}
