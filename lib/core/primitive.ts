/**
 * Primitives: the operations adlab knows how to differentiate, each defined once.
 *
 * A primitive bundles its forward computation (`impl`, on plain numbers and tensors), its JVP rule
 * and its VJP rule. The rules are written with adlab's own operations, so differentiating them
 * again gives higher derivatives for free. Every primitive is registered here by name; the forward
 * and reverse engines only ever call `impl`, `jvp` and `vjp` and never name an operation.
 *
 * Leaving out a rule is a compile error: `definePrimitive` requires all three.
 */
import { type Concrete, type Value, Tracer, canonical } from "./value";
import { checkNaNs } from "./debug";

/** Scratch space the forward computation may fill for the VJP rule to reuse (e.g. LU factors). */
export type Saved = Record<string, unknown>;

export interface VjpContext {
  readonly saved: Saved | undefined;
  readonly needs: readonly boolean[];
}

/** How the display writes a primitive: its output from its arguments' LaTeX, and each local partial. */
export interface LatexRule {
  formula(args: string[]): string;
  /** ∂out/∂args[k] as LaTeX; "1" and "-1" are simplified away where they multiply. */
  partial(args: string[], k: number, out: string): string;
}

export interface PrimitiveRules<P> {
  readonly name: string;
  /** The rule in LaTeX, beside the rule itself (step tables read it from the registry). */
  readonly latex?: LatexRule;
  /** True for elementwise maps: the engine lines up broadcast tangents and sums broadcast cotangents. */
  readonly elementwise?: boolean;
  /**
   * True when the derivative is zero everywhere (comparisons, sign, stopGradient): engines treat the output as a
   * constant.
   */
  readonly nondifferentiable?: boolean;
  /** Forward computation on concrete values. May stash residuals in `saved` for `vjp`. */
  impl(args: readonly Concrete[], params: P, saved: Saved): Concrete;
  /**
   * Tangent of the output. `tangents[i]` is null where argument i has zero tangent. Tangents may
   * carry extra leading batch axes (a basis pushed at once): rules work on trailing axes.
   * Returns null when the output tangent is zero.
   */
  jvp(primals: readonly Value[], tangents: readonly (Value | null)[], out: Value, params: P): Value | null;
  /**
   * Cotangents of the arguments given the output cotangent `g` (null = zero, e.g. not differentiable).
   * Results may be broadcast to the output's shape; the engine sums them back to each argument's shape.
   * `ctx.saved` is what `impl` stashed when the forward pass ran on concrete values, else undefined;
   * `ctx.needs[i]` says whether argument i needs a cotangent at all (a rule may skip the others).
   */
  vjp(g: Value, primals: readonly Value[], out: Value, params: P, ctx: VjpContext): readonly (Value | null)[];
}

export type Primitive<P = any> = PrimitiveRules<P>;

/** ∂out/∂x_k as a function of the arguments and the output (y is 0 for unary maps). */
export type Partial = (x: Value, y: Value, out: Value) => Value;

/**
 * An elementwise map (sin, mul, ...): a primitive fully described by its scalar function and its
 * local partial derivatives. ops/elementwise.ts derives the rules from these; the fast layer
 * (lib/fast) evaluates them on plain numbers directly.
 */
export interface Elementwise extends Primitive<undefined> {
  readonly arity: 1 | 2;
  readonly fn: (x: number, y: number) => number;
  /** One partial per argument; null marks a map that is not differentiable (comparisons, sign). */
  readonly partials: readonly Partial[] | null;
  /**
   * `fn` as a JavaScript expression of its arguments' expressions, for the code jit generates (lib/jit);
   * without it, the generated code calls `fn`.
   * @example js: (x) => `Math.sin(${x})`
   */
  readonly js?: (x: string, y: string) => string;
}

const registry = new Map<string, Primitive>();

/** Defines and registers a primitive. Names are unique. */
export function definePrimitive<P = undefined>(rules: PrimitiveRules<P>): Primitive<P> {
  if (registry.has(rules.name)) throw new Error(`primitive ${rules.name} is defined twice`);
  registry.set(rules.name, rules);
  return rules;
}

/** Defines a primitive that is not registered (user-defined rules: customVjp, checkpoint). */
export function anonymousPrimitive<P = undefined>(rules: PrimitiveRules<P>): Primitive<P> {
  return rules;
}

/**
 * All registered primitives, by name (tests iterate over it to check every rule).
 * @example [...primitives().keys()]  // ["add", "sub", "mul", ...]
 */
export function primitives(): ReadonlyMap<string, Primitive> {
  return registry;
}

/**
 * Applies a primitive: the innermost trace among the arguments handles it; with no tracer the
 * primitive's own implementation runs.
 */
export function bind<P>(prim: Primitive<P>, args: readonly Value[], params: P): Value {
  let top: Tracer | null = null;
  for (const a of args) {
    // Stryker disable next-line EqualityOperator: two tracers of one level belong to one trace: either is the top
    if (a instanceof Tracer && (top === null || a.trace.level > top.trace.level)) top = a;
  }
  if (top === null) return evaluate(prim, args as readonly Concrete[], params, {});
  if (top.trace.ended !== null) throw escapedError(prim.name, top.trace.ended);
  return top.trace.process(prim, args, params);
}

function escapedError(op: string, transform: string): Error {
  return new TypeError(
    `${op}: this value was traced by a ${transform} that has already returned: it escaped the function given to ` +
      `${transform} (kept in an array or a variable outside it). Inside that function, keep ad.primal(x), its plain value`,
  );
}

/** Runs a primitive's implementation on concrete values (and the NaN check when it is on). */
export function evaluate<P>(prim: Primitive<P>, args: readonly Concrete[], params: P, saved: Saved): Concrete {
  const out = canonical(prim.impl(args, params, saved));
  checkNaNs(prim.name, args, out);
  return out;
}
