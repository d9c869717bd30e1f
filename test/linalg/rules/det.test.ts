import { describe, expect, it } from "vitest";
import * as ad from "../../../lib";
import type { Value } from "../../../lib";
import { SingularMatrixError } from "../../../lib/linalg/errors";
import { luFactor } from "../../../lib/linalg/lu";
import { matFromRows } from "../../../lib/kernels/mat";
import { expectClose, wellConditioned } from "./helpers";

const logabsdet = (a: Value) => ad.slogdet(a).logabsdet;

describe("det", () => {
  it("computes the determinant (0 when singular)", () => {
    expect(
      ad.det(
        ad.tensor([
          [1, 2],
          [3, 4],
        ]),
      ),
    ).toBeCloseTo(-2, 14);
    expect(
      ad.det(
        ad.tensor([
          [1, 2],
          [2, 4],
        ]),
      ),
    ).toBe(0);
  });

  it("passes checkGrads at order 2", () => {
    for (const seed of [0, 1, 2]) ad.checkGrads(ad.det, [wellConditioned(4, seed)], { order: 2, seed });
  });

  it("has gradient det(A) A^-T (the adjugate, transposed)", () => {
    const a = wellConditioned(5, 3);
    expectClose(ad.grad(ad.det)(a), ad.mul(ad.det(a), ad.transpose(ad.inv(a))));
    // 2x2 by hand: adj([[a, b], [c, d]])^T = [[d, -c], [-b, a]]
    expectClose(
      ad.grad(ad.det)(
        ad.tensor([
          [1, 2],
          [3, 4],
        ]),
      ),
      ad.tensor([
        [4, -3],
        [-2, 1],
      ]),
    );
  });

  it("rejects non-square and non-finite input", () => {
    expect(() => ad.det(ad.ones([2, 3]))).toThrow(
      /det: expected a square matrix or a stack \[\.\.\., n, n\], got shape \[2, 3\]/,
    );
    expect(() => ad.det(ad.tensor([[NaN]]))).toThrow(/det: .*NaN/);
  });
});

/** Cofactor C_ij = (-1)^{i+j} det(A without row i and column j), the minors by Laplace expansion. */
function cofactors(rows: number[][]): number[][] {
  const detOf = (m: number[][]): number =>
    m.length === 0
      ? 1
      : m[0].reduce(
          (acc, v, j) => acc + (j % 2 === 0 ? 1 : -1) * v * detOf(m.slice(1).map((r) => r.filter((_, c) => c !== j))),
          0,
        );
  return rows.map((_, i) =>
    rows.map((__, j) => {
      const minor = rows.filter((_r, r) => r !== i).map((r) => r.filter((_c, c) => c !== j));
      return ((i + j) % 2 === 0 ? 1 : -1) * detOf(minor);
    }),
  );
}

/** d det / dA_ij by central differences (det is linear in each entry: exact up to rounding). */
function finiteDifferenceGrad(a: ad.Tensor, h = 1e-3): ad.Tensor {
  const out = ad.zeros(a.shape) as ad.Tensor;
  for (let k = 0; k < a.data.length; k++) {
    const plus = new ad.Tensor(a.data.slice(), a.shape);
    const minus = new ad.Tensor(a.data.slice(), a.shape);
    plus.data[k] += h;
    minus.data[k] -= h;
    out.data[k] = ((ad.det(plus) as number) - (ad.det(minus) as number)) / (2 * h);
  }
  return out;
}

/** Checks that `rows` is exactly singular for the LU, so the adjugate path is the one tested. */
function singular(rows: number[][]): ad.Tensor {
  expect(luFactor(matFromRows(rows)).zeroPivot).toBeGreaterThanOrEqual(0);
  return ad.tensor(rows) as ad.Tensor;
}

describe("det gradient at an exactly singular matrix (the adjugate)", () => {
  it("is adj(A)^T = the cofactor matrix at rank n - 1, 2x2 and 3x3", () => {
    // [[a, b], [c, d]] -> [[d, -c], [-b, a]]
    expectClose(
      ad.grad(ad.det)(
        singular([
          [1, 2],
          [2, 4],
        ]),
      ),
      ad.tensor([
        [4, -2],
        [-2, 1],
      ]),
      1e-14,
    );
    expectClose(
      ad.grad(ad.det)(
        singular([
          [2, -3],
          [4, -6],
        ]),
      ),
      ad.tensor([
        [-6, -4],
        [3, 2],
      ]),
      1e-14,
    );
    for (const rows of [
      [
        [1, 2, 3],
        [2, 4, 7],
        [4, 8, 1],
      ],
      [
        [2, 0, 1],
        [-1, 3, 2],
        [2, 0, 1],
      ],
      [
        [1, 2, 3],
        [4, 5, 6],
        [1, 2, 3],
      ],
      [
        [0, 1, 2],
        [0, 3, -1],
        [0, 5, 7],
      ],
    ]) {
      const expected = cofactors(rows);
      expect(Math.max(...expected.flat().map(Math.abs))).toBeGreaterThan(0); // rank 2, not less
      expectClose(ad.grad(ad.det)(singular(rows)), ad.tensor(expected), 1e-13);
    }
  });

  it("matches central differences at rank n - 1 (a repeated row)", () => {
    const rows = (ad.rng(11).randn([5, 5]) as ad.Tensor).toArray() as number[][];
    rows[3] = rows[1].slice();
    const a = singular(rows);
    expectClose(ad.grad(ad.det)(a), finiteDifferenceGrad(a), 1e-9);
  });

  it("is zero at rank <= n - 2, and 1 for the 1x1 zero matrix", () => {
    for (const rows of [
      [
        [1, 2, 3],
        [2, 4, 6],
        [4, 8, 12],
      ],
      [
        [1, 2, 0, 1],
        [3, -1, 2, 2],
        [1, 2, 0, 1],
        [3, -1, 2, 2],
      ],
      [
        [0, 0],
        [0, 0],
      ],
    ]) {
      const g = ad.grad(ad.det)(singular(rows)) as ad.Tensor;
      expect(Array.from(g.data)).toEqual(new Array(rows.length ** 2).fill(0));
      expectClose(g, finiteDifferenceGrad(ad.tensor(rows) as ad.Tensor), 1e-9);
    }
    expectClose(ad.grad(ad.det)(singular([[0]])), ad.tensor([[1]]));
  });

  it("agrees between forward and reverse mode (jacfwd = jacrev = adj^T)", () => {
    const a = singular([
      [1, 2, 3],
      [2, 4, 7],
      [4, 8, 1],
    ]);
    expectClose(
      ad.jacfwd(ad.det)(a),
      ad.tensor(
        cofactors([
          [1, 2, 3],
          [2, 4, 7],
          [4, 8, 1],
        ]),
      ),
      1e-13,
    );
    expectClose(ad.jacrev(ad.det)(a), ad.jacfwd(ad.det)(a), 1e-13);
  });

  it("says a second derivative at a singular matrix is not supported", () => {
    const a = singular([
      [1, 2],
      [2, 4],
    ]);
    expect(() => ad.hessian(ad.det)(a)).toThrow(SingularMatrixError);
    expect(() => ad.hessian(ad.det)(a)).toThrow(
      /^det second \(or higher\) derivative at a singular matrix is not supported; det/,
    );
    // in forward over forward too, where the inner rule meets a traced singular matrix
    expect(() => ad.jacfwd(ad.jacfwd(ad.det))(a)).toThrow(
      /^det second \(or higher\) derivative at a singular matrix is not supported; det/,
    );
    // and in reverse over reverse, where the outer tape meets the inner pullback
    expect(() => ad.jacrev(ad.jacrev(ad.det))(a)).toThrow(
      /^det second \(or higher\) derivative at a singular matrix is not supported; det/,
    );
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
    for (let i = 0; i < 3; i++)
      for (let j = 0; j < 3; j++)
        for (let k = 0; k < 3; k++)
          for (let l = 0; l < 3; l++) {
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
