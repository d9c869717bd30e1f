/**
 * Checks of notebook 05's exercises: backward rules derived by hand (matmul, det, solve, a loss on
 * the singular values), a gradient in closed form (of tr(SX) − log det X), and a numerically stable
 * softplus with its own forward rule. Each rule is compared with the reference, then registered
 * with customVjp or customJvp and put through checkGrads.
 */
import type { Value } from "../core/value";
import type { Tensor } from "../tensor/tensor";
import { eye, ones, tensor, zeros } from "../tensor/create";
import { randn } from "../tensor/random";
import { add, mul, sub } from "../ops/arith";
import { sum } from "../ops/reduce";
import { matmul } from "../ops/matmul";
import { stack, transpose } from "../ops/shape";
import { logsumexp, sigmoid } from "../ops/derived";
import { det, slogdet } from "../linalg/rules/det";
import { inv, solve } from "../linalg/rules/solve";
import { svd } from "../linalg/rules/svd";
import { customJvp, customVjp } from "../transforms/custom";
import { jvp } from "../transforms/jvp";
import { grad, vjp } from "../transforms/vjp";
import { checkGrads } from "../check/check-grads";
import { atPoints, expectTensor, type Mistake } from "./compare";
import { byHand } from "./modes";
import { answerOf, wrong } from "./answers";

/** A random n × n matrix kept well away from singular. */
const wellConditioned = (n: number, seed: number) => add(randn([n, n], seed), mul(3, eye(n))) as Tensor;

/** The cotangents a VJP rule returned: an array with one per argument. */
function cotangents(got: unknown, count: number, what: string): unknown[] {
  if (!Array.isArray(got) || got.length !== count)
    wrong(`${what} should return an array with one cotangent per argument (${count})`);
  return got;
}

/** The student's rule registered as adlab does it, then checked against finite differences. */
function passesCheckGrads(f: (...args: Value[]) => Value, args: Value[], what: string, modes: ("fwd" | "rev")[]): void {
  answerOf(what, () => {
    try {
      checkGrads(f, args, { modes, order: 1 });
    } catch (error) {
      // checkGrads prints numbers; the hint only says that the rule disagrees.
      if (error instanceof Error && error.name === "GradCheckError")
        wrong(`${what}: checkGrads finds that the rule disagrees with finite differences`);
      throw error;
    }
  });
}

/**
 * Exercise 5.1: `matmulVjp(g, out, A, B)` returns [∂L/∂A, ∂L/∂B] for out = AB, and matmul with
 * that rule passes checkGrads.
 * @example matmulRule(matmulVjp, [{ m: 3, k: 4, n: 2, seed: 1 }]);
 */
export function matmulRule(
  rule: (g: Value, out: Value, A: Value, B: Value) => unknown,
  cases: readonly { m: number; k: number; n: number; seed: number }[],
): void {
  for (const { m, k, n, seed } of cases) {
    const [A, B, g] = [randn([m, k], seed), randn([k, n], seed + 1), randn([m, n], seed + 2)];
    const what = `matmulVjp for A of shape [${m}, ${k}] and B of shape [${k}, ${n}]`;
    const [gA, gB] = cotangents(
      byHand(what, () => rule(g, matmul(A, B), A, B)),
      2,
      what,
    );
    const [wantA, wantB] = vjp(matmul, A, B)[1](g) as Tensor[];
    expectTensor(gA, wantA, `∂L/∂A from ${what}`, { rtol: 1e-10 });
    expectTensor(gB, wantB, `∂L/∂B from ${what}`, { rtol: 1e-10 });
    passesCheckGrads(
      customVjp((a, b) => matmul(a, b), rule as never),
      [A, B],
      `matmul with ${what}`,
      ["rev"],
    );
  }
}

/**
 * Exercise 5.2: `detVjp(g, out, A)` returns [∂L/∂A] for out = det A, and det with that rule
 * passes checkGrads.
 * @example detRule(detVjp, [{ n: 3, seed: 1 }]);
 */
export function detRule(
  rule: (g: Value, out: Value, A: Value) => unknown,
  cases: readonly { n: number; seed: number }[],
): void {
  for (const { n, seed } of cases) {
    const A = wellConditioned(n, seed);
    const what = `detVjp for a ${n} × ${n} matrix`;
    const [gA] = cotangents(
      byHand(what, () => rule(1.7, det(A), A)),
      1,
      what,
    );
    expectTensor(gA, vjp(det, A)[1](1.7)[0] as Tensor, `∂L/∂A from ${what}`, { rtol: 1e-9 });
    passesCheckGrads(
      customVjp((a) => det(a), rule as never),
      [A],
      `det with ${what}`,
      ["rev"],
    );
  }
}

/**
 * Exercise 5.3: `objectiveGradient(X, S)` is the gradient of tr(SX) − log det X (S symmetric) in
 * closed form; it is checked on matrices X that are not symmetric, where a missing transpose shows.
 * @example logDetGradient(objectiveGradient, [{ n: 3, seed: 1 }]);
 */
export function logDetGradient(
  student: (X: Tensor, S: Tensor) => unknown,
  cases: readonly { n: number; seed: number }[],
): void {
  for (const { n, seed } of cases) {
    const [X, R] = [wellConditioned(n, seed), randn([n, n], seed + 1)];
    const S = add(matmul(R, transpose(R)), eye(n)) as Tensor;
    const objective = (Y: Value) => sub(sum(mul(S, Y)), slogdet(Y).logabsdet);
    const what = `objectiveGradient(X, S) for n = ${n}`;
    const mistakes: Mistake[] = [
      [sub(S, inv(X)) as Tensor, "has the log-det term transposed"],
      [add(S, transpose(inv(X))) as Tensor, "has the log-det term with the wrong sign"],
    ];
    expectTensor(
      byHand(what, () => student(X, S)),
      grad(objective)(X) as Tensor,
      what,
      { rtol: 1e-9 },
      mistakes,
    );
  }
}

/**
 * Exercise 5.4: `solveVjp(g, x, A, b)` returns [∂L/∂A, ∂L/∂b] for x = A⁻¹b (the lecture's
 * derivation), and solve with that rule passes checkGrads.
 * @example solveRule(solveVjp, [{ n: 4, seed: 1 }]);
 */
export function solveRule(
  rule: (g: Value, x: Value, A: Value, b: Value) => unknown,
  cases: readonly { n: number; seed: number }[],
): void {
  for (const { n, seed } of cases) {
    const [A, b, g] = [wellConditioned(n, seed), randn([n], seed + 1), randn([n], seed + 2)];
    const x = solve(A, b) as Tensor;
    const what = `solveVjp for n = ${n}`;
    const [gA, gb] = cotangents(
      byHand(what, () => rule(g, x, A, b)),
      2,
      what,
    );
    const [wantA, wantB] = vjp(solve, A, b)[1](g) as Tensor[];
    const untransposed: Mistake = [solve(A, g) as Tensor, "uses A where its transpose belongs"];
    expectTensor(gb, wantB, `∂L/∂b from ${what}`, { rtol: 1e-9 }, [untransposed]);
    expectTensor(gA, wantA, `∂L/∂A from ${what}`, { rtol: 1e-9 });
    passesCheckGrads(
      customVjp((a, c) => solve(a, c), rule as never),
      [A, b],
      `solve with ${what}`,
      ["rev"],
    );
  }
}

/**
 * Exercise 5.5: `singularValueGradient(W, dLdS)` is ∂L/∂W = U diag(∂L/∂σ) Vᵀ for a loss of the
 * singular values alone. Checked first with ∂L/∂σ = 1 (the nuclear norm), then with other weights.
 * @example svdGradient(singularValueGradient, [{ m: 5, n: 3, seed: 1 }]);
 */
export function svdGradient(
  student: (W: Tensor, dLdS: Tensor) => unknown,
  cases: readonly { m: number; n: number; seed: number }[],
): void {
  for (const { m, n, seed } of cases) {
    const W = randn([m, n], seed);
    const k = Math.min(m, n);
    atPoints(
      [ones([k]), add(randn([k], seed + 1), 0.5) as Tensor],
      (d) => `∂L/∂σ = (${Array.from(d.data, (x) => x.toFixed(2)).join(", ")})`,
      (d) => {
        const what = `singularValueGradient for W of shape [${m}, ${n}]`;
        const want = grad((Y: Value) => sum(mul(d, svd(Y).S)))(W) as Tensor;
        expectTensor(
          byHand(what, () => student(W, d)),
          want,
          what,
          { rtol: 1e-8 },
        );
      },
    );
  }
}

/**
 * Exercise 5.6: `stableSoftplus(x)` gives log(1 + eˣ) without overflow at any x, and
 * `softplusJvp([x], [dx])` its tangent sigmoid(x)·dx; registered with customJvp, forward and
 * reverse mode both give sigmoid(x), finite everywhere, and checkGrads passes.
 * @example stableSoftplusRule(stableSoftplus, softplusJvp, [-800, -1, 0, 2, 800]);
 */
export function stableSoftplusRule(
  value: (x: Value) => unknown,
  rule: (primals: readonly Value[], tangents: readonly Value[]) => unknown,
  points: readonly number[],
): void {
  const x = tensor([...points]);
  // log(1 + eˣ) = log(e⁰ + eˣ): adlab's logsumexp, which shifts by the maximum, is the reference.
  const softplus = logsumexp(stack([zeros([points.length]), x]), 0) as Tensor;
  const slope = sigmoid(x) as Tensor;
  expectTensor(
    byHand("stableSoftplus(x)", () => value(x)),
    softplus,
    `stableSoftplus at x = ${points.join(", ")}`,
    { rtol: 1e-12 },
  );
  const dx = add(ones([points.length]), 0.5) as Tensor;
  expectTensor(
    byHand("softplusJvp", () => rule([x], [dx])),
    mul(slope, dx) as Tensor,
    "softplusJvp([x], [dx])",
    { rtol: 1e-12 },
  );
  const registered = customJvp(
    value as (x: Value) => Value,
    rule as (p: readonly Value[], t: readonly Value[]) => Value,
  );
  expectTensor(
    answerOf("grad through customJvp", () => grad((v: Value) => sum(registered(v)))(x)),
    slope,
    "the gradient by reverse mode",
    { rtol: 1e-12 },
  );
  expectTensor(
    answerOf("jvp through customJvp", () => jvp(registered, [x], [ones([points.length])])[1]),
    slope,
    "the derivative by forward mode",
    { rtol: 1e-12 },
  );
  passesCheckGrads(registered, [tensor([-2, 0.3, 1.5])], "softplus with your rule", ["fwd", "rev"]);
}
