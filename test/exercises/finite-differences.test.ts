import { describe, expect, it } from "vitest";
import * as ad from "../../lib";
import { bestStep, centralGradient, errorOrder, type StepFunction } from "../../lib/exercises/finite-differences";
import { solutionsOf, stub } from "./solutions";

const solution = solutionsOf("01-finite-differences");
type F = (w: number[]) => number;

describe("exercise 1.1: a central-difference gradient", () => {
  const cases = [
    { d: 3, h: 1e-3, seed: 1 },
    { d: 1, h: 0.1, seed: 2 },
    { d: 7, h: 1e-5, seed: 3 },
  ];
  const shifted = (f: F, w: number[], k: number, step: number) => f(w.map((x, j) => (j === k ? x + step : x)));

  it("passes the notebook's answer", () => {
    expect(() => centralGradient(solution.centralGradient, cases)).not.toThrow();
  });

  it.each([
    ["the stub", stub, /not answered yet/],
    [
      "the forward scheme",
      (f: F, w: number[], h: number) => {
        const base = f(w);
        return w.map((_, k) => (shifted(f, w, k, h) - base) / h);
      },
      /\(d \+ 1: the forward scheme\)/,
    ],
    [
      "a denominator of h",
      (f: F, w: number[], h: number) => w.map((_, k) => (shifted(f, w, k, h) - shifted(f, w, k, -h)) / h),
      /off by a constant factor/,
    ],
    [
      "the wrong sign",
      (f: F, w: number[], h: number) => w.map((_, k) => (shifted(f, w, k, -h) - shifted(f, w, k, h)) / (2 * h)),
      /has the wrong sign/,
    ],
    [
      "a coordinate missing",
      (f: F, w: number[], h: number) => (solution.centralGradient(f, w, h) as number[]).slice(1),
      /has shape \[2\] but should have shape \[3\]/,
    ],
    [
      "f called with a tensor",
      (f: F, w: number[]) => [f(ad.tensor(w) as unknown as number[])],
      /f takes a plain array of 3 numbers, got a tensor/,
    ],
    [
      "the exact gradient",
      (_f: F, w: number[]) => ad.grad((v: ad.Value) => ad.sum(v))(ad.tensor(w)),
      /used adlab's reverse mode/,
    ],
  ])("refuses %s with a hint", (_, answer, hint) => {
    expect(() => centralGradient(answer as never, cases)).toThrow(hint);
  });
});

describe("exercise 1.2: the best step", () => {
  const cases: { f: StepFunction; x: number }[] = [
    { f: "log", x: 2 },
    { f: "fastSine", x: 0.3 },
    { f: "slowExp", x: 1 },
    { f: "expSin", x: 1 },
  ];

  it("passes the notebook's answer, and 1e-5 typed in for log at 2 (the float that 10 ** -5 is not)", () => {
    expect(() => bestStep(solution.bestStep, cases)).not.toThrow();
    expect(() => bestStep(() => 1e-5, [{ f: "log", x: 2 }])).not.toThrow();
  });

  it.each([
    ["the stub", stub, /not answered yet/],
    ["the forward scheme's √ε", () => Math.sqrt(Number.EPSILON), /too small: there rounding error/],
    ["a large step", () => 1e-2, /too large: there the truncation error dominates/],
    ["one step remembered for every function", () => 1e-5, /fastSine at x = 0.3 is too large/],
    ["a negative number", () => -1e-5, /should be a positive number/],
  ])("refuses %s with a hint", (_, answer, hint) => {
    expect(() => bestStep(answer as never, cases)).toThrow(hint);
  });
});

describe("exercise 1.3: the order of the error", () => {
  const cases = [
    { f: "expSin", x: 1, method: "forward" },
    { f: "expSin", x: 1, method: "central" },
    { f: "sine", x: 0, method: "forward" },
    { f: "flatSinh", x: 0, method: "central" },
  ] as const;

  it("passes the notebook's answer", () => {
    expect(() => errorOrder(solution.errorOrder, cases)).not.toThrow();
  });

  it.each([
    ["the stub", stub, /not answered yet/],
    ["the slope against 1/h", (...args: unknown[]) => -solution.errorOrder(...args), /has the wrong sign/],
    [
      "the orders from the text, not measured",
      (_f: unknown, _x: unknown, _e: unknown, method: string) => (method === "forward" ? 1 : 2),
      /the order of the forward scheme for sine at x = 0 is not right/,
    ],
  ])("refuses %s with a hint", (_, answer, hint) => {
    expect(() => errorOrder(answer as never, cases)).toThrow(hint);
  });
});
