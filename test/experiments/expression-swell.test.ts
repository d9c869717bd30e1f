import { describe, expect, it } from "vitest";
import {
  expressionSwell,
  growthPerStep,
  increasePerStep,
  logisticExpr,
  logisticProgram,
} from "../../lib/experiments/expression-swell";
import * as sym from "../../lib/experiments/symbolic";
import * as ad from "../../lib";

/** An expression as an adlab program, so ad.grad can differentiate it. */
function program(e: sym.Expr): (x: ad.Value) => ad.Value {
  return (x) => {
    const run = (node: sym.Expr): ad.Value => {
      if (node.kind === "const") return node.value;
      if (node.kind === "x") return x;
      const [a, b] = [run(node.left), run(node.right)];
      return node.kind === "add" ? ad.add(a, b) : node.kind === "sub" ? ad.sub(a, b) : ad.mul(a, b);
    };
    return run(e);
  };
}

const { x, add, sub, mul } = sym;
const examples: [string, sym.Expr][] = [
  ["x", x],
  ["a constant", sym.constant(4)],
  ["3x² − 2x + 1", add(sub(mul(3, mul(x, x)), mul(2, x)), 1)],
  ["x (x − 1)(x + 2)", mul(mul(x, sub(x, 1)), add(x, 2))],
  ["(1 − x)⁴", mul(mul(sub(1, x), sub(1, x)), mul(sub(1, x), sub(1, x)))],
  ["4 steps of the logistic map", logisticExpr(4)],
];

describe("the symbolic differentiator", () => {
  it.each(examples)("differentiates %s as ad.grad does", (_, e) => {
    const dfdx = sym.derivative(e);
    for (const at of [-1.3, 0, 0.3, 2]) {
      const byAd = ad.grad(program(e))(at) as number;
      const scale = Math.max(1, Math.abs(byAd));
      expect(Math.abs(sym.evaluate(dfdx, at) - byAd) / scale).toBeLessThan(1e-12);
      const value = program(e)(at) as number;
      const tolerance = 1e-12 * Math.max(1, Math.abs(value));
      expect(Math.abs(sym.evaluate(e, at) - value)).toBeLessThan(tolerance);
    }
  });

  it("agrees with a central difference on the logistic map", () => {
    const e = logisticExpr(3);
    const h = 1e-5;
    const slope = (sym.evaluate(e, 0.3 + h) - sym.evaluate(e, 0.3 - h)) / (2 * h);
    expect(sym.evaluate(sym.derivative(e), 0.3)).toBeCloseTo(slope, 6);
  });

  it("folds only the trivial constants", () => {
    expect(mul(2, 3)).toEqual(sym.constant(6));
    expect(add(0, x)).toBe(x);
    expect(mul(x, 1)).toBe(x);
    expect(mul(0, x)).toEqual(sym.constant(0));
    expect(sym.derivative(mul(x, x))).toEqual(add(x, x));
    expect(sym.treeSize(sym.derivative(mul(x, x)))).toBe(3);
  });

  it("counts a shared subexpression once in a graph and every time in a tree", () => {
    const square = mul(x, x);
    const e = add(square, square);
    expect(sym.treeSize(e)).toBe(7);
    expect(sym.graphSize(e)).toBe(3); // add, mul and x
  });
});

describe("expressionSwell", () => {
  const result = expressionSwell.run({ quick: true });
  const [tree, symbolic, shared, ad] = result.series;

  it("measures four sizes for k = 1 … 6", () => {
    expect(result.series.map((s) => s.name)).toEqual(expressionSwell.seriesNames);
    for (const s of result.series) {
      expect(s.x).toEqual([1, 2, 3, 4, 5, 6]);
      for (const n of s.y) expect(Number.isInteger(n) && n > 0).toBe(true);
    }
  });

  it("states the growth its own data show", () => {
    expect(result.findings).toEqual({
      functionGrowth: growthPerStep(tree.x, tree.y),
      symbolicGrowth: growthPerStep(symbolic.x, symbolic.y),
      sharedPerStep: increasePerStep(shared.x, shared.y),
      adPerStep: increasePerStep(ad.x, ad.y),
      symbolicOverAd: symbolic.y[5] / ad.y[5],
    });
  });

  it("grows exponentially written out, linearly shared or by AD", () => {
    // f_k holds f_{k−1} twice: 5 nodes per step plus two copies, S_k = 2 S_{k−1} + 5.
    tree.y.slice(1).forEach((size, i) => expect(size).toBe(2 * tree.y[i] + 5));
    expect(result.findings.symbolicGrowth!).toBeGreaterThan(result.findings.functionGrowth!);
    expect(result.findings.functionGrowth!).toBeGreaterThan(1.9);
    // The shared derivative and AD add the same number of nodes at every step.
    for (const s of [shared, ad]) {
      const steps = s.y.slice(1).map((size, i) => size - s.y[i]);
      expect(new Set(steps).size).toBe(1);
    }
  });

  it("fits a growth factor per step", () => {
    expect(growthPerStep([1, 2, 3], [3, 9, 27])).toBeCloseTo(3, 12);
    expect(increasePerStep([1, 2, 5], [4, 9, 16])).toBe(3);
  });

  it("traces the program the expression describes", () => {
    expect(logisticProgram(3)(0.3)).toBeCloseTo(sym.evaluate(logisticExpr(3), 0.3), 14);
  });
});
