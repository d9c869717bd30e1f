/** Checks and lookups on a ScalarTrace shared by step tables and graph drawings. */
import { ScalarTrace, TraceNode } from "../core/trace-types";
import { latexNumber } from "./format";

/**
 * Validates a trace and indexes its nodes by id. Throws, naming the node, when an id repeats,
 * a parent is unknown or comes later (nodes must be in evaluation order), an op lacks its name,
 * or the output is missing.
 * @example const byId = indexTrace(trace); byId.get("v1")!.value
 */
export function indexTrace(trace: ScalarTrace): Map<string, TraceNode> {
  const byId = new Map<string, TraceNode>();
  for (const node of trace.nodes) {
    if (byId.has(node.id)) throw new Error(`trace: node id "${node.id}" appears twice`);
    if (node.kind === "op" && !node.op) throw new Error(`trace: node "${node.id}" is an op without an op name`);
    for (const parent of node.inputs) {
      if (!byId.has(parent)) {
        throw new Error(`trace: node "${node.id}" uses "${parent}", which is not defined before it`);
      }
    }
    byId.set(node.id, node);
  }
  if (!byId.has(trace.output)) throw new Error(`trace: output "${trace.output}" is not a node of the trace`);
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
