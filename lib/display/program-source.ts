/**
 * The JavaScript jit generates for a scalar function's derivatives, with the step tables' names: w1, v1,
 * ..., L for values, v̄1 for adjoints (reverse table), v̇1 for tangents (forward table), so a notebook can
 * set the generated program beside the table it computes, line by row.
 *
 * The code is jitSource's, unchanged but for names: f is traced once more through the reference tape
 * (reverse) or dual numbers (forward), whose steps report which program variable holds each node's value,
 * adjoint or tangent. The seed (L̄, or the inputs' tangents ẇ) is an argument of the program rather than
 * the constant 1 or 0 that grad and jacfwd pass in, so the code has no multiplications by them: grad is the
 * adjoint program called with L̄ = 1. Variables no table row names are the rules' intermediate results:
 * t1, t2, ... in order.
 */
import type { ScalarTrace, TraceNode } from "../core/trace-types";
import type { Primitive } from "../core/primitive";
import type { Steps } from "../core/tape";
import type { Value } from "../core/value";
import { TapeTrace, TapeVar, backwardPass } from "../core/reverse";
import { DualTrace } from "../core/forward";
import { StagedValue } from "../jit/program";
import { jitSource } from "../jit/jit";
import { checkFunction } from "../core/args";
import { indexTrace } from "./trace-check";

/** What the table calls each program variable: variable id → name (the first name given wins). */
class Names {
  readonly byId = new Map<number, string>();
  label(x: Value, name: string): void {
    if (x instanceof StagedValue && !this.byId.has(x.v.id)) this.byId.set(x.v.id, name);
  }
}

/**
 * A node's name with a combining mark over its last letter: ("v2", bar) → "v̄2", still a JavaScript name
 * (composed where Unicode has the letter: ẇ).
 */
const marked = (mark: string) => (id: string) => id.replace(/^(.*?)(\d*)$/, `$1${mark}$2`).normalize("NFC");
const bar = marked("\u0304");
const dot = marked("\u0307");

/** The trace's inputs and steps, and the step's node for the k-th primitive f applies (checked against the trace). */
function tableOf(trace: ScalarTrace, caller: string) {
  indexTrace(trace, caller);
  const inputs = trace.nodes.filter((n) => n.kind === "input");
  const ops = trace.nodes.filter((n) => n.kind === "op");
  const step = (k: number, prim: Primitive): TraceNode => {
    if (ops[k]?.op !== prim.name) {
      throw new Error(
        `${caller}: f's step ${k + 1} is ${prim.name}, the trace's is ${ops[k]?.op ?? "missing"}: ` +
          "pass the function the trace was made from",
      );
    }
    return ops[k];
  };
  return { inputs, ops, step };
}

/** The steps of a tape, each step's VJP rule reporting the cotangent it receives (the node's whole adjoint). */
function reporting(steps: Steps, seen: (index: number, g: Value) => void): Steps {
  return {
    length: steps.length,
    stepAt(i) {
      const s = steps.stepAt(i);
      if (s === null) return null;
      const vjp: Primitive["vjp"] = (g, ...rest) => {
        seen(i, g);
        return s.prim.vjp(g, ...rest);
      };
      return { ...s, prim: Object.create(s.prim, { vjp: { value: vjp } }) as Primitive };
    },
  };
}

/**
 * The generated JavaScript of f's pullback at the trace's point: inputs w…, then L̄; the forward values
 * the backward pass reads, then the adjoints, returned as [w̄1, w̄2, ...].
 * @example console.log(adjointSource(L, traceScalar(L, { w1: 2, w2: 3 })))
 * // function (w1, w2, L̄) {
 * //   const v1 = Math.log(w1);
 * //   ...
 * //   return [w̄1, w̄2];
 * // }
 */
export function adjointSource(f: (...inputs: Value[]) => Value, trace: ScalarTrace): string {
  checkFunction(f, "adjointSource");
  const { inputs, ops, step } = tableOf(trace, "adjointSource");
  const names = new Names();
  const pullback = (...xs: Value[]) => {
    const tape = new TapeTrace();
    const nodeAt = new Map<number, string>();
    const vars = inputs.map((node, i) => {
      names.label(xs[i], node.id);
      const v = tape.input(xs[i]);
      nodeAt.set(v.index, node.id);
      return v;
    });
    const seed = xs[inputs.length];
    names.label(seed, bar(trace.output));
    let k = 0;
    tape.observer = (index, prim, _args, out) => {
      const node = step(k++, prim);
      nodeAt.set(index, node.id);
      names.label(out, node.id);
    };
    try {
      const out = f(...vars);
      if (!(out instanceof TapeVar && out.trace === tape) || k !== ops.length) {
        throw new Error(
          "adjointSource: f does not compute the trace's steps; pass the function the trace was made from",
        );
      }
      const read = backwardPass(
        reporting(tape.tape, (i, g) => names.label(g, bar(nodeAt.get(i)!))),
        [[out.index, seed]],
      );
      return vars.map((v, i) => {
        const g = read(v.index) ?? 0;
        names.label(g, bar(inputs[i].id));
        return g;
      });
    } finally {
      tape.observer = null;
      tape.ended = "adjointSource";
      tape.tape.recycle();
    }
  };
  return renamed(jitSource(pullback)(...inputs.map((n) => n.value), 1), names);
}

/** Dual numbers that report each step's output (value and tangent) as f applies it. */
class ReportingDualTrace extends DualTrace {
  constructor(private readonly onStep: (prim: Primitive, out: Value) => void) {
    super();
  }
  override process(prim: Primitive, args: readonly Value[], params: unknown): Value {
    const out = super.process(prim, args, params);
    if (!prim.nondifferentiable) this.onStep(prim, out);
    return out;
  }
}

/**
 * The generated JavaScript of f's JVP at the trace's point: inputs w…, then their tangents ẇ…; each step's
 * value and tangent in the order f runs, returned as [L, L̇].
 * @example console.log(tangentSource(L, traceScalar(L, { w1: 2, w2: 3 })))
 * // function (w1, w2, ẇ1, ẇ2) {
 * //   const v1 = Math.log(w1);
 * //   ...
 * //   return [L, L̇];
 * // }
 */
export function tangentSource(f: (...inputs: Value[]) => Value, trace: ScalarTrace): string {
  checkFunction(f, "tangentSource");
  const { inputs, ops, step } = tableOf(trace, "tangentSource");
  const names = new Names();
  const pushforward = (...xs: Value[]) => {
    let k = 0;
    const duals = new ReportingDualTrace((prim, out) => {
      const node = step(k++, prim);
      const [value, tangent] = duals.lower(out);
      names.label(value, node.id);
      if (tangent !== null) names.label(tangent, dot(node.id));
    });
    const vars = inputs.map((node, i) => {
      const [x, dx] = [xs[i], xs[inputs.length + i]];
      names.label(x, node.id);
      names.label(dx, dot(node.id));
      return duals.lift(x, dx);
    });
    try {
      const [out, dout] = duals.lower(f(...vars));
      if (k !== ops.length) {
        throw new Error(
          "tangentSource: f does not compute the trace's steps; pass the function the trace was made from",
        );
      }
      return [out, dout ?? 0];
    } finally {
      duals.ended = "tangentSource";
    }
  };
  const values = inputs.map((n) => n.value);
  return renamed(jitSource(pushforward)(...values, ...values.map(() => 0)), names);
}

/**
 * Generated source with the table's names: each parameter and `const` of the code named as the table
 * names its variable, the rest t1, t2, ... in order (skipping names the table uses).
 */
function renamed(source: string, names: Names): string {
  // the compiler names variable `id` varName(id) (a, b, ..., ba, ...), with "_" after a JavaScript keyword
  const declared = [
    ...(/^function \(([^)]*)\)/.exec(source)?.[1].split(", ") ?? []),
    ...Array.from(source.matchAll(/const ([a-z]+_?) =/g), (m) => m[1]),
  ];
  const taken = new Set(names.byId.values());
  const byText = new Map<string, string>();
  let temporaries = 0;
  for (const text of declared) {
    const id = idOf(text.replace(/_$/, ""));
    let name = names.byId.get(id);
    if (name === undefined) {
      do name = `t${++temporaries}`;
      while (taken.has(name));
    }
    byText.set(text, name);
  }
  return source.replace(/(?<![\w$.])[a-z]+_?(?![\w$])/g, (text) => byText.get(text) ?? text);
}

/** The inverse of jit's varName: "a" → 0, "z" → 25, "ba" → 26. */
function idOf(text: string): number {
  return Array.from(text).reduce((n, c) => n * 26 + c.charCodeAt(0) - 97, 0);
}
