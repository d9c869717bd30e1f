import { describe, expect, it } from "vitest";
import type { Matrix } from "../contract";
import { randomMatrix, transpose } from "../data";
import { matmulNaive } from "./matmul";
import { svdBackward, svdBackwardS, svdJacobi } from "./svd";

const [ROWS, COLS] = [9, 5];
const a = randomMatrix(ROWS, COLS, 11);
const b = randomMatrix(ROWS, COLS, 12);

/** L(U, V) = tr(U^T B V), unchanged when u_i and v_i flip sign together. */
function lossUV(m: Matrix): number {
  const { u, v } = svdJacobi(m);
  const bv = matmulNaive(b, v).data;
  return u.data.reduce((s, x, k) => s + x * bv[k], 0);
}

const lossS = (m: Matrix) => svdJacobi(m).s.reduce((s, x) => s + x, 0);

function centralDifference(loss: (m: Matrix) => number, k: number): number {
  const h = 1e-6;
  const plus = { ...a, data: a.data.slice() };
  const minus = { ...a, data: a.data.slice() };
  plus.data[k] += h;
  minus.data[k] -= h;
  return (loss(plus) - loss(minus)) / (2 * h);
}

describe("plain one-sided Jacobi SVD", () => {
  it("reconstructs A with orthonormal U, V and descending S", () => {
    const { u, s, v } = svdJacobi(a);
    const us = { ...u, data: u.data.map((x, k) => x * s[k % COLS]) };
    const back = matmulNaive(us, transpose(v)).data;
    expect(Math.max(...back.map((x, k) => Math.abs(x - a.data[k])))).toBeLessThan(1e-13);
    const gram = matmulNaive(transpose(u), u).data;
    gram.forEach((x, k) => expect(x).toBeCloseTo(k % (COLS + 1) === 0 ? 1 : 0, 13));
    for (let i = 1; i < COLS; i++) expect(s[i]).toBeLessThanOrEqual(s[i - 1]);
  });

  it("backward of L(S) and L(U, V) match central differences", () => {
    const svd = svdJacobi(a);
    const dS = svdBackwardS(svd, new Float64Array(COLS).fill(1)).data;
    const gU = matmulNaive(b, svd.v);
    const gV = matmulNaive(transpose(b), svd.u);
    const dUV = svdBackward(svd, gU, new Float64Array(COLS), gV).data;
    for (const k of [0, 7, 23, 44]) {
      expect(dS[k]).toBeCloseTo(centralDifference(lossS, k), 6);
      expect(dUV[k]).toBeCloseTo(centralDifference(lossUV, k), 5);
    }
  });

  it("refuses wide matrices", () => {
    expect(() => svdJacobi(randomMatrix(2, 3, 1))).toThrow(/rows >= cols, got 2x3/);
  });
});
