import { describe, expect, it } from "vitest";
import * as ad from "../../lib";
import { dualClass, forwardSteps, gradientOfL, lectureL } from "../../lib/exercises/forward-mode";
import { solutionsOf, stub } from "./solutions";

const solution = solutionsOf("02-forward-mode");
const Dual = solution.Dual;

describe("exercise 2.1: a dual-number class", () => {
  const points = [0.7, 2.3, -1.1, 0.05, 4];
  /** The notebook's class with one method replaced. */
  const withMethod = (name: string, method: (this: any, ...args: any[]) => unknown) => {
    const Changed = class extends Dual {};
    Object.defineProperty(Changed.prototype, name, { value: method });
    return Changed;
  };

  it("passes the notebook's answer", () => {
    expect(() => dualClass(Dual, points)).not.toThrow();
  });

  it.each([
    ["the stub", withMethod("exp", stub), /not answered yet/],
    [
      "a product rule with one term",
      withMethod("mul", function (other) {
        const y = Dual.lift(other);
        return new Dual(this.value * y.value, this.tangent * y.value);
      }),
      /mul\(Dual\(.*\)\)\.tangent is not right \(it is right at the tangents \(1\.5, 0\) only\)/,
    ],
    [
      "the derivative of sin with the wrong sign",
      withMethod("sin", function () {
        return new Dual(Math.sin(this.value), -Math.cos(this.value) * this.tangent);
      }),
      /\.sin\(\)\.tangent has the wrong sign/,
    ],
    [
      "a plain number taken for a dual",
      withMethod("add", function (other) {
        return new Dual(this.value + other.value, this.tangent + other.tangent);
      }),
      /add\(2\.5\) \(a plain number is a constant: tangent 0\)\.value is NaN/,
    ],
    [
      "a plain number returned",
      withMethod("log", function () {
        return Math.log(this.value);
      }),
      /log\(\) should be an object with the fields value, tangent/,
    ],
    [
      "adlab's dual numbers inside",
      withMethod("sqrt", function () {
        const d = ad.sqrt(ad.dual(this.value, this.tangent)) as ad.Dual;
        return new Dual(d.primal, d.tangent);
      }),
      /used adlab's forward mode/,
    ],
  ])("refuses %s with a hint", (_, D, hint) => {
    expect(() => dualClass(D, points)).toThrow(hint);
  });
});

describe("exercise 2.2: ∂L/∂w1 and ∂L/∂w2 with dual numbers", () => {
  const points: [number, number][] = [
    [2, 3],
    [1.5, 0.7],
    [8, 12],
  ];

  it("passes the notebook's answer", () => {
    expect(() => gradientOfL(solution.gradientOfL, points)).not.toThrow();
  });

  it.each([
    ["the stub", stub, /not answered yet/],
    [
      "the partials swapped",
      (w1: number, w2: number) => [...solution.gradientOfL(w1, w2)].reverse(),
      /has the two partial derivatives swapped/,
    ],
    [
      "one partial only",
      (w1: number, w2: number) => [solution.gradientOfL(w1, w2)[0]],
      /should hold two numbers \[∂L\/∂w1, ∂L\/∂w2\], got 1/,
    ],
    ["numbers that hold at (2, 3) only", () => solution.gradientOfL(2, 3), /right at \(w1, w2\) = \(2, 3\) only/],
    ["adlab's grad", (w1: number, w2: number) => ad.grad(lectureL, [0, 1])(w1, w2), /used adlab's reverse mode/],
  ])("refuses %s with a hint", (_, answer, hint) => {
    expect(() => gradientOfL(answer as never, points)).toThrow(hint);
  });
});

describe("exercise 2.3: a forward step table", () => {
  const points: [number, number][] = [
    [2, 5],
    [0.5, -1.2],
    [3, 0.25],
  ];
  const changed =
    (
      step: string,
      change: (entry: { value: number; tangent: number }, x1: number, x2: number, dx1: number, dx2: number) => object,
    ) =>
    (x1: number, x2: number, dx1: number, dx2: number) => {
      const table = solution.forwardSteps(x1, x2, dx1, dx2);
      return { ...table, [step]: change(table[step], x1, x2, dx1, dx2) };
    };

  it("passes the notebook's answer", () => {
    expect(() => forwardSteps(solution.forwardSteps, points)).not.toThrow();
  });

  it.each([
    ["the stub", stub, /not answered yet/],
    [
      "a product rule with one term",
      changed("v2", (v2, _x1, x2, dx1) => ({ ...v2, tangent: x2 * dx1 })),
      /step v2\.tangent is not right \(it is right at the seed \(1, 0\) only\)/,
    ],
    [
      "the derivative of sin with the wrong sign",
      changed("v4", (v4) => ({ ...v4, tangent: -v4.tangent })),
      /step v4\.tangent has the wrong sign \(it is right at the seed \(1, 0\) only\)/,
    ],
    [
      "a step left out",
      (...args: number[]) => ({ ...solution.forwardSteps(...args), y: undefined }),
      /has no field "y"/,
    ],
    [
      "adlab's jvp",
      (x1: number, x2: number, dx1: number, dx2: number) => {
        ad.jvp((a: ad.Value) => ad.sin(a), [x1], [dx1 + dx2]);
        return solution.forwardSteps(x1, x2, dx1, dx2);
      },
      /used adlab's forward mode/,
    ],
  ])("refuses %s with a hint", (_, answer, hint) => {
    expect(() => forwardSteps(answer as never, points)).toThrow(hint);
  });
});
