import { describe, expect, it } from "vitest";
import { genericRule, ruleFor, times } from "../../lib/display/latex-rules";
import { group } from "../../lib/ops/latex";
import { primitives } from "../../lib/core/primitive";
import type { Elementwise } from "../../lib/ops/elementwise";

describe("ruleFor", () => {
  it("writes formulas and partials for common primitives", () => {
    expect(ruleFor("div").formula(["a", "b"])).toBe("\\frac{a}{b}");
    expect(ruleFor("div").partial(["a", "b"], 1, "v")).toBe("-\\frac{a}{b^2}");
    expect(ruleFor("pow").partial(["x", "3"], 0, "v")).toBe("3 x^{3 - 1}");
    expect(ruleFor("tanh").partial(["x"], 0, "v")).toBe("1 - \\tanh^2 x");
    expect(ruleFor("cos").partial(["x"], 0, "v")).toBe("-\\sin x");
    expect(ruleFor("maximum").partial(["a", "b"], 1, "v")).toBe("[a < b]");
    expect(ruleFor("expm1").formula(["x"])).toBe("e^{x} - 1");
  });

  it("reads each primitive's LaTeX from the registry", () => {
    expect(ruleFor("log")).toBe(primitives().get("log")!.latex);
    expect(ruleFor("mul").formula(["x", "y + 1"])).toBe("x (y + 1)");
  });

  it("gives every differentiable elementwise primitive LaTeX with one partial per argument", () => {
    const elementwise = [...primitives().values()].filter((p) => p.elementwise) as Elementwise[];
    const differentiable = elementwise.filter((p) => p.partials !== null);
    expect(differentiable.map((p) => p.name)).toEqual(expect.arrayContaining(["add", "pow", "log", "tanh"]));
    for (const prim of differentiable) {
      const rule = prim.latex;
      expect(rule, `${prim.name} has no latex rule`).toBeDefined();
      const args = ["a", "b"].slice(0, prim.arity);
      expect(prim.partials!.length, prim.name).toBe(prim.arity);
      expect(rule!.formula(args), prim.name).not.toMatch(/^$|undefined/);
      for (let k = 0; k < prim.arity; k++) {
        expect(rule!.partial(args, k, "v"), `${prim.name} ∂/∂${args[k]}`).not.toMatch(/^$|undefined/);
      }
    }
  });

  it("falls back to operator names and symbolic partials for unknown primitives", () => {
    expect(ruleFor("erf_inv").formula(["x", "y"])).toBe("\\operatorname{erf\\_inv}(x, y)");
    expect(genericRule("erf").partial(["x", "y"], 1, "v_{1}")).toBe("\\frac{\\partial v_{1}}{\\partial y}");
    expect(ruleFor("toString").formula(["x"])).toBe("\\operatorname{toString}(x)");
  });
});

describe("group and times", () => {
  it("parenthesizes sums and leading minus, not single factors", () => {
    expect(group("a + b")).toBe("(a + b)");
    expect(group("-x")).toBe("(-x)");
    expect(group("\\frac{a - b}{c}")).toBe("\\frac{a - b}{c}");
  });

  it("drops unit factors and pulls a minus sign out front", () => {
    expect(times("1", "\\dot x")).toBe("\\dot x");
    expect(times("-1", "\\dot x")).toBe("-\\dot x");
    expect(times("-\\sin x", "\\dot x")).toBe("-\\sin x \\dot x");
    expect(times("1 - \\tanh^2 x", "\\dot x")).toBe("(1 - \\tanh^2 x) \\dot x");
  });
});
