import { describe, expect, it } from "vitest";
import { graphSvg, showGraph } from "../../lib/display/graph-render";
import { lectureTrace, sinChain } from "./lecture-trace";
import { captureDisplays } from "./capture";

const sent = captureDisplays();

describe("graphSvg", () => {
  it("renders the trace with Graphviz to SVG, one node group per trace node", async () => {
    const svg = await graphSvg(lectureTrace(), { annotate: "adjoint" });
    expect(svg).toContain('<svg style="max-width:100%;height:auto"');
    expect(svg.match(/class="node"/g)).toHaveLength(lectureTrace().nodes.length);
    const edges = lectureTrace().nodes.reduce((n, node) => n + node.inputs.length, 0);
    expect(svg.match(/class="edge"/g)).toHaveLength(edges);
  });
});

describe("showGraph", () => {
  it("displays the SVG with a text summary", async () => {
    await showGraph(lectureTrace());
    expect(sent).toHaveLength(1);
    expect(String(sent[0].message.data["image/svg+xml"])).toContain("<svg");
    expect(sent[0].message.data["text/plain"]).toBe("Computational graph: 2 inputs, 1 log, 1 mul, 1 sqrt, 1 add");
  });

  it("shows the limit and a summary instead of drawing a graph that is too large", async () => {
    await showGraph(sinChain(300));
    expect(sent[0].message.data["image/svg+xml"]).toBeUndefined();
    expect(sent[0].message.data["text/plain"]).toMatch(
      /^Not drawn: graph has 301 nodes, more than the drawing limit of 200.*300 sin/,
    );
  });
});
