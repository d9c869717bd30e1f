import { describe, expect, it } from "vitest";
import * as ad from "../../../lib";
import type { Value } from "../../../lib";
import { shapeOf } from "../../../lib/core/value";
import { expectClose, wellConditioned } from "./helpers";

/** A stack [count, n, n] of well-conditioned matrices (seeds from `seed`). */
function stackOf(count: number, n: number, seed: number): ad.Tensor {
  return ad.stack(Array.from({ length: count }, (_, i) => wellConditioned(n, seed + i))) as ad.Tensor;
}

/** The i-th matrix of a stack. */
const item = (x: Value, i: number) => ad.unstack(x)[i];

/** A symmetric positive definite stack: A_i A_i^T + n I. */
function spdStack(count: number, n: number, seed: number): ad.Tensor {
  const a = stackOf(count, n, seed);
  return ad.add(ad.matmul(a, ad.transpose(a, [0, 2, 1])), ad.mul(n, ad.eye(n))) as ad.Tensor;
}

describe("matrix functions on stacks [..., m, n]", () => {
  const a = stackOf(3, 4, 1);

  it("apply to each matrix and stack every part of the result", () => {
    const spd = spdStack(3, 4, 7);
    for (let i = 0; i < 3; i++) {
      const ai = item(a, i);
      expectClose(item(ad.det(a), i), ad.det(ai));
      expectClose(item(ad.inv(a), i), ad.inv(ai));
      expectClose(item(ad.slogdet(a).logabsdet, i), ad.slogdet(ai).logabsdet);
      expect((ad.slogdet(a).sign as ad.Tensor).data[i]).toBe(ad.slogdet(ai).sign);
      expectClose(item(ad.cholesky(spd), i), ad.cholesky(item(spd, i)));
      expectClose(item(ad.eigh(spd).values, i), ad.eigh(item(spd, i)).values);
      const { U, S, V } = ad.svd(a);
      const one = ad.svd(ai);
      [U, S, V].forEach((part, k) => expectClose(item(part, i), [one.U, one.S, one.V][k]));
    }
    expect(shapeOf(ad.det(a))).toEqual([3]);
    expect(shapeOf(ad.svd(ad.ones([2, 3, 5, 2])).U)).toEqual([2, 3, 5, 2]);
  });

  it("solve broadcasts batch axes; a rank-1 b is one vector for every A; one A serves a stack of b", () => {
    const as = ad.reshape(stackOf(2, 3, 4), [2, 1, 3, 3]);
    const bs = ad.rng(5).randn([4, 3, 2]);
    const x = ad.solve(as, bs);
    expect(shapeOf(x)).toEqual([2, 4, 3, 2]);
    for (let i = 0; i < 2; i++)
      for (let j = 0; j < 4; j++) {
        expectClose(ad.getItem(x, i, j), ad.solve(ad.getItem(as, i, 0), item(bs, j)));
      }
    const v = ad.rng(6).randn([3]);
    const a3 = stackOf(3, 3, 1);
    expectClose(item(ad.solve(a3, v), 2), ad.solve(item(a3, 2), v));
    const single = wellConditioned(3, 8);
    expectClose(item(ad.solve(single, bs), 1), ad.solve(single, item(bs, 1)));
  });

  it("pass checkGrads at order 2 (det, inv, solve, cholesky) and order 1 (svd, eigh)", () => {
    const small = stackOf(2, 3, 11);
    ad.checkGrads(ad.det, [small], { order: 2 });
    ad.checkGrads(ad.inv, [small], { order: 2 });
    ad.checkGrads(ad.solve, [small, ad.rng(12).randn([2, 3, 2])], { order: 2 });
    ad.checkGrads(ad.solve, [wellConditioned(3, 13), ad.rng(14).randn([2, 3, 1])], { order: 2 });
    const symmetric = (m: Value) => ad.mul(0.5, ad.add(m, ad.transpose(m, [0, 2, 1])));
    ad.checkGrads((m: Value) => ad.cholesky(symmetric(m)), [spdStack(2, 3, 15)], { order: 2 });
    ad.checkGrads((m: Value) => ad.svd(m).S, [small], { order: 1 });
    ad.checkGrads((m: Value) => ad.eigh(symmetric(m)).values, [spdStack(2, 3, 16)], { order: 1 });
  });

  it("give each matrix its own gradient block (jacrev of det equals the per-matrix gradients)", () => {
    const jac = ad.jacrev(ad.det)(a) as ad.Tensor;
    expect(jac.shape).toEqual([3, 3, 4, 4]);
    for (let i = 0; i < 3; i++)
      for (let j = 0; j < 3; j++) {
        expectClose(ad.getItem(jac, i, j), i === j ? ad.grad(ad.det)(item(a, i)) : ad.zeros([4, 4]));
      }
    expectClose(ad.jacfwd(ad.det)(a), jac);
  });

  it("reject stacks that do not fit, naming the op and the shapes", () => {
    expect(() => ad.det(ad.ones([2, 3, 4]))).toThrow(
      /det: expected a square matrix or a stack \[\.\.\., n, n\], got shape \[2, 3, 4\]/,
    );
    expect(() => ad.solve(stackOf(2, 3, 0), ad.ones([3, 3, 1]))).toThrow(
      /solve \(batch axes of \[2, 3, 3\] and \[3, 3, 1\]\): shapes \[2\] and \[3\] cannot be broadcast/,
    );
    expect(() => ad.solve(stackOf(2, 3, 0), ad.ones([2, 4, 1]))).toThrow(/so b must be \[3\], \[3, k\] or a stack/);
    expect(() => ad.inv(ad.zeros([0, 2, 2]))).toThrow(/inv: the batch axes \[0\] hold no matrix/);
    const ops = { det: ad.det, slogdet: ad.slogdet, cholesky: ad.cholesky, eigh: ad.eigh, svd: ad.svd };
    for (const [name, op] of Object.entries(ops))
      expect(() => op(ad.zeros([0, 2, 2]))).toThrow(new RegExp(`^${name}: the batch axes \\[0\\] hold no matrix$`));
    expect(
      Array.from(
        (
          ad.det(
            ad.stack([
              ad.eye(2),
              ad.tensor([
                [1, 2],
                [2, 4],
              ]),
            ]),
          ) as ad.Tensor
        ).data,
      ),
    ).toEqual([1, 0]); // a singular member has det 0, no error
    expect(() =>
      ad.inv(
        ad.stack([
          ad.eye(2),
          ad.tensor([
            [1, 2],
            [2, 4],
          ]),
        ]),
      ),
    ).toThrow(/inv: matrix is singular/);
  });
});
