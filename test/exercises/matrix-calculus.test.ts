import { describe, expect, it } from "vitest";
import * as ad from "../../lib";
import {
  detRule,
  logDetGradient,
  matmulRule,
  solveRule,
  stableSoftplusRule,
  svdGradient,
} from "../../lib/exercises/matrix-calculus";
import { solutionsOf, stub } from "./solutions";

const solution = solutionsOf("05-matrix-calculus");
type V = ad.Value;

describe("exercise 5.1: the VJP of matmul", () => {
  const cases = [
    { m: 3, k: 4, n: 2, seed: 1 },
    { m: 3, k: 3, n: 3, seed: 2 },
    { m: 1, k: 5, n: 4, seed: 3 },
  ];
  it("passes the notebook's answer", () => {
    expect(() => matmulRule(solution.matmulVjp, cases)).not.toThrow();
  });

  it.each([
    ["the stub", stub, /not answered yet/],
    [
      "the factors in the wrong order",
      (g: V, _o: V, A: V, B: V) => [ad.matmul(ad.transpose(B), g), ad.matmul(g, ad.transpose(A))],
      /matmulVjp for A of shape \[3, 4\] and B of shape \[4, 2\] threw ShapeError: matmul: inner dimensions differ/,
    ],
    [
      "the two cotangents swapped",
      (g: V, _o: V, A: V, B: V) => [ad.matmul(ad.transpose(A), g), ad.matmul(g, ad.transpose(B))],
      /∂L\/∂A from matmulVjp .* has shape \[4, 2\] but should have shape \[3, 4\]/,
    ],
    [
      "one cotangent only",
      (g: V, _o: V, _A: V, B: V) => [ad.matmul(g, ad.transpose(B))],
      /should return an array with one cotangent per argument \(2\)/,
    ],
    ["adlab's vjp inside", (g: V, _o: V, A: V, B: V) => ad.vjp(ad.matmul, A, B)[1](g), /used adlab's reverse mode/],
  ])("refuses %s with a hint", (_, rule, hint) => {
    expect(() => matmulRule(rule as never, cases)).toThrow(hint);
  });
});

describe("exercise 5.2: the VJP of det", () => {
  const cases = [
    { n: 3, seed: 1 },
    { n: 1, seed: 2 },
    { n: 5, seed: 3 },
  ];
  it("passes the notebook's answer", () => {
    expect(() => detRule(solution.detVjp, cases)).not.toThrow();
  });

  it.each([
    ["the stub", stub, /not answered yet/],
    [
      "the determinant left out",
      (g: V, _o: V, A: V) => [ad.mul(g, ad.transpose(ad.inv(A)))],
      /is off by a constant factor/,
    ],
    ["the transpose left out", (g: V, out: V, A: V) => [ad.mul(ad.mul(g, out), ad.inv(A))], /is transposed/],
    [
      "a bare tensor for the array",
      (g: V, out: V, A: V) => ad.mul(ad.mul(g, out), ad.transpose(ad.inv(A))),
      /should return an array with one cotangent per argument \(1\)/,
    ],
  ])("refuses %s with a hint", (_, rule, hint) => {
    expect(() => detRule(rule as never, cases)).toThrow(hint);
  });
});

describe("exercise 5.3: the gradient of tr(SX) − log det X", () => {
  const cases = [
    { n: 3, seed: 1 },
    { n: 2, seed: 2 },
    { n: 6, seed: 3 },
  ];
  it("passes the notebook's answer", () => {
    expect(() => logDetGradient(solution.objectiveGradient, cases)).not.toThrow();
  });

  it.each([
    ["the stub", stub, /not answered yet/],
    ["the inverse not transposed", (X: V, S: V) => ad.sub(S, ad.inv(X)), /has the log-det term transposed/],
    [
      "the log-det sign flipped",
      (X: V, S: V) => ad.add(S, ad.transpose(ad.inv(X))),
      /has the log-det term with the wrong sign/,
    ],
    ["the trace term left out", (X: V) => ad.neg(ad.transpose(ad.inv(X))), /is not right/],
    [
      "adlab's grad",
      (X: V, S: V) => ad.grad((Y: V) => ad.sub(ad.sum(ad.mul(S, Y)), ad.slogdet(Y).logabsdet))(X),
      /used adlab's reverse mode/,
    ],
  ])("refuses %s with a hint", (_, answer, hint) => {
    expect(() => logDetGradient(answer as never, cases)).toThrow(hint);
  });
});

describe("exercise 5.4: the VJP of solve", () => {
  const cases = [
    { n: 4, seed: 1 },
    { n: 1, seed: 2 },
    { n: 7, seed: 3 },
  ];
  it("passes the notebook's answer", () => {
    expect(() => solveRule(solution.solveVjp, cases)).not.toThrow();
  });
  const outer = (a: V, b: V, n: number) => ad.matmul(ad.reshape(a, [n, 1]), ad.reshape(b, [1, n]));

  it.each([
    ["the stub", stub, /not answered yet/],
    [
      "A where Aᵀ belongs",
      (g: V, x: V, A: V) => {
        const gb = ad.solve(A, g);
        return [ad.neg(outer(gb, x, 4)), gb];
      },
      /∂L\/∂b from solveVjp for n = 4 uses A where its transpose belongs/,
    ],
    [
      "the minus sign dropped",
      (g: V, x: V, A: V) => {
        const gb = ad.solve(ad.transpose(A), g);
        return [outer(gb, x, 4), gb];
      },
      /∂L\/∂A from solveVjp for n = 4 has the wrong sign/,
    ],
    [
      "the outer product reversed",
      (g: V, x: V, A: V) => {
        const gb = ad.solve(ad.transpose(A), g);
        return [ad.neg(outer(x, gb, 4)), gb];
      },
      /∂L\/∂A from solveVjp for n = 4 is transposed/,
    ],
  ])("refuses %s with a hint", (_, rule, hint) => {
    expect(() => solveRule(rule as never, cases)).toThrow(hint);
  });
});

describe("exercise 5.5: a gradient through the SVD", () => {
  const cases = [
    { m: 5, n: 3, seed: 1 },
    { m: 3, n: 6, seed: 2 },
    { m: 4, n: 4, seed: 3 },
  ];
  it("passes the notebook's answer", () => {
    expect(() => svdGradient(solution.singularValueGradient, cases)).not.toThrow();
  });

  it.each([
    ["the stub", stub, /not answered yet/],
    [
      "U Vᵀ whatever the weights",
      (W: V) => {
        const { U, V } = ad.svd(W);
        return ad.matmul(U, ad.transpose(V));
      },
      /right at ∂L\/∂σ = \(1\.00, 1\.00, 1\.00\) only/,
    ],
    [
      "V diag(d) Uᵀ",
      (W: V, d: V) => {
        const { U, V } = ad.svd(W);
        return ad.matmul(ad.mul(V, d), ad.transpose(U));
      },
      /singularValueGradient for W of shape \[5, 3\] is transposed/,
    ],
    ["adlab's grad", (W: V, d: V) => ad.grad((Y: V) => ad.sum(ad.mul(d, ad.svd(Y).S)))(W), /used adlab's reverse mode/],
  ])("refuses %s with a hint", (_, answer, hint) => {
    expect(() => svdGradient(answer as never, cases)).toThrow(hint);
  });
});

describe("exercise 5.6: a stable softplus with its own JVP", () => {
  const points = [-800, -40, -1, 0, 1.5, 40, 800];
  it("passes the notebook's answer", () => {
    expect(() => stableSoftplusRule(solution.stableSoftplus, solution.softplusJvp, points)).not.toThrow();
  });

  it.each([
    ["the stub", stub, solution.softplusJvp, /not answered yet/],
    [
      "log(1 + eˣ) as it reads",
      (x: V) => ad.log(ad.add(1, ad.exp(x))),
      solution.softplusJvp,
      /stableSoftplus at x = .* has infinite entries/,
    ],
    [
      "the derivative as it reads",
      solution.stableSoftplus,
      ([x]: V[], [dx]: V[]) => ad.mul(ad.div(ad.exp(x), ad.add(1, ad.exp(x))), dx),
      /softplusJvp\(\[x\], \[dx\]\) has NaN entries/,
    ],
    [
      "the tangent forgotten",
      solution.stableSoftplus,
      ([x]: V[]) => ad.sigmoid(x),
      /softplusJvp\(\[x\], \[dx\]\) is off by a constant factor/,
    ],
    [
      "sigmoid(−x)",
      solution.stableSoftplus,
      ([x]: V[], [dx]: V[]) => ad.mul(ad.sigmoid(ad.neg(x)), dx),
      /softplusJvp\(\[x\], \[dx\]\) is right in 1 of 7 entries/,
    ],
  ])("refuses %s with a hint", (_, value, rule, hint) => {
    expect(() => stableSoftplusRule(value as never, rule as never, points)).toThrow(hint);
  });
});
