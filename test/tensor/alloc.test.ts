import { describe, expect, it } from "vitest";
import { allocate, copyOf } from "../../lib/tensor/alloc";

describe("allocate", () => {
  it("returns zeroed arrays of the requested length that never overlap", () => {
    // Sizes on both sides of the slab limits, enough of them to fill several slabs.
    const sizes = Array.from({ length: 400 }, (_, i) => [0, 1, 8, 9, 100, 1024, 1025][i % 7]);
    const arrays = sizes.map((n) => allocate(n));
    arrays.forEach((a, i) => {
      expect(a.length).toBe(sizes[i]);
      expect(a.every((v) => v === 0)).toBe(true);
      a.fill(i + 1);
    });
    arrays.forEach((a, i) => expect(a.every((v) => v === i + 1)).toBe(true));
  });

  it("copyOf copies values", () => {
    const src = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    const out = copyOf(src);
    src[0] = 99;
    expect(Array.from(out)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });
});
