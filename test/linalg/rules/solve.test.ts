import { describe, expect, it, vi } from "vitest";
import * as ad from "../../../lib";
import type { Value } from "../../../lib";
import * as lu from "../../../lib/linalg/lu";
import { SingularMatrixError } from "../../../lib/linalg/errors";
import { expectClose, wellConditioned } from "./helpers";

// Count factorisations: the solve pullback must reuse the forward pass's LU factors.
vi.mock("../../../lib/linalg/lu", async (importOriginal) => {
  const original = await importOriginal<typeof import("../../../lib/linalg/lu")>();
  return { ...original, luFactor: vi.fn(original.luFactor) };
});

describe("solve", () => {
  it("solves A x = b for a vector and a matrix of right-hand sides", () => {
    const a = wellConditioned(5, 1);
    const b = ad.rng(2).randn([5]);
    const bs = ad.rng(3).randn([5, 3]);
    expectClose(ad.matmul(a, ad.solve(a, b)), b);
    expectClose(ad.matmul(a, ad.solve(a, bs)), bs);
  });

  it.each([
    ["vector b", [4]],
    ["matrix b", [4, 3]],
  ])("passes checkGrads at order 2 (%s)", (_name, shape) => {
    for (const seed of [0, 1, 2]) {
      ad.checkGrads(ad.solve, [wellConditioned(4, seed), ad.rng(seed + 10).randn(shape)], { order: 2, seed });
    }
  });

  it("gives the lecture's formulas: dL/db = A^-T dL/dx and dL/dA = -A^-T (dL/dx) x^T", () => {
    const a = wellConditioned(6, 4);
    const b = ad.rng(5).randn([6]);
    const w = ad.rng(6).randn([6]);
    const loss = (m: Value, v: Value) => ad.sum(ad.sin(ad.mul(w, ad.solve(m, v)))); // dL/dx = w cos(w x)
    const [ga, gb] = ad.grad(loss, [0, 1])(a, b) as Value[];
    const x = lu.solve({ data: a.data, rows: 6, cols: 6 }, b.data);
    const dLdx = ad.mul(w, ad.cos(ad.mul(w, ad.tensor(x))));
    const gbExpected = ad.matmul(ad.inv(ad.transpose(a)), dLdx);
    expectClose(gb, gbExpected);
    expectClose(ga, ad.neg(ad.matmul(ad.reshape(gbExpected, [6, 1]), ad.reshape(ad.tensor(x), [1, 6]))));
  });

  it("pulls back without a new factorisation", () => {
    const factor = vi.mocked(lu.luFactor);
    const a = wellConditioned(8, 7);
    const b = ad.rng(8).randn([8, 2]);
    const [, pullback] = ad.vjp(ad.solve, a, b);
    factor.mockClear();
    const [ga, gb] = pullback(ad.ones([8, 2])) as Value[];
    expect(factor).not.toHaveBeenCalled();
    // the fast path agrees with the adlab-ops path (taken for batched cotangents)
    const batched = ad.jacrev((m: Value) => ad.sum(ad.solve(m, b), 1))(a) as ad.Tensor;
    expectClose(ga, ad.sum(batched, 0));
    expectClose(gb, ad.matmul(ad.inv(ad.transpose(a)), ad.ones([8, 2])));
  });

  it("agrees between jacfwd and jacrev (batched tangents and cotangents)", () => {
    const a = wellConditioned(4, 9);
    const b = ad.rng(10).randn([4, 2]);
    const f = (m: Value) => ad.solve(ad.transpose(m), b);
    expectClose(ad.jacfwd(f)(a), ad.jacrev(f)(a));
  });

  it("warns about a near-singular A once, at the user's solve, not again from the rules' own solves", () => {
    const a = ad.tensor([
      [1, 1],
      [1, 1 + 1e-13],
    ]); // condition number about 4e13
    const b = ad.tensor([1, 2]);
    const f = (v: Value) => ad.solve(a, v);
    for (const jacobian of [ad.jacfwd, ad.jacrev]) {
      const sites: string[] = [];
      const previous = ad.setWarningHandler((w) => sites.push(w.site));
      try {
        jacobian(f)(b); // jacrev's batched cotangent takes the pullback's own solve
      } finally {
        ad.setWarningHandler(previous);
      }
      expect(sites).toHaveLength(1);
      expect(sites[0]).toMatch(/solve\.test\.ts:\d+:\d+$/);
    }
  });

  it("rejects bad input with clear errors", () => {
    const a = wellConditioned(3, 0);
    expect(() => ad.solve(ad.ones([2, 3]), ad.ones([2]))).toThrow(
      /solve: expected a square matrix or a stack \[\.\.\., n, n\], got shape \[2, 3\]/,
    );
    expect(() => ad.solve(a, ad.ones([4]))).toThrow(
      /solve: A is \[3, 3\], so b must be \[3\], \[3, k\] or a stack \[\.\.\., 3, k\], got \[4\]/,
    );
    expect(() => ad.solve(a, ad.ones([3, 2, 1]))).toThrow(ad.ShapeError);
    expect(() =>
      ad.solve(
        ad.tensor([
          [1, 2],
          [2, 4],
        ]),
        ad.ones([2]),
      ),
    ).toThrow(SingularMatrixError);
    expect(() =>
      ad.solve(
        ad.tensor([
          [1, 2],
          [2, 4],
        ]),
        ad.ones([2]),
      ),
    ).toThrow(/solve: matrix is singular \(zero pivot at index 1/);
    expect(() =>
      ad.solve(
        ad.tensor([
          [1, NaN],
          [0, 1],
        ]),
        ad.ones([2]),
      ),
    ).toThrow(/solve: .*entry \(0, 1\) is NaN/);
    expect(() => ad.solve(a, ad.tensor([1, Infinity, 0]))).toThrow(/right-hand side.*Infinity/);
  });
});

describe("inv", () => {
  it("inverts and passes checkGrads at order 2", () => {
    const a = wellConditioned(4, 11);
    expectClose(ad.matmul(a, ad.inv(a)), ad.eye(4));
    for (const seed of [0, 1]) ad.checkGrads(ad.inv, [wellConditioned(3, seed)], { order: 2, seed });
  });

  it("rejects non-square, singular and non-finite matrices", () => {
    expect(() => ad.inv(ad.ones([3]))).toThrow(
      /inv: expected a square matrix or a stack \[\.\.\., n, n\], got shape \[3\]/,
    );
    expect(() => ad.inv(ad.zeros([2, 2]))).toThrow(/inv: matrix is singular \(zero pivot at index 0/);
    expect(() => ad.inv(ad.tensor([[Infinity]]))).toThrow(/inv: .*Infinity/);
  });
});
