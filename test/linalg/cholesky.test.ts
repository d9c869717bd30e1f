import { describe, expect, it } from "vitest";
import { DomainError, ShapeError } from "../../lib/tensor/errors";
import { SYMMETRY_TOLERANCE, assertSymmetric, cholesky } from "../../lib/linalg/cholesky";
import { type Mat, identity, mat, matFromRows } from "../../lib/kernels/mat";
import { maxAbsDiff, naiveProduct, randomMat } from "./fixtures";

/** B B^T + n I: symmetric positive definite, eigenvalues >= n. */
function spd(n: number, seed: number): Mat {
  const b = randomMat(n, n, seed);
  const out = naiveProduct(b, b, false, true);
  for (let i = 0; i < n; i++) out.data[i * n + i] += n;
  return out;
}

describe("cholesky kernel", () => {
  it.each([1, 2, 5, 17, 60])("reconstructs A = L L^T with L lower triangular, positive diagonal (n = %i)", (n) => {
    const a = spd(n, n);
    const l = cholesky(a);
    for (let i = 0; i < n; i++) {
      expect(l.data[i * n + i]).toBeGreaterThan(0);
      for (let j = i + 1; j < n; j++) expect(l.data[i * n + j]).toBe(0);
    }
    expect(maxAbsDiff(naiveProduct(l, l, false, true).data, a.data)).toBeLessThan(1e-12 * n * n);
  });

  it("matches a hand-computed factor", () => {
    expect(
      Array.from(
        cholesky(
          matFromRows([
            [4, 2],
            [2, 5],
          ]),
        ).data,
      ),
    ).toEqual([2, 0, 1, 2]);
    expect(Array.from(cholesky(identity(3)).data)).toEqual(Array.from(identity(3).data));
    expect(cholesky(mat(0, 0)).data.length).toBe(0);
  });

  it("rejects non-square, non-finite, non-symmetric and not positive definite input", () => {
    expect(() => cholesky(mat(2, 3))).toThrow(ShapeError);
    expect(() => cholesky(mat(2, 3))).toThrow(/cholesky: expected a square matrix, got 2x3/);
    expect(() =>
      cholesky(
        matFromRows([
          [1, Infinity],
          [Infinity, 1],
        ]),
      ),
    ).toThrow(/cholesky: .*entry \(0, 1\) is Infinity/);
    expect(() =>
      cholesky(
        matFromRows([
          [1, NaN],
          [0, 1],
        ]),
      ),
    ).toThrow(/cholesky: .*entry \(0, 1\) is NaN/);
    const skew = matFromRows([
      [2, 0, 0.5],
      [0, 2, 0.1],
      [0.5, 0, 2],
    ]); // (1, 2) and (2, 1) differ
    expect(() => cholesky(skew)).toThrow(DomainError);
    expect(() => cholesky(skew)).toThrow(
      /cholesky: expected a symmetric matrix.*entry \(1, 2\) = 0\.1 and entry \(2, 1\) = 0/,
    );
    expect(() =>
      cholesky(
        matFromRows([
          [1, 2],
          [2, 1],
        ]),
      ),
    ).toThrow(/cholesky: matrix is not positive definite \(pivot 1/);
    expect(() =>
      cholesky(
        matFromRows([
          [0, 0],
          [0, 1],
        ]),
      ),
    ).toThrow(/not positive definite \(pivot 0/);
    expect(() => cholesky(matFromRows([[-1]]))).toThrow(/pivot 0, counting from 0, is -1/);
  });

  it("accepts asymmetry at rounding level (a computed B B^T) and factors the symmetric part", () => {
    const a = spd(6, 3);
    const nudged = mat(6, 6, a.data.slice());
    nudged.data[1] += SYMMETRY_TOLERANCE; // relative to max|A| > 1: within tolerance
    expect(() => assertSymmetric(nudged, "cholesky")).not.toThrow();
    const l = cholesky(nudged);
    const symmetric = mat(6, 6, a.data.slice());
    symmetric.data[1] += SYMMETRY_TOLERANCE / 2;
    symmetric.data[6] += SYMMETRY_TOLERANCE / 2;
    expect(maxAbsDiff(naiveProduct(l, l, false, true).data, symmetric.data)).toBeLessThan(1e-12 * 36);
  });
});
