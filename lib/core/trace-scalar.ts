/**
 * Traces a scalar function at a point into the list of steps the lecture draws and tabulates:
 * inputs w1, w2, ..., intermediates v1, v2, ..., each with its primitive, parents, value and local
 * partial derivatives; then the forward-mode tangents (with respect to one chosen input) and the
 * reverse-mode adjoints, computed from those partials exactly as the two algorithms do by hand.
 */
import { type Value, Tracer, shapeOf, checkResult } from "./value";
import { checkFunction, checkOptions } from "./args";
import { TapeTrace, TapeVar } from "./reverse";
import type { Elementwise } from "./primitive";
import type { ScalarTrace, TraceNode } from "./trace-types";

export interface TraceOptions {
  /** The input the forward-mode tangents are taken with respect to (default: the first). */
  readonly wrt?: string;
  /** The name of the output node (default "L"). */
  readonly output?: string;
}

/**
 * Records f at named scalar inputs, with values, partials, tangents and adjoints.
 * @example
 * const t = traceScalar((w1, w2) => add(mul(w2, log(w1)), sqrt(mul(w2, log(w1)))), { w1: 2, w2: 3 }, { wrt: "w1" });
 * showSteps(t, "forward");   await showGraph(t);
 */
export function traceScalar(
  f: (...inputs: Value[]) => Value,
  inputs: Readonly<Record<string, number>>,
  options: TraceOptions = {},
): ScalarTrace {
  checkFunction(f, "traceScalar");
  checkOptions(inputs, "traceScalar", "inputs");
  checkOptions(options, "traceScalar");
  if (inputs === undefined) throw new TypeError("traceScalar: give the named inputs, e.g. { w1: 2, w2: 3 }");
  const names = Object.keys(inputs);
  if (names.length === 0) throw new TypeError("traceScalar: give at least one named input, e.g. { w1: 2 }");
  const { wrt = names[0], output = "L" } = options ?? {};
  if (typeof output !== "string")
    throw new TypeError(`traceScalar: output must be a name (a string), got ${typeof output}`);
  if (!names.includes(wrt))
    throw new RangeError(`traceScalar: wrt "${wrt}" is not one of the inputs ${names.join(", ")}`);
  // the trace names its constants c1, c2, ... and its steps v1, v2, ...: an input must not take those names
  const clash = names.find((name) => /^[cv][1-9][0-9]*$/.test(name) || name === output);
  if (clash !== undefined) {
    const why =
      clash === output ? "the output's name" : "the trace's own names for constants (c1, ...) and steps (v1, ...)";
    throw new RangeError(`traceScalar: input name "${clash}" clashes with ${why}; rename it (e.g. w1, x)`);
  }
  const trace = new TapeTrace();
  const nodes: TraceNode[] = [];
  const idOf = new Map<number, string>();
  const vars = names.map((name) => {
    const x = inputs[name];
    if (typeof x !== "number") throw new TypeError(`traceScalar: input ${name} must be a number, got ${typeof x}`);
    const v = trace.input(x);
    idOf.set(v.index, name);
    nodes.push({ id: name, kind: "input", inputs: [], value: x });
    return v;
  });
  let constants = 0;
  trace.observer = (index, prim, args, out) => {
    if (args.some((a) => trace.lower(a) instanceof Tracer)) {
      throw new TypeError(
        `traceScalar: ${prim.name} uses a value traced by an outer transform (grad, jvp, ...); ` +
          "traceScalar draws programs of plain numbers: call it outside the transform",
      );
    }
    if (typeof out !== "number" || !prim.elementwise) {
      throw new TypeError(
        `traceScalar: only scalar programs can be traced; ${prim.name} produced shape [${shapeOf(out)}]`,
      );
    }
    const values = args.map((a) => (a instanceof TapeVar && a.trace === trace ? (a.primal as number) : (a as number)));
    const ids = args.map((a, k) => {
      if (a instanceof TapeVar && a.trace === trace) return idOf.get(a.index)!;
      const id = `c${++constants}`;
      nodes.push({ id, kind: "const", inputs: [], value: values[k] });
      return id;
    });
    const id = `v${idOf.size - names.length + 1}`;
    idOf.set(index, id);
    const d = (prim as Elementwise).partials!;
    const partials = values.map((_, k) => d[k](values[0], values[1] ?? 0, out) as number);
    nodes.push({ id, kind: "op", op: prim.name, inputs: ids, value: out, partials });
  };
  let out: Value;
  try {
    out = checkResult(f(...vars), "traceScalar");
  } finally {
    trace.observer = null;
    trace.ended = "traceScalar";
    trace.tape.release();
  }
  if (!(out instanceof TapeVar && out.trace === trace))
    throw new TypeError("traceScalar: f must return a number computed from its inputs");
  const outIndex = out.index;
  const outNode = nodes.find((n) => n.id === idOf.get(outIndex))!;
  const outId = output;
  for (const n of nodes) n.inputs = n.inputs.map((i) => (i === outNode.id ? outId : i));
  outNode.id = outId;
  fillDerivatives(nodes, wrt, outId);
  return { nodes, output: outId, wrt };
}

/** Forward sweep for tangents, reverse sweep for adjoints, both from the local partials. */
function fillDerivatives(nodes: TraceNode[], wrt: string, output: string): void {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  for (const n of nodes) {
    n.tangent = n.kind === "input" && n.id === wrt ? 1 : 0;
    n.inputs.forEach((p, k) => (n.tangent! += n.partials![k] * byId.get(p)!.tangent!));
  }
  for (const n of nodes) n.adjoint = n.id === output ? 1 : 0;
  for (let i = nodes.length - 1; i >= 0; i--) {
    const n = nodes[i];
    n.inputs.forEach((p, k) => (byId.get(p)!.adjoint! += n.adjoint! * n.partials![k]));
  }
}
