import { describe, expect, it } from "vitest";
import { forwardCost, gradientByJvps } from "../../lib/experiments/forward-mode";
import { logLogSlope } from "../../lib/measure/fit";
import * as ad from "../../lib";

describe("forwardCost", () => {
  const result = forwardCost.run({ quick: true });

  it("times three ways at four dimensions", () => {
    expect(result.series.map((s) => s.name)).toEqual(forwardCost.seriesNames);
    for (const s of result.series) {
      expect(s.x).toEqual([10, 30, 100, 300]);
      for (const ms of s.y) expect(Number.isFinite(ms) && ms > 0).toBe(true);
    }
  });

  it("states the slopes and ratios of its own data", () => {
    const [all, one, reverse] = result.series;
    expect(result.findings).toEqual({
      allJvpsSlope: logLogSlope(all.x, all.y),
      oneJvpSlope: logLogSlope(one.x, one.y),
      gradSlope: logLogSlope(reverse.x, reverse.y),
      allJvpsOverOneJvp: all.y[3] / one.y[3],
      allJvpsOverGrad: all.y[3] / reverse.y[3],
    });
  });

  it("times a gradient that is the softmax", () => {
    const w = ad.randn([7], 3);
    const gap = ad.max(ad.abs(ad.sub(gradientByJvps(w), ad.softmax(w)))) as number;
    expect(gap).toBeLessThan(1e-14);
  });
});
