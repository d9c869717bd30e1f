/**
 * Functions that become primitives: user-defined derivative rules (customVjp, customJvp) and
 * checkpointing. Each wraps f as one primitive whose implementation is f itself, run on plain
 * values, so the tape records a single step for the whole call.
 */
import { anonymousPrimitive, bind, type Primitive } from "../core/primitive";
import { type Value, type Concrete, checkValue, checkResult, shapeOf } from "../core/value";
import { leadingShape } from "../core/batch";
import { zerosLike } from "../core/reverse";
import { pushForward } from "./jvp";
import { record } from "./vjp";
import { checkFunction, describe } from "../core/args";
import { ShapeError } from "../tensor/errors";
import { formatShape, sameShape } from "../tensor/shape";

type Fn = (...args: Value[]) => Value;

/** True when an argument of shape `from` broadcasts to the output shape `to`. */
function broadcastsTo(from: readonly number[], to: readonly number[]): boolean {
  return from.length <= to.length && from.every((d, i) => d === 1 || d === to[to.length - from.length + i]);
}

function implOf(f: Fn, what: string) {
  return (args: readonly Concrete[]): Concrete => checkResult(f(...args), what) as Concrete;
}

/** Tangents with zeros in place of null, all with the batch axes of the first non-null one. */
function filled(primals: readonly Value[], tangents: readonly (Value | null)[]): [Value[], number[]] {
  const k = tangents.findIndex((t) => t !== null);
  const lead = leadingShape(tangents[k]!, shapeOf(primals[k]).length);
  return [tangents.map((t, i) => t ?? zerosLike(primals[i], lead)), lead];
}

/** Forward mode through f's own operations. */
const jvpThrough = (f: Fn, name: string) => (primals: readonly Value[], tangents: readonly (Value | null)[]) => {
  const [ts, lead] = filled(primals, tangents);
  return pushForward(f, primals, ts, lead, name)[1] as Value;
};

/** Reverse mode by recording f again (on this call's inputs) and pulling g back. */
// Stryker disable next-line StringLiteral: f already ran once on these inputs: a message from recording it again needs an f that changes between calls
const vjpByRecompute = (f: Fn) => (g: Value, primals: readonly Value[], out: Value) =>
  pullOnce(f, primals, g, out, "checkpoint");

/** Records f at `primals`, pulls g back once, and recycles the tape. */
function pullOnce(f: Fn, primals: readonly Value[], g: Value, out: Value, what: string): Value[] {
  const rec = record(f, primals, what);
  try {
    return rec.pull([g], leadingShape(g, shapeOf(out).length)).map((c) => c[0]);
    // Stryker disable next-line BlockStatement: pull has given the tape's memory back already: recycling hands its arrays to the next tape, a speed matter
  } finally {
    rec.recycle();
  }
}

/**
 * Throws unless a user rule's result has the shape the engine needs: `want` behind the batch
 * axes `lead`, or, for a cotangent, the output's shape `summable` (summed back to `want`).
 */
function checkRuleShape(
  x: unknown,
  lead: readonly number[],
  want: readonly number[],
  summable: readonly number[] | null,
  name: string,
  what: string,
): void {
  checkValue(x, name, what);
  const s = shapeOf(x);
  const rest = s.slice(lead.length);
  const fits =
    sameShape(s.slice(0, lead.length), lead) &&
    (sameShape(rest, want) || (summable !== null && sameShape(rest, summable)));
  if (fits) return;
  const batch = lead.length > 0 ? ` (behind the batch axes ${formatShape(lead)})` : "";
  const or =
    summable !== null && !sameShape(summable, want)
      ? ` (or the output's shape ${formatShape(summable)}, summed back)`
      : "";
  throw new ShapeError(
    `${name}: ${what} has shape ${formatShape(s)} but must have shape ${formatShape(want)}${or}${batch}`,
  );
}

function asFunction(prim: Primitive, what: string) {
  return (...args: Value[]): Value => {
    args.forEach((a, i) => checkValue(a, what, i));
    return bind(prim, args, undefined);
  };
}

/**
 * Gives f a hand-written VJP: `bwd(g, out, ...args)` returns one cotangent per argument.
 * Forward mode differentiates f's own operations.
 * @example
 * // log(1 + e^x) with the stable derivative sigmoid(x)
 * const softplus = customVjp((x) => log1p(exp(x)), (g, out, x) => [mul(g, sigmoid(x))]);
 */
export function customVjp(f: Fn, bwd: (g: Value, out: Value, ...args: Value[]) => readonly (Value | null)[]) {
  checkFunction(f, "customVjp");
  checkFunction(bwd, "customVjp", "the VJP rule bwd");
  const name = `customVjp(${f.name || "f"})`;
  const prim = anonymousPrimitive<undefined>({
    name,
    impl: implOf(f, name),
    jvp: jvpThrough(f, name),
    vjp: (g, primals, out) => {
      const cts = bwd(g, out, ...primals);
      if (!Array.isArray(cts) || cts.length !== primals.length) {
        throw new TypeError(
          `${name}: the VJP rule must return an array of ${primals.length} cotangent(s), one per argument, got ${Array.isArray(cts) ? `an array of ${cts.length}` : describe(cts)}`,
        );
      }
      const lead = leadingShape(g, shapeOf(out).length);
      const outShape = shapeOf(out);
      cts.forEach((ct, i) => {
        const argShape = shapeOf(primals[i]);
        const summable = broadcastsTo(argShape, outShape) ? outShape : null;
        if (ct !== null)
          checkRuleShape(ct, lead, argShape, summable, name, `the VJP rule's cotangent for argument ${i + 1}`);
      });
      return cts;
    },
  });
  return asFunction(prim, name);
}

/**
 * Gives f a hand-written JVP: `rule(primals, tangents)` returns the output tangent (linear in the
 * tangents). Reverse mode transposes that rule automatically (reverse mode of the rule in its tangents).
 * @example
 * const mySin = customJvp((x) => sin(x), ([x], [dx]) => mul(cos(x), dx));
 */
export function customJvp(f: Fn, rule: (primals: readonly Value[], tangents: readonly Value[]) => Value) {
  checkFunction(f, "customJvp");
  checkFunction(rule, "customJvp", "the JVP rule");
  const name = `customJvp(${f.name || "f"})`;
  const checkedRule = (primals: readonly Value[], ts: readonly Value[], lead: readonly number[], out: Value): Value => {
    const t = rule(primals, ts);
    checkRuleShape(t, lead, shapeOf(out), null, name, "the JVP rule's tangent of the output");
    return t;
  };
  const prim = anonymousPrimitive<undefined>({
    name,
    impl: implOf(f, name),
    jvp: (primals, tangents, out) => {
      const [ts, lead] = filled(primals, tangents);
      return checkedRule(primals, ts, lead, out);
    },
    vjp: (g, primals, out) => {
      const zeros = primals.map((p) => zerosLike(p));
      const linear = (...ts: Value[]) => checkedRule(primals, ts, [], out);
      return pullOnce(linear, zeros, g, out, name);
    },
  });
  return asFunction(prim, name);
}

/**
 * Checkpointing (rematerialisation): the tape keeps only f's inputs; the backward pass runs f
 * again to get what its VJP needs. Less memory for more compute — the same gradients.
 * @example
 * const layer = checkpoint((x) => tanh(matmul(W, x)));
 */
export function checkpoint(f: Fn) {
  checkFunction(f, "checkpoint");
  const name = `checkpoint(${f.name || "f"})`;
  return asFunction(
    anonymousPrimitive<undefined>({ name, impl: implOf(f, name), jvp: jvpThrough(f, name), vjp: vjpByRecompute(f) }),
    name,
  );
}
