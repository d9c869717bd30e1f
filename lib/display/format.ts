/** Short, readable number formatting shared by tables, graph labels and figure summaries. */

/**
 * Formats a float with up to `digits` significant digits, trailing zeros dropped.
 * @example formatNumber(0.6931471805599453) // "0.6931"
 * @example formatNumber(1.5e-9) // "1.5e-9"
 */
export function formatNumber(x: number, digits = 4): string {
  if (Number.isNaN(x)) return "NaN";
  if (!Number.isFinite(x)) return x > 0 ? "Infinity" : "-Infinity";
  if (x === 0) return "0";
  const magnitude = Math.abs(x);
  // Plain notation reads best in the range people write by hand; outside it, use an exponent.
  if (magnitude >= 1e-3 && magnitude < 1e6) {
    return String(Number(x.toPrecision(digits)));
  }
  const [mantissa, exponent] = x.toExponential(digits - 1).split("e");
  return `${String(Number(mantissa))}e${Number(exponent)}`;
}

/**
 * The same number as LaTeX: exponents become `\times 10^{k}`.
 * @example latexNumber(2.5e-7) // "2.5 \\times 10^{-7}"
 */
export function latexNumber(x: number, digits = 4): string {
  const text = formatNumber(x, digits);
  if (text === "NaN") return "\\text{NaN}";
  if (text.endsWith("Infinity")) return text.startsWith("-") ? "-\\infty" : "\\infty";
  const [mantissa, exponent] = text.split("e");
  return exponent === undefined ? mantissa : `${mantissa} \\times 10^{${exponent}}`;
}

/**
 * Escapes text for HTML element content and attribute values.
 * @example escapeHtml('<a href="x">') // "&lt;a href=&quot;x&quot;&gt;"
 */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
