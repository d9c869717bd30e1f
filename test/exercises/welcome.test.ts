import { describe, expect, it } from "vitest";
import * as ad from "../../lib";
import { derivativeByHand } from "../../lib/exercises/welcome";
import { solutionsOf, stub } from "./solutions";

const { gPrime } = solutionsOf("00-welcome");
const points = [0.5, 2, -1.3, 0, 3.7];

describe("exercise 0.1: a derivative by hand", () => {
  it("passes the notebook's answer", () => {
    expect(() => derivativeByHand(gPrime, points)).not.toThrow();
  });

  it.each([
    ["the stub", stub, /not answered yet/],
    ["one term of the product rule", (x: number) => Math.exp(x) * Math.cos(x), /only one term of the product rule/],
    ["the wrong sign", (x: number) => -gPrime(x), /has the wrong sign/],
    ["a factor of 2", (x: number) => 2 * gPrime(x), /off by a constant factor/],
    ["right at one point only", (x: number) => (x === 0.5 ? gPrime(x) : 0), /right at x = 0.5 but not at/],
    [
      "adlab's own grad",
      (x: number) => ad.grad((v: ad.Value) => ad.mul(ad.exp(v), ad.sin(v)))(x),
      /used adlab's reverse mode/,
    ],
  ])("refuses %s with a hint", (_, answer, hint) => {
    expect(() => derivativeByHand(answer as (x: number) => number, points)).toThrow(hint);
  });
});
