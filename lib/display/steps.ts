/**
 * Step tables like the lecture's, built from a real trace: the forward-mode table
 * (Step | Function | Derivative) and the reverse-mode table (Step | Adjoint), as Markdown with LaTeX.
 * Notation: v̇ = ∂v/∂w (tangent, forward mode), v̄ = ∂L/∂v (adjoint, reverse mode).
 */
import { ScalarTrace, TraceNode } from "./trace-types";
import { argumentLatex, indexTrace, latexName } from "./trace-check";
import { ruleFor, times } from "./latex-rules";
import { latexNumber } from "./format";
import { showBundle } from "./sink";

/**
 * Markdown table of forward mode: each primitive's value and its tangent from its parents' tangents.
 * Needs `tangent` on every input and op node.
 * @example forwardTable(trace) // "| Step | Function | Derivative … |\n| 2 | $v_{1} = \\log w_{1} = 0.6931$ | $\\dot v_{1} = \\frac{1}{w_{1}} \\dot w_{1} = 0.5$ |"
 */
export function forwardTable(trace: ScalarTrace): string {
  const byId = indexTrace(trace);
  const variables = trace.nodes.filter((node) => node.kind !== "const");
  for (const node of variables) required(node, "tangent", "forwardTable", "forward mode (with wrt)");
  const inputs = variables.filter((node) => node.kind === "input");
  const ops = variables.filter((node) => node.kind === "op");
  const wrt = trace.wrt ? ` $\\dot v = \\partial v / \\partial ${latexName(trace.wrt)}$` : " $\\dot v$";
  const rows = [
    `| Step | Function | Derivative${wrt} |`,
    "|---|---|---|",
    `| 1 | ${math(inputs.map((n) => `${latexName(n.id)} = ${latexNumber(n.value)}`))} | ${math(
      inputs.map((n) => `\\dot ${latexName(n.id)} = ${latexNumber(n.tangent!)}`),
    )} |`,
  ];
  ops.forEach((node, i) => {
    const parents = node.inputs.map((id) => byId.get(id)!);
    const rule = ruleFor(node.op!);
    const args = parents.map(argumentLatex);
    const name = latexName(node.id);
    const terms = parents
      .map((parent, k) => (parent.kind === "const" ? "" : times(rule.partial(args, k, name), `\\dot ${latexName(parent.id)}`)))
      .filter((term) => term !== "");
    const fn = `${name} = ${rule.formula(args)} = ${latexNumber(node.value)}`;
    const derivative = `\\dot ${name} = ${sum(terms)} = ${latexNumber(node.tangent!)}`;
    rows.push(`| ${i + 2} | $${fn}$ | $${derivative}$ |`);
  });
  return rows.join("\n");
}

/**
 * Markdown table of reverse mode: from the output back to the inputs, each adjoint as the sum
 * over the node's consumers of (consumer's adjoint) × (local partial). Needs `adjoint` on every
 * input and op node.
 * @example reverseTable(trace) // "| Step | Adjoint … |\n| 1 | $\\bar L = 1$ |\n| 2 | $\\bar v_{3} = \\bar L = 1$ | …"
 */
export function reverseTable(trace: ScalarTrace): string {
  const byId = indexTrace(trace);
  const variables = trace.nodes.filter((node) => node.kind !== "const");
  for (const node of variables) required(node, "adjoint", "reverseTable", "reverse mode");
  const output = latexName(trace.output);
  const rows = [`| Step | Adjoint $\\bar v = \\partial ${output} / \\partial v$ |`, "|---|---|"];
  rows.push(`| 1 | $\\bar ${output} = ${latexNumber(byId.get(trace.output)!.adjoint!)}$ |`);
  const rest = variables.filter((node) => node.id !== trace.output).reverse();
  rest.forEach((node, i) => {
    const terms: string[] = [];
    for (const consumer of trace.nodes) {
      consumer.inputs.forEach((id, k) => {
        if (id !== node.id) return;
        const rule = ruleFor(consumer.op!);
        const args = consumer.inputs.map((parent) => argumentLatex(byId.get(parent)!));
        terms.push(times(rule.partial(args, k, latexName(consumer.id)), `\\bar ${latexName(consumer.id)}`));
      });
    }
    const name = latexName(node.id);
    rows.push(`| ${i + 2} | $\\bar ${name} = ${sum(terms)} = ${latexNumber(node.adjoint!)}$ |`);
  });
  return rows.join("\n");
}

/**
 * Displays the forward or reverse table in the current cell (Markdown, rendered with MathJax/KaTeX).
 * @example showSteps(trace, "forward");
 */
export function showSteps(trace: ScalarTrace, mode: "forward" | "reverse"): void {
  const table = mode === "forward" ? forwardTable(trace) : reverseTable(trace);
  showBundle({ "text/markdown": table, "text/plain": table });
}

function required(node: TraceNode, field: "tangent" | "adjoint", caller: string, how: string): void {
  const value = node[field];
  if (typeof value !== "number") {
    throw new Error(`${caller}: node "${node.id}" has no ${field}; trace the function in ${how} first`);
  }
}

function math(parts: string[]): string {
  return `$${parts.join(", \\; ")}$`;
}

function sum(terms: string[]): string {
  if (terms.length === 0) return "0";
  return terms.reduce((acc, term) => (term.startsWith("-") ? `${acc} - ${term.slice(1)}` : `${acc} + ${term}`));
}
