// cond: a branch on a traced value inside jit, against the same branch taken by JavaScript on concrete values;
// its derivatives are the branches' own.
import { describe, it, expect } from "vitest";
import * as ad from "../../lib";
import type { Value } from "../../lib";

const f = (x: Value) =>
  ad.cond(
    ad.gt(x, 0),
    (y: Value) => ad.mul(ad.sin(y), 2),
    (y: Value) => ad.neg(ad.mul(y, y)),
    x,
  );
/** The same function with a JavaScript branch (concrete x only). */
const js = (x: number) => (x > 0 ? 2 * Math.sin(x) : -x * x);
const dJs = (x: number) => (x > 0 ? 2 * Math.cos(x) : -2 * x);

describe("cond", () => {
  it("on a concrete pred calls the branch taken; transforms follow it", () => {
    let calls = 0;
    const g = (x: Value) =>
      ad.cond(
        1,
        (y: Value) => (calls++, ad.sin(y)),
        () => 0,
        x,
      );
    expect(g(0.5)).toBe(Math.sin(0.5));
    expect(calls).toBe(1);
    for (const x of [-0.5, 0.7]) {
      expect(f(x)).toBe(js(x));
      expect(ad.grad(f)(x)).toBe(dJs(x));
    }
  });

  it("inside jit: both branches compiled into an if, values and derivatives of the branch taken", () => {
    expect(ad.jitSource(f)(0.7)).toMatch(/if \(b !== 0\) \{\n.*Math\.sin/);
    for (const x of [-0.5, 0.7]) {
      expect(ad.jit(f)(x)).toBe(js(x));
      expect(ad.jit(ad.grad(f))(x)).toBeCloseTo(dJs(x), 14);
      expect(ad.grad(ad.jit(f))(x)).toBeCloseTo(dJs(x), 14);
      expect(ad.grad(ad.grad(ad.jit(f)))(x)).toBeCloseTo(x > 0 ? -2 * Math.sin(x) : -2, 14);
      expect(ad.jvp(ad.jit(f), [x], [1])[1]).toBeCloseTo(dJs(x), 14);
    }
  });

  it("trees: several operands, a result of several leaves", () => {
    const g = ad.jit((p: { w: Value; b: Value }, x: Value) =>
      ad.cond(
        ad.gt(ad.sum(x), 0),
        (q: { w: Value; b: Value }, y: Value) => [ad.mul(q.w, y), q.b],
        (q: { w: Value; b: Value }, y: Value) => [ad.sub(y, q.w), ad.neg(q.b)],
        p,
        x,
      ),
    );
    const x = ad.tensor([1, 2]);
    expect(ad.primal(g({ w: 3, b: 1 }, x))).toEqual([ad.tensor([3, 6]), 1]);
    expect(ad.primal(g({ w: 3, b: 1 }, ad.neg(x)))).toEqual([ad.tensor([-4, -5]), -1]);
    const loss = (w: Value) => ad.sum((g({ w, b: 1 }, x) as Value[])[0]);
    expect(ad.grad(loss)(3)).toBe(3);
  });

  it("branches that close over values of jit and of an outer grad: their derivatives reach them", () => {
    // w is jit's argument, used only inside the branches, each branch closing over a different value
    const g = (w: Value, x: Value) => {
      const v = ad.mul(w, 3);
      return ad.cond(
        ad.gt(x, 0),
        (y: Value) => ad.mul(ad.sin(y), w),
        (y: Value) => ad.sub(y, v),
        x,
      );
    };
    const byHand = (w: number, x: number) => (x > 0 ? Math.sin(x) * w : x - 3 * w);
    for (const x of [-0.5, 0.7]) {
      expect(ad.jit(g)(2, x)).toBeCloseTo(byHand(2, x), 14);
      expect(ad.jit(g)(-1, x)).toBeCloseTo(byHand(-1, x), 14); // w an input of the program, not a constant
      const d = ad.grad(ad.jit(g), [0, 1])(2, x) as number[];
      const want = x > 0 ? [Math.sin(x), 2 * Math.cos(x)] : [-3, 1];
      d.forEach((v, i) => expect(v).toBeCloseTo(want[i], 14));
      expect(ad.jit(ad.grad(g, [0, 1]))(2, x)).toEqual(d);
      expect(ad.grad((w: Value) => ad.jit((y: Value) => g(w, y))(x))(2)).toBeCloseTo(want[0], 14);
    }
  });

  it("errors", () => {
    expect(() => ad.cond(ad.tensor([1, 0]), ad.sin, ad.cos, 1)).toThrow(
      "cond: pred must be a number, got shape [2]; for a choice per entry use ad.where",
    );
    expect(() => ad.cond(1, 3 as never, ad.cos, 1)).toThrow("cond: trueFn must be a function, got number");
    const jitted = (t: (y: Value) => Value, e: (y: Value) => Value) => () =>
      ad.jit((x: Value) => ad.cond(ad.gt(x, 0), t, e, x))(1);
    expect(jitted(ad.sin, (y) => ad.broadcastTo(y, [2]))).toThrow(
      "cond: trueFn returns shape [] where falseFn returns [2]",
    );
    expect(jitted(ad.sin, (y) => [y, y] as never)).toThrow(/cond: falseFn's result is an array of 2/);
    expect(() => ad.jit((x: Value) => ((x as number) > 0 ? x : 0))(1)).toThrow(/ad\.cond\(pred, trueFn, falseFn/);
  });
});
