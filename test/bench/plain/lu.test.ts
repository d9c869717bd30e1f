import { describe, expect, it } from "vitest";
import { randomMatrix, randomVector } from "../data";
import { matvec, matvecTransposed } from "./jacobian";
import { luFactor, luSolve, luSolveTransposed, solveBackward } from "./lu";

const maxGap = (x: Float64Array, y: Float64Array) => Math.max(...x.map((v, i) => Math.abs(v - y[i])));

describe("plain LU", () => {
  const a = randomMatrix(12, 12, 5);
  const b = randomVector(12, 6);

  it("solves A x = b and A^T y = b", () => {
    const factors = luFactor(a);
    expect(maxGap(matvec(a, luSolve(factors, b)), b)).toBeLessThan(1e-12);
    expect(maxGap(matvecTransposed(a, luSolveTransposed(factors, b)), b)).toBeLessThan(1e-12);
  });

  it("backward matches central differences of L = <g, A^-1 b>", () => {
    const g = randomVector(12, 7);
    const loss = (m: typeof a, v: Float64Array) => luSolve(luFactor(m), v).reduce((s, x, i) => s + x * g[i], 0);
    const factors = luFactor(a);
    const [dA, db] = solveBackward(factors, luSolve(factors, b), g);
    const h = 1e-6;
    for (const k of [0, 13, 77, 143]) {
      const plus = { ...a, data: a.data.slice() };
      const minus = { ...a, data: a.data.slice() };
      plus.data[k] += h;
      minus.data[k] -= h;
      expect(dA[k]).toBeCloseTo((loss(plus, b) - loss(minus, b)) / (2 * h), 6);
    }
    const bPlus = b.slice();
    const bMinus = b.slice();
    bPlus[3] += h;
    bMinus[3] -= h;
    expect(db[3]).toBeCloseTo((loss(a, bPlus) - loss(a, bMinus)) / (2 * h), 6);
  });

  it("refuses singular and non-square matrices", () => {
    expect(() => luFactor({ rows: 2, cols: 2, data: new Float64Array([1, 2, 2, 4]) })).toThrow(/singular/);
    expect(() => luFactor(randomMatrix(2, 3, 1))).toThrow(/square, got 2x3/);
  });
});
