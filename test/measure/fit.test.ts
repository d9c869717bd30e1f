import { describe, expect, it } from "vitest";
import { crossover, logLogSlope } from "../../lib/measure/fit";

describe("logLogSlope", () => {
  it("recovers the exponent of a power law, whatever its constant", () => {
    const x = [10, 30, 100, 300, 1000];
    expect(
      logLogSlope(
        x,
        x.map((v) => 3 * v ** 2),
      ),
    ).toBeCloseTo(2, 12);
    expect(
      logLogSlope(
        x,
        x.map((v) => 0.01 * v),
      ),
    ).toBeCloseTo(1, 12);
    expect(
      logLogSlope(
        x,
        x.map(() => 5),
      ),
    ).toBeCloseTo(0, 12);
  });

  it("is the least-squares fit, not the slope of the end points", () => {
    // log y = 0, 1, 0 against log x = 0, 1, 2 (natural logs): the fitted slope is 0.
    expect(logLogSlope([1, Math.E, Math.E ** 2], [1, Math.E, 1])).toBeCloseTo(0, 12);
  });

  it("refuses what has no log-log slope, saying why", () => {
    expect(() => logLogSlope([1, 2], [1, 0])).toThrow(
      "logLogSlope: point 1 is (2, 0); logarithms need positive values",
    );
    expect(() => logLogSlope([1], [1])).toThrow("at least 2 points");
    expect(() => logLogSlope([2, 2], [1, 3])).toThrow("all x are equal");
    expect(() => logLogSlope([1, 2, 3], [1, 2])).toThrow("x has 3, y has 2 values");
  });
});

describe("crossover", () => {
  const x = [10, 20, 40, 80, 160];
  it("is the first x from which the first curve stays below the second", () => {
    expect(crossover(x, [5, 4, 3, 2, 1], [1, 2, 3.5, 4, 5])).toBe(40);
    expect(crossover(x, [0, 0, 0, 0, 0], [1, 1, 1, 1, 1])).toBe(10);
  });

  it("takes the last crossing when the curves cross back and forth, and null when they end the other way", () => {
    expect(crossover(x, [1, 3, 1, 3, 1], [2, 2, 2, 2, 2])).toBe(160);
    expect(crossover(x, [1, 1, 1, 1, 3], [2, 2, 2, 2, 2])).toBeNull();
    // Equal is not below.
    expect(crossover(x, [2, 2, 2, 2, 2], [2, 2, 2, 2, 2])).toBeNull();
  });
});
