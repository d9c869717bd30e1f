import { describe, expect, it } from "vitest";
import { escapeHtml, formatNumber, latexNumber } from "../../lib/display/format";

describe("formatNumber", () => {
  it("keeps 4 significant digits and drops trailing zeros", () => {
    expect(formatNumber(Math.LN2)).toBe("0.6931");
    expect(formatNumber(2.5)).toBe("2.5");
    expect(formatNumber(-1234.5678)).toBe("-1235");
  });
  it("uses an exponent for very small and very large numbers", () => {
    expect(formatNumber(1.5e-9)).toBe("1.5e-9");
    expect(formatNumber(3e8)).toBe("3e8");
  });
  it("names non-finite values", () => {
    expect(formatNumber(NaN)).toBe("NaN");
    expect(formatNumber(-Infinity)).toBe("-Infinity");
  });
});

describe("latexNumber", () => {
  it("writes exponents as powers of ten", () => {
    expect(latexNumber(2.5e-7)).toBe("2.5 \\times 10^{-7}");
    expect(latexNumber(0.5)).toBe("0.5");
    expect(latexNumber(Infinity)).toBe("\\infty");
  });
});

describe("escapeHtml", () => {
  it("escapes markup characters", () => {
    expect(escapeHtml('<a href="x">&')).toBe("&lt;a href=&quot;x&quot;&gt;&amp;");
  });
});
