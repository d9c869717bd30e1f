import { describe, expect, it } from "vitest";
import * as ad from "../../lib";
import { byHand, watchTransforms } from "../../lib/exercises/modes";

describe("which modes a function used", () => {
  it("counts the transformations each call starts, by kind", () => {
    const f = (x: ad.Value) => ad.mul(x, ad.sin(x));
    expect(watchTransforms(() => ad.grad(f)(1))).toMatchObject({ forward: 0, reverse: 1 });
    expect(watchTransforms(() => ad.jvp(f, [1], [1]))).toMatchObject({ forward: 1, reverse: 0 });
    expect(
      watchTransforms(() => ad.hvp((x: ad.Value) => ad.sum(ad.mul(x, x)))(ad.ones([2]), ad.ones([2]))),
    ).toMatchObject({ forward: 1, reverse: 1 });
    expect(watchTransforms(() => f(1))).toEqual({ value: Math.sin(1), forward: 0, reverse: 0 });
  });

  it("byHand refuses code that used either mode, and returns what plain code returns", () => {
    expect(() => byHand("gPrime(1)", () => ad.grad(ad.sin)(1))).toThrow("gPrime(1) used adlab's reverse mode");
    expect(() => byHand("gPrime(1)", () => (ad.sin(ad.dual(1, 1)) as ad.Dual).tangent)).toThrow(
      "gPrime(1) used adlab's forward mode",
    );
    expect(byHand("gPrime(1)", () => Math.cos(1))).toBe(Math.cos(1));
  });
});
