import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  argmaxMask,
  broadcastTo,
  maxAxes,
  normalizeAxes,
  ShapeError,
  sumAxes,
  sumToShape,
  tensor,
  Tensor,
} from "../../lib/tensor";
import { bigAndSmallArb, FC, intTensor, ravel, shapeArb, unravel } from "./naive";

/** Reference reduction: bucket every element by its index with the reduced axes set to 0. */
function naiveReduce(x: Tensor, axes: number[], combine: (acc: number[], v: number, flat: number) => void): number[][] {
  const kept = x.shape.map((d, i) => (axes.includes(i) ? 1 : d));
  const buckets: number[][] = Array.from({ length: kept.reduce((a, b) => a * b, 1) }, () => []);
  for (let flat = 0; flat < x.size; flat++) {
    const index = unravel(flat, x.shape).map((v, i) => (axes.includes(i) ? 0 : v));
    combine(buckets[ravel(index, kept)], x.data[flat], flat);
  }
  return buckets;
}

const tensorAndAxes = shapeArb(4, 4).chain((shape) =>
  fc.tuple(fc.constant(shape), fc.subarray(shape.map((_, i) => i)), fc.integer(), fc.boolean()),
);

describe("sumAxes", () => {
  it("matches the naive reference for every subset of axes", () => {
    fc.assert(
      fc.property(tensorAndAxes, ([shape, axes, seed, keepdims]) => {
        const x = intTensor(shape, seed);
        const out = sumAxes(x, axes, keepdims);
        const expected = naiveReduce(x, axes, (acc, v) => acc.push(v)).map((b) => b.reduce((s, v) => s + v, 0));
        expect(Array.from(out.data)).toEqual(expected);
        const kept = shape.map((d, i) => (axes.includes(i) ? 1 : d));
        expect(out.shape).toEqual(keepdims ? kept : shape.filter((_, i) => !axes.includes(i)));
      }),
      FC,
    );
  });

  it("sums an empty axis to zeros and rejects unnormalized axes", () => {
    expect(sumAxes(intTensor([2, 0], 1), [1], false).toArray()).toEqual([0, 0]);
    expect(() => sumAxes(intTensor([2, 3], 1), [1, 0], false)).toThrow(ShapeError);
    expect(() => sumAxes(intTensor([2, 3], 1), [2], false)).toThrow("within rank 2");
  });
});

describe("maxAxes and argmaxMask", () => {
  it("match the naive reference, first position winning ties", () => {
    fc.assert(
      fc.property(tensorAndAxes, ([shape, axes, seed, keepdims]) => {
        // Values in -2..2 make ties common.
        const x = new Tensor(
          intTensor(shape, seed).data.map((v) => Math.round(v / 4)),
          shape,
        );
        const firstMax = naiveReduce(x, axes, (acc, v, flat) => {
          if (acc.length === 0 || v > acc[0]) acc.splice(0, 2, v, flat);
        });
        if (axes.length > 0) expect(Array.from(maxAxes(x, axes, keepdims).data)).toEqual(firstMax.map((b) => b[0]));
        const mask = new Float64Array(x.size);
        for (const b of firstMax) mask[b[1]] = 1;
        expect(Array.from(argmaxMask(x, axes).data)).toEqual(
          axes.length > 0 ? Array.from(mask) : Array(x.size).fill(1),
        );
      }),
      FC,
    );
  });

  it("treats NaN as the max, the first NaN winning", () => {
    const x = tensor([
      [1, NaN, 5, NaN],
      [3, 2, 3, 1],
    ]);
    expect(maxAxes(x, [1], false).toArray()).toEqual([NaN, 3]);
    expect(argmaxMask(x, [1]).toArray()).toEqual([
      [0, 1, 0, 0],
      [1, 0, 0, 0],
    ]);
    expect(argmaxMask(x, [0]).toArray()).toEqual([
      [0, 1, 1, 1],
      [1, 0, 0, 0],
    ]);
    expect(argmaxMask(tensor([-Infinity, -Infinity]), [0]).toArray()).toEqual([1, 0]);
  });

  it("refuses to take the max of an empty slice", () => {
    expect(() => maxAxes(intTensor([2, 0], 0), [1], false)).toThrow("no identity");
  });
});

describe("sumToShape", () => {
  it("undoes broadcastTo: summing a broadcast tensor multiplies by the repeat count", () => {
    fc.assert(
      fc.property(bigAndSmallArb, ([big, small, seed]) => {
        const x = intTensor(small, seed);
        const back = sumToShape(broadcastTo(x, big), small);
        const repeats = big.reduce((a, b) => a * b, 1) / Math.max(x.size, 1);
        expect(back.shape).toEqual(small);
        expect(Array.from(back.data)).toEqual(Array.from(x.data).map((v) => v * repeats));
      }),
      FC,
    );
  });

  it("is the adjoint of broadcastTo: <broadcastTo(x), g> = <x, sumToShape(g)>", () => {
    fc.assert(
      fc.property(bigAndSmallArb, ([big, small, seed]) => {
        const x = intTensor(small, seed);
        const g = intTensor(big, seed + 1);
        const lhs = broadcastTo(x, big).data.reduce((s, v, i) => s + v * g.data[i], 0);
        const rhs = sumToShape(g, small).data.reduce((s, v, i) => s + v * x.data[i], 0);
        expect(lhs).toBe(rhs);
      }),
      FC,
    );
  });

  it("sums leading and length-1 axes on a known case; rejects incompatible shapes", () => {
    const g = tensor([[[1, 2]], [[3, 4]], [[5, 6]]]); // [3, 1, 2]
    expect(sumToShape(g, [1, 2]).toArray()).toEqual([[9, 12]]);
    expect(sumToShape(g, [2]).toArray()).toEqual([9, 12]);
    expect(sumToShape(g, []).toArray()).toEqual(21);
    expect(() => sumToShape(g, [3])).toThrow(ShapeError);
    expect(() => sumToShape(tensor([1, 2]), [1, 2])).toThrow(ShapeError);
    expect(() => sumToShape(tensor([5]), [3])).toThrow("does not broadcast");
  });
});

it("normalizeAxes output feeds sumAxes", () => {
  const x = intTensor([2, 3, 4], 3);
  expect(sumAxes(x, normalizeAxes([-1, 0], 3, "sum"), false).shape).toEqual([3]);
});
