/**
 * Checks of notebook 06's exercises: the network's backward pass written by hand, a derivative
 * through ten steps of gradient descent, and curvature from Hessian-vector products alone
 * (power iteration, the best step along the gradient).
 */
import type { Value } from "../core/value";
import type { Tensor } from "../tensor/tensor";
import { formatShape } from "../tensor/shape";
import { tensor, zeros } from "../tensor/create";
import { randn, rand } from "../tensor/random";
import { add, mul, neg, sub } from "../ops/arith";
import { log1p, exp, tanh } from "../ops/math";
import { mean, sum } from "../ops/reduce";
import { matmul, dot } from "../ops/matmul";
import { logSoftmax } from "../ops/derived";
import { grad } from "../transforms/vjp";
import { hvp } from "../transforms/jacobian";
import { asNumber, asTensor, expectNumber, expectTensor } from "./compare";
import { byHand } from "./modes";
import { AnswerError, answerOf, wrong } from "./answers";
import { countedProduct, withEigenvalues } from "./jacobians";

type Params = Value[];

/** The notebook's network: mean cross-entropy of softmax(tanh(X W1 + b1) W2 + b2) against one-hot Y. */
export function networkLoss(params: Params, X: Value, Y: Value): Value {
  const [W1, b1, W2, b2] = params;
  const logits = add(matmul(tanh(add(matmul(X, W1), b1)), W2), b2);
  return neg(mean(sum(mul(Y, logSoftmax(logits)), -1)));
}

/**
 * Exercise 6.1: `backprop(params, X, Y)` returns [∂L/∂W1, ∂L/∂b1, ∂L/∂W2, ∂L/∂b2] by the backward
 * pass written out by hand (no adlab transform), for any width and batch size.
 * @example backprop(backprop, [{ batch: 40, hidden: 16, seed: 1 }]);
 */
export function backprop(
  student: (params: Params, X: Tensor, Y: Tensor) => unknown,
  cases: readonly { batch: number; hidden: number; seed: number }[],
): void {
  const names = ["W1", "b1", "W2", "b2"];
  for (const { batch, hidden, seed } of cases) {
    const X = randn([batch, 2], seed);
    const Y = tensor(Array.from((rand([batch], seed + 1) as Tensor).data, (u) => (u < 0.5 ? [1, 0] : [0, 1])));
    const params = [
      randn([2, hidden], seed + 2),
      mul(0.1, randn([hidden], seed + 3)),
      randn([hidden, 2], seed + 4),
      mul(0.1, randn([2], seed + 5)),
    ];
    const what = `backprop for ${batch} points and ${hidden} hidden units`;
    const got = byHand(what, () => student(params, X, Y));
    if (!Array.isArray(got) || got.length !== 4)
      wrong(`${what} should return an array of four gradients [∂L/∂W1, ∂L/∂b1, ∂L/∂W2, ∂L/∂b2]`);
    const want = grad((p: Params) => networkLoss(p, X, Y))(params) as Tensor[];
    const problems: string[] = [];
    names.forEach((name, k) => {
      const mine = asTensor(got[k], `∂L/∂${name}`);
      if (name.startsWith("b") && mine.size !== want[k].size) {
        problems.push(
          `∂L/∂${name} has shape ${formatShape(mine.shape)}: a bias added to every row collects the sum over the rows`,
        );
        return;
      }
      try {
        expectTensor(mine, want[k], `∂L/∂${name}`, { rtol: 1e-8, atol: 1e-12 });
      } catch (error) {
        if (!(error instanceof AnswerError)) throw error;
        problems.push(error.message);
      }
    });
    if (problems.length === 0) continue;
    const right = names.filter((name) => !problems.some((p) => p.startsWith(`∂L/∂${name} `)));
    wrong(
      `${what}: ${problems.join("; ")}${right.length > 0 ? ` (${right.map((n) => `∂L/∂${n}`).join(", ")} right)` : ""}`,
    );
  }
}

/** The test problems of the unrolled descent: a least-squares fit and a logistic loss. */
function problem(kind: "leastSquares" | "logistic", seed: number): { f: (w: Value) => Value; w0: Tensor } {
  const A = randn([8, 3], seed);
  const b = randn([8], seed + 1);
  if (kind === "leastSquares")
    return { f: (w) => mul(0.5, sum(mul(sub(matmul(A, w), b), sub(matmul(A, w), b)))), w0: zeros([3]) };
  return { f: (w) => mean(log1p(exp(neg(mul(b, matmul(A, w)))))), w0: randn([3], seed + 2) };
}

/** The loss after `steps` plain gradient steps of size eta: the reference, on plain numbers. */
function lossAfter(f: (w: Value) => Value, w0: Tensor, eta: number, steps: number): number {
  let w: Value = w0;
  for (let k = 0; k < steps; k++) w = sub(w, mul(eta, grad(f)(w)));
  return f(w) as number;
}

/**
 * Exercise 6.2: `lossAfterDescent(f, w0, eta, steps)` runs `steps` gradient steps of size eta with
 * adlab's operations, so that grad with respect to eta differentiates through all of them.
 * @example unrolledDescent(lossAfterDescent, [{ problem: "leastSquares", eta: 0.05, steps: 10, seed: 1 }]);
 */
export function unrolledDescent(
  student: (f: (w: Value) => Value, w0: Tensor, eta: Value, steps: number) => unknown,
  cases: readonly { problem: "leastSquares" | "logistic"; eta: number; steps: number; seed: number }[],
): void {
  for (const { problem: kind, eta, steps, seed } of cases) {
    const { f, w0 } = problem(kind, seed);
    const what = `lossAfterDescent on the ${kind} problem, ${steps} steps of ${eta}`;
    expectNumber(
      answerOf(what, () => student(f, w0, eta, steps)),
      lossAfter(f, w0, eta, steps),
      what,
      { rtol: 1e-10 },
    );
    const h = 1e-5 * eta;
    const slope = (lossAfter(f, w0, eta + h, steps) - lossAfter(f, w0, eta - h, steps)) / (2 * h);
    const derivative = asNumber(
      answerOf(`grad of ${what}`, () => grad((e: Value) => student(f, w0, e, steps) as Value)(eta)),
      `the derivative of ${what} with respect to eta`,
    );
    if (derivative === 0 && slope !== 0)
      wrong(`${what} does not depend on eta through adlab's operations (a plain number cut the derivative off)`);
    expectNumber(derivative, slope, `the derivative of ${what} with respect to eta`, { rtol: 1e-5 });
  }
}

/**
 * Exercise 6.3: `largestEigenvalue(hvp, n, iterations)` finds, by power iteration through
 * Hessian-vector products only, the eigenvalue of largest magnitude, with its sign.
 * @example powerIteration(largestEigenvalue, [{ eigenvalues: [5, 2, 1, 0.5], iterations: 100, seed: 1 }]);
 */
export function powerIteration(
  student: (hvp: (v: Value) => Value, n: number, iterations: number) => unknown,
  cases: readonly { eigenvalues: readonly number[]; iterations: number; seed: number }[],
): void {
  for (const { eigenvalues, iterations, seed } of cases) {
    const { product, calls } = countedProduct(withEigenvalues(eigenvalues, seed));
    const what = `the eigenvalue found for n = ${eigenvalues.length}`;
    const got = answerOf("largestEigenvalue", () => student(product, eigenvalues.length, iterations));
    if (calls.count > iterations + 2) wrong(`${what}: it called hvp ${calls.count} times for ${iterations} iterations`);
    const largest = eigenvalues.reduce((a, b) => (Math.abs(b) > Math.abs(a) ? b : a));
    expectNumber(got, largest, what, { rtol: 1e-6 });
  }
}

/** A quadratic ½ θᵀHθ − cᵀθ with a known Hessian, or a smooth non-quadratic loss. */
function curvedLoss(kind: "quadratic" | "logistic", seed: number): { loss: (t: Value) => Value; theta: Tensor } {
  if (kind === "logistic") return { loss: problem("logistic", seed).f, theta: randn([3], seed + 5) };
  const H = withEigenvalues([4, 2, 1, 0.5], seed);
  const c = randn([4], seed + 1);
  return { loss: (t) => sub(mul(0.5, dot(t, matmul(H, t))), dot(c, t)), theta: randn([4], seed + 2) };
}

/**
 * Exercise 6.4: `bestStepAlongGradient(loss, theta)` is t* = gᵀg / gᵀHg from one gradient and one
 * Hessian-vector product (never the Hessian).
 * @example lineStep(bestStepAlongGradient, [{ loss: "quadratic", seed: 1 }]);
 */
export function lineStep(
  student: (loss: (t: Value) => Value, theta: Tensor) => unknown,
  cases: readonly { loss: "quadratic" | "logistic"; seed: number }[],
): void {
  for (const { loss: kind, seed } of cases) {
    const { loss, theta } = curvedLoss(kind, seed);
    const what = `bestStepAlongGradient on the ${kind} loss`;
    const g = grad(loss)(theta);
    expectNumber(
      answerOf(what, () => student(loss, theta)),
      (dot(g, g) as number) / (dot(g, hvp(loss)(theta, g)) as number),
      what,
      { rtol: 1e-8 },
    );
  }
}
