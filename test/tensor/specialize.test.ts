import { describe, expect, it } from "vitest";
import { SPECIALIZE_FROM, specialized } from "../../lib/tensor/specialize";
import { map, zip, zip3 } from "../../lib/tensor";
import { broadcastGet, intTensor, unravel } from "./naive";

function sumLoop(xs: number[]): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i];
  return s;
}

describe("specialized", () => {
  it("gives one working copy per key", () => {
    const a = specialized(sumLoop, "a");
    expect(a).not.toBe(sumLoop);
    expect(specialized(sumLoop, "a")).toBe(a);
    expect(specialized(sumLoop, "b")).not.toBe(a);
    expect(a([1, 2, 3])).toBe(6);
  });
});

describe("large tensors take the specialized loops and agree with the element-by-element rule", () => {
  // Many distinct callbacks, as a real program has, on tensors above the threshold.
  const fs: ((x: number, y: number) => number)[] = [
    (x, y) => x + y,
    (x, y) => x - y,
    (x, y) => x * y,
    (x, y) => 2 * x - y,
    (x, y) => Math.max(x, y),
    (x, y) => (x > y ? x : -y),
  ];
  const pairs: [number[], number[]][] = [
    [
      [60, 50],
      [60, 50],
    ],
    [[60, 50], []],
    [[], [60, 50]],
    [[60, 50], [50]],
    [[50], [60, 50]],
    [
      [60, 1],
      [1, 50],
    ],
    [
      [4, 30, 20],
      [30, 1],
    ],
  ];

  it.each(pairs)("zip %j with %j", (sa, sb) => {
    const x = intTensor(sa, 1);
    const y = intTensor(sb, 2);
    for (const f of fs) {
      const out = zip(x, y, f, "op");
      expect(out.size).toBeGreaterThanOrEqual(SPECIALIZE_FROM);
      for (let flat = 0; flat < out.size; flat++) {
        const index = unravel(flat, out.shape);
        expect(out.data[flat]).toBe(f(broadcastGet(x, index), broadcastGet(y, index)));
      }
    }
  });

  it("map and zip3", () => {
    const x = intTensor([60, 50], 3);
    for (const f of [Math.abs, (v: number) => v * v, (v: number) => -v]) {
      expect(Array.from(map(x, f).data)).toEqual(Array.from(x.data, f));
    }
    const c = intTensor([60, 1], 4);
    const out = zip3(c, x, intTensor([50], 5), (p, q, r) => (p > 0 ? q : r), "where");
    for (let flat = 0; flat < out.size; flat++) {
      const index = unravel(flat, out.shape);
      const [p, q, r] = [c, x, intTensor([50], 5)].map((t) => broadcastGet(t, index));
      expect(out.data[flat]).toBe(p > 0 ? q : r);
    }
  });
});
