import { describe, expect, it } from "vitest";
import { fdCost, fdError, readVCurve } from "../../lib/experiments/finite-differences";
import type { SweepResult } from "../../lib/experiments/experiment";
import { logLogSlope } from "../../lib/measure/fit";

function wellFormed(result: SweepResult, names: string[], length: number) {
  expect(result.series.map((s) => s.name)).toEqual(names);
  for (const s of result.series) {
    expect(s.x).toHaveLength(length);
    expect(s.y).toHaveLength(length);
    for (const v of [...s.x, ...s.y]) expect(Number.isFinite(v)).toBe(true);
  }
}

describe("fdError", () => {
  const result = fdError.run({ quick: true });
  const [forward, central] = result.series;

  it("sweeps h from 1e-16 to 1 for both quotients", () => {
    wellFormed(result, fdError.seriesNames, 33);
    expect(forward.x[0]).toBeCloseTo(1e-16, 30);
    expect(forward.x[32]).toBeCloseTo(1, 12);
  });

  it("states the best steps, errors and slopes of its own curves", () => {
    const [f, c] = [readVCurve(forward), readVCurve(central)];
    expect(result.findings).toEqual({
      forwardBestStep: f.bestStep,
      forwardBestError: f.bestError,
      forwardSlope: f.truncationSlope,
      centralBestStep: c.bestStep,
      centralBestError: c.bestError,
      centralSlope: c.truncationSlope,
    });
    expect(f.bestError).toBe(Math.min(...forward.y));
    expect(c.bestError).toBe(Math.min(...central.y));
  });

  it("shows the V: minima between 1e-10 and 1e-4, truncation slopes near 1 and 2", () => {
    const { findings } = result;
    for (const h of [findings.forwardBestStep!, findings.centralBestStep!]) {
      expect(h).toBeGreaterThan(1e-10);
      expect(h).toBeLessThan(1e-4);
    }
    expect(findings.centralBestStep!).toBeGreaterThan(findings.forwardBestStep!);
    expect(findings.centralBestError!).toBeLessThan(findings.forwardBestError!);
    expect(findings.forwardSlope!).toBeCloseTo(1, 1);
    expect(findings.centralSlope!).toBeCloseTo(2, 1);
  });

  it("fits the truncation side only: steps from 100 times the best up to 0.1", () => {
    const x = [1e-6, 1e-4, 1e-3, 1e-2, 1e-1, 1];
    const curve = { name: "t", x, y: [1, 1e-8, 1e-6, 1e-4, 1e-2, 5] };
    expect(readVCurve(curve).bestStep).toBe(1e-4);
    expect(readVCurve(curve).truncationSlope).toBeCloseTo(2, 12);
  });
});

describe("fdCost", () => {
  const result = fdCost.run({ quick: true });

  it("times four ways at four dimensions", () => {
    wellFormed(result, fdCost.seriesNames, 4);
    for (const s of result.series) {
      expect(s.x).toEqual([10, 30, 100, 300]);
      for (const ms of s.y) expect(ms).toBeGreaterThan(0);
    }
  });

  it("states the slopes and ratios of its own data", () => {
    const [forward, central, grad, evaluation] = result.series;
    expect(result.findings).toEqual({
      forwardSlope: logLogSlope(forward.x, forward.y),
      centralSlope: logLogSlope(central.x, central.y),
      gradSlope: logLogSlope(grad.x, grad.y),
      evaluationSlope: logLogSlope(evaluation.x, evaluation.y),
      gradOverEvaluation: grad.y[3] / evaluation.y[3],
      centralOverGrad: central.y[3] / grad.y[3],
    });
  });
});
