import { describe, expect, it } from "vitest";
import { randomMatrix } from "../data";
import { matmulNaive, matmulTiled } from "./matmul";

describe("plain matmul", () => {
  it("tiled equals naive bit for bit, ragged shapes included", () => {
    for (const [m, k, n] of [
      [4, 4, 4],
      [7, 5, 9],
      [64, 13, 10],
      [1, 3, 2],
    ]) {
      const a = randomMatrix(m, k, 1);
      const b = randomMatrix(k, n, 2);
      expect(matmulTiled(a, b).data).toEqual(matmulNaive(a, b).data);
    }
  });

  it("naive matches the definition", () => {
    const a = { rows: 2, cols: 2, data: new Float64Array([1, 2, 3, 4]) };
    const b = { rows: 2, cols: 1, data: new Float64Array([5, 6]) };
    expect(Array.from(matmulNaive(a, b).data)).toEqual([17, 39]);
  });

  it("names the shapes that do not chain", () => {
    expect(() => matmulTiled(randomMatrix(2, 3, 1), randomMatrix(2, 3, 2))).toThrow(/2x3 and 2x3/);
  });
});
