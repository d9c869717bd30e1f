import { describe, expect, it } from "vitest";
import * as ad from "../../lib";
import { cheapestMode, columnsAndRows, conjugateGradient, hessianVectorProducts } from "../../lib/exercises/jacobians";
import { solutionsOf, stub } from "./solutions";

const solution = solutionsOf("04-jacobians");
type F = (x: ad.Value) => ad.Value;

describe("exercise 4.1: Jacobians by columns and by rows", () => {
  const cases = [
    { m: 4, n: 3, seed: 1 },
    { m: 2, n: 5, seed: 2 },
    { m: 7, n: 1, seed: 3 },
  ];
  const check = (byColumns: unknown, byRows: unknown) => () =>
    columnsAndRows(byColumns as never, byRows as never, cases);

  it("passes the notebook's answers", () => {
    expect(check(solution.byColumns, solution.byRows)).not.toThrow();
  });

  it.each([
    ["the stub", check(stub, solution.byRows), /not answered yet/],
    [
      "the columns stacked as rows",
      check((f: F, x: ad.Tensor) => ad.transpose(solution.byColumns(f, x)), solution.byRows),
      /byColumns for m = 4, n = 3 is transposed/,
    ],
    ["columns by reverse mode", check(solution.byRows, solution.byRows), /byColumns used reverse mode/],
    ["rows by forward mode", check(solution.byColumns, solution.byColumns), /byRows used forward mode/],
    [
      "one batched jacfwd for the columns",
      check((f: F, x: ad.Tensor) => ad.jacfwd(f)(x), solution.byRows),
      /byColumns made 1 forward passes for n = 3 inputs/,
    ],
    [
      "the rows stacked as columns",
      check(solution.byColumns, (f: F, x: ad.Tensor) => ad.transpose(solution.byRows(f, x))),
      /byRows for m = 4, n = 3 is transposed/,
    ],
  ])("refuses %s with a hint", (_, run, hint) => {
    expect(run).toThrow(hint);
  });
});

describe("exercise 4.2: the mode with fewer passes", () => {
  const cases = [
    { m: 6, n: 2, seed: 4 },
    { m: 2, n: 6, seed: 5 },
    { m: 4, n: 4, seed: 8 },
  ];
  it("passes the notebook's answer", () => {
    expect(() => cheapestMode(solution.cheapJacobian, cases)).not.toThrow();
  });

  it.each([
    ["the stub", stub, /not answered yet/],
    [
      "always reverse",
      solution.byRows,
      /for n = 2 inputs and m = 6 outputs used reverse mode, which takes m = 6 passes/,
    ],
    [
      "always forward",
      solution.byColumns,
      /for n = 6 inputs and m = 2 outputs used forward mode, which takes n = 6 passes/,
    ],
    [
      "the rule the wrong way round",
      (f: F, x: ad.Tensor) => ((f(x) as ad.Tensor).size <= x.size ? solution.byColumns(f, x) : solution.byRows(f, x)),
      /used reverse mode, which takes m = 6 passes/,
    ],
  ])("refuses %s with a hint", (_, answer, hint) => {
    expect(() => cheapestMode(answer as never, cases)).toThrow(hint);
  });
});

describe("exercise 4.3: Hessian-vector products", () => {
  const cases = [
    { n: 4, seed: 1 },
    { n: 1, seed: 2 },
    { n: 9, seed: 3 },
  ];
  const { hvpForwardOverReverse: fwdRev, hvpReverseOverReverse: revRev, hessianFromHvps: full } = solution;
  const check = (a: unknown, b: unknown, c: unknown) => () =>
    hessianVectorProducts(a as never, b as never, c as never, cases);

  it("passes the notebook's answers", () => {
    expect(check(fwdRev, revRev, full)).not.toThrow();
  });

  it.each([
    ["the stub", check(fwdRev, stub, full), /not answered yet/],
    [
      "the gradient for the product",
      check((f: F, x: ad.Tensor) => ad.grad(f)(x), revRev, full),
      /hvpForwardOverReverse for n = 4 is not right/,
    ],
    [
      "reverse over reverse for the forward-over-reverse one",
      check(revRev, revRev, full),
      /hvpForwardOverReverse is not forward mode over reverse mode/,
    ],
    [
      "forward over reverse for the reverse-over-reverse one",
      check(fwdRev, fwdRev, full),
      /hvpReverseOverReverse is not reverse mode over reverse mode/,
    ],
    [
      "the Hessian in one batched call",
      check(fwdRev, revRev, (f: F, x: ad.Tensor) => ad.hessian(f)(x)),
      /hessianFromHvps made fewer than n = 4 passes/,
    ],
    [
      "twice the Hessian",
      check(fwdRev, revRev, (f: F, x: ad.Tensor) => ad.mul(2, full(f, x))),
      /hessianFromHvps for n = 4 is off by a constant factor/,
    ],
  ])("refuses %s with a hint", (_, run, hint) => {
    expect(run).toThrow(hint);
  });
});

describe("exercise 4.4: a Newton step by conjugate gradients", () => {
  const cases = [
    { eigenvalues: [1, 2, 3, 4, 5], iterations: 5, seed: 1 },
    { eigenvalues: [2, 2, 2, 7, 7, 7, 7, 0.5, 0.5, 0.5, 0.5], iterations: 3, seed: 2 },
  ];
  it("passes the notebook's answer", () => {
    expect(() => conjugateGradient(solution.newtonStep, cases)).not.toThrow();
  });

  it.each([
    ["the stub", stub, /not answered yet/],
    [
      "H p = g solved instead",
      (hvp: F, g: ad.Tensor, k: number) => solution.newtonStep(hvp, ad.neg(g), k),
      /has the wrong sign/,
    ],
    ["the steepest-descent direction", (_: F, g: ad.Tensor) => ad.neg(g), /is not right/],
    [
      "the Hessian built column by column, then solved",
      (hvp: F, g: ad.Tensor) => {
        const H = ad.stack(
          ad.unstack(ad.eye(g.size)).map((e) => hvp(e)),
          1,
        );
        return ad.solve(H, ad.neg(g));
      },
      /called hvp 11 times; conjugate gradients needs one product per iteration/,
    ],
  ])("refuses %s with a hint", (_, answer, hint) => {
    expect(() => conjugateGradient(answer as never, cases)).toThrow(hint);
  });
});
