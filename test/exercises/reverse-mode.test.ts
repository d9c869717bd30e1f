import { describe, expect, it } from "vitest";
import * as ad from "../../lib";
import { newtonSqrt, pullback, reverseSweep, tape } from "../../lib/exercises/reverse-mode";
import { solutionsOf, stub } from "./solutions";

const solution = solutionsOf("03-reverse-mode");

describe("exercise 3.1: a reverse step table", () => {
  const points: [number, number][] = [
    [2, 5],
    [0.5, -1.2],
    [3, 0.25],
  ];
  const changed =
    (change: (adjoints: Record<string, number>, x1: number, x2: number) => object) => (x1: number, x2: number) => {
      const adjoints = solution.reverseSweep(x1, x2);
      return { ...adjoints, ...change(adjoints, x1, x2) };
    };

  it("passes the notebook's answer", () => {
    expect(() => reverseSweep(solution.reverseSweep, points)).not.toThrow();
  });

  it.each([
    ["the stub", stub, /not answered yet/],
    ["one path into x1", changed((a, x1) => ({ x1: a.v1 / x1 })), /the adjoint of x1 has one of its two terms only/],
    ["one path into x2", changed((a, x1) => ({ x2: a.v2 * x1 })), /the adjoint of x2 has one of its two terms only/],
    ["the subtraction's sign dropped", changed((a) => ({ v4: -a.v4 })), /the adjoint of v4 has the wrong sign/],
    ["a node left out", changed(() => ({ v3: undefined })), /has no field "v3"/],
  ])("refuses %s with a hint", (_, answer, hint) => {
    expect(() => reverseSweep(answer as never, points)).toThrow(hint);
  });
});

describe("exercise 3.2: a tape", () => {
  const points: [number, number][] = [
    [2, 3],
    [1.5, 0.7],
    [8, 12],
  ];
  const Tape = solution.Tape;
  /** The notebook's tape with one method replaced. */
  const withMethod = (name: string, method: (this: any, ...args: any[]) => unknown) => () => {
    const t = new Tape();
    Object.defineProperty(t, name, { value: method });
    return t;
  };

  it("passes the notebook's answer", () => {
    expect(() => tape(() => new Tape(), solution.gradientOfL, points)).not.toThrow();
  });

  it.each([
    ["the stub", withMethod("backward", stub), /not answered yet/],
    [
      "adjoints assigned, not added",
      withMethod("backward", function (output: number) {
        const adjoints = this.nodes.map(() => 0);
        adjoints[output] = 1;
        for (let i = output; i >= 0; i--) {
          for (const { index, partial } of this.nodes[i].parents) adjoints[index] = adjoints[i] * partial;
        }
        return adjoints;
      }),
      /the adjoint of v2 misses a term/,
    ],
    [
      "the nodes visited first to last",
      withMethod("backward", function (output: number) {
        const adjoints = this.nodes.map(() => 0);
        adjoints[output] = 1;
        for (let i = 0; i <= output; i++) {
          for (const { index, partial } of this.nodes[i].parents) adjoints[index] += adjoints[i] * partial;
        }
        return adjoints;
      }),
      /the inputs' adjoints stay 0: visit the nodes from the last to the first/,
    ],
    [
      "the local partial of log inverted",
      withMethod("log", function (a: number) {
        return this.push(Math.log(this.value(a)), [{ index: a, partial: this.value(a) }]);
      }),
      /the adjoint of w1 is not right/,
    ],
    [
      "a missing factor in sqrt",
      withMethod("sqrt", function (a: number) {
        const root = Math.sqrt(this.value(a));
        return this.push(root, [{ index: a, partial: 1 / root }]);
      }),
      /the adjoint of v2 is not right/,
    ],
    [
      "adlab's grad in backward",
      withMethod("backward", function (this: any, output: number) {
        ad.grad(ad.sin)(1);
        return new Tape().backward.call(this, output);
      }),
      /used adlab's reverse mode/,
    ],
  ])("refuses %s with a hint", (_, makeTape, hint) => {
    expect(() => tape(makeTape as never, solution.gradientOfL, points)).toThrow(hint);
  });

  it("refuses a gradientOfL that is adlab's", () => {
    const byAdlab = (w1: number, w2: number) => ad.grad(ad.exercises.forward.lectureL, [0, 1])(w1, w2);
    expect(() => tape(() => new Tape(), byAdlab, points)).toThrow(/gradientOfL\(2, 3\) used adlab's reverse mode/);
  });
});

describe("exercise 3.3: a pullback without the Jacobian", () => {
  const cases = [
    { m: 3, n: 2, seed: 1 },
    { m: 5, n: 4, seed: 2 },
    { m: 2, n: 6, seed: 3 },
  ];
  it("passes the notebook's answer", () => {
    expect(() => pullback(solution.pullback, cases)).not.toThrow();
  });

  it.each([
    ["the stub", stub, /not answered yet/],
    [
      "A where Aᵀ belongs",
      (A: ad.Tensor, x: ad.Tensor, u: ad.Tensor) =>
        ad.matmul(A, ad.mul(u, ad.sub(1, ad.square(ad.tanh(ad.matmul(A, x)))))),
      /pullback\(A, x, u\) with A of shape \[3, 2\] threw ShapeError/,
    ],
    [
      "the derivative of tanh left out",
      (A: ad.Tensor, _x: ad.Tensor, u: ad.Tensor) => ad.matmul(ad.transpose(A), u),
      /is not right/,
    ],
    [
      "adlab's vjp",
      (A: ad.Tensor, x: ad.Tensor, u: ad.Tensor) => ad.vjp((v: ad.Value) => ad.tanh(ad.matmul(A, v)), x)[1](u)[0],
      /used adlab's reverse mode/,
    ],
  ])("refuses %s with a hint", (_, answer, hint) => {
    expect(() => pullback(answer as never, cases)).toThrow(hint);
  });
});

describe("exercise 3.4: a derivative through Newton's iteration", () => {
  const points = [2, 0.3, 10, 1e4];
  it("passes the notebook's answer", () => {
    expect(() => newtonSqrt(solution.newtonSqrt, points)).not.toThrow();
  });

  it.each([
    ["the stub", stub, /not answered yet/],
    ["adlab's square root", (a: ad.Value) => ad.sqrt(a), /takes a square root with adlab/],
    [
      "Math.sqrt on the plain value",
      (a: ad.Value) => Math.sqrt(ad.primal(a) as number),
      /does not depend on a through adlab's operations/,
    ],
    [
      "too few steps",
      (a: ad.Value) => {
        let x = a;
        for (let k = 0; k < 3; k++) x = ad.mul(0.5, ad.add(x, ad.div(a, x)));
        return x;
      },
      /newtonSqrt\(2\) is not right/,
    ],
  ])("refuses %s with a hint", (_, answer, hint) => {
    expect(() => newtonSqrt(answer as never, points)).toThrow(hint);
  });
});
