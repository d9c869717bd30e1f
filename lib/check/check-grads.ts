/**
 * Gradient checking, in the manner of HIPS autograd's `check_grads`:
 * - forward mode: the JVP along a random direction against a central difference;
 * - reverse mode: the VJP against the JVP through ⟨u, J v⟩ = ⟨Jᵀ u, v⟩ (exact, no differences);
 * - order 2: the same checks applied to the JVP and VJP functions themselves.
 * Each argument is checked on its own, so a failure names it.
 */
import { Rng } from "../tensor/random";
import { type Value, type Concrete, shapeOf, concreteOf, checkValue } from "../core/value";
import { checkFunction, checkInteger, checkOptions, describe } from "../core/args";
import { jvp } from "../transforms/jvp";
import { vjp } from "../transforms/vjp";
import { zerosLike } from "../core/reverse";
import { add, mul } from "../ops/arith";
import { sum } from "../ops/reduce";

export type Mode = "fwd" | "rev";

export interface CheckOptions {
  /** 1 or 2 (default 2). */
  readonly order?: 1 | 2;
  /** Default both. */
  readonly modes?: readonly Mode[];
  readonly rtol?: number;
  readonly atol?: number;
  /** The central-difference step, relative to max(|x|, 1) (default 1e-6). */
  readonly eps?: number;
  /** Seed of the random directions (default 0). */
  readonly seed?: number;
}

/**
 * Thrown with a report naming the argument, mode, order, error and tolerance.
 * @example try { checkGrads(f, [x]); } catch (e) { if (e instanceof GradCheckError) console.log(e.message); }
 */
export class GradCheckError extends Error {
  constructor(message: string) {
    super(String(message));
    this.name = "GradCheckError";
  }
}

type Fn = (...args: Value[]) => Value;

const data = (x: Concrete): Float64Array => (typeof x === "number" ? Float64Array.of(x) : x.data);

function randomLike(x: Value, rng: Rng): Value {
  const shape = shapeOf(x);
  // Stryker disable next-line ConditionalExpression: randn([]) is a rank-0 tensor, which adlab takes as that number
  return shape.length === 0 ? rng.normal() : rng.randn(shape);
}

function inner(a: Value, b: Value): number {
  const x = data(concreteOf(a));
  const y = data(concreteOf(b));
  let s = 0;
  // Stryker disable next-line AssignmentOperator: both sides of ⟨u, J v⟩ = ⟨Jᵀu, v⟩ are inner products; one sign flipped on both compares the same
  for (let i = 0; i < x.length; i++) s += x[i] * y[i];
  return s;
}

function maxAbs(x: Float64Array): number {
  let m = 0;
  for (let i = 0; i < x.length; i++) m = Math.max(m, Math.abs(x[i]));
  return m;
}

/**
 * Checks f's derivatives at `args` in forward and reverse mode, to first or second order;
 * throws a GradCheckError describing the first mismatch.
 * @example checkGrads((x, y) => mul(sin(x), y), [0.3, tensor([1, 2])], { order: 2 });
 */
export function checkGrads(f: Fn, args: readonly Value[], options: CheckOptions = {}): void {
  checkFunction(f, "checkGrads");
  checkOptions(options, "checkGrads");
  const { order = 2, modes = ["fwd", "rev"], rtol = 1e-5, atol = 1e-6, eps = 1e-6, seed = 0 } = options ?? {};
  if (order !== 1 && order !== 2) throw new RangeError(`checkGrads: order must be 1 or 2, got ${String(order)}`);
  const bad = Array.isArray(modes) ? modes.filter((m) => m !== "fwd" && m !== "rev") : [modes];
  if (bad.length > 0 || modes.length === 0)
    throw new TypeError(
      `checkGrads: modes must be "fwd" and/or "rev", got ${Array.isArray(modes) ? JSON.stringify(modes) : describe(modes)}`,
    );
  for (const [name, x] of [
    ["rtol", rtol],
    ["atol", atol],
    ["eps", eps],
  ] as const) {
    if (typeof x !== "number" || !(x > 0 && x < Infinity))
      throw new RangeError(`checkGrads: ${name} must be a positive number, got ${describe(x)}`);
  }
  checkInteger(seed, "checkGrads", "seed");
  if (!Array.isArray(args)) throw new TypeError("checkGrads: args must be an array of the function's arguments");
  args.forEach((a, i) => checkValue(a, "checkGrads", i));
  checkAt(f, args, options ?? {}, 1);
}

/** Checks the derivatives of order `level` (f is then already a derivative of order level - 1). */
function checkAt(f: Fn, args: readonly Value[], options: CheckOptions, level: number): void {
  const { order = 2, modes = ["fwd", "rev"], rtol = 1e-5, atol = 1e-6, eps = 1e-6, seed = 0 } = options;
  const rng = new Rng(seed);
  const fail = (mode: Mode, k: number, error: number, tol: number, detail: string) => {
    throw new GradCheckError(
      `checkGrads: ${mode}-mode derivative of order ${level} is wrong for argument ${k + 1} of ${args.length}` +
        ` (shape [${shapeOf(args[k])}]): error ${error.toExponential(3)} > tolerance ${tol.toExponential(3)}; ${detail}`,
    );
  };
  args.forEach((x, k) => {
    const v = randomLike(x, rng);
    const tangents = args.map((a, i) => (i === k ? v : zerosLike(a)));
    const exact = jvp(f, args, tangents)[1] as Value;
    if (modes.includes("fwd")) {
      const h = eps * Math.max(1, maxAbs(data(concreteOf(x))));
      const at = (s: number) => data(concreteOf(f(...args.map((a, i) => (i === k ? add(a, mul(s * h, v)) : a)))));
      const hi = at(1);
      const lo = at(-1);
      const numeric = hi.map((y, i) => (y - lo[i]) / (2 * h));
      const e = data(concreteOf(exact));
      const error = maxAbs(numeric.map((y, i) => y - e[i]));
      const tol = atol + rtol * maxAbs(numeric);
      // Stryker disable next-line EqualityOperator: < and <= differ only when the error equals the tolerance to the last bit
      if (!(error <= tol)) fail("fwd", k, error, tol, `JVP ${fmt(e)} vs central difference ${fmt(numeric)}`);
    }
    if (modes.includes("rev")) {
      const [out, pullback] = vjp(f, ...args);
      const u = randomLike(out as Value, rng);
      const lhs = inner(u, exact);
      const rhs = inner(pullback(u)[k], v);
      const error = Math.abs(lhs - rhs);
      // Stryker disable next-line MethodExpression: where the check can pass, |lhs| and |rhs| agree to within the tolerance, so min and max give it alike
      const tol = atol + rtol * Math.max(Math.abs(lhs), Math.abs(rhs));
      // Stryker disable next-line EqualityOperator: < and <= differ only when the error equals the tolerance to the last bit
      if (!(error <= tol)) fail("rev", k, error, tol, `⟨u, J v⟩ = ${lhs} but ⟨Jᵀu, v⟩ = ${rhs}`);
    }
  });
  if (order <= level) return;
  // Stryker disable next-line ArithmeticOperator: any other seed gives other random directions, as good
  const next = { ...options, seed: seed + 1 };
  // Stryker disable next-line ConditionalExpression: the nested check keeps the caller's modes; without "fwd" it only adds reverse checks of the JVP, which a function right in reverse mode passes
  if (modes.includes("fwd")) {
    const vs = args.map((a) => randomLike(a, rng));
    checkAt((...xs) => jvp(f, xs, vs)[1] as Value, args, next, level + 1);
  }
  if (modes.includes("rev")) {
    const u = randomLike(f(...args), rng);
    const ws = args.map((a) => randomLike(a, rng));
    const contracted = (...xs: Value[]) => {
      const cts = vjp(f, ...xs.slice(0, -1))[1](xs[xs.length - 1]) as Value[];
      return cts.reduce<Value>((s, c, i) => add(s, sum(mul(ws[i], c))), 0);
    };
    checkAt(contracted, [...args, u], next, level + 1);
  }
}

function fmt(x: Float64Array): string {
  const shown = Array.from(x.slice(0, 4), (v) => v.toPrecision(6)).join(", ");
  return x.length > 4 ? `[${shown}, …]` : `[${shown}]`;
}
