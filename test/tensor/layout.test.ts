import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { arange, broadcastTo, concat, reshape, ShapeError, stack, tensor, transpose } from "../../lib/tensor";
import { bigAndSmallArb, broadcastGet, FC, intTensor, ravel, shapeArb, unravel } from "./naive";

/** A shape with a random permutation of its axes. */
const shapeAndPerm = shapeArb(5, 4).chain((shape) =>
  fc.tuple(
    fc.constant(shape),
    fc.shuffledSubarray(
      shape.map((_, i) => i),
      { minLength: shape.length, maxLength: shape.length },
    ),
    fc.integer(),
  ),
);

describe("reshape", () => {
  it("keeps data, infers one -1, shares data, returns x for the same shape", () => {
    const x = arange(6);
    const y = reshape(x, [2, -1]);
    expect(y.shape).toEqual([2, 3]);
    expect(y.toArray()).toEqual([
      [0, 1, 2],
      [3, 4, 5],
    ]);
    expect(reshape(y, [2, 3])).toBe(y);
    expect(reshape(tensor([5]), []).shape).toEqual([]);
  });

  it("names both shapes on failure", () => {
    expect(() => reshape(arange(6), [4])).toThrow("reshape: cannot reshape [6] into [4]");
    expect(() => reshape(arange(6), [-1, -1])).toThrow("only one dim may be -1");
    expect(() => reshape(arange(6), [4, -1])).toThrow(ShapeError);
  });
});

describe("transpose", () => {
  it("moves element at index i to index perm(i), for random shapes and permutations", () => {
    fc.assert(
      fc.property(shapeAndPerm, ([shape, perm, seed]) => {
        const x = intTensor(shape, seed);
        const y = transpose(x, perm);
        expect(y.shape).toEqual(perm.map((a) => shape[a]));
        for (let flat = 0; flat < x.size; flat++) {
          const index = unravel(flat, shape);
          expect(
            y.data[
              ravel(
                perm.map((a) => index[a]),
                y.shape,
              )
            ],
          ).toBe(x.data[flat]);
        }
      }),
      FC,
    );
  });

  it("transposing twice with the inverse permutation is the identity", () => {
    fc.assert(
      fc.property(shapeAndPerm, ([shape, perm, seed]) => {
        const x = intTensor(shape, seed);
        const inverse = perm.map((_, i) => perm.indexOf(i));
        const back = transpose(transpose(x, perm), inverse);
        expect(back.shape).toEqual(shape);
        expect(Array.from(back.data)).toEqual(Array.from(x.data));
      }),
      FC,
    );
  });

  it("reverses axes by default and handles matrices larger than a tile", () => {
    const x = intTensor([70, 45], 3);
    const y = transpose(x);
    expect(y.shape).toEqual([45, 70]);
    expect(y.data[ravel([44, 69], y.shape)]).toBe(x.data[ravel([69, 44], x.shape)]);
    expect(Array.from(transpose(y).data)).toEqual(Array.from(x.data));
  });

  it("validates the permutation", () => {
    expect(() => transpose(intTensor([2, 3], 0), [0, 0])).toThrow("not a permutation");
    expect(() => transpose(intTensor([2, 3], 0), [0])).toThrow(ShapeError);
    expect(() => transpose(intTensor([2, 3], 0), [0, 2])).toThrow("axis 2 is out of range for rank 2");
  });
});

describe("broadcastTo", () => {
  it("matches the naive broadcast read", () => {
    fc.assert(
      fc.property(bigAndSmallArb, ([big, small, seed]) => {
        const x = intTensor(small, seed);
        const y = broadcastTo(x, big);
        expect(y.shape).toEqual(big);
        for (let flat = 0; flat < y.size; flat++) expect(y.data[flat]).toBe(broadcastGet(x, unravel(flat, big)));
      }),
      FC,
    );
  });

  it("names both shapes on failure", () => {
    expect(() => broadcastTo(intTensor([3, 2], 0), [4, 2])).toThrow(
      "broadcastTo: cannot broadcast shape [3, 2] to [4, 2]",
    );
    expect(() => broadcastTo(intTensor([3], 0), [])).toThrow(ShapeError);
  });
});

describe("concat and stack", () => {
  it("concat along each axis agrees with index arithmetic", () => {
    const a = intTensor([2, 3, 4], 1);
    const b = intTensor([2, 3, 4], 2);
    for (let axis = 0; axis < 3; axis++) {
      const y = concat([a, b], axis);
      for (let flat = 0; flat < y.size; flat++) {
        const index = unravel(flat, y.shape);
        const fromB = index[axis] >= a.shape[axis];
        if (fromB) index[axis] -= a.shape[axis];
        expect(y.data[flat]).toBe((fromB ? b : a).data[ravel(index, a.shape)]);
      }
    }
    expect(
      concat(
        [
          tensor([[1, 2]]),
          tensor([
            [3, 4],
            [5, 6],
          ]),
        ],
        -2,
      ).toArray(),
    ).toEqual([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
  });

  it("concat names op, axis and shapes on mismatch", () => {
    expect(() => concat([intTensor([2, 3], 0), intTensor([3, 2], 0)], 1)).toThrow(
      "concat: along axis 1, shapes [2, 3], [3, 2]",
    );
    expect(() => concat([], 0)).toThrow(ShapeError);
    expect(() => concat([intTensor([2], 0)], 1)).toThrow("axis 1 is out of range for rank 1");
  });

  it("stack adds an axis at any position", () => {
    const xs = [tensor([1, 2]), tensor([3, 4]), tensor([5, 6])];
    expect(stack(xs, 0).toArray()).toEqual([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
    expect(stack(xs, 1).toArray()).toEqual([
      [1, 3, 5],
      [2, 4, 6],
    ]);
    expect(stack(xs, -1).shape).toEqual([2, 3]);
    expect(stack([tensor(1), tensor(2)], 0).toArray()).toEqual([1, 2]);
    expect(() => stack([tensor([1]), tensor([1, 2])], 0)).toThrow("stack: all shapes must be equal, got [1], [2]");
  });
});
