import { describe, expect, it } from "vitest";
import { tensor } from "../../../lib/tensor/create";
import type { Tensor } from "../../../lib/tensor/tensor";
import { eigenGapInverse, singularGapInverse } from "../../../lib/linalg/rules/spectral";

const entries = (x: unknown) => Array.from((x as Tensor).data);

describe("spectral gap inverses", () => {
  it("F_ij = 1 / (λ_j - λ_i), 0 on the diagonal and between repeated eigenvalues", () => {
    const F = eigenGapInverse(tensor([-1, 3, 3 + 1e-15]), 3);
    expect((F as Tensor).shape).toEqual([3, 3]);
    expect(entries(F)).toEqual([0, 1 / 4, 1 / (4 + 1e-15), -1 / 4, 0, 0, -1 / (4 + 1e-15), 0, 0]);
  });

  it("F_ij = 1 / (s_j^2 - s_i^2), 0 on the diagonal and between repeated singular values", () => {
    const F = singularGapInverse(tensor([3, 1, 1]), 3);
    expect(entries(F)).toEqual([0, -1 / 8, -1 / 8, 1 / 8, 0, 0, 1 / 8, 0, 0]);
  });

  it("is empty for an empty spectrum", () => {
    expect((eigenGapInverse(tensor([]), 0) as Tensor).shape).toEqual([0, 0]);
  });
});
