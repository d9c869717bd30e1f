import { describe, expect, it } from "vitest";
import { matmul, matmulInto, matvec, matvecInto } from "../../lib/kernels/matmul";
import { ShapeError } from "../../lib/tensor/errors";
import { describeBothKernels, entry, maxAbsDiff, naiveProduct, randomMat } from "../linalg/fixtures";

const sizes: [number, number, number][] = [
  [1, 1, 1],
  [3, 5, 7],
  [65, 33, 17],
  [17, 300, 9],
  [70, 70, 70],
];
const transposes: [boolean, boolean][] = [
  [false, false],
  [true, false],
  [false, true],
  [true, true],
];

describeBothKernels("matmul", () => {
  for (const [m, k, n] of sizes) {
    for (const [transA, transB] of transposes) {
      it(`matches the triple loop for ${m}x${k}x${n}, transA=${transA}, transB=${transB}`, () => {
        const a = transA ? randomMat(k, m, m + k) : randomMat(m, k, m + k);
        const b = transB ? randomMat(n, k, n + 7) : randomMat(k, n, n + 7);
        const out = matmul(a, b, transA, transB);
        expect([out.rows, out.cols]).toEqual([m, n]);
        expect(maxAbsDiff(out.data, naiveProduct(a, b, transA, transB).data)).toBeLessThan(1e-12 * k);
      });
    }
  }

  it("works on subarrays of a batch and overwrites stale output", () => {
    const a = randomMat(2 * 40, 30, 1); // two 40x30 matrices stacked
    const b = randomMat(30, 20, 2);
    const out = new Float64Array(2 * 40 * 20).fill(99);
    for (let batch = 0; batch < 2; batch++) {
      matmulInto(out.subarray(batch * 800), a.data.subarray(batch * 1200), b.data, 40, 30, 20);
    }
    expect(maxAbsDiff(out, naiveProduct(a, b).data)).toBeLessThan(1e-12);
  });

  it("names both shapes when inner sizes differ", () => {
    expect(() => matmul(randomMat(2, 3, 1), randomMat(4, 5, 2))).toThrow(ShapeError);
    expect(() => matmul(randomMat(2, 3, 1), randomMat(4, 5, 2))).toThrow(/2x3.*4x5/);
  });

  it("rejects arrays too short for the given sizes", () => {
    expect(() => matmulInto(new Float64Array(4), new Float64Array(3), new Float64Array(4), 2, 2, 2)).toThrow(/a has 3/);
  });
});

describe("matvec", () => {
  for (const trans of [false, true]) {
    it(`matches the definition for a 37x23 matrix, trans=${trans}`, () => {
      const a = randomMat(37, 23, 5);
      const x = randomMat(trans ? 37 : 23, 1, 6).data;
      const expected = new Float64Array(trans ? 23 : 37).map((_, i) => {
        let sum = 0;
        for (let p = 0; p < x.length; p++) sum += entry(a, i, p, trans) * x[p];
        return sum;
      });
      expect(maxAbsDiff(matvec(a, x, trans), expected)).toBeLessThan(1e-12);
    });
  }

  it("overwrites its output", () => {
    const out = matvecInto(
      new Float64Array([5, 5]),
      new Float64Array([1, 2, 3, 4]),
      new Float64Array([1, 1]),
      2,
      2,
      true,
    );
    expect(Array.from(out)).toEqual([4, 6]);
  });

  it("names the shape when x has the wrong length", () => {
    expect(() => matvec(randomMat(3, 4, 1), new Float64Array(3))).toThrow(/3x4.*length 4/);
  });
});
