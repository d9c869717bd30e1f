import { describe, it, expect } from "vitest";
import * as ad from "../../lib";
import type { Value } from "../../lib";

const L = (w1: Value, w2: Value) => {
  const v2 = ad.mul(w2, ad.log(w1));
  return ad.add(v2, ad.sqrt(v2));
};

// (traced inside each test, not once for the file: a mutation run switches mutants on per test)
const lecture = (wrt: string) => ad.traceScalar(L, { w1: 2, w2: 3 }, { wrt });
const nodeOf = (t: ad.ScalarTrace) => (id: string) => t.nodes.find((n) => n.id === id)!;

describe("traceScalar", () => {
  it("records the lecture's steps: v1 = log w1, v2 = w2 v1, v3 = sqrt v2, L = v2 + v3", () => {
    const t = lecture("w2");
    const node = nodeOf(t);
    expect(t.nodes.map((n) => [n.id, n.op ?? n.kind, n.inputs.join(",")])).toEqual([
      ["w1", "input", ""],
      ["w2", "input", ""],
      ["v1", "log", "w1"],
      ["v2", "mul", "w2,v1"],
      ["v3", "sqrt", "v2"],
      ["L", "add", "v2,v3"],
    ]);
    expect(node("v1").value).toBe(Math.log(2));
    expect(node("v3").partials![0]).toBeCloseTo(1 / (2 * Math.sqrt(3 * Math.log(2))), 15);
    expect(node("v2").partials).toEqual([Math.log(2), 3]);
    expect([t.output, t.wrt]).toEqual(["L", "w2"]);
  });

  it("its tangents are forward mode's and its adjoints reverse mode's", () => {
    const node = nodeOf(lecture("w2"));
    expect(node("L").tangent).toBeCloseTo(ad.jvp(L, [2, 3], [0, 1])[1] as number, 14);
    const [g1, g2] = ad.grad(L, [0, 1])(2, 3) as number[];
    expect(node("w1").adjoint).toBeCloseTo(g1, 14);
    expect(node("w2").adjoint).toBeCloseTo(g2, 14);
  });

  it("every node's tangent and adjoint, against the chain rule written out by hand", () => {
    const v2 = 3 * Math.log(2);
    const dv3 = 1 / (2 * Math.sqrt(v2)); // d sqrt(v2) / d v2
    const node = nodeOf(lecture("w1"));
    const tangents = { w1: 1, w2: 0, v1: 1 / 2, v2: 3 / 2, v3: (3 / 2) * dv3, L: 3 / 2 + (3 / 2) * dv3 };
    for (const [id, value] of Object.entries(tangents)) expect(node(id).tangent, id).toBeCloseTo(value, 14);
    const a2 = 1 + dv3; // v2 feeds L directly and through v3
    const adjoints = { L: 1, v3: 1, v2: a2, v1: 3 * a2, w2: Math.log(2) * a2, w1: (3 * a2) / 2 };
    for (const [id, value] of Object.entries(adjoints)) expect(node(id).adjoint, id).toBeCloseTo(value, 14);
    // with respect to w2 the tangents change, the adjoints do not
    const other = nodeOf(lecture("w2"));
    const tangents2 = { w1: 0, w2: 1, v1: 0, v2: Math.log(2), v3: Math.log(2) * dv3, L: Math.log(2) * (1 + dv3) };
    for (const [id, value] of Object.entries(tangents2)) expect(other(id).tangent, id).toBeCloseTo(value, 14);
    for (const [id, value] of Object.entries(adjoints)) expect(other(id).adjoint, id).toBeCloseTo(value, 14);
  });

  it("names constants c1, c2, ... with their values, and intermediates v1, v2, ... in order", () => {
    const t = ad.traceScalar((x) => ad.add(ad.mul(0.5, x), 2), { x: 4 });
    expect(t.nodes.map((n) => [n.id, n.kind, n.value, n.inputs.join(",")])).toEqual([
      ["x", "input", 4, ""],
      ["c1", "const", 0.5, ""],
      ["v1", "op", 2, "c1,x"],
      ["c2", "const", 2, ""],
      ["L", "op", 4, "v1,c2"],
    ]);
    expect(t.nodes.map((n) => [n.tangent, n.adjoint])).toEqual([
      [1, 0.5],
      [0, 4],
      [0.5, 1],
      [0, 1],
      [0.5, 1],
    ]);
  });

  it("renames the output everywhere it is used, also when a later step reads it", () => {
    const t = ad.traceScalar(
      (x) => {
        const a = ad.sin(x);
        ad.mul(a, 2); // computed after the output, not part of it
        return a;
      },
      { x: 1 },
      { output: "y" },
    );
    expect(t.nodes.map((n) => [n.id, n.inputs.join(",")])).toEqual([
      ["x", ""],
      ["y", "x"],
      ["c1", ""],
      ["v2", "y,c1"],
    ]);
    expect(t.output).toBe("y");
    const node = nodeOf(t);
    expect([node("y").adjoint, node("v2").adjoint, node("x").adjoint]).toEqual([1, 0, Math.cos(1)]);
    expect(node("v2").tangent).toBe(2 * Math.cos(1));
  });

  it("rejects tensors, bad inputs, bad options and outputs not computed from the inputs, with their messages", () => {
    expect(() => ad.traceScalar((x) => ad.mul(x, ad.tensor([1, 2])), { x: 1 })).toThrow(
      /^traceScalar: only scalar programs can be traced; mul produced shape \[2\]$/,
    );
    expect(() => ad.traceScalar(L, { w1: 2, w2: 3 }, { wrt: "w3" })).toThrow(
      /^traceScalar: wrt "w3" is not one of the inputs w1, w2$/,
    );
    expect(() => ad.traceScalar(L, undefined as never)).toThrow(
      /^traceScalar: give the named inputs, e.g. \{ w1: 2, w2: 3 \}$/,
    );
    expect(() => ad.traceScalar(L, [2, 3] as never)).toThrow(/^traceScalar: inputs must be an object/);
    expect(() => ad.traceScalar(L, {})).toThrow(/^traceScalar: give at least one named input, e.g. \{ w1: 2 \}$/);
    expect(() => ad.traceScalar(L, { w1: 2 }, { output: 3 as never })).toThrow(
      /^traceScalar: output must be a name \(a string\), got number$/,
    );
    expect(() => ad.traceScalar(L, { w1: "2" as never })).toThrow(
      /^traceScalar: input w1 must be a number, got string$/,
    );
    expect(() => ad.traceScalar(() => 3, { x: 1 })).toThrow(
      /^traceScalar: f must return a number computed from its inputs$/,
    );
    // nor a value traced by an outer transform (its tape index could name a node of this trace)
    const outer: string[] = [];
    const refuse = (w: Value) => {
      try {
        ad.traceScalar(() => w, { x: 1 });
      } catch (e) {
        outer.push((e as Error).message);
      }
      return w;
    };
    ad.grad(refuse)(2);
    ad.jvp(refuse, [2], [1]);
    expect(outer).toEqual(Array(2).fill("traceScalar: f must return a number computed from its inputs"));
  });

  it("a traced input kept after the trace says which transform it escaped", () => {
    let kept: Value = 0;
    ad.traceScalar(
      (x) => {
        kept = x;
        return ad.sin(x);
      },
      { x: 1 },
    );
    expect(() => ad.exp(kept)).toThrow(/^exp: this value was traced by a traceScalar that has already returned/);
  });
});

describe("traceScalar's names and outer transforms", () => {
  const L = (a: Value, b: Value) => ad.mul(ad.add(a, 1), b);

  it("refuses input names that are its own node names or the output's (they gave wrong derivatives)", () => {
    expect(() => ad.traceScalar(L, { c1: 2, w: 3 })).toThrow(
      /^traceScalar: input name "c1" clashes with the trace's own names for constants \(c1, \.\.\.\) and steps/,
    );
    expect(() => ad.traceScalar(L, { w: 2, v1: 3 })).toThrow(/input name "v1" clashes/);
    expect(() => ad.traceScalar(L, { w1: 2, w2: 3 }, { output: "w1" })).toThrow(
      /^traceScalar: input name "w1" clashes with the output's name; rename it/,
    );
    // names that only look alike are fine, and the derivatives are right: dL/da = b, dL/db = a + 1
    const t = ad.traceScalar(L, { c: 2, v10x: 3 }, { wrt: "c" });
    expect(t.nodes.find((n) => n.id === "c")!.adjoint).toBe(3);
    expect(t.nodes.find((n) => n.id === "v10x")!.adjoint).toBe(3);
    expect(t.nodes.find((n) => n.id === "L")!.tangent).toBe(3);
  });

  it("says so when f uses a value traced by an outer transform", () => {
    const messages: string[] = [];
    ad.grad((w: Value) => {
      try {
        ad.traceScalar((x) => ad.mul(x, w), { x: 1 });
      } catch (e) {
        messages.push((e as Error).message);
      }
      return w;
    })(2);
    expect(messages).toEqual([
      "traceScalar: mul uses a value traced by an outer transform (grad, jvp, ...); traceScalar draws programs of plain numbers: call it outside the transform",
    ]);
  });
});
