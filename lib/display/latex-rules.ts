/**
 * LaTeX for each primitive: how its output is written from its arguments, and its local partial
 * with respect to each argument. Forward tables (Σ partial · ẋ) and reverse tables (Σ v̄ · partial)
 * are both built from these, so a new primitive needs one entry here.
 */

/** LaTeX of one primitive, given its arguments' LaTeX (a, b) and its own name (out). */
export interface LatexRule {
  formula(args: string[]): string;
  /** ∂out/∂args[k] as LaTeX; "1" and "-1" are simplified away where they multiply. */
  partial(args: string[], k: number, out: string): string;
}

const unary = (formula: (a: string) => string, partial: (a: string) => string): LatexRule => ({
  formula: ([a]) => formula(a),
  partial: ([a]) => partial(a),
});

/** Templates by primitive name; unknown primitives fall back to {@link genericRule}. */
export const LATEX_RULES: Record<string, LatexRule> = {
  // d(a + b) = da + db
  add: { formula: ([a, b]) => `${a} + ${b}`, partial: () => "1" },
  // d(a - b) = da - db
  sub: { formula: ([a, b]) => `${a} - ${group(b)}`, partial: (_args, k) => (k === 0 ? "1" : "-1") },
  // d(a b) = b da + a db
  mul: { formula: ([a, b]) => `${group(a)} ${group(b)}`, partial: ([a, b], k) => (k === 0 ? b : a) },
  // d(a / b) = da / b - a db / b^2
  div: {
    formula: ([a, b]) => `\\frac{${a}}{${b}}`,
    partial: ([a, b], k) => (k === 0 ? `\\frac{1}{${b}}` : `-\\frac{${a}}{${b}^2}`),
  },
  // d(a^b) = b a^(b-1) da + a^b log(a) db
  pow: {
    formula: ([a, b]) => `${group(a)}^{${b}}`,
    partial: ([a, b], k) => (k === 0 ? `${group(b)} ${group(a)}^{${b} - 1}` : `${group(a)}^{${b}} \\log ${group(a)}`),
  },
  // d(-a) = -da
  neg: unary((a) => `-${group(a)}`, () => "-1"),
  // d(log a) = da / a
  log: unary((a) => `\\log ${group(a)}`, (a) => `\\frac{1}{${a}}`),
  // d(exp a) = exp(a) da
  exp: unary((a) => `e^{${a}}`, (a) => `e^{${a}}`),
  // d(sin a) = cos(a) da
  sin: unary((a) => `\\sin ${group(a)}`, (a) => `\\cos ${group(a)}`),
  // d(cos a) = -sin(a) da
  cos: unary((a) => `\\cos ${group(a)}`, (a) => `-\\sin ${group(a)}`),
  // d(tanh a) = (1 - tanh^2 a) da
  tanh: unary((a) => `\\tanh ${group(a)}`, (a) => `1 - \\tanh^2 ${group(a)}`),
  // d(sqrt a) = da / (2 sqrt a)
  sqrt: unary((a) => `\\sqrt{${a}}`, (a) => `\\frac{1}{2\\sqrt{${a}}}`),
  // d|a| = sign(a) da
  abs: unary((a) => `\\lvert ${a} \\rvert`, (a) => `\\operatorname{sign} ${group(a)}`),
  // d(log(1 + a)) = da / (1 + a)
  log1p: unary((a) => `\\log(1 + ${a})`, (a) => `\\frac{1}{1 + ${a}}`),
  // d(exp(a) - 1) = exp(a) da
  expm1: unary((a) => `e^{${a}} - 1`, (a) => `e^{${a}}`),
  // d max(a, b) = [a > b] da + [a < b] db (the core splits ties half and half)
  maximum: {
    formula: ([a, b]) => `\\max(${a}, ${b})`,
    partial: ([a, b], k) => (k === 0 ? `[${a} > ${b}]` : `[${a} < ${b}]`),
  },
  // d min(a, b) = [a < b] da + [a > b] db
  minimum: {
    formula: ([a, b]) => `\\min(${a}, ${b})`,
    partial: ([a, b], k) => (k === 0 ? `[${a} < ${b}]` : `[${a} > ${b}]`),
  },
};

/**
 * The rule for a primitive; unknown names get `\operatorname{op}(a, b)` and `∂out/∂a`.
 * @example ruleFor("log").formula(["w_{1}"]) // "\\log w_{1}"
 */
export function ruleFor(op: string): LatexRule {
  return Object.prototype.hasOwnProperty.call(LATEX_RULES, op) ? LATEX_RULES[op] : genericRule(op);
}

/**
 * Fallback for primitives without a template.
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
