import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  broadcastShapes,
  broadcastStrides,
  formatShape,
  normalizeAxes,
  sameShape,
  ShapeError,
  sizeOf,
  stridesOf,
} from "../../lib/tensor";
import { broadcastPairArb, FC, ravel, shapeArb, unravel } from "./naive";

describe("shape arithmetic", () => {
  it("sizeOf and stridesOf agree with row-major ravel", () => {
    fc.assert(
      fc.property(shapeArb(4, 5), (shape) => {
        const strides = stridesOf(shape);
        for (let flat = 0; flat < sizeOf(shape); flat++) {
          const index = unravel(flat, shape);
          expect(index.reduce((s, i, d) => s + i * strides[d], 0)).toBe(flat);
          expect(ravel(index, shape)).toBe(flat);
        }
      }),
      FC,
    );
    expect(sizeOf([])).toBe(1);
    expect(sizeOf([3, 0])).toBe(0);
  });

  it("sameShape and formatShape", () => {
    expect(sameShape([2, 3], [2, 3])).toBe(true);
    expect(sameShape([2, 3], [3, 2])).toBe(false);
    expect(sameShape([1, 3], [3])).toBe(false);
    expect(formatShape([3, 2])).toBe("[3, 2]");
    expect(formatShape([])).toBe("[]");
  });
});

describe("broadcastShapes", () => {
  it("follows NumPy rules on known pairs", () => {
    expect(broadcastShapes([3, 2], [1, 2], "add")).toEqual([3, 2]);
    expect(broadcastShapes([2, 1, 3], [4, 1], "add")).toEqual([2, 4, 3]);
    expect(broadcastShapes([], [5], "add")).toEqual([5]);
    expect(broadcastShapes([0, 1], [3], "add")).toEqual([0, 3]);
  });

  it("is symmetric and recovers the generating shape", () => {
    fc.assert(
      fc.property(broadcastPairArb, ({ a, b, out }) => {
        const ab = broadcastShapes(a, b, "op");
        expect(ab).toEqual(broadcastShapes(b, a, "op"));
        // Every dim of the result is the non-1 one of the pair, so it never exceeds out.
        ab.forEach((d, i) => expect(d === 1 || d === out[out.length - ab.length + i]).toBe(true));
      }),
      FC,
    );
  });

  it("names op and both shapes when they do not broadcast", () => {
    expect(() => broadcastShapes([3, 2], [4], "add")).toThrow(ShapeError);
    expect(() => broadcastShapes([3, 2], [4], "add")).toThrow("add: shapes [3, 2] and [4] cannot be broadcast");
  });

  it("broadcastStrides repeats along missing and length-1 axes", () => {
    expect(broadcastStrides([3], [2, 3])).toEqual([0, 1]);
    expect(broadcastStrides([2, 1], [2, 5])).toEqual([1, 0]);
    expect(broadcastStrides([1, 1], [1, 1])).toEqual([1, 1]);
  });
});

describe("normalizeAxes", () => {
  it("defaults to all axes, wraps negatives, sorts", () => {
    expect(normalizeAxes(undefined, 3, "sum")).toEqual([0, 1, 2]);
    expect(normalizeAxes(-1, 3, "sum")).toEqual([2]);
    expect(normalizeAxes([2, -3], 3, "sum")).toEqual([0, 2]);
    expect(normalizeAxes([], 3, "sum")).toEqual([]);
  });

  it("rejects out-of-range, fractional and repeated axes with op, axis and rank", () => {
    expect(() => normalizeAxes(2, 2, "sum")).toThrow("sum: axis 2 is out of range for rank 2");
    expect(() => normalizeAxes(-3, 2, "max")).toThrow("max: axis -3 is out of range for rank 2");
    expect(() => normalizeAxes(0.5, 2, "sum")).toThrow(ShapeError);
    expect(() => normalizeAxes([1, -1], 2, "sum")).toThrow("repeated");
  });
});
