/**
 * LaTeX for a traced step: each primitive carries its own (its output, and its local partial with
 * respect to each argument, written beside its rules in lib/ops); this file reads it from the
 * registry and writes a fallback for primitives without one. Forward tables (Σ partial · ẋ) and
 * reverse tables (Σ v̄ · partial) are both built from these.
 */
import { primitives, type LatexRule } from "../core/primitive";
import { group } from "../ops/latex";
// The elementwise primitives register themselves (and their LaTeX) when their module loads.
import "../ops/arith";
import "../ops/math";

/**
 * The registered primitive's LaTeX; primitives without one, and unknown names, get
 * `\operatorname{op}(a, b)` and `∂out/∂a`.
 * @example ruleFor("log").formula(["w_{1}"]) // "\\log w_{1}"
 */
export function ruleFor(op: string): LatexRule {
  return primitives().get(op)?.latex ?? genericRule(op);
}

/**
 * Fallback for primitives without LaTeX of their own.
 * @example genericRule("erf").partial(["x"], 0, "v_{1}") // "\\frac{\\partial v_{1}}{\\partial x}"
 */
export function genericRule(op: string): LatexRule {
  const name = `\\operatorname{${op.replace(/_/g, "\\_")}}`;
  return {
    formula: (args) => `${name}(${args.join(", ")})`,
    partial: (args, k, out) => `\\frac{\\partial ${out}}{\\partial ${args[k]}}`,
  };
}

/**
 * `factor` times `term`, dropping a factor of 1 and turning -1 into a sign.
 * @example times("1", "\\dot w_{1}") // "\\dot w_{1}"
 */
export function times(factor: string, term: string): string {
  if (factor === "1") return term;
  const negated = factor.slice(1);
  // "-x" times t reads as "-x t" only when x is a single factor.
  if (factor.startsWith("-") && group(negated) === negated) return `-${times(negated, term)}`;
  return `${group(factor)} ${term}`;
}
