// The fast layer's contract (lib/fast/index.ts): every result equals the reference path's, exactly
// where the arithmetic is the same (elementwise maps on numbers: the fast routes compute the rules'
// own products; a zero's sign may differ, as the fast sweep sums into zero-filled arrays), else
// within 1e-15 relative. Each case of the primitive suite is run both
// ways: its value, a JVP, a VJP and a second-order product (forward over reverse).
import { describe, it, expect } from "vitest";
import * as ad from "../../lib";
import type { Value } from "../../lib";
import { shapeOf } from "../../lib/core/value";
import { cases, linalgCases, sample } from "../ops/cases";

/** value, J·v, uᵀJ and the directional second derivative d/dt ⟨u, J(x + t v)⟩ ... */
function derivatives(f: (...xs: Value[]) => Value, xs: Value[], v: Value[], u: Value): Value[] {
  const out = f(...xs);
  const [, jv] = ad.jvp(f, xs, v);
  const [, pull] = ad.vjp(f, ...xs);
  const uJ = pull(u) as Value[];
  const g = (...ys: Value[]) => ad.sum(ad.mul(u, f(...ys)));
  const hv = ad.jvp(
    (...ys: Value[]) =>
      ad.grad(
        g,
        xs.map((_, i) => i),
      )(...ys) as Value[],
    xs,
    v,
  )[1] as Value[];
  return [out, jv as Value, ...uJ, ...hv];
}

const flat = (x: Value): number[] => (typeof x === "number" ? [x] : Array.from((x as ad.Tensor).data));

function expectSame(fast: Value[], reference: Value[], bitwise: boolean): void {
  expect(fast.length).toBe(reference.length);
  fast.forEach((a, k) => {
    const [x, y] = [flat(a), flat(reference[k])];
    expect(x.length).toBe(y.length);
    if (bitwise) {
      const same = (p: number, q: number) => p === q || (Number.isNaN(p) && Number.isNaN(q));
      x.forEach((xi, i) => expect(same(xi, y[i]), `result ${k}, entry ${i}: ${xi} and ${y[i]}`).toBe(true));
      return;
    }
    const scale = Math.max(...y.map(Math.abs), Number.MIN_VALUE);
    x.forEach((xi, i) => expect(Math.abs(xi - y[i]), `result ${k}, entry ${i}`).toBeLessThanOrEqual(1e-15 * scale));
  });
}

describe("the fast paths give the reference path's results", () => {
  const all = { ...cases, ...linalgCases };
  for (const [name, c] of Object.entries(all)) {
    it(name, () => {
      const rng = ad.rng(7);
      for (const shapes of c.shapes) {
        const xs = shapes.map((s, i) => sample(rng, s, c.domains[i]));
        const v = shapes.map((s) => sample(rng, s, [-1, 1]));
        const u = sample(rng, shapeOf(c.f(...xs)), [-1, 1]);
        const fast = derivatives(c.f, xs, v, u);
        const reference = ad.withReferencePath(() => derivatives(c.f, xs, v, u));
        const scalarMap = name in cases && shapes.every((s) => s.length === 0);
        expectSame(fast, reference, scalarMap);
      }
    });
  }

  it("the switch is restored after withReferencePath, also when f throws", () => {
    expect(() =>
      ad.withReferencePath(() => {
        throw new Error("boom");
      }),
    ).toThrow("boom");
    expect(ad.setFastPaths(true)).toBe(true);
    expect(() => ad.setFastPaths("no" as never)).toThrow(/setFastPaths: expected true or false/);
  });
});
