import { describe, expect, it } from "vitest";
import { ShapeError } from "../../lib/tensor/errors";
import { eigh } from "../../lib/linalg/eigh";
import { type Mat, identity, mat, matFromRows } from "../../lib/kernels/mat";
import { maxAbsDiff, naiveProduct, orthogonalityError, randomMat } from "./fixtures";

/** B + B^T: a seeded symmetric matrix. */
function symmetric(n: number, seed: number): Mat {
  const b = randomMat(n, n, seed);
  const out = mat(n, n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) out.data[i * n + j] = b.data[i * n + j] + b.data[j * n + i];
  return out;
}

/** V diag(values) V^T. */
function reconstruct(values: Float64Array, v: Mat): Mat {
  const n = values.length;
  const scaled = mat(n, n, v.data.slice());
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) scaled.data[i * n + j] *= values[j];
  return naiveProduct(scaled, v, false, true);
}

/** Q diag(values) Q^T for a seeded orthogonal Q (the eigenvectors of a random symmetric matrix). */
function withEigenvalues(values: number[], seed: number): Mat {
  return reconstruct(Float64Array.from(values), eigh(symmetric(values.length, seed)).vectors);
}

function expectValidSigns(v: Mat): void {
  for (let c = 0; c < v.cols; c++) {
    let best = 0;
    for (let i = 1; i < v.rows; i++)
      if (Math.abs(v.data[i * v.cols + c]) > Math.abs(v.data[best * v.cols + c])) best = i;
    expect(v.data[best * v.cols + c]).toBeGreaterThan(0);
  }
}

describe("eigh kernel", () => {
  it.each([1, 2, 3, 10, 40, 100])(
    "reconstructs A = V diag(values) V^T, V orthonormal, values ascending (n = %i)",
    (n) => {
      const a = symmetric(n, n + 1);
      const { values, vectors } = eigh(a);
      for (let i = 1; i < n; i++) expect(values[i]).toBeGreaterThanOrEqual(values[i - 1]);
      expect(orthogonalityError(vectors)).toBeLessThan(1e-12);
      expect(maxAbsDiff(reconstruct(values, vectors).data, a.data)).toBeLessThan(1e-12 * n);
      expectValidSigns(vectors);
    },
  );

  it("gives hand-computed eigenpairs and chosen eigenvalues back", () => {
    const { values, vectors } = eigh(
      matFromRows([
        [2, 1],
        [1, 2],
      ]),
    );
    expect(values[0]).toBeCloseTo(1, 14);
    expect(values[1]).toBeCloseTo(3, 14);
    const r = Math.SQRT1_2;
    // columns (1, -1)/√2 (the first of the tied entries positive) and (1, 1)/√2
    expect(maxAbsDiff(vectors.data, Float64Array.from([r, r, -r, r]))).toBeLessThan(1e-15);
    const chosen = [-3, -1e-3, 0, 2, 2, 2, 7.5];
    const got = eigh(withEigenvalues(chosen, 5));
    expect(maxAbsDiff(got.values, Float64Array.from(chosen))).toBeLessThan(1e-13);
    expect(orthogonalityError(got.vectors)).toBeLessThan(1e-12);
  });

  it("handles diagonal, identity, zero and empty matrices exactly enough", () => {
    const diag = eigh(
      matFromRows([
        [3, 0, 0],
        [0, -1, 0],
        [0, 0, 2],
      ]),
    );
    expect(Array.from(diag.values)).toEqual([-1, 2, 3]);
    expect(Array.from(diag.vectors.data)).toEqual([0, 0, 1, 1, 0, 0, 0, 1, 0]);
    const id = eigh(identity(4));
    expect(Array.from(id.values)).toEqual([1, 1, 1, 1]);
    expect(orthogonalityError(id.vectors)).toBe(0);
    expect(Array.from(eigh(mat(3, 3)).values)).toEqual([0, 0, 0]);
    expect(eigh(mat(0, 0)).values.length).toBe(0);
  });

  it("is deterministic and does not modify its input", () => {
    const a = symmetric(12, 9);
    const copy = a.data.slice();
    const first = eigh(a);
    expect(Array.from(a.data)).toEqual(Array.from(copy));
    expect(Array.from(eigh(a).vectors.data)).toEqual(Array.from(first.vectors.data));
  });

  it("rejects non-square, non-finite and non-symmetric input", () => {
    expect(() => eigh(mat(2, 3))).toThrow(ShapeError);
    expect(() =>
      eigh(
        matFromRows([
          [1, NaN],
          [NaN, 1],
        ]),
      ),
    ).toThrow(/eigh: .*entry \(0, 1\) is NaN/);
    expect(() =>
      eigh(
        matFromRows([
          [1, 2],
          [0, 1],
        ]),
      ),
    ).toThrow(/eigh: expected a symmetric matrix.*entry \(0, 1\) = 2 and entry \(1, 0\) = 0/);
  });
});
