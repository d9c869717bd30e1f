/**
 * Test fixture: the lecture's L(w1, w2) = w2 log w1 + sqrt(w2 log w1) as a ScalarTrace, with
 * values, local partials, tangents and adjoints computed here from the formulas (not typed in).
 */
import type { ScalarTrace, TraceNode } from "../../lib/core/trace-types";

interface Step {
  id: string;
  op: string;
  inputs: string[];
  /** value and local partials from the parents' values */
  rule: (args: number[]) => { value: number; partials: number[] };
}

const LECTURE_STEPS: Step[] = [
  { id: "v1", op: "log", inputs: ["w1"], rule: ([a]) => ({ value: Math.log(a), partials: [1 / a] }) },
  { id: "v2", op: "mul", inputs: ["w2", "v1"], rule: ([a, b]) => ({ value: a * b, partials: [b, a] }) },
  {
    id: "v3",
    op: "sqrt",
    inputs: ["v2"],
    rule: ([a]) => ({ value: Math.sqrt(a), partials: [1 / (2 * Math.sqrt(a))] }),
  },
  { id: "L", op: "add", inputs: ["v2", "v3"], rule: ([a, b]) => ({ value: a + b, partials: [1, 1] }) },
];

/**
 * Evaluates steps after the inputs, then fills tangents w.r.t. `wrt` (forward) and adjoints (reverse).
 * @example const trace = traceSteps({ w1: 2, w2: 5 }, LECTURE_STEPS, "w1");
 */
export function traceSteps(inputs: Record<string, number>, steps: Step[], wrt: string): ScalarTrace {
  const nodes: TraceNode[] = Object.entries(inputs).map(([id, value]) => ({
    id,
    kind: "input",
    inputs: [],
    value,
    tangent: id === wrt ? 1 : 0,
  }));
  const byId = new Map(nodes.map((n) => [n.id, n]));
  for (const step of steps) {
    const parents = step.inputs.map((id) => byId.get(id)!);
    const { value, partials } = step.rule(parents.map((p) => p.value));
    const tangent = partials.reduce((acc, d, k) => acc + d * parents[k].tangent!, 0);
    const node: TraceNode = { id: step.id, kind: "op", op: step.op, inputs: step.inputs, value, partials, tangent };
    nodes.push(node);
    byId.set(node.id, node);
  }
  const output = steps[steps.length - 1].id;
  for (const node of nodes) node.adjoint = node.id === output ? 1 : 0;
  for (const node of [...nodes].reverse()) {
    node.inputs.forEach((id, k) => (byId.get(id)!.adjoint! += node.adjoint! * node.partials![k]));
  }
  return { nodes, output, wrt };
}

/** The lecture's example at (w1, w2), tangents w.r.t. w1. */
export function lectureTrace(w1 = 2, w2 = 5): ScalarTrace {
  return traceSteps({ w1, w2 }, LECTURE_STEPS, "w1");
}

/** A chain of `length` sin nodes after one input: for size limits. */
export function sinChain(length: number): ScalarTrace {
  const steps: Step[] = Array.from({ length }, (_, i) => ({
    id: `v${i + 1}`,
    op: "sin",
    inputs: [i === 0 ? "w1" : `v${i}`],
    rule: ([a]: number[]) => ({ value: Math.sin(a), partials: [Math.cos(a)] }),
  }));
  return traceSteps({ w1: 0.5 }, steps, "w1");
}
