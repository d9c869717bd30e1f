/**
 * Householder reflectors (LAPACK's dlarfg / dlarf), QR with column pivoting A P = Q R (dgeqp3),
 * and a product of reflectors applied to a block of vectors in compact WY form (dlarft / dlarfb).
 * Matrices are stored by columns, so every reflector's dot and update and every pivot swap run
 * on contiguous memory. Used by svd.ts (the QR preconditioner) and bidiagonal.ts.
 */
import { matmulInto } from "../kernels/matmul";

/**
 * Q = H_0 H_1 ... H_{n-1} (m x m) in LAPACK's compact form: v_k (v_k[k] = 1 implied) sits below
 * the diagonal of column k of `columns` (m x n, by columns), H_k = I - tau_k v_k v_k^T.
 * Entries on and above the diagonal are ignored.
 */
export interface Reflectors {
  columns: Float64Array;
  tau: Float64Array;
  m: number;
  n: number;
}

/**
 * The factors in LAPACK's compact form, over the columns array that was factored:
 * column j holds R[0..j, j] in entries 0..j and, below the diagonal, the Householder vector
 * v_j (v_j[j] = 1 implied); Q = H_0 H_1 ... H_{n-1} with H_j = I - tau_j v_j v_j^T.
 * Column j of R belongs to column perm[j] of A.
 */
export interface PivotedQR extends Reflectors {
  perm: Int32Array;
}

/**
 * Factors A (m x n, m >= n, given as n contiguous columns of length m) in place.
 * @example
 *   // A = [[3, 0], [4, 1]] by columns: [3, 4] and [0, 1]
 *   const qr = pivotedQR(new Float64Array([3, 4, 0, 1]), 2, 2); // |R[0, 0]| = 5
 */
export function pivotedQR(columns: Float64Array, m: number, n: number): PivotedQR {
  const tau = new Float64Array(n);
  const perm = new Int32Array(n);
  const norms = new Float64Array(n); // norm of the part of column j still below row k
  const refNorms = new Float64Array(n); // norm when `norms` was last computed exactly
  for (let j = 0; j < n; j++) {
    perm[j] = j;
    norms[j] = refNorms[j] = columnNorm(columns, j * m, m);
  }
  const downdateLimit = Math.sqrt(Number.EPSILON);
  for (let k = 0; k < n; k++) {
    let p = k;
    for (let j = k + 1; j < n; j++) if (norms[j] > norms[p]) p = j;
    if (p !== k) {
      swapColumns(columns, m, p, k);
      swapEntries(perm, p, k);
      swapEntries(norms, p, k);
      swapEntries(refNorms, p, k);
    }
    tau[k] = makeReflector(columns, k * m + k, m - k);
    reflectColumns(columns, k * m + k, tau[k], m - k, (k + 1) * m + k, m, n - k - 1);
    for (let j = k + 1; j < n; j++) {
      const cStart = j * m + k;
      // LAPACK's norm downdate (dlaqp2): |c_j below k+1|^2 = |c_j below k|^2 - R[k, j]^2, recomputed
      // exactly when cancellation would leave too few correct digits.
      if (norms[j] !== 0) {
        const ratio = Math.abs(columns[cStart]) / norms[j];
        const left = Math.max(0, 1 - ratio * ratio);
        const scaled = norms[j] / refNorms[j];
        if (left * scaled * scaled <= downdateLimit) {
          norms[j] = refNorms[j] = columnNorm(columns, cStart + 1, m - k - 1);
        } else {
          norms[j] *= Math.sqrt(left);
        }
      }
    }
  }
  return { columns, tau, perm, m, n };
}

/** Reflectors per compact-WY panel: big enough for matmul speed, small enough that Y^T Y stays cheap. */
const PANEL = 32;

/**
 * Overwrites u (m x width, row-major) with Q u, where Q is the m x m orthogonal factor.
 * Panels of PANEL reflectors in compact WY form, P = I - Y T Y^T (Schreiber & Van Loan 1989),
 * applied last panel first, each to only the rows its reflectors touch: three matrix products per
 * panel at matmul speed (as LAPACK's dlarft/dlarfb). Panels of a fixed width, not one panel of
 * all n reflectors: that one would spend m n^2 on its Gram matrix Y^T Y alone and multiply rows
 * no reflector touches.
 * @example
 *   // thin Q: start from the first n columns of the identity
 *   const u = new Float64Array(m * n); for (let i = 0; i < n; i++) u[i * n + i] = 1; applyQ(qr, u, n);
 */
export function applyQ(qr: Reflectors, u: Float64Array, width: number): void {
  const { n } = qr;
  for (let first = Math.floor((n - 1) / PANEL) * PANEL; first >= 0; first -= PANEL) {
    applyPanel(qr, first, Math.min(PANEL, n - first), u, width);
  }
}

/** u[first.., :] <- (H_first ... H_{first+count-1}) u[first.., :]. */
function applyPanel(qr: Reflectors, first: number, count: number, u: Float64Array, width: number): void {
  const { columns, m } = qr;
  const rows = m - first;
  // Y^T (count x rows): row k is v_{first+k}, with its implied 1 and zeros before it.
  const yt = new Float64Array(count * rows);
  for (let k = 0; k < count; k++) {
    const column = (first + k) * m;
    yt[k * rows + k] = 1;
    yt.set(columns.subarray(column + first + k + 1, column + m), k * rows + k + 1);
  }
  const t = triangularFactor(qr.tau.subarray(first, first + count), yt, rows);
  const below = u.subarray(first * width);
  const ytu = matmulInto(new Float64Array(count * width), yt, below, count, rows, width);
  const tytu = matmulInto(new Float64Array(count * width), t, ytu, count, count, width);
  const correction = matmulInto(new Float64Array(rows * width), yt, tytu, rows, count, width, true);
  for (let i = 0; i < rows * width; i++) below[i] -= correction[i];
}

/**
 * The upper triangular T of H_0 ... H_{n-1} = I - Y T Y^T (LAPACK's dlarft, forward), n = tau.length:
 * T[k, k] = tau_k and T[0..k, k] = -tau_k T[0..k, 0..k] (Y[:, 0..k]^T v_k).
 */
function triangularFactor(tau: Float64Array, yt: Float64Array, m: number): Float64Array {
  const n = tau.length;
  const gram = matmulInto(new Float64Array(n * n), yt, yt, n, m, n, false, true); // Y^T Y
  const t = new Float64Array(n * n);
  for (let k = 0; k < n; k++) {
    t[k * n + k] = tau[k];
    for (let i = 0; i < k; i++) {
      let sum = 0;
      for (let j = i; j < k; j++) sum += t[i * n + j] * gram[j * n + k];
      t[i * n + k] = -tau[k] * sum;
    }
  }
  return t;
}

/**
 * LAPACK's dlarfg on x = a[start .. start + len): finds v (v[0] = 1) and tau with
 * (I - tau v v^T) x = beta e_0, stores beta in a[start] and v[1..] after it; returns tau.
 * @example
 *   const x = new Float64Array([3, 4]); const tau = makeReflector(x, 0, 2); // x = [-5, 0.5], tau = 1.6
 */
export function makeReflector(a: Float64Array, start: number, len: number): number {
  const alpha = a[start];
  const tailNorm = columnNorm(a, start + 1, len - 1);
  if (tailNorm === 0) return 0; // already a multiple of e_0
  const norm = Math.hypot(alpha, tailNorm);
  const beta = alpha >= 0 ? -norm : norm; // opposite sign to alpha: no cancellation in alpha - beta
  const scale = 1 / (alpha - beta);
  for (let i = start + 1; i < start + len; i++) a[i] *= scale;
  a[start] = beta;
  return (beta - alpha) / beta;
}

/**
 * c -= tau v (v^T c) for the `count` columns c = a[first + t stride ..], t < count, with
 * v = a[vStart ..] (v[0] = 1), all of length len. Two columns per pass share each load of v:
 * the loop is bound by memory traffic, not by its multiply-adds (bidiagonal.ts pairs alike).
 * @example
 *   reflectColumns(a, k * m + k, tau, m - k, (k + 1) * m + k, m, n - k - 1); // H_k on columns k+1..
 */
export function reflectColumns(
  a: Float64Array,
  vStart: number,
  tau: number,
  len: number,
  first: number,
  stride: number,
  count: number,
): void {
  if (tau === 0) return;
  let t = 0;
  for (; t + 2 <= count; t += 2) {
    const c = first + t * stride;
    const d = c + stride;
    let dotC = a[c];
    let dotD = a[d];
    for (let i = 1; i < len; i++) {
      const v = a[vStart + i];
      dotC += v * a[c + i];
      dotD += v * a[d + i];
    }
    const fC = tau * dotC;
    const fD = tau * dotD;
    a[c] -= fC;
    a[d] -= fD;
    for (let i = 1; i < len; i++) {
      const v = a[vStart + i];
      a[c + i] -= fC * v;
      a[d + i] -= fD * v;
    }
  }
  if (t < count) {
    const c = first + t * stride;
    let dot = a[c];
    for (let i = 1; i < len; i++) dot += a[vStart + i] * a[c + i];
    const f = tau * dot;
    a[c] -= f;
    for (let i = 1; i < len; i++) a[c + i] -= f * a[vStart + i];
  }
}

/** Euclidean norm of a[start .. start + len), scaled so squares neither overflow nor underflow. */
function columnNorm(a: Float64Array, start: number, len: number): number {
  let big = 0;
  for (let i = start; i < start + len; i++) big = Math.max(big, Math.abs(a[i]));
  if (big === 0) return 0;
  let sum = 0;
  for (let i = start; i < start + len; i++) {
    const t = a[i] / big;
    sum += t * t;
  }
  return big * Math.sqrt(sum);
}

function swapColumns(a: Float64Array, m: number, p: number, q: number): void {
  for (let i = 0, ip = p * m, iq = q * m; i < m; i++, ip++, iq++) {
    const t = a[ip];
    a[ip] = a[iq];
    a[iq] = t;
  }
}

function swapEntries(a: Float64Array | Int32Array, p: number, q: number): void {
  const t = a[p];
  a[p] = a[q];
  a[q] = t;
}
