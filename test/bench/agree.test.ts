import { describe, expect, it } from "vitest";
import { assertAgrees, flatten } from "./agree";

describe("assertAgrees", () => {
  it("flattens nested outputs in order", () => {
    expect(flatten([1, new Float64Array([2, 3]), [4, [5]]])).toEqual([1, 2, 3, 4, 5]);
  });

  it("passes within the scaled tolerance and fails beyond it, naming the entry", () => {
    expect(() => assertAgrees([100, 1], [100 + 1e-11, 1], 1e-12)).not.toThrow();
    expect(() => assertAgrees([100, 1], [100, 1 + 1e-9], 1e-12)).toThrow(/entry 1/);
  });

  it("fails on NaN and on a length mismatch", () => {
    expect(() => assertAgrees([1, 2], [1, NaN], 1)).toThrow(/NaN at entry 1/);
    expect(() => assertAgrees([1, 2], [1], 1)).toThrow(/1 numbers, the reference 2/);
  });
});
