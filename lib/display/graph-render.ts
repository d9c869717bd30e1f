/**
 * Graph drawings as SVG with Graphviz compiled to WebAssembly (@viz-js/viz): the same layout the
 * lecture-style illustrations use, offline, no native binary. Its start-up is asynchronous, so
 * these functions return promises: `await showGraph(trace)` in a cell (tslab supports top-level await).
 */
import type { Viz } from "@viz-js/viz";
import type { ScalarTrace } from "../core/trace-types";
import { type GraphOptions, GraphTooLargeError, dotOf, graphSummary } from "./graph";
import { showBundle } from "./sink";

let graphviz: Promise<Viz> | null = null;

/** Loads Graphviz once per process (~1 MB of WebAssembly). */
function loadGraphviz(): Promise<Viz> {
  graphviz ??= import("@viz-js/viz").then((module) => module.instance());
  return graphviz;
}

/**
 * SVG markup of the traced graph. Rejects with {@link GraphTooLargeError} above the node limit.
 * @example const svg = await graphSvg(trace, { annotate: "tangent" });
 */
export async function graphSvg(trace: ScalarTrace, options: GraphOptions = {}): Promise<string> {
  return svgOf(trace, options, "graphSvg");
}

async function svgOf(trace: ScalarTrace, options: GraphOptions, op: string): Promise<string> {
  const dot = dotOf(trace, options, op);
  const viz = await loadGraphviz();
  // Shrink to the output's width instead of overflowing it (the viewBox keeps the proportions).
  return viz.renderString(dot, { format: "svg" }).replace("<svg ", '<svg style="max-width:100%;height:auto" ');
}

/**
 * Draws the traced graph in the current cell. A graph above the node limit is not drawn: the cell
 * shows the limit and a count of nodes per primitive instead, and the notebook carries on.
 * @example await showGraph(trace, { annotate: "adjoint", edgePartials: true });
 */
export async function showGraph(trace: ScalarTrace, options: GraphOptions = {}): Promise<void> {
  let svg: string;
  try {
    svg = await svgOf(trace, options, "showGraph");
  } catch (error) {
    if (!(error instanceof GraphTooLargeError)) throw error;
    showBundle({ "text/plain": `Not drawn: ${error.message}` });
    return;
  }
  showBundle({ "image/svg+xml": svg, "text/plain": `Computational graph: ${graphSummary(trace)}` });
}
