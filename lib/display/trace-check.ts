/** Checks and lookups on a ScalarTrace shared by step tables and graph drawings. */
import type { ScalarTrace, TraceNode } from "../core/trace-types";
import { latexNumber } from "./format";
import { describe } from "../core/args";

/**
 * Validates a trace and indexes its nodes by id. Throws, naming the node, when an id repeats,
 * a parent is unknown or comes later (nodes must be in evaluation order), an op lacks its name,
 * or the output is missing.
 * @example const byId = indexTrace(trace, "graphDot"); byId.get("v1")!.value
 */
export function indexTrace(trace: ScalarTrace, op: string): Map<string, TraceNode> {
  if (trace === null || typeof trace !== "object" || !Array.isArray(trace.nodes)) {
    throw new TypeError(`${op}: expected a trace from traceScalar(f, inputs), got ${describe(trace)}`);
  }
  const byId = new Map<string, TraceNode>();
  trace.nodes.forEach((node, i) => {
    if (
      node === null ||
      typeof node !== "object" ||
      typeof node.id !== "string" ||
      !Array.isArray(node.inputs) ||
      typeof node.value !== "number"
    ) {
      throw new TypeError(`${op}: trace node ${i} is not a node { id, kind, inputs, value } of a traceScalar trace`);
    }
    if (byId.has(node.id)) throw new Error(`${op}: trace node id "${node.id}" appears twice`);
    if (node.kind === "op" && !node.op) throw new Error(`${op}: trace node "${node.id}" is an op without an op name`);
    for (const parent of node.inputs) {
      if (!byId.has(parent)) {
        throw new Error(`${op}: trace node "${node.id}" uses "${String(parent)}", which is not defined before it`);
      }
    }
    byId.set(node.id, node);
  });
  if (!byId.has(trace.output))
    throw new Error(`${op}: the trace's output "${String(trace.output)}" is not a node of the trace`);
  return byId;
}

/**
 * The LaTeX name of a node id: letters then a subscript ("v12" -> "v_{12}", "L" -> "L").
 * @example latexName("w1") // "w_{1}"
 */
export function latexName(id: string): string {
  const match = /^([A-Za-z]+)_?(\d+)$/.exec(id);
  if (match) return `${match[1]}_{${match[2]}}`;
  return /^[A-Za-z]$/.test(id) ? id : `\\mathrm{${id.replace(/_/g, "\\_")}}`;
}

/**
 * How a node appears inside formulas: constants as their value (negative ones in parentheses), others by name.
 * @example argumentLatex({ id: "c1", kind: "const", inputs: [], value: -2 }) // "(-2)"
 */
export function argumentLatex(node: TraceNode): string {
  if (node.kind !== "const") return latexName(node.id);
  const text = latexNumber(node.value);
  return node.value < 0 ? `(${text})` : text;
}
