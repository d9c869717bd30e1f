import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { gather, scatterAdd, ShapeError, tensor } from "../../lib/tensor";
import { dot, FC, intTensor, ravel, shapeArb, unravel } from "./naive";

/** A non-empty shape, an axis of it, and indices (negatives and repeats included) into that axis. */
const gatherArb = shapeArb(4, 4)
  .filter((s) => s.length > 0)
  .chain((shape) =>
    fc
      .integer({ min: 0, max: shape.length - 1 })
      .chain((axis) =>
        fc.tuple(
          fc.constant(shape),
          fc.constant(axis),
          fc.array(fc.integer({ min: -shape[axis], max: shape[axis] - 1 }), { maxLength: 6 }),
          fc.integer(),
        ),
      ),
  );

describe("gather", () => {
  it("takes entries along an axis like index arithmetic says", () => {
    fc.assert(
      fc.property(gatherArb, ([shape, axis, idx, seed]) => {
        const x = intTensor(shape, seed);
        const y = gather(x, idx, axis);
        expect(y.shape).toEqual(shape.map((d, i) => (i === axis ? idx.length : d)));
        for (let flat = 0; flat < y.size; flat++) {
          const index = unravel(flat, y.shape);
          const i = idx[index[axis]];
          index[axis] = i < 0 ? i + shape[axis] : i;
          expect(y.data[flat]).toBe(x.data[ravel(index, shape)]);
        }
      }),
      FC,
    );
    expect(
      gather(
        tensor([
          [1, 2],
          [3, 4],
        ]),
        Int32Array.from([1, -2]),
        -1,
      ).toArray(),
    ).toEqual([
      [2, 1],
      [4, 3],
    ]);
  });

  it("scatterAdd is its adjoint, repeated indices accumulating", () => {
    fc.assert(
      fc.property(gatherArb, ([shape, axis, idx, seed]) => {
        const x = intTensor(shape, seed);
        const gathered = gather(x, idx, axis);
        const g = intTensor(gathered.shape, seed + 1);
        expect(dot(gathered, g)).toBe(dot(x, scatterAdd(g, idx, axis, shape)));
      }),
      FC,
    );
    expect(scatterAdd(tensor([1, 2, 3]), [0, 0, 2], 0, [3]).toArray()).toEqual([3, 0, 3]);
  });

  it("checks bounds, rank and g's shape", () => {
    expect(() => gather(tensor([1, 2, 3]), [3], 0)).toThrow(
      "index 3 at position 0 is out of bounds for axis 0 of size 3",
    );
    expect(() => gather(tensor([1, 2, 3]), [-4], 0)).toThrow(ShapeError);
    expect(() => gather(tensor([1, 2, 3]), [0.5], 0)).toThrow(ShapeError);
    expect(() => gather(tensor(1), [0], 0)).toThrow("rank-0");
    expect(() => scatterAdd(tensor([1, 2]), [0], 0, [3])).toThrow("g has shape [2], expected [1]");
  });
});
