/**
 * Checks of notebook 04's exercises: Jacobians by columns (forward mode) and by rows (reverse
 * mode), picking the mode from the shape, Hessian-vector products two ways, and a Newton step by
 * conjugate gradients that sees the Hessian only through products.
 */
import type { Value } from "../core/value";
import { Tensor } from "../tensor/tensor";
import { eye } from "../tensor/create";
import { randn } from "../tensor/random";
import { add, mul, neg, sub } from "../ops/arith";
import { exp, log1p, tanh, pow } from "../ops/math";
import { sum } from "../ops/reduce";
import { matmul, dot } from "../ops/matmul";
import { reshape, transpose } from "../ops/shape";
import { solve } from "../linalg/rules/solve";
import { hessian, jacfwd } from "../transforms/jacobian";
import { expectTensor } from "./compare";
import { watchTransforms } from "./modes";
import { answerOf, wrong } from "./answers";

type Fn = (x: Value) => Value;

/** f(x) = tanh(Bx) with B of shape [m, n], at a random x. */
function mapOfShape(m: number, n: number, seed: number): { f: Fn; x: Tensor } {
  const B = randn([m, n], seed);
  return { f: (x) => tanh(matmul(B, x)), x: randn([n], seed + 1) };
}

/** Calls a Jacobian builder of the student's; the transforms it started and its result. */
function build(student: (f: Fn, x: Tensor) => unknown, f: Fn, x: Tensor, what: string) {
  return watchTransforms(() => answerOf(what, () => student(f, x)));
}

/**
 * Exercise 4.1: `byColumns(f, x)` builds J from n forward passes (one jvp per unit seed) and
 * `byRows(f, x)` from reverse mode (one recording, one pullback per row), both of shape [m, n].
 * @example columnsAndRows(byColumns, byRows, [{ m: 4, n: 3, seed: 1 }]);
 */
export function columnsAndRows(
  byColumns: (f: Fn, x: Tensor) => unknown,
  byRows: (f: Fn, x: Tensor) => unknown,
  cases: readonly { m: number; n: number; seed: number }[],
): void {
  for (const { m, n, seed } of cases) {
    const { f, x } = mapOfShape(m, n, seed);
    const J = jacfwd(f)(x) as Tensor;
    const columns = build(byColumns, f, x, `byColumns for m = ${m}, n = ${n}`);
    if (columns.reverse > 0) wrong(`byColumns used reverse mode; build the columns with forward mode (jvp)`);
    if (columns.forward !== n)
      wrong(`byColumns made ${columns.forward} forward passes for n = ${n} inputs; a column takes one`);
    expectTensor(columns.value, J, `byColumns for m = ${m}, n = ${n}`, { rtol: 1e-10 });
    const rows = build(byRows, f, x, `byRows for m = ${m}, n = ${n}`);
    if (rows.forward > 0) wrong(`byRows used forward mode; build the rows with reverse mode (vjp)`);
    if (rows.reverse === 0) wrong(`byRows never used reverse mode`);
    expectTensor(rows.value, J, `byRows for m = ${m}, n = ${n}`, { rtol: 1e-10 });
  }
}

/**
 * Exercise 4.2: `cheapJacobian(f, x)` builds J in the mode with fewer passes: forward when
 * n <= m (n passes), reverse otherwise (m passes).
 * @example cheapestMode(cheapJacobian, [{ m: 6, n: 2, seed: 3 }]);
 */
export function cheapestMode(
  student: (f: Fn, x: Tensor) => unknown,
  cases: readonly { m: number; n: number; seed: number }[],
): void {
  for (const { m, n, seed } of cases) {
    const { f, x } = mapOfShape(m, n, seed);
    const what = `cheapJacobian for n = ${n} inputs and m = ${m} outputs`;
    const { value, forward, reverse } = build(student, f, x, what);
    if (forward > 0 && reverse > 0) wrong(`${what} used both modes; one is enough`);
    if (n <= m && reverse > 0)
      wrong(`${what} used reverse mode, which takes m = ${m} passes where forward mode takes ${n}`);
    if (n > m && forward > 0)
      wrong(`${what} used forward mode, which takes n = ${n} passes where reverse mode takes ${m}`);
    expectTensor(value, jacfwd(f)(x) as Tensor, what, { rtol: 1e-10 });
  }
}

/** A smooth non-quadratic scalar function of x in R^n (the notebook's example, smaller). */
function curvedFunction(n: number, seed: number): Fn {
  const C = mul(randn([n, n], seed), 1 / Math.sqrt(n));
  return (x) => add(sum(log1p(exp(matmul(C, x)))), mul(0.25, sum(pow(x, 4))));
}

/**
 * Exercise 4.3: `hvpForwardOverReverse(f, x, v)` (jvp of grad), `hvpReverseOverReverse(f, x, v)`
 * (grad of x ↦ ∇f(x)·v, the lecture's identity) and `hessianFromHvps(f, x)` (one product per
 * column) agree with the Hessian, each computed the way its name says.
 * @example hessianVectorProducts(hvpForwardOverReverse, hvpReverseOverReverse, hessianFromHvps, [{ n: 4, seed: 1 }]);
 */
export function hessianVectorProducts(
  hvpForwardOverReverse: (f: Fn, x: Tensor, v: Tensor) => unknown,
  hvpReverseOverReverse: (f: Fn, x: Tensor, v: Tensor) => unknown,
  hessianFromHvps: (f: Fn, x: Tensor) => unknown,
  cases: readonly { n: number; seed: number }[],
): void {
  for (const { n, seed } of cases) {
    const f = curvedFunction(n, seed);
    const [x, v] = [randn([n], seed + 1), randn([n], seed + 2)];
    const H = hessian(f)(x) as Tensor;
    const Hv = matmul(H, v) as Tensor;
    const fwdRev = watchTransforms(() => answerOf("hvpForwardOverReverse", () => hvpForwardOverReverse(f, x, v)));
    expectTensor(fwdRev.value, Hv, `hvpForwardOverReverse for n = ${n}`, { rtol: 1e-9 });
    if (fwdRev.forward === 0 || fwdRev.reverse === 0)
      wrong("hvpForwardOverReverse is not forward mode over reverse mode (a jvp of a gradient)");
    const revRev = watchTransforms(() => answerOf("hvpReverseOverReverse", () => hvpReverseOverReverse(f, x, v)));
    expectTensor(revRev.value, Hv, `hvpReverseOverReverse for n = ${n}`, { rtol: 1e-9 });
    if (revRev.forward > 0 || revRev.reverse < 2)
      wrong("hvpReverseOverReverse is not reverse mode over reverse mode (a gradient of a gradient)");
    const full = watchTransforms(() => answerOf("hessianFromHvps", () => hessianFromHvps(f, x)));
    expectTensor(full.value, H, `hessianFromHvps for n = ${n}`, { rtol: 1e-9 });
    if (full.forward + full.reverse < n)
      wrong(`hessianFromHvps made fewer than n = ${n} passes: build it from one Hessian-vector product per column`);
  }
}

/** A symmetric positive definite matrix with the given eigenvalues: Q diag(λ) Q for a Householder reflection Q. */
export function withEigenvalues(eigenvalues: readonly number[], seed: number): Tensor {
  const n = eigenvalues.length;
  const u = reshape(randn([n], seed), [n, 1]);
  const Q = sub(eye(n), mul(2 / (dot(reshape(u, [n]), reshape(u, [n])) as number), matmul(u, transpose(u))));
  return matmul(mul(Q, new Tensor(Float64Array.from(eigenvalues), [n])), Q) as Tensor;
}

/** An oracle v ↦ Hv that counts its calls. */
export function countedProduct(H: Tensor) {
  const calls = { count: 0 };
  const product = (v: Value): Value => {
    calls.count++;
    return matmul(H, v);
  };
  return { product, calls };
}

/**
 * Exercise 4.4: `newtonStep(hvp, g, iterations)` solves H p = -g by conjugate gradients, seeing H
 * only through hvp (one product per iteration): exact in `iterations` steps when H has that many
 * distinct eigenvalues.
 * @example conjugateGradient(newtonStep, [{ eigenvalues: [1, 2, 3, 4, 5], iterations: 5, seed: 1 }]);
 */
export function conjugateGradient(
  student: (hvp: (v: Value) => Value, g: Tensor, iterations: number) => unknown,
  cases: readonly { eigenvalues: readonly number[]; iterations: number; seed: number }[],
): void {
  for (const { eigenvalues, iterations, seed } of cases) {
    const n = eigenvalues.length;
    const H = withEigenvalues(eigenvalues, seed);
    const g = randn([n], seed + 1);
    const { product, calls } = countedProduct(H);
    const what = `the step for n = ${n} in ${iterations} iterations`;
    const p = answerOf("newtonStep", () => student(product, g, iterations));
    if (calls.count > iterations + 1)
      wrong(`${what} called hvp ${calls.count} times; conjugate gradients needs one product per iteration`);
    expectTensor(p, solve(H, neg(g)) as Tensor, what, { rtol: 1e-7, atol: 1e-9 });
  }
}
