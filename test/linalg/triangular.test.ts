import { expect, it } from "vitest";
import { SingularMatrixError } from "../../lib/linalg/errors";
import { type Mat, mat } from "../../lib/kernels/mat";
import { solveTriangular } from "../../lib/linalg/triangular";
import { describeBothKernels, maxAbsDiff, naiveProduct, randomMat } from "./fixtures";

/** The chosen triangle of a (diagonal replaced by ones when unit), with a strong diagonal. */
function triangle(a: Mat, lower: boolean, unit: boolean): Mat {
  const n = a.rows;
  const out = mat(n, n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (i === j) out.data[i * n + j] = unit ? 1 : 3 + Math.abs(a.data[i * n + j]);
      else if (lower === j < i) out.data[i * n + j] = a.data[i * n + j];
    }
  }
  return out;
}

describeBothKernels("solveTriangular", () => {
  for (const lower of [true, false]) {
    for (const unit of [true, false]) {
      for (const transpose of [false, true]) {
        it(`solves lower=${lower} unit=${unit} transpose=${transpose} for a matrix and a vector`, () => {
          const full = randomMat(9, 9, 3);
          const t = triangle(full, lower, unit);
          const b = randomMat(9, 4, 4);
          // Only the named triangle may be read: garbage in the other one must not matter.
          const stored = mat(9, 9, full.data.slice());
          for (let i = 0; i < 9; i++)
            for (let j = 0; j < 9; j++) {
              if (lower ? j <= i : j >= i) stored.data[i * 9 + j] = t.data[i * 9 + j];
            }
          const x = solveTriangular(stored, b, { lower, unitDiagonal: unit, transpose });
          expect(maxAbsDiff(naiveProduct(t, x, transpose).data, b.data)).toBeLessThan(1e-12);
          const xv = solveTriangular(stored, b.data.subarray(0, 9), { lower, unitDiagonal: unit, transpose });
          expect(maxAbsDiff(naiveProduct(t, mat(9, 1, xv), transpose).data, b.data.subarray(0, 9))).toBeLessThan(1e-12);
        });
      }
    }
  }

  it("names the zero diagonal entry", () => {
    const t = triangle(randomMat(4, 4, 1), false, false);
    t.data[2 * 4 + 2] = 0;
    expect(() => solveTriangular(t, new Float64Array(4), { lower: false })).toThrow(SingularMatrixError);
    expect(() => solveTriangular(t, new Float64Array(4), { lower: false })).toThrow(/singular.*index 2/);
  });

  it("names the shapes when B does not fit", () => {
    expect(() => solveTriangular(randomMat(3, 3, 1), randomMat(4, 2, 2), { lower: true })).toThrow(/3x3.*4x2/);
  });
});
