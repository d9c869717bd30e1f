import { describe, expect, it } from "vitest";
import { solveCost, solveFindings } from "../../lib/experiments/solve-cost";
import { logLogSlope } from "../../lib/measure/fit";

describe("solveCost", () => {
  const points: number[][] = [];
  const { series, findings } = solveCost.run({ quick: true, onPoint: (k, x, y) => points.push([k, x, y]) });

  it("measures the three curves at the same sizes, every time positive and finite", () => {
    expect(series.map((s) => s.name)).toEqual(solveCost.seriesNames);
    for (const s of series) {
      expect(s.x).toEqual([25, 50, 100, 200]);
      expect(s.y).toHaveLength(4);
      for (const t of s.y) expect(t > 0 && Number.isFinite(t)).toBe(true);
    }
    expect(points).toHaveLength(12);
  });

  it("states findings that are the data's: ratios at each size and fitted slopes", () => {
    const [forward, reusing, again] = series;
    forward.x.forEach((n, i) => {
      expect(findings[`ratio n=${n}`]).toBe(reusing.y[i] / forward.y[i]);
      expect(findings[`ratio again n=${n}`]).toBe(again.y[i] / forward.y[i]);
    });
    const ratios = reusing.y.map((t, i) => t / forward.y[i]);
    expect(findings["ratio slope"]).toBe(logLogSlope(forward.x, ratios));
    expect(findings["forward slope"]).toBe(logLogSlope(forward.x, forward.y));
    expect(findings["reusing slope"]).toBe(logLogSlope(reusing.x, reusing.y));
    expect(findings["again slope"]).toBe(logLogSlope(again.x, again.y));
    expect(solveFindings(series)).toEqual(findings);
  });

  it("has titled axes labelled by decades", () => {
    for (const axis of [solveCost.layout.xaxis, solveCost.layout.yaxis]) {
      expect(axis?.title).toBeTruthy();
      expect(axis).toMatchObject({ type: "log", dtick: 1, exponentformat: "power" });
    }
  });
});
