import { describe, expect, it } from "vitest";
import { adjointSource, tangentSource } from "../../lib/display/program-source";
import { traceScalar } from "../../lib/core/trace-scalar";
import { add, mul } from "../../lib/ops/arith";
import { log, sin, sqrt } from "../../lib/ops/math";
import { grad, vjp } from "../../lib/transforms/vjp";
import { jvp } from "../../lib/transforms/jvp";
import { jitSource } from "../../lib/jit/jit";
import type { Value } from "../../lib/core/value";
import { lectureTrace } from "./lecture-trace";

/** The lecture's L; the product w2·log(w1) computed once, as in its graph. */
function L(w1: Value, w2: Value): Value {
  const product = mul(w2, log(w1));
  return add(product, sqrt(product));
}
const trace = traceScalar(L, { w1: 2, w2: 3 });

/** The source with every declared name replaced by its position (x0, x1, ...): what is left when names go. */
function skeleton(source: string): string {
  const declared = [
    ...(/^function \(([^)]*)\)/.exec(source)?.[1].split(", ") ?? []),
    ...Array.from(source.matchAll(/const (\S+) =/g), (m) => m[1]),
  ];
  const position = new Map(declared.map((name, i) => [name, `x${i}`]));
  return source.replace(/(?<![\p{L}\p{M}\d$.])[\p{L}][\p{L}\p{M}\d_]*/gu, (name) => position.get(name) ?? name);
}

/** The function a generated source defines. */
const run = (source: string) => new Function(`return ${source}`)() as (...xs: number[]) => number[];

describe("adjointSource", () => {
  const source = adjointSource(L, trace);

  it("prints L's pullback with the reverse table's names: forward values it reads, then adjoints", () => {
    expect(source).toBe(
      [
        "function (w1, w2, L̄) {",
        "  const v1 = Math.log(w1);",
        "  const v2 = (w2 * v1);",
        "  const v3 = Math.sqrt(v2);",
        "  const t1 = (0.5 / v3);",
        "  const t2 = (L̄ * t1);",
        "  const v̄2 = (L̄ + t2);",
        "  const w̄2 = (v̄2 * v1);",
        "  const v̄1 = (v̄2 * w2);",
        "  const t3 = (1 / w1);",
        "  const w̄1 = (v̄1 * t3);",
        "  return [w̄1, w̄2];",
        "}",
      ].join("\n"),
    );
  });

  it("is jit's code of the pullback, names aside", () => {
    const pullback = (w1: Value, w2: Value, g: Value) => vjp(L, w1, w2)[1](g);
    expect(skeleton(source)).toBe(skeleton(jitSource(pullback)(2, 3, 1)));
  });

  it("runs, and with L̄ = 1 gives grad's numbers", () => {
    expect(run(source)(2, 3, 1)).toEqual(grad(L, [0, 1])(2, 3));
  });

  it("marks an input of any name (x → x̄) and names each adjoint where its rule receives it", () => {
    const f = (x: Value) => sin(sin(x));
    expect(adjointSource(f, traceScalar(f, { x: 0.5 }))).toBe(
      [
        "function (x, L̄) {",
        "  const v1 = Math.sin(x);",
        "  const t1 = Math.cos(v1);",
        "  const v̄1 = (L̄ * t1);",
        "  const t2 = Math.cos(x);",
        "  const x̄ = (v̄1 * t2);",
        "  return [x̄];",
        "}",
      ].join("\n"),
    );
  });

  it("refuses a function that does not compute the trace's steps", () => {
    expect(() => adjointSource((w1: Value, w2: Value) => mul(w1, w2), trace)).toThrow(
      /step 1 is mul, the trace's is log/,
    );
    expect(() => adjointSource((w1: Value) => log(w1), trace)).toThrow(/does not compute the trace's steps/);
    expect(() => adjointSource(L, { nodes: [], output: "L" })).toThrow(/adjointSource/);
  });

  it("takes the names from the trace it is given", () => {
    expect(adjointSource(L, lectureTrace(2, 5))).toContain("function (w1, w2, L̄)");
  });
});

describe("tangentSource", () => {
  const source = tangentSource(L, trace);

  it("prints L's JVP with the forward table's names: each value, then its tangent", () => {
    expect(source).toBe(
      [
        "function (w1, w2, ẇ1, ẇ2) {",
        "  const v1 = Math.log(w1);",
        "  const t1 = (1 / w1);",
        "  const v̇1 = (t1 * ẇ1);",
        "  const v2 = (w2 * v1);",
        "  const t2 = (v1 * ẇ2);",
        "  const t3 = (w2 * v̇1);",
        "  const v̇2 = (t2 + t3);",
        "  const v3 = Math.sqrt(v2);",
        "  const t4 = (0.5 / v3);",
        "  const v̇3 = (t4 * v̇2);",
        "  const L = (v2 + v3);",
        "  const L̇ = (v̇2 + v̇3);",
        "  return [L, L̇];",
        "}",
      ].join("\n"),
    );
  });

  it("is jit's code of the JVP, names aside", () => {
    const pushforward = (w1: Value, w2: Value, dw1: Value, dw2: Value) => jvp(L, [w1, w2], [dw1, dw2]);
    expect(skeleton(source)).toBe(skeleton(jitSource(pushforward)(2, 3, 0, 0)));
  });

  it("runs, and along (1, 0) gives jvp's numbers", () => {
    expect(run(source)(2, 3, 1, 0)).toEqual(jvp(L, [2, 3], [1, 0]));
  });

  it("refuses a function that does not compute the trace's steps", () => {
    expect(() => tangentSource((w1: Value) => log(w1), trace)).toThrow(/does not compute the trace's steps/);
  });
});
