import { describe, expect, it } from "vitest";
import { timeSweep } from "../../lib/experiments/timing";

/** Busy-waits for `ms` milliseconds. */
const spin = (ms: number) => {
  const end = performance.now() + ms;
  while (performance.now() < end);
};

describe("timeSweep", () => {
  it("returns one series of positive medians per call, in order, reporting every point", () => {
    const points: [number, number][] = [];
    const series = timeSweep(
      {
        sizes: [1, 2],
        names: ["fast", "slow"],
        callsAt: (size) => [() => size + 1, () => spin(6 * size)],
        timing: () => ({ samples: 3, minSampleMs: 1 }),
      },
      (s, x) => points.push([s, x]),
    );
    expect(series.map((s) => s.name)).toEqual(["fast", "slow"]);
    for (const s of series) {
      expect(s.x).toEqual([1, 2]);
      for (const ms of s.y) expect(ms).toBeGreaterThan(0);
    }
    expect(series[1].y[1]).toBeGreaterThan(series[1].y[0]);
    expect(points).toEqual([
      [0, 1],
      [1, 1],
      [0, 2],
      [1, 2],
    ]);
  });

  it("warms up the small sizes, then times cheap calls in three rounds and slow ones once", () => {
    const calls = { cheap: 0, slow: 0 };
    timeSweep({
      sizes: [1],
      names: ["cheap", "slow"],
      callsAt: () => [() => calls.cheap++, () => (calls.slow++, spin(6))],
      timing: () => ({ samples: 1, minSampleMs: 0, warmup: 1 }),
    });
    // slow: the warm-up pass (>= 1 call), then one timeit (1 warm-up call + 1 sample).
    expect(calls.slow).toBeGreaterThanOrEqual(3);
    expect(calls.slow).toBeLessThanOrEqual(12);
    // cheap: three rounds of one timeit each, on top of the warm-up.
    expect(calls.cheap).toBeGreaterThan(calls.slow);
  });
});
