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

type Fn = (...args: Value[]) => Value;

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
const vjpByRecompute = (f: Fn) => (g: Value, primals: readonly Value[], out: Value) => pullOnce(f, primals, g, out, "checkpoint");

/** Records f at `primals`, pulls g back once, and recycles the tape. */
function pullOnce(f: Fn, primals: readonly Value[], g: Value, out: Value, what: string): Value[] {
  const rec = record(f, primals, what);
  const cts = rec.pull([g], leadingShape(g, shapeOf(out).length)).map((c) => c[0]);
  rec.recycle();
  return cts;
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
  const name = `customVjp(${f.name || "f"})`;
  const prim = anonymousPrimitive<undefined>({
    name,
    impl: implOf(f, name),
    jvp: jvpThrough(f, name),
    vjp: (g, primals, out) => {
      const cts = bwd(g, out, ...primals);
      if (!Array.isArray(cts) || cts.length !== primals.length) {
        throw new TypeError(`${name}: the VJP rule must return an array of ${primals.length} cotangent(s), one per argument`);
      }
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
  const name = `customJvp(${f.name || "f"})`;
  const prim = anonymousPrimitive<undefined>({
    name,
    impl: implOf(f, name),
    jvp: (primals, tangents) => rule(primals, filled(primals, tangents)[0]),
    vjp: (g, primals, out) => {
      const zeros = primals.map((p) => zerosLike(p));
      const linear = (...ts: Value[]) => rule(primals, ts);
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
  const name = `checkpoint(${f.name || "f"})`;
  return asFunction(anonymousPrimitive<undefined>({ name, impl: implOf(f, name), jvp: jvpThrough(f, name), vjp: vjpByRecompute(f) }), name);
}
