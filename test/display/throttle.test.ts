import { afterEach, describe, expect, it, vi } from "vitest";
import { Throttle } from "../../lib/display/throttle";

afterEach(() => vi.useRealTimers());

describe("Throttle", () => {
  it("flushes at most once per interval during a synchronous loop", () => {
    let now = 0;
    const flush = vi.fn();
    const throttle = new Throttle(flush, 250, () => now);
    for (now = 0; now < 1000; now += 10) throttle.request();
    throttle.cancel();
    expect(flush).toHaveBeenCalledTimes(4); // at 0, 250, 500, 750
  });

  it("flushNow always flushes and cancels the trailing flush", () => {
    vi.useFakeTimers();
    let now = 0;
    const flush = vi.fn();
    const throttle = new Throttle(flush, 250, () => now);
    throttle.request();
    now = 10;
    throttle.request(); // schedules a trailing flush
    throttle.flushNow();
    vi.advanceTimersByTime(1000);
    expect(flush).toHaveBeenCalledTimes(2);
  });

  it("shows the last state after a pause via the trailing timer", () => {
    vi.useFakeTimers();
    let now = 0;
    const flush = vi.fn();
    const throttle = new Throttle(flush, 250, () => now);
    throttle.request();
    now = 50;
    throttle.request();
    expect(flush).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(250);
    expect(flush).toHaveBeenCalledTimes(2);
  });
});
