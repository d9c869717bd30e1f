import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { isTensor, ShapeError, Tensor, tensor } from "../../lib/tensor";
import { FC, intTensor, shapeArb } from "./naive";

describe("Tensor", () => {
  it("checks data length and dims", () => {
    expect(() => new Tensor(new Float64Array(5), [2, 3])).toThrow("data has 5 elements but shape [2, 3] needs 6");
    expect(() => new Tensor(new Float64Array(0), [2, -1])).toThrow(ShapeError);
    expect(() => new Tensor(new Float64Array(2), [1.5, 1])).toThrow("dim 0 is 1.5");
  });

  it("has size, rank and its own copy of the shape", () => {
    const shape = [2, 3];
    const t = new Tensor(new Float64Array(6), shape);
    shape[0] = 9;
    expect(t.shape).toEqual([2, 3]);
    expect(t.size).toBe(6);
    expect(t.rank).toBe(2);
  });

  it("round-trips toArray through tensor for any shape", () => {
    fc.assert(
      fc.property(shapeArb(4, 3, 0), fc.integer(), (shape, seed) => {
        const t = intTensor(shape, seed);
        const back = tensor(t.toArray());
        // Empty nested arrays cannot carry dims after a 0, so only compare data then.
        if (t.size > 0) expect(back.shape).toEqual(t.shape);
        expect(Array.from(back.data)).toEqual(Array.from(t.data));
      }),
      FC,
    );
  });

  it("item works only for one element and names the shape", () => {
    expect(tensor([[7]]).item()).toBe(7);
    expect(tensor(3).item()).toBe(3);
    expect(() => tensor([1, 2]).item()).toThrow("got shape [2]");
  });

  it("isTensor", () => {
    expect(isTensor(tensor([1]))).toBe(true);
    expect(isTensor([1])).toBe(false);
    expect(isTensor({ data: new Float64Array(1), shape: [1] })).toBe(false);
  });
});
