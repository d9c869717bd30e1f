import { describe, expect, it } from "vitest";
import { timeit } from "../../lib/measure/timeit";

/** Spins for `ms` milliseconds of wall-clock time. */
function spin(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end);
}

describe("timeit", () => {
  it("reports milliseconds per call with its spread, median between the quartiles", () => {
    const t = timeit(() => spin(1), { samples: 5 });
    expect(t.samples).toBe(5);
    // Each call spins at least 1 ms; every statistic is per call.
    expect(t.min).toBeGreaterThanOrEqual(1);
    expect(t.q1).toBeLessThanOrEqual(t.median);
    expect(t.median).toBeLessThanOrEqual(t.q3);
    expect(t.min).toBeLessThanOrEqual(t.q1);
  });

  it("batches fast calls so each sample lasts at least minSampleMs, and warms up first", () => {
    let calls = 0;
    const t = timeit(() => calls++, { samples: 4, minSampleMs: 1, warmup: 3 });
    expect(t.callsPerSample).toBeGreaterThan(1);
    // 1 first call, 2 more warm-up calls, then the samples.
    expect(calls).toBe(3 + 4 * t.callsPerSample);
    expect(t.median).toBeLessThan(1);
  });

  it("refuses options it cannot honour, naming them", () => {
    expect(() => timeit(() => 0, { samples: 0 })).toThrow(/^timeit: samples must be a whole number >= 1, got .*0/);
    expect(() => timeit(() => 0, { warmup: 0 })).toThrow("timeit: warmup must be a whole number >= 1");
    expect(() => timeit(() => 0, { minSampleMs: NaN })).toThrow("timeit: minSampleMs must be a number >= 0");
    expect(() => timeit(1 as unknown as () => 0)).toThrow("timeit: fn must be a function");
  });
});
