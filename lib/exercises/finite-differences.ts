/**
 * Checks of notebook 01's exercises: a central-difference gradient, the best step and the order
 * of the error, each found by experiment and checked with tolerances that follow the numerics.
 */
import type { Value } from "../core/value";
import { type Tensor, isTensor } from "../tensor/tensor";
import { tensor } from "../tensor/create";
import { fd } from "../check/fd";
import { randn } from "../tensor/random";
import { add, mul } from "../ops/arith";
import { pow } from "../ops/math";
import { sum } from "../ops/reduce";
import { logsumexp } from "../ops/derived";
import { asNumber, expectNumber, expectTensor } from "./compare";
import { byHand } from "./modes";
import { wrong } from "./answers";

type Fn = (w: Value) => Value;

/** A smooth test function of a vector with third derivatives everywhere (so the schemes differ). */
const testFunction: Fn = (w) => add(logsumexp(w), mul(0.1, sum(pow(w, 3))));

/**
 * Exercise 1.1: `centralGradient(f, w, h)` is the central-difference gradient of f at w (plain
 * arrays of numbers), from 2d calls of f, written without adlab.
 * @example centralGradient(centralGradient, [{ d: 3, h: 1e-3, seed: 1 }]);
 */
export function centralGradient(
  student: (f: (w: number[]) => number, w: number[], h: number) => unknown,
  cases: readonly { d: number; h: number; seed: number }[],
): void {
  for (const { d, h, seed } of cases) {
    const w = randn([d], seed);
    const calls = { count: 0 };
    const counted = (x: unknown) => {
      calls.count++;
      if (!Array.isArray(x) || x.length !== d)
        wrong(`f takes a plain array of ${d} numbers, got ${isTensor(x) ? "a tensor" : typeof x}`);
      return testFunction(tensor(x)) as number;
    };
    const got = byHand(`centralGradient(f, w, ${h})`, () => student(counted, Array.from(w.data), h));
    if (calls.count !== 2 * d) {
      const scheme = calls.count === d + 1 ? " (d + 1: the forward scheme)" : "";
      wrong(`for d = ${d} it calls f ${calls.count} times${scheme}; the central scheme takes two calls per coordinate`);
    }
    const want = fd(testFunction, w, { method: "central", step: h }).value as Tensor;
    expectTensor(got, want, `the gradient for d = ${d}, h = ${h}`, { rtol: 1e-6, atol: 1e-8 });
  }
}

/** The test functions of the step exercises, with their exact derivatives. */
export const stepFunctions = {
  log: { f: Math.log, df: (x: number) => 1 / x },
  expSin: { f: (x: number) => Math.exp(Math.sin(x)), df: (x: number) => Math.cos(x) * Math.exp(Math.sin(x)) },
  fastSine: { f: (x: number) => Math.sin(50 * x), df: (x: number) => 50 * Math.cos(50 * x) },
  slowExp: { f: (x: number) => Math.exp(x / 100), df: (x: number) => Math.exp(x / 100) / 100 },
  sine: { f: Math.sin, df: Math.cos },
  // f''' = cosh x - 1 vanishes at 0 while f⁽⁵⁾ does not: the central error there is of order 4.
  flatSinh: { f: (x: number) => Math.sinh(x) - x ** 3 / 6, df: (x: number) => Math.cosh(x) - x ** 2 / 2 },
};
export type StepFunction = keyof typeof stepFunctions;

const centralError = (name: StepFunction, x: number, h: number) => {
  const { f, df } = stepFunctions[name];
  return Math.abs((f(x + h) - f(x - h)) / (2 * h) - df(x));
};

/** The step with the smallest central-difference error, from errors smoothed over ±1/4 decade (rounding is noisy). */
function measuredBestStep(name: StepFunction, x: number): number {
  const logSteps = Array.from({ length: 16 * 14 + 1 }, (_, k) => -k / 16);
  const logErrors = logSteps.map((e) => Math.log10(centralError(name, x, 10 ** e) + 1e-300));
  const smooth = logErrors.map((_, i) => {
    const window = logErrors.slice(Math.max(0, i - 4), i + 5);
    return window.reduce((a, b) => a + b, 0) / window.length;
  });
  return 10 ** logSteps[smooth.indexOf(Math.min(...smooth))];
}

/**
 * Exercise 1.2: `bestStep(f, x, exact)` finds, by trying steps, the central-difference step with
 * the smallest error; it passes within a decade of the measured best step.
 * @example bestStep(bestStep, [{ f: "log", x: 2 }]);
 */
export function bestStep(
  student: (f: (x: number) => number, x: number, exact: number) => unknown,
  cases: readonly { f: StepFunction; x: number }[],
): void {
  for (const { f, x } of cases) {
    const what = `the step for ${f} at x = ${x}`;
    const h = asNumber(
      byHand(what, () => student(stepFunctions[f].f, x, stepFunctions[f].df(x))),
      what,
    );
    if (!(h > 0)) wrong(`${what} should be a positive number`);
    const decades = Math.log10(h / measuredBestStep(f, x));
    if (decades < -1) wrong(`${what} is too small: there rounding error, which grows as h shrinks, dominates`);
    if (decades > 1) wrong(`${what} is too large: there the truncation error dominates`);
  }
}

/** The slope of log10(error) against log10(h) between h = 0.1 and h = 0.01. */
function measuredOrder(name: StepFunction, x: number, method: "forward" | "central"): number {
  const { f, df } = stepFunctions[name];
  const error = (h: number) =>
    Math.abs((method === "forward" ? (f(x + h) - f(x)) / h : (f(x + h) - f(x - h)) / (2 * h)) - df(x));
  return Math.log10(error(0.1) / error(0.01));
}

/**
 * Exercise 1.3: `errorOrder(f, x, exact, method)` measures the order of a scheme's error (the
 * slope of log error against log h for h from 0.1 to 0.01); it passes within 0.25 of the measured one.
 * @example errorOrder(errorOrder, [{ f: "expSin", x: 1, method: "central" }]);
 */
export function errorOrder(
  student: (f: (x: number) => number, x: number, exact: number, method: "forward" | "central") => unknown,
  cases: readonly { f: StepFunction; x: number; method: "forward" | "central" }[],
): void {
  for (const { f, x, method } of cases) {
    const what = `the order of the ${method} scheme for ${f} at x = ${x}`;
    const got = byHand(what, () => student(stepFunctions[f].f, x, stepFunctions[f].df(x), method));
    expectNumber(got, measuredOrder(f, x, method), what, { atol: 0.25, rtol: 0 });
  }
}
