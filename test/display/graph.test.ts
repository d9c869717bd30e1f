import { describe, expect, it } from "vitest";
import { DEFAULT_MAX_GRAPH_NODES, GraphTooLargeError, graphDot, graphSummary } from "../../lib/display/graph";
import { lectureTrace, sinChain } from "./lecture-trace";

const trace = lectureTrace(2, 5);

describe("graphDot", () => {
  const dot = graphDot(trace);

  it("lays the graph out left to right with one edge per argument", () => {
    expect(dot).toContain("rankdir=LR");
    const edges = dot.match(/->/g)!.length;
    expect(edges).toBe(trace.nodes.reduce((n, node) => n + node.inputs.length, 0));
    expect(dot).toContain('"w2" -> "v2"');
  });

  it("labels inputs, primitives with their symbol, values, and marks the output", () => {
    expect(dot).toMatch(/"w1" \[shape=ellipse.*label=<w₁<BR\/><FONT POINT-SIZE="11">2<\/FONT>>\]/);
    expect(dot).toContain("v₂ = ×");
    expect(graphDot(lectureTrace(), { maxNodes: 10 })).not.toContain("<SUB>");
    expect(dot).toMatch(/"L" \[.*peripheries=2/);
  });

  it("writes tangents or adjoints on nodes and partials on edges when asked", () => {
    expect(graphDot(trace, { annotate: "tangent" })).toContain("v\u0307₁ = 0.5");
    expect(graphDot(trace, { annotate: "adjoint" })).toContain("L\u0304 = 1");
    expect(graphDot(trace, { edgePartials: true })).toContain('"w1" -> "v1" [label=<0.5>]');
  });

  it("names the node missing an annotation", () => {
    const bare = { ...trace, nodes: trace.nodes.map((n) => ({ ...n, adjoint: undefined })) };
    expect(() => graphDot(bare, { annotate: "adjoint" })).toThrow('node "w1" has no adjoint');
  });
});

describe("size limit", () => {
  it("refuses a graph above the limit, naming it, with a summary per primitive", () => {
    const big = sinChain(DEFAULT_MAX_GRAPH_NODES);
    let error: unknown;
    try {
      graphDot(big);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(GraphTooLargeError);
    expect((error as Error).message).toBe(
      `graph has ${DEFAULT_MAX_GRAPH_NODES + 1} nodes, more than the drawing limit of ${DEFAULT_MAX_GRAPH_NODES} ` +
        `(pass { maxNodes } to raise it). Summary: ${DEFAULT_MAX_GRAPH_NODES} sin, 1 input`,
    );
    expect(() => graphDot(big, { maxNodes: 500 })).not.toThrow();
  });

  it("summarizes counts per kind and primitive", () => {
    expect(graphSummary(trace)).toBe("2 inputs, 1 log, 1 mul, 1 sqrt, 1 add");
  });
});
