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

/** A value with no tracer inside: what primitives' implementations compute with. */
export type Concrete = number | Tensor;

/** Anything an operation accepts. */
export type Value = number | Tensor | Tracer;

/** One active transformation. Traces are created by the transforms and never by users. */
export interface Trace {
  readonly level: number;
  /** Applies `prim` to `args`, at least one of which is a tracer of this trace. */
  process(prim: Primitive, args: readonly Value[], params: unknown): Value;
  /** Which engine: the scalar hot path (hot-path.ts) treats plain-number steps of each directly. */
  readonly kind: "forward" | "reverse";
}

/** A value watched by a trace; `primal` is the value one level down. */
export abstract class Tracer {
  abstract readonly trace: Trace;
  abstract readonly primal: Value;
  /** The shape of the primal value ([] for a number). */
  get shape(): readonly number[] {
    return shapeOf(this.primal);
  }
}

let nextLevel = 1;
/** A level higher than any handed out so far: nested transforms always sit above their callers. */
export function newLevel(): number {
  return nextLevel++;
}

/** The shape of any value; [] for numbers. */
export function shapeOf(x: Value): readonly number[] {
  if (typeof x === "number") return [];
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

/** True when `x` contains no tracer. */
export function isConcrete(x: Value): x is Concrete {
  return typeof x === "number" || x instanceof Tensor;
}

/** Rank-0 tensors become plain numbers: one representation for scalars. */
export function canonical(x: Concrete): Concrete {
  return typeof x !== "number" && x.shape.length === 0 ? x.data[0] : x;
}

/** Throws a TypeError unless `x` is a number, a Tensor or a tracer. */
export function checkValue(x: unknown, op: string, position: number): asserts x is Value {
  if (typeof x === "number" || x instanceof Tracer || x instanceof Tensor) return;
  const got = x === null ? "null" : Array.isArray(x) ? "an array (wrap it with tensor(...))" : typeof x;
  throw new TypeError(`${op}: argument ${position + 1} must be a number or a Tensor, got ${got}`);
}
