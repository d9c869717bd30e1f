/**
 * Step tables like the lecture's, built from a real trace: the forward-mode table
 * (Step | Function | Derivative) and the reverse-mode table (Step | Adjoint), as Markdown with LaTeX.
 * Notation: v̇ = ∂v/∂w (tangent, forward mode), v̄ = ∂L/∂v (adjoint, reverse mode).
 *
 * Each table is ONE display-math array, not a Markdown pipe table of inline formulas: classic
 * Notebook's MathJax 2 breaks lines automatically and, while it typesets, sees table cells as empty,
 * so it split every inline formula at each "=". A display array renders the same in classic
 * Notebook, JupyterLab, VS Code (KaTeX) and GitHub.
 */
import type { ScalarTrace, TraceNode } from "../core/trace-types";
import { argumentLatex, indexTrace, latexName } from "./trace-check";
import { ruleFor, times } from "./latex-rules";
import { latexNumber } from "./format";
import { describe } from "../core/args";
import { showBundle } from "./sink";

/**
 * Forward mode: each primitive's value and its tangent from its parents' tangents.
 * Needs `tangent` on every input and op node.
 * @example forwardTable(trace) // "$$\\begin{array}{c|l|l}\n…\n2 & v_{1} = \\log w_{1} = 0.6931 & \\dot v_{1} =
 *    \\frac{1}{w_{1}} \\dot w_{1} = 0.5 \\\\[3pt]\n…"
 */
export function forwardTable(trace: ScalarTrace): string {
  const byId = indexTrace(trace, "forwardTable");
  const variables = trace.nodes.filter((node) => node.kind !== "const");
  for (const node of variables) required(node, "tangent", "forwardTable", "forward mode (with wrt)");
  const inputs = variables.filter((node) => node.kind === "input");
  const wrt = trace.wrt ? `\\dot v = \\partial v / \\partial ${latexName(trace.wrt)}` : "\\dot v";
  const rows = [
    [
      inputs.map((n) => `${latexName(n.id)} = ${latexNumber(n.value)}`).join(", \\; "),
      inputs.map((n) => `\\dot ${latexName(n.id)} = ${latexNumber(n.tangent!)}`).join(", \\; "),
    ],
  ];
  for (const node of variables.filter((n) => n.kind === "op")) {
    const parents = node.inputs.map((id) => byId.get(id)!);
    const rule = ruleFor(node.op!);
    const args = parents.map(argumentLatex);
    const name = latexName(node.id);
    const terms = parents
      .map((parent, k) =>
        parent.kind === "const" ? "" : times(rule.partial(args, k, name), `\\dot ${latexName(parent.id)}`),
      )
      .filter((term) => term !== "");
    rows.push([
      `${name} = ${rule.formula(args)} = ${latexNumber(node.value)}`,
      `\\dot ${name} = ${sum(terms)} = ${latexNumber(node.tangent!)}`,
    ]);
  }
  return mathTable(["\\text{Function}", `\\text{Derivative } ${wrt}`], rows);
}

/**
 * Reverse mode: from the output back to the inputs, each adjoint as the sum over the node's
 * consumers of (local partial) × (consumer's adjoint). Needs `adjoint` on every input and op node.
 * @example reverseTable(trace) // "$$\\begin{array}{c|l}\n…\n1 & \\bar L = 1 \\\\[3pt]\n2 & \\bar v_{3} = \\bar L = 1
 *    \\\\[3pt]\n…"
 */
export function reverseTable(trace: ScalarTrace): string {
  const byId = indexTrace(trace, "reverseTable");
  const variables = trace.nodes.filter((node) => node.kind !== "const");
  for (const node of variables) required(node, "adjoint", "reverseTable", "reverse mode");
  const output = latexName(trace.output);
  const rows = [[`\\bar ${output} = ${latexNumber(byId.get(trace.output)!.adjoint!)}`]];
  for (const node of variables.filter((n) => n.id !== trace.output).reverse()) {
    const terms: string[] = [];
    for (const consumer of trace.nodes) {
      consumer.inputs.forEach((id, k) => {
        if (id !== node.id) return;
        const args = consumer.inputs.map((parent) => argumentLatex(byId.get(parent)!));
        const partial = ruleFor(consumer.op!).partial(args, k, latexName(consumer.id));
        terms.push(times(partial, `\\bar ${latexName(consumer.id)}`));
      });
    }
    rows.push([`\\bar ${latexName(node.id)} = ${sum(terms)} = ${latexNumber(node.adjoint!)}`]);
  }
  return mathTable([`\\text{Adjoint } \\bar v = \\partial ${output} / \\partial v`], rows);
}

/**
 * Displays the forward or reverse table in the current cell (Markdown, rendered with MathJax/KaTeX).
 * @example showSteps(trace, "forward");
 */
export function showSteps(trace: ScalarTrace, mode: "forward" | "reverse"): void {
  indexTrace(trace, "showSteps");
  if (mode !== "forward" && mode !== "reverse")
    throw new TypeError(`showSteps: mode must be "forward" or "reverse", got ${describe(mode)}`);
  const table = mode === "forward" ? forwardTable(trace) : reverseTable(trace);
  showBundle({ "text/markdown": table, "text/plain": table });
}

function required(node: TraceNode, field: "tangent" | "adjoint", caller: string, how: string): void {
  const value = node[field];
  if (typeof value !== "number") {
    throw new Error(`${caller}: node "${node.id}" has no ${field}; trace the function in ${how} first`);
  }
}

/** A numbered table as one display-math array: header row, rule, one line per row. */
function mathTable(headers: string[], rows: string[][]): string {
  const columns = `c|${headers.map(() => "l").join("|")}`;
  const lines = rows.map((cells, i) => `${i + 1} & ${cells.join(" & ")} \\\\[3pt]`);
  return [
    `$$\\begin{array}{${columns}}`,
    `\\text{Step} & ${headers.join(" & ")} \\\\ \\hline`,
    ...lines,
    "\\end{array}$$",
  ].join("\n");
}

function sum(terms: string[]): string {
  if (terms.length === 0) return "0";
  return terms.reduce((acc, term) => (term.startsWith("-") ? `${acc} - ${term.slice(1)}` : `${acc} + ${term}`));
}
