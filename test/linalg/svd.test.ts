import { describe, expect, it } from "vitest";
import { type Mat, mat, matFromRows } from "../../lib/kernels/mat";
import { svd } from "../../lib/linalg/svd";
import { DomainError } from "../../lib/tensor/errors";
import { maxAbsDiff, naiveProduct, orthogonalityError, randomMat } from "./fixtures";

/** U diag(S) V^T */
function reconstruct(u: Mat, s: Float64Array, v: Mat): Mat {
  const us = mat(u.rows, u.cols, u.data.slice());
  for (let i = 0; i < u.rows; i++) for (let c = 0; c < u.cols; c++) us.data[i * u.cols + c] *= s[c];
  return naiveProduct(us, v, false, true);
}

/** A random orthonormal n x k matrix: Gram-Schmidt on seeded normal columns. */
function randomOrthonormal(n: number, k: number, seed: number): Mat {
  const q = randomMat(n, k, seed);
  for (let c = 0; c < k; c++) {
    for (let pass = 0; pass < 2; pass++) {
      for (let prev = 0; prev < c; prev++) {
        let d = 0;
        for (let i = 0; i < n; i++) d += q.data[i * k + c] * q.data[i * k + prev];
        for (let i = 0; i < n; i++) q.data[i * k + c] -= d * q.data[i * k + prev];
      }
    }
    let norm = 0;
    for (let i = 0; i < n; i++) norm += q.data[i * k + c] ** 2;
    for (let i = 0; i < n; i++) q.data[i * k + c] /= Math.sqrt(norm);
  }
  return q;
}

/** Every property the decomposition promises, for any input. */
function expectValidSvd(a: Mat, reconstructionTolerance = 1e-12): Float64Array {
  const { U, S, V } = svd(a);
  const k = Math.min(a.rows, a.cols);
  expect([U.rows, U.cols, S.length, V.rows, V.cols]).toEqual([a.rows, k, k, a.cols, k]);
  const scale = Math.max(1, ...Array.from(a.data).map(Math.abs));
  expect(maxAbsDiff(reconstruct(U, S, V).data, a.data) / scale).toBeLessThan(
    reconstructionTolerance * Math.max(a.rows, a.cols),
  );
  expect(orthogonalityError(U)).toBeLessThan(1e-12);
  expect(orthogonalityError(V)).toBeLessThan(1e-12);
  for (let c = 0; c < k; c++) {
    expect(S[c]).toBeGreaterThanOrEqual(0);
    if (c > 0) expect(S[c]).toBeLessThanOrEqual(S[c - 1]);
    // Sign convention: the largest-magnitude entry of each V column is positive.
    let best = 0;
    for (let i = 1; i < V.rows; i++) if (Math.abs(V.data[i * k + c]) > Math.abs(V.data[best * k + c])) best = i;
    expect(V.data[best * k + c]).toBeGreaterThan(0);
  }
  return S;
}

describe("svd", () => {
  it.each([
    [6, 6],
    [200, 100],
    [100, 200],
    [1, 9],
    [9, 1],
    [1, 1],
    [33, 32],
  ])("decomposes a random %ix%i matrix", (m, n) => {
    expectValidSvd(randomMat(m, n, m * 1000 + n));
  });

  it("matches known singular values of a built matrix U0 diag(s) V0^T, cond 1e10", () => {
    const n = 12;
    const s = new Float64Array(n).map((_, i) => 10 ** ((-10 * i) / (n - 1)));
    const a = reconstruct(randomOrthonormal(30, n, 1), s, randomOrthonormal(n, n, 2));
    const S = expectValidSvd(a);
    // Rounding A itself moves each singular value by up to ~eps |A| = eps: that is the bound.
    for (let i = 0; i < n; i++) expect(Math.abs(S[i] - s[i])).toBeLessThan(1e-14);
    expect(Math.abs(S[n - 1] - s[n - 1]) / s[n - 1]).toBeLessThan(1e-5);
  });

  it("keeps relative accuracy on a graded matrix (A = Q D, D growing from 1e-30 to 1)", () => {
    // Q has orthonormal columns, so A's singular values are D's entries to a few eps relatively.
    // Bidiagonalising A directly gets the small ones only to ~1e-7 here; QR with pivoting first fixes that.
    const n = 12;
    const d = new Float64Array(n).map((_, j) => 10 ** ((-30 * (n - 1 - j)) / (n - 1)));
    const q = randomOrthonormal(30, n, 5);
    const a = mat(
      30,
      n,
      q.data.map((x, i) => x * d[i % n]),
    );
    const S = expectValidSvd(a);
    for (let i = 0; i < n; i++) expect(Math.abs(S[i] - d[n - 1 - i]) / d[n - 1 - i]).toBeLessThan(1e-13);
  });

  it("separates clustered and repeated singular values with orthonormal vectors", () => {
    const s = new Float64Array([2, 1 + 1e-13, 1, 1, 1 - 1e-13, 1e-3, 1e-3, 1e-3 * (1 + 1e-12)]).sort().reverse();
    const a = reconstruct(randomOrthonormal(20, 8, 6), s, randomOrthonormal(8, 8, 7));
    const S = expectValidSvd(a);
    for (let i = 0; i < 8; i++) expect(Math.abs(S[i] - s[i])).toBeLessThan(1e-14);
  });

  it("handles a rank-deficient matrix: zero singular values, still orthonormal U and V", () => {
    const a = naiveProduct(randomMat(15, 3, 3), randomMat(3, 10, 4)); // rank 3
    const S = expectValidSvd(a);
    for (let i = 3; i < 10; i++) expect(S[i] / S[0]).toBeLessThan(1e-14);
    expect(S[2] / S[0]).toBeGreaterThan(1e-3);
  });

  it("handles exactly repeated columns and zero columns", () => {
    const a = matFromRows([
      [1, 1, 0],
      [2, 2, 0],
      [3, 3, 0],
      [4, 4, 0],
    ]);
    const S = expectValidSvd(a);
    expect(S[0]).toBeCloseTo(Math.sqrt(60), 13);
    expect(S[1] / S[0]).toBeLessThan(1e-15); // rounding in the QR leaves ~eps, not an exact 0
    expect(S[2]).toBe(0);
  });

  it("completes V for an exactly rank-one matrix whose null vector is not a coordinate vector", () => {
    const { V, S } = svd(
      matFromRows([
        [1, 1, 1],
        [0, 0, 0],
        [0, 0, 0],
      ]),
    );
    expectValidSvd(
      matFromRows([
        [1, 1, 1],
        [0, 0, 0],
        [0, 0, 0],
      ]),
    );
    expect(Array.from(S.subarray(1))).toEqual([0, 0]);
    // The completed columns must be orthogonal to (1, 1, 1): their entries sum to 0.
    for (const c of [1, 2]) expect(Math.abs(V.data[c] + V.data[3 + c] + V.data[6 + c])).toBeLessThan(1e-15);
  });

  it.each([
    [4, 3],
    [3, 4],
    [1, 5],
    [5, 1],
  ])("handles the zero %ix%i matrix", (m, n) => {
    const S = expectValidSvd(mat(m, n));
    expect(Array.from(S).every((x) => x === 0)).toBe(true);
  });

  it("is exact on a diagonal matrix and follows the sign convention", () => {
    const { U, S, V } = svd(
      matFromRows([
        [3, 0],
        [0, -2],
      ]),
    );
    expect(Array.from(S)).toEqual([3, 2]);
    expect(Array.from(V.data)).toEqual([1, 0, 0, 1]);
    expect(Array.from(U.data)).toEqual([1, 0, 0, -1]);
  });

  it("survives entries near the overflow and underflow limits", () => {
    expectValidSvd(
      matFromRows([
        [1e300, 2e300],
        [3e300, -1e300],
      ]),
    );
    const tiny = randomMat(5, 4, 8);
    for (let i = 0; i < tiny.data.length; i++) tiny.data[i] *= 1e-300;
    const S = svd(tiny).S;
    const scaled = svd(randomMat(5, 4, 8)).S;
    for (let i = 0; i < 4; i++) expect(S[i] / 1e-300 / scaled[i]).toBeCloseTo(1, 12);
  });

  it("is deterministic: the same input twice gives identical output", () => {
    const a = randomMat(40, 25, 9);
    const first = svd(a);
    const second = svd(mat(40, 25, a.data.slice()));
    expect(second.U.data).toEqual(first.U.data);
    expect(second.S).toEqual(first.S);
    expect(second.V.data).toEqual(first.V.data);
  });

  it("gives the same subspaces for A and A^T (wide and tall paths agree)", () => {
    const a = randomMat(7, 4, 10);
    const at = mat(4, 7);
    for (let i = 0; i < 7; i++) for (let j = 0; j < 4; j++) at.data[j * 7 + i] = a.data[i * 4 + j];
    expect(maxAbsDiff(svd(a).S, svd(at).S)).toBeLessThan(1e-14);
  });

  it("leaves its input untouched and rejects NaN with the entry", () => {
    const a = randomMat(6, 3, 11);
    const copy = a.data.slice();
    svd(a);
    expect(a.data).toEqual(copy);
    const bad = mat(2, 2, new Float64Array([1, NaN, 2, 3]));
    expect(() => svd(bad)).toThrow(DomainError);
    expect(() => svd(bad)).toThrow(/svd: 2x2 matrix entry \(0, 1\) is NaN/);
  });
});
