import { describe, expect, it } from "vitest";
import { timePullback } from "../../lib/measure/time-pullback";

describe("timePullback", () => {
  it("times only the pullbacks: each is recorded once and called once", () => {
    let recorded = 0;
    let called = 0;
    const t = timePullback(
      () => {
        recorded++;
        let used = false;
        return () => {
          if (used) throw new Error("a pullback runs once");
          used = true;
          called++;
        };
      },
      { samples: 5, minSampleMs: 0.5 },
    );
    expect(called).toBe(recorded);
    expect(t.samples).toBe(5);
    expect(t.min).toBeLessThanOrEqual(t.q1);
    expect(t.q1).toBeLessThanOrEqual(t.median);
    expect(t.median).toBeLessThanOrEqual(t.q3);
  });

  it("refuses what it cannot time", () => {
    expect(() => timePullback(3 as never)).toThrow("timePullback: record must be a function");
    expect(() => timePullback(() => () => 0, { samples: 0 })).toThrow("samples must be a whole number >= 1, got 0");
  });
});
