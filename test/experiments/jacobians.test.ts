import { beforeAll, describe, expect, it } from "vitest";
import { axJacobian } from "../../lib/experiments/jacobians";
import * as catalog from "../../lib/experiments/catalog";
import { crossover, logLogSlope } from "../../lib/measure/fit";
import type { SweepResult } from "../../lib/experiments/experiment";

describe("axJacobian", () => {
  let result: SweepResult;
  const points: number[][] = [];
  beforeAll(() => {
    result = axJacobian.run({ quick: true, onPoint: (k, x, y, done, total) => points.push([k, x, y, done, total]) });
  }, 120_000);

  it("is in the catalog, with a titled plot on decade log axes", () => {
    expect(catalog.axJacobian).toBe(axJacobian);
    for (const axis of [axJacobian.layout.xaxis, axJacobian.layout.yaxis]) {
      expect(axis?.title).toBeTruthy();
      expect(axis).toMatchObject({ type: "log", dtick: 1, exponentformat: "power" });
    }
  });

  it("measures four series over the same m, m = n among them, every time positive and finite", () => {
    expect(result.series.map((s) => s.name)).toEqual(axJacobian.seriesNames);
    expect(result.series).toHaveLength(4);
    for (const s of result.series) {
      expect(s.x).toEqual([10, 18, 32, 56, 100, 178, 316]);
      expect(s.y).toHaveLength(s.x.length);
      for (const y of s.y) expect(Number.isFinite(y) && y > 0).toBe(true);
    }
    expect(points).toHaveLength(4 * 7);
    expect(points.map((point) => point[3])).toEqual(points.map((_, i) => i + 1));
    expect(points.every((point) => point[4] === 28)).toBe(true);
    for (const [k, x, y] of points) expect(result.series[k].y[result.series[k].x.indexOf(x)]).toBe(y);
  });

  it("states only what its series show", () => {
    const [forwardLoop, reverseLoop, forwardBatched, reverseBatched] = result.series;
    const atN = forwardLoop.x.indexOf(100);
    const fromN = (y: number[]) => logLogSlope(forwardLoop.x.slice(atN), y.slice(atN));
    expect(result.findings).toEqual({
      inputs: 100,
      loopCrossover: crossover(forwardLoop.x, forwardLoop.y, reverseLoop.y),
      batchedCrossover: crossover(forwardLoop.x, forwardBatched.y, reverseBatched.y),
      mNearN: 100,
      loopRatioAtN: forwardLoop.y[atN] / reverseLoop.y[atN],
      forwardLoopSlope: fromN(forwardLoop.y),
      reverseLoopSlope: fromN(reverseLoop.y),
      forwardBatchedSlope: fromN(forwardBatched.y),
      reverseBatchedSlope: fromN(reverseBatched.y),
      largestFall: Math.max(0, ...result.series.flatMap((s) => s.y.slice(1).map((y, i) => (s.y[i] - y) / s.y[i]))),
    });
  });

  it("shows the reverse loop growing faster than the forward loop beyond m = n (m² n against m n²)", () => {
    expect(result.findings.reverseLoopSlope).toBeGreaterThan(result.findings.forwardLoopSlope as number);
  });

  it("refuses bad options, naming itself", () => {
    expect(() => axJacobian.run({ quick: "yes" as unknown as boolean })).toThrow(
      "axJacobian.run: quick must be true or false",
    );
  });
});
