import { describe, it, expect } from "vitest";
import * as ad from "../../lib";
import type { Value } from "../../lib";

const L = (w1: Value, w2: Value) => {
  const v2 = ad.mul(w2, ad.log(w1));
  return ad.add(v2, ad.sqrt(v2));
};

describe("traceScalar", () => {
  const t = ad.traceScalar(L, { w1: 2, w2: 3 }, { wrt: "w2" });
  const node = (id: string) => t.nodes.find((n) => n.id === id)!;
  it("records the lecture's steps: v1 = log w1, v2 = w2 v1, v3 = sqrt v2, L = v2 + v3", () => {
    expect(t.nodes.map((n) => [n.id, n.op ?? n.kind, n.inputs.join(",")])).toEqual([
      ["w1", "input", ""], ["w2", "input", ""], ["v1", "log", "w1"], ["v2", "mul", "w2,v1"], ["v3", "sqrt", "v2"], ["L", "add", "v2,v3"],
    ]);
    expect(node("v1").value).toBe(Math.log(2));
    expect(node("v3").partials![0]).toBeCloseTo(1 / (2 * Math.sqrt(3 * Math.log(2))), 15);
  });
  it("its tangents are forward mode's and its adjoints reverse mode's", () => {
    expect(node("L").tangent).toBeCloseTo(ad.jvp(L, [2, 3], [0, 1])[1] as number, 14);
    const [g1, g2] = ad.grad(L, [0, 1])(2, 3) as number[];
    expect(node("w1").adjoint).toBeCloseTo(g1, 14);
    expect(node("w2").adjoint).toBeCloseTo(g2, 14);
  });
  it("names constants and rejects tensors and bad names", () => {
    const c = ad.traceScalar((x) => ad.mul(0.5, x), { x: 4 });
    expect(c.nodes.map((n) => n.kind)).toEqual(["input", "const", "op"]);
    expect(() => ad.traceScalar((x) => ad.mul(x, ad.tensor([1, 2])), { x: 1 })).toThrow(/only scalar programs/);
    expect(() => ad.traceScalar(L, { w1: 2, w2: 3 }, { wrt: "w3" })).toThrow(/wrt "w3"/);
  });
});
