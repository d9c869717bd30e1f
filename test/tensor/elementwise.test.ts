import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { map, ShapeError, tensor, zip, zip3 } from "../../lib/tensor";
import { broadcastableTo, broadcastGet, broadcastPairArb, FC, intTensor, shapeArb, unravel } from "./naive";

/** Reference zip: for each output index read every operand through broadcasting. */
function naiveZip(out: readonly number[], f: (...v: number[]) => number, ...xs: ReturnType<typeof tensor>[]): number[] {
  const size = out.reduce((a, b) => a * b, 1);
  return Array.from({ length: size }, (_, flat) => {
    const index = unravel(flat, out);
    return f(...xs.map((x) => broadcastGet(x, index)));
  });
}

const sub = (x: number, y: number) => 3 * x - y; // not symmetric, so swapped operands would show

describe("map", () => {
  it("applies f elementwise and keeps the shape", () => {
    const x = tensor([
      [1, 4],
      [9, 16],
    ]);
    const y = map(x, Math.sqrt);
    expect(y.toArray()).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(x.toArray()).toEqual([
      [1, 4],
      [9, 16],
    ]);
  });
});

describe("zip", () => {
  it("matches a naive broadcasting reference on random shape pairs", () => {
    fc.assert(
      fc.property(broadcastPairArb, fc.integer(), ({ a, b }, seed) => {
        const x = intTensor(a, seed);
        const y = intTensor(b, seed + 1);
        const out = zip(x, y, sub, "sub");
        expect(Array.from(out.data)).toEqual(naiveZip(out.shape, sub, x, y));
      }),
      FC,
    );
  });

  it.each([
    [
      [3, 2],
      [1, 2],
    ],
    [
      [2, 1, 3],
      [4, 1],
    ],
    [[3, 4], []],
    [[], [3, 4]],
    [
      [2, 3],
      [2, 3],
    ],
    [
      [5, 1],
      [1, 6],
    ],
    [[4, 3], [3]],
    [[3], [4, 3]],
    [
      [2, 3, 4],
      [3, 1],
    ],
    [[0, 3], [3]],
  ])("shapes %j and %j", (a, b) => {
    const x = intTensor(a, 1);
    const y = intTensor(b, 2);
    const out = zip(x, y, sub, "sub");
    expect(out.shape).toEqual(
      Array.from({ length: Math.max(a.length, b.length) }, (_, i) => {
        const da = a[a.length - Math.max(a.length, b.length) + i] ?? 1;
        const db = b[b.length - Math.max(a.length, b.length) + i] ?? 1;
        return da === 1 ? db : da;
      }),
    );
    expect(Array.from(out.data)).toEqual(naiveZip(out.shape, sub, x, y));
  });

  it("names op and shapes when broadcasting fails", () => {
    expect(() => zip(intTensor([3, 2], 0), intTensor([4], 0), sub, "mul")).toThrow(ShapeError);
    expect(() => zip(intTensor([3, 2], 0), intTensor([4], 0), sub, "mul")).toThrow(
      "mul: shapes [3, 2] and [4] cannot be broadcast",
    );
  });
});

describe("zip3", () => {
  it("matches the naive reference for three broadcast operands", () => {
    const tripleArb = shapeArb(4, 3).chain((out) =>
      fc.tuple(broadcastableTo(out), broadcastableTo(out), broadcastableTo(out)),
    );
    fc.assert(
      fc.property(tripleArb, fc.integer(), ([c, a, b], seed) => {
        const xs = [intTensor(c, seed), intTensor(a, seed + 1), intTensor(b, seed + 2)];
        const f = (p: number, q: number, r: number) => (p > 0 ? q : 2 * r);
        const out = zip3(xs[0], xs[1], xs[2], f, "where");
        expect(Array.from(out.data)).toEqual(naiveZip(out.shape, f as (...v: number[]) => number, ...xs));
      }),
      FC,
    );
  });

  it("names op on failure", () => {
    expect(() => zip3(intTensor([2], 0), intTensor([3], 0), intTensor([1], 0), (c) => c, "where")).toThrow("where:");
  });
});
