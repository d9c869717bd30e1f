/**
 * Computational graphs as Graphviz DOT, read left to right like the lecture's illustrations:
 * inputs, primitives (with their values), the output; optionally tangents or adjoints on the
 * nodes and local partials on the edges. Rendering to SVG is in graph-render.ts.
 */
import type { ScalarTrace, TraceNode } from "../core/trace-types";
import { indexTrace } from "./trace-check";
import { escapeHtml, formatNumber } from "./format";
import { checkBoolean, checkOptions, describe } from "../core/args";

/** Graphs with more nodes than this are summarized instead of drawn (unless maxNodes says otherwise). */
export const DEFAULT_MAX_GRAPH_NODES = 200;

export interface GraphOptions {
  /** Extra line on each node: forward tangents (v̇) or reverse adjoints (v̄). */
  annotate?: "none" | "tangent" | "adjoint";
  /** Write each edge's local partial ∂child/∂parent on it (needs `partials` in the trace). */
  edgePartials?: boolean;
  /** Drawing limit (default {@link DEFAULT_MAX_GRAPH_NODES}). */
  maxNodes?: number;
}

/** Thrown for a graph above the drawing limit; the message names the limit and summarizes the graph. */
export class GraphTooLargeError extends Error {
  constructor(
    readonly nodeCount: number,
    readonly limit: number,
    readonly summary: string,
  ) {
    super(
      `graph has ${String(nodeCount)} nodes, more than the drawing limit of ${String(limit)} ` +
        `(pass { maxNodes } to raise it). Summary: ${String(summary)}`,
    );
    this.name = "GraphTooLargeError";
  }
}

/** Symbols for the common primitives; others are shown by name. */
const OP_SYMBOLS: Record<string, string> = {
  add: "+",
  sub: "−",
  mul: "×",
  div: "÷",
  pow: "^",
  neg: "−",
  sqrt: "√",
  maximum: "max",
  minimum: "min",
};

/**
 * Counts of nodes per kind and primitive, largest first.
 * @example graphSummary(trace) // "2 inputs, 1 log, 1 mul, 1 sqrt, 1 add"
 */
export function graphSummary(trace: ScalarTrace): string {
  indexTrace(trace, "graphSummary");
  const counts = new Map<string, number>();
  for (const node of trace.nodes) {
    const key = node.kind === "op" ? node.op! : node.kind;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return Array.from(counts.entries())
    .sort((a, b) => b[1] - a[1])
    .map(([key, count]) => `${count} ${key}${key === "input" || key === "const" ? (count === 1 ? "" : "s") : ""}`)
    .join(", ");
}

/**
 * Graphviz DOT for a trace. Throws {@link GraphTooLargeError} above the node limit.
 * @example graphDot(trace, { annotate: "adjoint" }) // 'digraph adlab { rankdir=LR; ... }'
 */
export function graphDot(trace: ScalarTrace, options: GraphOptions = {}): string {
  return dotOf(trace, options, "graphDot");
}

/** {@link graphDot} for the functions that draw it; `op` names the one the user called. */
export function dotOf(trace: ScalarTrace, options: GraphOptions | undefined, op: string): string {
  const byId = indexTrace(trace, op);
  checkOptions(options, op);
  options ??= {};
  const limit = options.maxNodes ?? DEFAULT_MAX_GRAPH_NODES;
  if (typeof limit !== "number" || !(limit >= 0))
    throw new RangeError(`${op}: maxNodes must be a number >= 0, got ${describe(limit)}`);
  if (![undefined, "none", "tangent", "adjoint"].includes(options.annotate)) {
    throw new TypeError(`${op}: annotate must be "none", "tangent" or "adjoint", got ${describe(options.annotate)}`);
  }
  if (options.edgePartials !== undefined) checkBoolean(options.edgePartials, op, "edgePartials");
  if (trace.nodes.length > limit) throw new GraphTooLargeError(trace.nodes.length, limit, graphSummary(trace));
  const lines = [
    "digraph adlab {",
    // size: at most 7.5 x 10 inches, as classic Notebook shows an SVG at its own size, never scaled to the cell.
    '  rankdir=LR; ordering=in; nodesep=0.3; ranksep=0.45; bgcolor="transparent"; size="7.5,10";',
    '  node [fontname="Helvetica", fontsize=13, penwidth=1.2];',
    '  edge [fontname="Helvetica", fontsize=10, fontcolor="#555555", color="#555555", arrowsize=0.7];',
  ];
  for (const node of trace.nodes) lines.push(`  ${quote(node.id)} [${nodeAttributes(node, trace, options)}];`);
  for (const node of trace.nodes) {
    node.inputs.forEach((parent, k) => {
      const label = options.edgePartials ? ` [label=<${edgeLabel(node, k)}>]` : "";
      lines.push(`  ${quote(byId.get(parent)!.id)} -> ${quote(node.id)}${label};`);
    });
  }
  lines.push("}");
  return lines.join("\n");
}

function nodeAttributes(node: TraceNode, trace: ScalarTrace, options: GraphOptions): string {
  const value = `<FONT POINT-SIZE="11">${escapeHtml(formatNumber(node.value))}</FONT>`;
  if (node.kind === "const") {
    return `shape=plaintext, fontcolor="#666666", label=<${escapeHtml(formatNumber(node.value))}>`;
  }
  const title =
    node.kind === "op" ? `${htmlName(node.id)} = ${escapeHtml(OP_SYMBOLS[node.op!] ?? node.op!)}` : htmlName(node.id);
  const label = [title, value];
  const annotation = annotationLine(node, options.annotate ?? "none");
  if (annotation) label.push(annotation);
  const style =
    node.kind === "input"
      ? 'shape=ellipse, style=filled, fillcolor="#dbe9f6"'
      : 'shape=box, style="rounded,filled", fillcolor="#f4f4f4"';
  const output = node.id === trace.output ? ", peripheries=2" : "";
  return `${style}${output}, label=<${label.join("<BR/>")}>`;
}

function annotationLine(node: TraceNode, annotate: "none" | "tangent" | "adjoint"): string {
  if (annotate === "none") return "";
  const value = node[annotate];
  if (typeof value !== "number") {
    throw new Error(
      `graph: node "${node.id}" has no ${annotate} to annotate; trace in ${annotate === "tangent" ? "forward" : "reverse"} mode`,
    );
  }
  // U+0307 / U+0304: combining dot and bar, the lecture's v̇ (tangent) and v̄ (adjoint).
  const [mark, color] = annotate === "tangent" ? ["\u0307", "#1f5fa6"] : ["\u0304", "#b3261e"];
  return `<FONT POINT-SIZE="11" COLOR="${color}">${htmlName(node.id, mark)} = ${escapeHtml(formatNumber(value))}</FONT>`;
}

function edgeLabel(node: TraceNode, k: number): string {
  const partial = node.partials?.[k];
  if (typeof partial !== "number") {
    throw new Error(`graph: node "${node.id}" has no partials to write on its edges (edgePartials)`);
  }
  return escapeHtml(formatNumber(partial, 3));
}

/**
 * "v12" -> "v₁₂", with an optional combining mark on the letter. Unicode subscripts rather than
 * Graphviz <SUB>: browsers place <SUB> tspans over the next line of a multi-line label.
 */
function htmlName(id: string, mark = ""): string {
  const match = /^([A-Za-z]+)_?(\d+)$/.exec(id);
  if (!match) return `${escapeHtml(id)}${mark}`;
  const subscript = Array.from(match[2], (digit) => String.fromCharCode(0x2080 + Number(digit))).join("");
  return `${escapeHtml(match[1])}${mark}${subscript}`;
}

function quote(id: string): string {
  return `"${id.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}
