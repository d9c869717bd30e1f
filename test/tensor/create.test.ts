import { describe, expect, it } from "vitest";
import { arange, DomainError, eye, full, linspace, ones, scalar, ShapeError, tensor, zeros } from "../../lib/tensor";

describe("tensor()", () => {
  it("infers shapes from nesting; a number is rank 0", () => {
    expect(tensor(3).shape).toEqual([]);
    expect(tensor([]).shape).toEqual([0]);
    expect(tensor([[1, 2, 3]]).shape).toEqual([1, 3]);
    expect(
      Array.from(
        tensor([
          [1, 2],
          [3, 4],
        ]).data,
      ),
    ).toEqual([1, 2, 3, 4]);
  });

  it("takes flat data with a shape, and copies a Float64Array", () => {
    const src = new Float64Array([1, 2, 3, 4]);
    const t = tensor(src, [2, 2]);
    src[0] = 99;
    expect(t.toArray()).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(() => tensor([1, 2, 3], [2, 2])).toThrow("3 values do not fit shape [2, 2]");
  });

  it("rejects ragged arrays and non-numbers, naming the position", () => {
    expect(() => tensor([[1, 2], [3]])).toThrow(TypeError);
    expect(() => tensor([[1, 2], [3]])).toThrow("entry at [1] has length 1, expected 2");
    expect(() => tensor([[1, 2], 3] as never)).toThrow("entry at [1] is a number");
    expect(() => tensor([1, [2]] as never)).toThrow("element at [1] is an array");
    expect(() => tensor([[1, "2"]] as never)).toThrow("element at [0, 1] is a string");
    expect(() => tensor([null] as never)).toThrow("element at [0] is null");
  });
});

describe("constant and range constructors", () => {
  it("zeros, ones, full, scalar", () => {
    expect(zeros([2, 3]).data.every((v) => v === 0)).toBe(true);
    expect(ones([3]).toArray()).toEqual([1, 1, 1]);
    expect(full([2], 7).toArray()).toEqual([7, 7]);
    expect(scalar(5).shape).toEqual([]);
    expect(() => zeros([-1])).toThrow(ShapeError);
  });

  it("eye, square and rectangular", () => {
    expect(eye(2).toArray()).toEqual([
      [1, 0],
      [0, 1],
    ]);
    expect(eye(2, 3).toArray()).toEqual([
      [1, 0, 0],
      [0, 1, 0],
    ]);
  });

  it("arange follows Python's range and rejects a zero step", () => {
    expect(arange(3).toArray()).toEqual([0, 1, 2]);
    expect(arange(1, 2, 0.25).toArray()).toEqual([1, 1.25, 1.5, 1.75]);
    expect(arange(5, 0, -2).toArray()).toEqual([5, 3, 1]);
    expect(arange(3, 1).size).toBe(0);
    expect(() => arange(0, 1, 0)).toThrow(DomainError);
  });

  it("linspace includes both ends", () => {
    expect(linspace(0, 1, 5).toArray()).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(linspace(0, 0.3, 4).data[3]).toBe(0.3);
    expect(linspace(2, 3, 1).toArray()).toEqual([2]);
    expect(() => linspace(0, 1, -1)).toThrow(DomainError);
  });
});
