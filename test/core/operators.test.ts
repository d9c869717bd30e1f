// JavaScript has no operator overloading: an operator or Math function on a traced value or a
// Tensor must throw at once with what to write instead, never give NaN or take a wrong branch.
import { describe, it, expect } from "vitest";
import * as ad from "../../lib";
import type { Value } from "../../lib";

const any = (x: Value) => x as any;
const TRACED =
  /JavaScript operator or Math function on a traced value.*ad\.mul\(x, y\).*ad\.where\(ad\.gt\(x, 0\), a, b\).*ad\.primal\(x\)/;

describe("JavaScript operators on traced values throw at the operator", () => {
  it("x * x inside valueAndGrad (it gave [NaN, 0])", () => {
    expect(() => ad.valueAndGrad((x: Value) => any(x) * any(x))(3)).toThrow(TRACED);
  });
  it("Math.sin(x) inside grad and jvp", () => {
    expect(() => ad.valueAndGrad((x: Value) => Math.sin(any(x)))(3)).toThrow(TRACED);
    expect(() => ad.jvp((x: Value) => Math.sin(any(x)), [3], [1])).toThrow(TRACED);
  });
  it("a branch on x > 0 (a leaky ReLU that took the wrong branch: [0.02, 0.01] at 2)", () => {
    const leaky = (x: Value) => (any(x) > 0 ? ad.mul(x, x) : ad.mul(0.01, x));
    expect(() => ad.valueAndGrad(leaky)(2)).toThrow(TRACED);
    // what the message says to write instead gives [4, 4]
    const written = (x: Value) => ad.where(ad.gt(x, 0), ad.mul(x, x), ad.mul(0.01, x));
    expect(ad.valueAndGrad(written)(2)).toEqual([4, 4]);
  });
  it("x + y and x == y say to use ad.add", () => {
    expect(() => ad.grad((x: Value) => any(x) + 1)(3)).toThrow(/x \+ y or x == y.*ad\.add\(x, y\)/);
    // biome-ignore lint/suspicious/noDoubleEquals: == is the operator under test
    expect(() => ad.grad((x: Value) => (any(x) == 3 ? x : 0))(3)).toThrow(TRACED);
  });
  it("in every transform and at every nesting level", () => {
    const bad = (x: Value) => any(x) * 2;
    for (const t of [ad.jacfwd(bad), ad.jacrev(bad), ad.hessian(bad), ad.grad(ad.grad(bad))])
      expect(() => t(1.5)).toThrow(TRACED);
    expect(() => any(ad.dual(2, 1)) * 3).toThrow(TRACED);
  });
  it("text is allowed: String(x) and template strings print the traced value", () => {
    let shown = "";
    ad.grad((x: Value) => ((shown = `${x} and ${String(x)}`), x))(3);
    expect(shown).toMatch(/TapeVar\(v\d+ = 3\) and TapeVar/);
  });
  it("the library keeps working after the error", () => {
    expect(() => ad.grad((x: Value) => any(x) * 2)(1)).toThrow(TRACED);
    expect(ad.grad(ad.sin)(0)).toBe(1);
    expect(ad.tapeMemory().live).toBe(0);
  });
});

describe("JavaScript operators on tensors throw (tensor * 2 was NaN)", () => {
  const t = ad.tensor([1, 2]);
  it("arithmetic, comparisons and Math name the ad functions to use", () => {
    expect(() => any(t) * 2).toThrow(
      /Tensor: JavaScript operators and Math functions do not work on tensors.*ad\.mul\(t, 2\)/,
    );
    expect(() => any(t) > 0).toThrow(/ad\.gt\(t, 0\)/);
    expect(() => Math.exp(any(t))).toThrow(/Tensor: .*t\.item\(\) or t\.toArray\(\)/);
    expect(() => any(t) + 1).toThrow(/t \+ 1 or t == 0/);
  });
  it("text and JSON are allowed", () => {
    expect(`${t}`).toBe("Tensor([1, 2])");
    expect(
      JSON.stringify({
        y: ad.tensor([
          [1, 2],
          [3, 4],
        ]),
      }),
    ).toBe('{"y":[[1,2],[3,4]]}');
  });
});
