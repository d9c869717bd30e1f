import { describe, expect, it } from "vitest";
import * as ad from "../../lib";
import { backprop, lineStep, powerIteration, unrolledDescent } from "../../lib/exercises/backpropagation";
import { solutionsOf, stub } from "./solutions";

const solution = solutionsOf("06-backpropagation");
type V = ad.Value;

describe("exercise 6.1: the backward pass by hand", () => {
  const cases = [
    { batch: 40, hidden: 16, seed: 1 },
    { batch: 7, hidden: 3, seed: 2 },
  ];
  /** The notebook's backward pass with its gradients changed afterwards. */
  const changed =
    (change: (grads: V[], params: V[], X: ad.Tensor, Y: ad.Tensor) => V[]) =>
    (params: V[], X: ad.Tensor, Y: ad.Tensor) =>
      change(solution.backprop(params, X, Y), params, X, Y);
  /** The forward pass and the output layer's G2, as the backward pass starts. */
  const start = ([W1, b1, W2, b2]: V[], X: V, Y: V) => {
    const H = ad.tanh(ad.add(ad.matmul(X, W1), b1));
    return { H, G2: ad.div(ad.sub(ad.softmax(ad.add(ad.matmul(H, W2), b2)), Y), (X as ad.Tensor).shape[0]) };
  };

  it("passes the notebook's answer", () => {
    expect(() => backprop(solution.backprop, cases)).not.toThrow();
  });

  it.each([
    ["the stub", stub, /not answered yet/],
    [
      "the 1/b of the mean left out",
      changed((grads, _p, X) => grads.map((g) => ad.mul(g, X.shape[0]))),
      /∂L\/∂W1 is off by a constant factor/,
    ],
    [
      "the derivative of tanh left out",
      (params: V[], X: ad.Tensor, Y: ad.Tensor) => {
        const { H, G2 } = start(params, X, Y);
        const G1 = ad.matmul(G2, ad.transpose(params[2]));
        return [ad.matmul(ad.transpose(X), G1), ad.sum(G1, 0), ad.matmul(ad.transpose(H), G2), ad.sum(G2, 0)];
      },
      /∂L\/∂W1 is not right.*\(∂L\/∂W2, ∂L\/∂b2 right\)/,
    ],
    [
      "∂L/∂W2 transposed",
      changed(([dW1, db1, dW2, db2]) => [dW1, db1, ad.transpose(dW2), db2]),
      /∂L\/∂W2 is transposed \(∂L\/∂W1, ∂L\/∂b1, ∂L\/∂b2 right\)/,
    ],
    [
      "a bias gradient not summed over the rows",
      (params: V[], X: ad.Tensor, Y: ad.Tensor) => {
        const grads = solution.backprop(params, X, Y);
        return [grads[0], grads[1], grads[2], start(params, X, Y).G2];
      },
      /∂L\/∂b2 has shape \[40, 2\]: a bias added to every row collects the sum over the rows/,
    ],
    ["three gradients", changed((grads) => grads.slice(0, 3)), /should return an array of four gradients/],
    [
      "adlab's grad",
      (params: V[], X: ad.Tensor, Y: ad.Tensor) =>
        ad.grad((p: V[]) => ad.exercises.backprop.networkLoss(p, X, Y))(params),
      /used adlab's reverse mode/,
    ],
  ])("refuses %s with a hint", (_, answer, hint) => {
    expect(() => backprop(answer as never, cases)).toThrow(hint);
  });
});

describe("exercise 6.2: the derivative through gradient descent", () => {
  const cases = [
    { problem: "leastSquares", eta: 0.02, steps: 10, seed: 1 },
    { problem: "logistic", eta: 0.5, steps: 10, seed: 2 },
  ] as const;
  type F = (w: V) => V;

  it("passes the notebook's answer", () => {
    expect(() => unrolledDescent(solution.lossAfterDescent, cases)).not.toThrow();
  });

  it.each([
    ["the stub", stub, /not answered yet/],
    [
      "the step size read as a plain number",
      (f: F, w0: ad.Tensor, eta: V, steps: number) => solution.lossAfterDescent(f, w0, ad.primal(eta), steps),
      /does not depend on eta through adlab's operations/,
    ],
    [
      "the gradient held constant",
      (f: F, w0: ad.Tensor, eta: V, steps: number) => {
        let w: V = w0;
        for (let k = 0; k < steps; k++) w = ad.sub(w, ad.mul(eta, ad.stopGradient(ad.grad(f)(w))));
        return f(w);
      },
      /the derivative of lossAfterDescent .* is not right/,
    ],
    [
      "one step too few",
      (f: F, w0: ad.Tensor, eta: V, steps: number) => solution.lossAfterDescent(f, w0, eta, steps - 1),
      /lossAfterDescent on the leastSquares problem, 10 steps of 0.02 is not right/,
    ],
  ])("refuses %s with a hint", (_, answer, hint) => {
    expect(() => unrolledDescent(answer as never, cases)).toThrow(hint);
  });
});

describe("exercise 6.3: power iteration", () => {
  const cases = [
    { eigenvalues: [5, 2, 1, 0.5], iterations: 100, seed: 1 },
    { eigenvalues: [-6, 3, 1, 0.2, -0.1], iterations: 100, seed: 2 },
  ];
  type Hvp = (v: V) => V;

  it("passes the notebook's answer", () => {
    expect(() => powerIteration(solution.largestEigenvalue, cases)).not.toThrow();
  });

  it.each([
    ["the stub", stub, /not answered yet/],
    [
      "the norm of Hv, which loses the sign",
      (hvp: Hvp, n: number, iterations: number) => Math.abs(solution.largestEigenvalue(hvp, n, iterations)),
      /the eigenvalue found for n = 5 has the wrong sign/,
    ],
    [
      "three iterations whatever was asked",
      (hvp: Hvp, n: number) => solution.largestEigenvalue(hvp, n, 3),
      /the eigenvalue found for n = 4 is not right/,
    ],
    [
      "more products than iterations",
      (hvp: Hvp, n: number, iterations: number) =>
        solution.largestEigenvalue((v: V) => (hvp(v), hvp(v)), n, iterations),
      /it called hvp 200 times for 100 iterations/,
    ],
  ])("refuses %s with a hint", (_, answer, hint) => {
    expect(() => powerIteration(answer as never, cases)).toThrow(hint);
  });
});

describe("exercise 6.4: the best step along the gradient", () => {
  const cases = [
    { loss: "quadratic", seed: 1 },
    { loss: "logistic", seed: 2 },
  ] as const;
  type F = (t: V) => V;

  it("passes the notebook's answer", () => {
    expect(() => lineStep(solution.bestStepAlongGradient, cases)).not.toThrow();
  });

  it.each([
    ["the stub", stub, /not answered yet/],
    [
      "the ratio upside down",
      (loss: F, theta: ad.Tensor) => 1 / solution.bestStepAlongGradient(loss, theta),
      /bestStepAlongGradient on the quadratic loss is not right/,
    ],
    [
      "the sign of the step",
      (loss: F, theta: ad.Tensor) => -solution.bestStepAlongGradient(loss, theta),
      /has the wrong sign/,
    ],
  ])("refuses %s with a hint", (_, answer, hint) => {
    expect(() => lineStep(answer as never, cases)).toThrow(hint);
  });
});
