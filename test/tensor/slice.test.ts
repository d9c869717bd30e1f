import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  DomainError,
  normalizeSlice,
  ShapeError,
  slice,
  sliceAdjoint,
  sliceLength,
  tensor,
  arange,
} from "../../lib/tensor";
import type { SliceSpec } from "../../lib/tensor";
import { dot, FC, intTensor, ravel, shapeArb, unravel } from "./naive";

/** Python's range(start, stop, step) after normalization, as a list. */
function indices(spec: SliceSpec): number[] {
  const out: number[] = [];
  for (let i = spec.start; spec.step > 0 ? i < spec.stop : i > spec.stop; i += spec.step) out.push(i);
  return out;
}

const boundArb = fc.option(fc.integer({ min: -7, max: 7 }), { nil: undefined });
const stepArb = fc.option(
  fc.integer({ min: -3, max: 3 }).filter((s) => s !== 0),
  { nil: undefined },
);

/** A shape and, for a prefix of its axes, raw (start, stop, step) triples. */
const slicedArb = shapeArb(3, 5, 0).chain((shape) =>
  fc.tuple(
    fc.constant(shape),
    fc.array(fc.tuple(boundArb, boundArb, stepArb), { maxLength: shape.length }),
    fc.integer(),
  ),
);

describe("normalizeSlice", () => {
  it("matches Python on known cases", () => {
    expect(normalizeSlice(5)).toEqual({ start: 0, stop: 5, step: 1 });
    expect(normalizeSlice(5, -2)).toEqual({ start: 3, stop: 5, step: 1 });
    expect(normalizeSlice(5, undefined, undefined, -1)).toEqual({ start: 4, stop: -1, step: -1 });
    expect(indices(normalizeSlice(5, -1, -6, -2))).toEqual([4, 2, 0]);
    expect(indices(normalizeSlice(5, 10, 1, -1))).toEqual([4, 3, 2]);
    expect(indices(normalizeSlice(5, -10, 10))).toEqual([0, 1, 2, 3, 4]);
    expect(indices(normalizeSlice(5, 3, 1))).toEqual([]);
    expect(sliceLength(normalizeSlice(0, undefined, undefined, -1))).toBe(0);
  });

  it("sliceLength counts the indices", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 6 }), boundArb, boundArb, stepArb, (dim, start, stop, step) => {
        const spec = normalizeSlice(dim, start, stop, step);
        const list = indices(spec);
        expect(sliceLength(spec)).toBe(list.length);
        list.forEach((i) => expect(i >= 0 && i < dim).toBe(true));
      }),
      FC,
    );
  });

  it("rejects a zero step and fractional bounds", () => {
    expect(() => normalizeSlice(5, 0, 5, 0)).toThrow(DomainError);
    expect(() => normalizeSlice(5, 0.5)).toThrow("start must be an integer");
  });
});

describe("slice", () => {
  it("reads the selected indices, including negative steps", () => {
    fc.assert(
      fc.property(slicedArb, ([shape, raw, seed]) => {
        const x = intTensor(shape, seed);
        const specs = raw.map(([a, b, s], d) => normalizeSlice(shape[d], a, b, s));
        const lists = shape.map((dim, d) =>
          d < specs.length ? indices(specs[d]) : Array.from({ length: dim }, (_, i) => i),
        );
        const y = slice(x, specs);
        expect(y.shape).toEqual(lists.map((l) => l.length));
        for (let flat = 0; flat < y.size; flat++) {
          const index = unravel(flat, y.shape).map((i, d) => lists[d][i]);
          expect(y.data[flat]).toBe(x.data[ravel(index, shape)]);
        }
      }),
      FC,
    );
    const x = tensor([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(
      slice(x, [normalizeSlice(2, undefined, undefined, -1), normalizeSlice(3, undefined, undefined, -2)]).toArray(),
    ).toEqual([
      [6, 4],
      [3, 1],
    ]);
  });

  it("sliceAdjoint is the adjoint of slice: <slice(x), g> = <x, sliceAdjoint(g)>", () => {
    fc.assert(
      fc.property(slicedArb, ([shape, raw, seed]) => {
        const specs = raw.map(([a, b, s], d) => normalizeSlice(shape[d], a, b, s));
        const x = intTensor(shape, seed);
        const sliced = slice(x, specs);
        const g = intTensor(sliced.shape, seed + 1);
        const back = sliceAdjoint(g, shape, specs);
        expect(back.shape).toEqual(shape);
        expect(dot(sliced, g)).toBe(dot(x, back));
      }),
      FC,
    );
  });

  it("rejects too many or unnormalized specs and a wrong g shape", () => {
    const x = arange(4);
    expect(() => slice(x, [normalizeSlice(4), normalizeSlice(4)])).toThrow("2 slice specs for shape [4]");
    expect(() => slice(x, [{ start: -1, stop: 2, step: 1 }])).toThrow("not normalized");
    expect(() => slice(x, [{ start: 0, stop: 9, step: 1 }])).toThrow(ShapeError);
    expect(() => sliceAdjoint(tensor([1, 2]), [4], [normalizeSlice(4, 0, 3)])).toThrow(
      "g has shape [2] but the slice of [4] has shape [3]",
    );
  });
});
