// The lecture's example L(w1, w2) = w2 log w1 + sqrt(w2 log w1), against its closed form.
import { describe, it, expect } from "vitest";
import * as ad from "../../lib";
import type { Value } from "../../lib";

const L = (w1: Value, w2: Value) => {
  const v1 = ad.log(w1);
  const v2 = ad.mul(w2, v1);
  const v3 = ad.sqrt(v2);
  return ad.add(v2, v3);
};
const closed = (w1: number, w2: number) => {
  const v2 = w2 * Math.log(w1);
  const outer = 1 + 1 / (2 * Math.sqrt(v2));
  return { value: v2 + Math.sqrt(v2), d1: (outer * w2) / w1, d2: outer * Math.log(w1) };
};

describe("the lecture's L(w1, w2)", () => {
  for (const [w1, w2] of [
    [2, 3],
    [5, 0.5],
    [1.5, 10],
  ]) {
    const want = closed(w1, w2);
    it(`reverse mode at (${w1}, ${w2}) gives the value and both partials in one pass`, () => {
      const [value, [d1, d2]] = ad.valueAndGrad(L, [0, 1])(w1, w2);
      expect(value).toBeCloseTo(want.value, 13);
      expect(d1).toBeCloseTo(want.d1, 13);
      expect(d2).toBeCloseTo(want.d2, 13);
    });
    it(`forward mode at (${w1}, ${w2}) needs one pass per partial`, () => {
      const [value, d1] = ad.jvp(L, [w1, w2], [1, 0]);
      const [, d2] = ad.jvp(L, [w1, w2], [0, 1]);
      expect(value).toBeCloseTo(want.value, 13);
      expect(d1).toBeCloseTo(want.d1, 13);
      expect(d2).toBeCloseTo(want.d2, 13);
    });
  }
});
