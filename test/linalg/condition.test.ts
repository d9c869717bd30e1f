// The condition estimate behind the near-singular warning: Hager's estimate of ‖A⁻¹‖₁ from the
// LU factors against the exact norm of the inverse.
import { describe, it, expect } from "vitest";
import { inverseNorm1, norm1 } from "../../lib/linalg/condition";
import { inv, luFactor } from "../../lib/linalg/lu";
import { mat, matFromRows } from "../../lib/kernels/mat";
import * as ad from "../../lib";

/** A = Q diag(s) Rᵀ with random orthogonal Q, R: a matrix whose 2-norm condition number is s_max / s_min. */
function withCondition(n: number, kappa: number, seed: number) {
  const q = ad.svd(ad.randn([n, n], seed)).U;
  const r = ad.svd(ad.randn([n, n], seed + 1)).U;
  const s = ad.tensor(Array.from({ length: n }, (_, i) => kappa ** (-i / (n - 1))));
  const a = ad.matmul(ad.mul(q, s), ad.transpose(r)) as ad.Tensor;
  return mat(n, n, a.data);
}

describe("condition estimate", () => {
  it("norm1 is the largest column sum", () => {
    expect(
      norm1(
        matFromRows([
          [1, -2],
          [3, 4],
        ]),
      ),
    ).toBe(6);
  });
  it("estimates ‖A⁻¹‖₁ from below, within a factor of 3, across conditioning and sizes", () => {
    for (const n of [2, 5, 20, 60]) {
      for (const kappa of [1, 1e3, 1e8, 1e13]) {
        for (const seed of [1, 2, 3]) {
          const a = withCondition(n, kappa, seed * 100 + n);
          const exact = norm1(inv(a));
          const estimate = inverseNorm1(luFactor(a));
          expect(estimate).toBeLessThanOrEqual(exact * (1 + 1e-8));
          expect(estimate).toBeGreaterThanOrEqual(exact / 3);
        }
      }
    }
  });
});

describe("the solve's probe before the estimate", () => {
  it("misses no matrix above the limit and flags none well below it, across sizes and seeds", () => {
    const warned = (a: ReturnType<typeof withCondition>) => {
      let count = 0;
      const previous = ad.setWarningHandler(() => count++);
      ad.solve(new ad.Tensor(a.data, [a.rows, a.cols]), ad.ones([a.rows]));
      ad.setWarningHandler(previous);
      return count;
    };
    for (const n of [2, 3, 5, 20, 60]) {
      for (const seed of [1, 2, 3, 4, 5]) {
        expect(warned(withCondition(n, 1e14, seed * 10 + n))).toBe(1);
        expect(warned(withCondition(n, 1e6, seed * 10 + n))).toBe(0);
      }
    }
  });
});
