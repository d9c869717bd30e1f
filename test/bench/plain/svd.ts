/**
 * Hand-written thin SVD by one-sided Jacobi (Hestenes), the yardstick of case 7, and the SVD's
 * backward pass (Townsend 2016, "Differentiating the Singular Value Decomposition").
 */
import type { Matrix } from "../contract";
import { matmulTiled } from "./matmul";
import { transpose } from "../data";

/** A = U diag(S) V^T with U m x n, S descending, V n x n (row-major). */
export interface Svd {
  u: Matrix;
  s: Float64Array;
  v: Matrix;
}

const MAX_SWEEPS = 60;

/**
 * Thin SVD of an m x n matrix with m >= n: plane rotations orthogonalise the columns of A (kept
 * column-major so each rotation touches two contiguous arrays); their norms are then S.
 * @example svdJacobi(randomMatrix(4, 3, 1)).s; // 3 singular values, descending
 */
export function svdJacobi(a: Matrix): Svd {
  const { rows: m, cols: n } = a;
  if (m < n) throw new Error(`svdJacobi: needs rows >= cols, got ${m}x${n} (transpose first)`);
  const w = transpose(a).data; // column j of A at w[j*m ...]
  const v = new Float64Array(n * n); // column j of V at v[j*n ...]
  for (let j = 0; j < n; j++) v[j * n + j] = 1;
  for (let sweep = 0; ; sweep++) {
    if (sweep === MAX_SWEEPS) throw new Error(`svdJacobi: no convergence after ${MAX_SWEEPS} sweeps`);
    let rotated = false;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        let alpha = 0,
          beta = 0,
          gamma = 0;
        for (let i = 0, ip = p * m, iq = q * m; i < m; i++, ip++, iq++) {
          alpha += w[ip] * w[ip];
          beta += w[iq] * w[iq];
          gamma += w[ip] * w[iq];
        }
        // Columns already orthogonal to working precision: no rotation.
        if (Math.abs(gamma) <= 1e-15 * Math.sqrt(alpha * beta)) continue;
        rotated = true;
        // The rotation angle that zeroes the (p, q) entry of the 2x2 Gram matrix.
        const zeta = (beta - alpha) / (2 * gamma);
        const t = Math.sign(zeta || 1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = c * t;
        rotate(w, p * m, q * m, m, c, s);
        rotate(v, p * n, q * n, n, c, s);
      }
    }
    if (!rotated) break;
  }
  const order = Array.from({ length: n }, (_, j) => j);
  const norms = order.map((j) => Math.hypot(...w.subarray(j * m, (j + 1) * m)));
  order.sort((x, y) => norms[y] - norms[x]);
  const u = new Float64Array(m * n);
  const vOut = new Float64Array(n * n);
  const sOut = new Float64Array(n);
  order.forEach((j, k) => {
    sOut[k] = norms[j];
    const scale = norms[j] === 0 ? 0 : 1 / norms[j];
    for (let i = 0; i < m; i++) u[i * n + k] = w[j * m + i] * scale;
    for (let i = 0; i < n; i++) vOut[i * n + k] = v[j * n + i];
  });
  return { u: { rows: m, cols: n, data: u }, s: sOut, v: { rows: n, cols: n, data: vOut } };
}

/** Rotates the column pair (x, y) at offsets `px`, `py`: x <- c x - s y, y <- s x + c y. */
function rotate(data: Float64Array, px: number, py: number, length: number, c: number, s: number): void {
  for (let i = 0; i < length; i++) {
    const x = data[px + i];
    const y = data[py + i];
    data[px + i] = c * x - s * y;
    data[py + i] = s * x + c * y;
  }
}

/**
 * dL/dA from the cotangents of U, S and V (thin SVD, m >= n, V square, distinct singular values):
 * dA = U [ (F o (U^T gU - gU^T U)) S + diag(gS) + S (F o (V^T gV - gV^T V)) ] V^T + (I - U U^T) gU S^-1 V^T,
 * with F_ij = 1 / (s_j^2 - s_i^2) off the diagonal and 0 on it.
 * @example svdBackward(svdJacobi(a), gU, gS, gV); // m x n
 */
export function svdBackward({ u, s, v }: Svd, gU: Matrix, gS: Float64Array, gV: Matrix): Matrix {
  const n = s.length;
  const uT = transpose(u);
  const utgu = matmulTiled(uT, gU).data;
  const vtgv = matmulTiled(transpose(v), gV).data;
  const core = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (i === j) {
        core[i * n + i] = gS[i];
        continue;
      }
      const f = 1 / (s[j] * s[j] - s[i] * s[i]);
      // (F o J) S puts s_j on column j; S (F o K) puts s_i on row i.
      core[i * n + j] = f * (utgu[i * n + j] - utgu[j * n + i]) * s[j] + s[i] * f * (vtgv[i * n + j] - vtgv[j * n + i]);
    }
  }
  // (I - U U^T) gU S^-1: the part of gU outside the column space of U.
  const outside = Float64Array.from(gU.data);
  const projected = matmulTiled(u, matmulTiled(uT, gU)).data;
  for (let i = 0; i < u.rows; i++)
    for (let j = 0; j < n; j++) outside[i * n + j] = (outside[i * n + j] - projected[i * n + j]) / s[j];
  const inner = matmulTiled(u, { rows: n, cols: n, data: core }).data;
  for (let k = 0; k < inner.length; k++) inner[k] += outside[k];
  return matmulTiled({ rows: u.rows, cols: n, data: inner }, transpose(v));
}

/**
 * dL/dA when L depends on S only: U diag(gS) V^T (the special case of `svdBackward` with gU = gV = 0).
 * @example svdBackwardS(svdJacobi(a), ones); // U V^T, the gradient of the nuclear norm
 */
export function svdBackwardS({ u, s, v }: Svd, gS: Float64Array): Matrix {
  const n = s.length;
  const scaled = Float64Array.from(u.data);
  for (let i = 0; i < u.rows; i++) for (let j = 0; j < n; j++) scaled[i * n + j] *= gS[j];
  return matmulTiled({ rows: u.rows, cols: n, data: scaled }, transpose(v));
}
