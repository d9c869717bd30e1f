import { describe, expect, it } from "vitest";
import { forwardTable, reverseTable, showSteps } from "../../lib/display/steps";
import { latexNumber } from "../../lib/display/format";
import { lectureTrace, traceSteps } from "./lecture-trace";
import { captureDisplays } from "./capture";

const sent = captureDisplays();
const trace = lectureTrace(2, 5);
const node = (id: string) => trace.nodes.find((n) => n.id === id)!;

describe("forwardTable", () => {
  const rows = forwardTable(trace).split("\n");

  it("has the lecture's columns and one row per primitive after the inputs", () => {
    expect(rows[0]).toBe("| Step | Function | Derivative $\\dot v = \\partial v / \\partial w_{1}$ |");
    expect(rows).toHaveLength(2 + 1 + 4);
    expect(rows[2]).toBe("| 1 | $w_{1} = 2, \\; w_{2} = 5$ | $\\dot w_{1} = 1, \\; \\dot w_{2} = 0$ |");
  });

  it("writes each primitive's formula, its tangent rule and the numbers from the trace", () => {
    expect(rows[3]).toBe(
      `| 2 | $v_{1} = \\log w_{1} = ${latexNumber(node("v1").value)}$ | $\\dot v_{1} = \\frac{1}{w_{1}} \\dot w_{1} = 0.5$ |`,
    );
    expect(rows[4]).toContain("$\\dot v_{2} = v_{1} \\dot w_{2} + w_{2} \\dot v_{1} = 2.5$");
    expect(rows[5]).toContain("$v_{3} = \\sqrt{v_{2}} = ");
    expect(rows[5]).toContain("\\dot v_{3} = \\frac{1}{2\\sqrt{v_{2}}} \\dot v_{2} = ");
    expect(rows[6]).toContain(`\\dot L = \\dot v_{2} + \\dot v_{3} = ${latexNumber(node("L").tangent!)}$`);
  });

  it("leaves constants out of the tangent sum and shows their value", () => {
    const t = traceSteps({ x: 3 }, [
      { id: "v1", op: "sub", inputs: ["x", "x"], rule: ([a, b]) => ({ value: a - b, partials: [1, -1] }) },
    ], "x");
    t.nodes.splice(1, 0, { id: "c1", kind: "const", inputs: [], value: -2 });
    t.nodes.push({ id: "v2", kind: "op", op: "mul", inputs: ["c1", "v1"], value: 0, partials: [0, -2], tangent: 0, adjoint: 1 });
    t.output = "v2";
    const last = forwardTable(t).split("\n").pop()!;
    expect(last).toContain("$v_{2} = (-2) v_{1} = 0$");
    expect(last).toContain("\\dot v_{2} = (-2) \\dot v_{1} = 0");
    expect(forwardTable(t)).toContain("\\dot v_{1} = \\dot x - \\dot x");
  });

  it("names the node that lacks a tangent", () => {
    const bare = { ...trace, nodes: trace.nodes.map((n) => (n.id === "v2" ? { ...n, tangent: undefined } : n)) };
    expect(() => forwardTable(bare)).toThrow('forwardTable: node "v2" has no tangent');
  });
});

describe("reverseTable", () => {
  const rows = reverseTable(trace).split("\n");

  it("goes from the output back to the inputs", () => {
    expect(rows[0]).toBe("| Step | Adjoint $\\bar v = \\partial L / \\partial v$ |");
    expect(rows[2]).toBe("| 1 | $\\bar L = 1$ |");
    expect(rows.slice(3).map((r) => /\\bar (\S+) =/.exec(r)![1])).toEqual(["v_{3}", "v_{2}", "v_{1}", "w_{2}", "w_{1}"]);
  });

  it("sums over every consumer with its local partial, and shows the trace's adjoint", () => {
    expect(rows[4]).toBe(
      `| 3 | $\\bar v_{2} = \\frac{1}{2\\sqrt{v_{2}}} \\bar v_{3} + \\bar L = ${latexNumber(node("v2").adjoint!)}$ |`,
    );
    expect(rows[5]).toContain("\\bar v_{1} = w_{2} \\bar v_{2} = ");
    expect(rows[7]).toContain(`\\bar w_{1} = \\frac{1}{w_{1}} \\bar v_{1} = ${latexNumber(node("w1").adjoint!)}$`);
  });

  it("has no pipe characters inside cells (they would split the Markdown table)", () => {
    expect(rows.every((r) => r.split("|").length === 4)).toBe(true);
  });
});

describe("showSteps", () => {
  it("displays the table as Markdown with a plain-text copy", () => {
    showSteps(trace, "reverse");
    expect(sent[0].message.data["text/markdown"]).toBe(reverseTable(trace));
    expect(sent[0].message.data["text/plain"]).toBe(reverseTable(trace));
  });
});
