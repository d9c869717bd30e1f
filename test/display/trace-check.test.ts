import { describe, expect, it } from "vitest";
import { argumentLatex, indexTrace, latexName } from "../../lib/display/trace-check";
import { lectureTrace } from "./lecture-trace";

describe("indexTrace", () => {
  it("indexes a valid trace by id", () => {
    expect(indexTrace(lectureTrace(), "graphDot").get("v2")!.op).toBe("mul");
  });

  it("names what is wrong with a malformed trace", () => {
    const t = lectureTrace();
    expect(() => indexTrace({ ...t, output: "y" }, "graphDot")).toThrow('output "y" is not a node');
    expect(() => indexTrace({ ...t, nodes: [...t.nodes].reverse() }, "graphDot")).toThrow(
      'node "L" uses "v2", which is not defined before it',
    );
    expect(() => indexTrace({ ...t, nodes: [...t.nodes, t.nodes[0]] }, "graphDot")).toThrow(
      'node id "w1" appears twice',
    );
    expect(() =>
      indexTrace({ nodes: [{ id: "v", kind: "op", inputs: [], value: 1 }], output: "v" }, "graphDot"),
    ).toThrow("op without an op name");
  });
});

describe("latexName / argumentLatex", () => {
  it("subscripts trailing digits", () => {
    expect(latexName("v12")).toBe("v_{12}");
    expect(latexName("L")).toBe("L");
    expect(latexName("loss_total")).toBe("\\mathrm{loss\\_total}");
  });

  it("shows constants by value", () => {
    expect(argumentLatex({ id: "c1", kind: "const", inputs: [], value: 2 })).toBe("2");
    expect(argumentLatex({ id: "w1", kind: "input", inputs: [], value: 2 })).toBe("w_{1}");
  });
});
