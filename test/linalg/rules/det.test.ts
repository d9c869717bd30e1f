import { describe, expect, it } from "vitest";
import * as ad from "../../../lib";
import type { Value } from "../../../lib";
import { SingularMatrixError } from "../../../lib/linalg/errors";
import { expectClose, wellConditioned } from "./helpers";

const logabsdet = (a: Value) => ad.slogdet(a).logabsdet;

describe("det", () => {
  it("computes the determinant (0 when singular)", () => {
    expect(ad.det(ad.tensor([[1, 2], [3, 4]]))).toBeCloseTo(-2, 14);
    expect(ad.det(ad.tensor([[1, 2], [2, 4]]))).toBe(0);
  });

  it("passes checkGrads at order 2", () => {
    for (const seed of [0, 1, 2]) ad.checkGrads(ad.det, [wellConditioned(4, seed)], { order: 2, seed });
  });

  it("has gradient det(A) A^-T (the adjugate, transposed)", () => {
    const a = wellConditioned(5, 3);
    expectClose(ad.grad(ad.det)(a), ad.mul(ad.det(a), ad.transpose(ad.inv(a))));
    // 2x2 by hand: adj([[a, b], [c, d]])^T = [[d, -c], [-b, a]]
    expectClose(ad.grad(ad.det)(ad.tensor([[1, 2], [3, 4]])), ad.tensor([[4, -3], [-2, 1]]));
  });

  it("names the zero pivot when differentiated at a singular matrix", () => {
    expect(() => ad.grad(ad.det)(ad.tensor([[1, 2], [2, 4]]))).toThrow(SingularMatrixError);
    expect(() => ad.grad(ad.det)(ad.tensor([[1, 2], [2, 4]]))).toThrow(/det derivative: matrix is singular \(zero pivot at index 1/);
  });

  it("rejects non-square and non-finite input", () => {
    expect(() => ad.det(ad.ones([2, 3]))).toThrow(/det: expected a square matrix, got shape \[2, 3\]/);
    expect(() => ad.det(ad.tensor([[NaN]]))).toThrow(/det: .*NaN/);
  });
});

describe("slogdet", () => {
  it("returns a plain sign and log|det| agreeing with det", () => {
    const a = ad.mul(wellConditioned(5, 4), ad.tensor([-1, 1, 1, 1, 1])); // one flipped column: det < 0
    const { sign, logabsdet } = ad.slogdet(a);
    expect(sign).toBe(Math.sign(ad.det(a) as number));
    expect(sign).toBe(-1);
    expect(logabsdet).toBeCloseTo(Math.log(Math.abs(ad.det(a) as number)), 12);
    expect(ad.slogdet(ad.zeros([2, 2]))).toEqual({ sign: 0, logabsdet: -Infinity });
  });

  it("passes checkGrads at order 2, with negative determinants too", () => {
    for (const seed of [0, 1]) {
      ad.checkGrads(logabsdet, [wellConditioned(4, seed)], { order: 2, seed });
      ad.checkGrads(logabsdet, [ad.neg(wellConditioned(3, seed))], { order: 2, seed });
    }
  });

  it("has gradient A^-T and hessian d2/dA_ij dA_kl = -(A^-1)_jk (A^-1)_li", () => {
    const a = wellConditioned(3, 5);
    const ai = ad.inv(a) as ad.Tensor;
    expectClose(ad.grad(logabsdet)(a), ad.transpose(ai));
    const h = ad.hessian(logabsdet)(a) as ad.Tensor;
    const expected = ad.zeros([3, 3, 3, 3]);
    const at = (i: number, j: number) => ai.data[i * 3 + j];
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) for (let k = 0; k < 3; k++) for (let l = 0; l < 3; l++) {
      expected.data[((i * 3 + j) * 3 + k) * 3 + l] = -at(j, k) * at(l, i);
    }
    expectClose(h, expected);
  });

  it("differentiates through a batch of tangents (jacfwd = jacrev)", () => {
    const a = wellConditioned(4, 6);
    expectClose(ad.jacfwd(ad.det)(a), ad.jacrev(ad.det)(a));
    expectClose(ad.jacfwd(logabsdet)(a), ad.jacrev(logabsdet)(a));
  });

  it("rejects non-square input and names the pivot of a singular gradient", () => {
    expect(() => ad.slogdet(ad.ones([3]))).toThrow(/slogdet: expected a square matrix/);
    expect(() => ad.grad(logabsdet)(ad.zeros([2, 2]))).toThrow(/slogdet derivative: matrix is singular/);
  });
});
