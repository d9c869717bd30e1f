import { describe, expect, it } from "vitest";
import { forwardTable, reverseTable, showSteps } from "../../lib/display/steps";
import { latexNumber } from "../../lib/display/format";
import { lectureTrace, traceSteps } from "./lecture-trace";
import { captureDisplays } from "./capture";

const sent = captureDisplays();
const trace = lectureTrace(2, 5);
const node = (id: string) => trace.nodes.find((n) => n.id === id)!;

/** The table's rows as cell lists: one line per row, cells split at "&", row end dropped. */
function cells(table: string): string[][] {
  const lines = table.split("\n");
  expect(lines[0]).toMatch(/^\$\$\\begin\{array\}/);
  expect(lines[lines.length - 1]).toBe("\\end{array}$$");
  return lines.slice(1, -1).map((line) => line.replace(/ \\\\(\[3pt\]| \\hline)$/, "").split(" & "));
}

describe("forwardTable", () => {
  const rows = cells(forwardTable(trace));

  it("has the lecture's columns and one row per primitive after the inputs", () => {
    expect(rows[0]).toEqual([
      "\\text{Step}",
      "\\text{Function}",
      "\\text{Derivative } \\dot v = \\partial v / \\partial w_{1}",
    ]);
    expect(rows).toHaveLength(1 + 1 + 4);
    expect(rows[1]).toEqual(["1", "w_{1} = 2, \\; w_{2} = 5", "\\dot w_{1} = 1, \\; \\dot w_{2} = 0"]);
  });

  it("writes each primitive's formula, its tangent rule and the numbers from the trace", () => {
    expect(rows[2]).toEqual([
      "2",
      `v_{1} = \\log w_{1} = ${latexNumber(node("v1").value)}`,
      "\\dot v_{1} = \\frac{1}{w_{1}} \\dot w_{1} = 0.5",
    ]);
    expect(rows[3][2]).toBe("\\dot v_{2} = v_{1} \\dot w_{2} + w_{2} \\dot v_{1} = 2.5");
    expect(rows[4][1]).toBe(`v_{3} = \\sqrt{v_{2}} = ${latexNumber(node("v3").value)}`);
    expect(rows[4][2]).toBe(
      `\\dot v_{3} = \\frac{1}{2\\sqrt{v_{2}}} \\dot v_{2} = ${latexNumber(node("v3").tangent!)}`,
    );
    expect(rows[5][2]).toBe(`\\dot L = \\dot v_{2} + \\dot v_{3} = ${latexNumber(node("L").tangent!)}`);
  });

  it("leaves constants out of the tangent sum and shows their value", () => {
    const t = traceSteps(
      { x: 3 },
      [{ id: "v1", op: "sub", inputs: ["x", "x"], rule: ([a, b]) => ({ value: a - b, partials: [1, -1] }) }],
      "x",
    );
    t.nodes.splice(1, 0, { id: "c1", kind: "const", inputs: [], value: -2 });
    t.nodes.push({
      id: "v2",
      kind: "op",
      op: "mul",
      inputs: ["c1", "v1"],
      value: 0,
      partials: [-2, 0],
      tangent: 0,
      adjoint: 1,
    });
    t.output = "v2";
    const rows = cells(forwardTable(t));
    expect(rows[2][2]).toBe("\\dot v_{1} = \\dot x - \\dot x = 0");
    expect(rows[3]).toEqual(["3", "v_{2} = (-2) v_{1} = 0", "\\dot v_{2} = (-2) \\dot v_{1} = 0"]);
  });

  it("names the node that lacks a tangent", () => {
    const bare = { ...trace, nodes: trace.nodes.map((n) => (n.id === "v2" ? { ...n, tangent: undefined } : n)) };
    expect(() => forwardTable(bare)).toThrow('forwardTable: node "v2" has no tangent');
  });
});

describe("reverseTable", () => {
  const rows = cells(reverseTable(trace));

  it("goes from the output back to the inputs", () => {
    expect(rows[0]).toEqual(["\\text{Step}", "\\text{Adjoint } \\bar v = \\partial L / \\partial v"]);
    expect(rows[1]).toEqual(["1", "\\bar L = 1"]);
    expect(rows.slice(2).map((r) => /^\\bar (\S+) =/.exec(r[1])![1])).toEqual([
      "v_{3}",
      "v_{2}",
      "v_{1}",
      "w_{2}",
      "w_{1}",
    ]);
  });

  it("sums over every consumer with its local partial, and shows the trace's adjoint", () => {
    expect(rows[3][1]).toBe(
      `\\bar v_{2} = \\frac{1}{2\\sqrt{v_{2}}} \\bar v_{3} + \\bar L = ${latexNumber(node("v2").adjoint!)}`,
    );
    expect(rows[4][1]).toBe(`\\bar v_{1} = w_{2} \\bar v_{2} = ${latexNumber(node("v1").adjoint!)}`);
    expect(rows[6][1]).toBe(`\\bar w_{1} = \\frac{1}{w_{1}} \\bar v_{1} = ${latexNumber(node("w1").adjoint!)}`);
  });

  it("writes 0 for a node nothing uses", () => {
    const t = lectureTrace();
    t.nodes.splice(2, 0, {
      id: "u",
      kind: "op",
      op: "exp",
      inputs: ["w1"],
      value: 1,
      partials: [1],
      tangent: 0,
      adjoint: 0,
    });
    expect(reverseTable(t)).toContain("\\bar u = 0 = 0");
  });
});

describe("showSteps", () => {
  it("displays the table as Markdown with a plain-text copy", () => {
    showSteps(trace, "reverse");
    expect(sent[0].message.data["text/markdown"]).toBe(reverseTable(trace));
    expect(sent[0].message.data["text/plain"]).toBe(reverseTable(trace));
  });
});
