/**
 * Builders for the LaTeX an elementwise primitive carries beside its rules (its output written from
 * its arguments' LaTeX, and one local partial per argument). The step tables in lib/display read
 * them from the registry: forward rows as Σ partial · ẋ, reverse rows as Σ v̄ · partial.
 */
import type { LatexRule } from "../core/primitive";

/**
 * A one-argument rule: the output and ∂out/∂x, from the argument's LaTeX.
 * @example unary((x) => `\\sin ${group(x)}`, (x) => `\\cos ${group(x)}`).partial(["t"], 0, "v") // "\\cos t"
 */
export function unary(formula: (x: string) => string, partial: (x: string) => string): LatexRule {
  return { formula: ([x]) => formula(x), partial: ([x]) => partial(x) };
}

/**
 * A two-argument rule: the output, then [∂out/∂x, ∂out/∂y], in the order of the primitive's partials.
 * @example binary((x, y) => `${x} + ${y}`, [() => "1", () => "1"]).formula(["a", "b"]) // "a + b"
 */
export function binary(
  formula: (x: string, y: string) => string,
  partials: readonly [(x: string, y: string) => string, (x: string, y: string) => string],
): LatexRule {
  return { formula: ([x, y]) => formula(x, y), partial: ([x, y], k) => partials[k](x, y) };
}

/**
 * Wraps LaTeX in parentheses when it would not read as one factor (a top-level sum, or a leading minus).
 * @example group("1 - \\tanh^2 x") // "(1 - \\tanh^2 x)"
 */
export function group(latex: string): string {
  let depth = 0;
  for (let i = 0; i < latex.length; i++) {
    const c = latex[i];
    if (c === "{" || c === "(") depth++;
    else if (c === "}" || c === ")") depth--;
    else if (depth === 0 && (c === "+" || c === "-")) return `(${latex})`;
  }
  return latex;
}
