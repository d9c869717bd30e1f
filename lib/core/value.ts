/**
 * Values and tracers: what flows through adlab's operations.
 *
 * A value is a plain `number`, a `Tensor`, or a `Tracer` — a value being watched by one
 * transformation (a dual number for forward mode, a tape variable for reverse mode).
 * Rank-0 results are always plain numbers, so scalar programs stay scalar and fast.
 *
 * Every transformation gets a fresh, ever-increasing level. When an operation sees tracers of
 * several levels, the highest (innermost) one handles it and treats the others as constants:
 * this is what keeps nested derivatives from confusing their perturbations.
 */
import { Tensor } from "../tensor/tensor";
import type { Primitive } from "./primitive";
import { describe } from "./args";

/** A value with no tracer inside: what primitives' implementations compute with. */
export type Concrete = number | Tensor;

/** Anything an operation accepts. */
export type Value = number | Tensor | Tracer;

/** One active transformation. Traces are created by the transforms and never by users. */
export interface Trace {
  readonly level: number;
  /** The name of the transform once it has returned (its tracers then must not be used), else null. */
  ended: string | null;
  /** Applies `prim` to `args`, at least one of which is a tracer of this trace. */
  process(prim: Primitive, args: readonly Value[], params: unknown): Value;
  /**
   * Which engine: the fast layer's scalar operations (lib/fast/scalar-ops.ts) treat plain-number steps of forward and
   * reverse traces directly; a staging trace (lib/jit) records programs and holds no numbers.
   */
  readonly kind: "forward" | "reverse" | "staging";
}

/** A value watched by a trace; `primal` is the value one level down. */
export abstract class Tracer {
  abstract readonly trace: Trace;
  abstract readonly primal: Value;
  /** The shape of the primal value ([] for a number). */
  get shape(): readonly number[] {
    return shapeOf(this.primal);
  }

  /**
   * JavaScript has no operator overloading: `x * y`, `x > 0` or `Math.sin(x)` would turn a traced
   * value into NaN or a wrong branch and lose its derivative, so they throw here (as JAX's
   * concretization errors do). Text (`String(x)`, template strings) is allowed.
   */
  [Symbol.toPrimitive](hint: string): string {
    if (hint === "string") return this.toString();
    const examples = hint === "default" ? "x + y or x == y" : "x * y, x > 0, Math.sin(x) or Number(x)";
    throw new TypeError(
      `JavaScript operator or Math function on a traced value (${examples}): JavaScript cannot overload them, so the ` +
        "derivative would be lost. Write ad.add(x, y), ad.mul(x, y), ad.sin(x), and for a branch ad.where(ad.gt(x, 0), a, b); " +
        "read the plain value (no derivative) with ad.primal(x)",
    );
  }

  /** A traced value is not data: saving or plotting it needs its value, ad.primal(x). */
  toJSON(): never {
    throw new TypeError(
      "a traced value cannot be saved or plotted (JSON): keep ad.primal(x), its plain value, instead",
    );
  }

  /** console.log shows the short text, not the whole trace. */
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }
}

let nextLevel = 1;
const started = { forward: 0, reverse: 0 };
/** A level higher than any handed out so far: nested transforms always sit above their callers. */
export function newLevel(kind: Trace["kind"]): number {
  if (kind !== "staging") started[kind]++;
  return nextLevel++;
}

/**
 * How many forward-mode and reverse-mode transformations have started since the kernel began
 * (every jvp, dual, grad, vjp, jacobian, hvp or checkpoint starts at least one). An exercise
 * checks with it which mode a student's code used, e.g. that a hand-written backward pass did not call grad.
 * @example const before = transformsStarted(); grad(sin)(1); transformsStarted().reverse - before.reverse  // 1
 */
export function transformsStarted(): { forward: number; reverse: number } {
  return { ...started };
}

/** The shape of any value; [] for numbers. */
export function shapeOf(x: Value): readonly number[] {
  if (typeof x === "number") return [];
  // Stryker disable next-line ConditionalExpression: both branches read x.shape (the first for a monomorphic read on tensors)
  if (x instanceof Tensor) return x.shape;
  return x.shape;
}

/** The number of elements of any value. */
export function sizeOfValue(x: Value): number {
  let n = 1;
  for (const d of shapeOf(x)) n *= d;
  return n;
}

/** Strips every tracer: the plain number or tensor underneath (used for non-differentiable decisions). */
export function concreteOf(x: Value): Concrete {
  while (x instanceof Tracer) x = x.primal;
  return x;
}

/**
 * The value under the derivative tracers (dual numbers, tape variables): a concrete value, or a value staged by jit,
 * which stands for data not known while tracing. For what is not differentiated (where's condition).
 * @example undifferentiated(dual(2, 1))  // 2
 */
export function undifferentiated(x: Value): Value {
  while (x instanceof Tracer && x.trace.kind !== "staging") x = x.primal;
  return x;
}

/** True when `x` contains no tracer. */
export function isConcrete(x: Value): x is Concrete {
  // Stryker disable next-line ConditionalExpression,StringLiteral: a number counted as not concrete only switches fast paths off (the general sweep, the SVD rule's zero test)
  return typeof x === "number" || x instanceof Tensor;
}

/** Rank-0 tensors become plain numbers: one representation for scalars. */
export function canonical(x: Concrete): Concrete {
  return typeof x !== "number" && x.shape.length === 0 ? x.data[0] : x;
}

/** Throws a TypeError unless `x` is a number, a Tensor or a tracer; `position` counts from 0, or names the value. */
export function checkValue(x: unknown, op: string, position: number | string): asserts x is Value {
  if (typeof x === "number" || x instanceof Tracer || x instanceof Tensor) return;
  const what = typeof position === "number" ? `argument ${position + 1}` : position;
  throw new TypeError(`${op}: ${what} must be a number or a Tensor, got ${describe(x)}`);
}

/**
 * f's result as a value: a TypeError naming `what` unless f returned a number, a Tensor or a tracer.
 * @example checkResult(f(x), "fd")
 */
export function checkResult(out: unknown, what: string): Value {
  if (typeof out === "number" || out instanceof Tracer || out instanceof Tensor) return out;
  throw new TypeError(`${what}: f must return a number or a Tensor, got ${describe(out)}`);
}
