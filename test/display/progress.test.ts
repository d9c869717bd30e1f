import { describe, expect, it } from "vitest";
import { progress } from "../../lib/display/progress";
import { captureDisplays } from "./capture";

const sent = captureDisplays();

describe("progress", () => {
  it("shows count, rate and time left, in place and throttled", () => {
    let now = 0;
    const bar = progress(100, "sweep", { clock: () => now });
    for (let i = 0; i < 40; i++) {
      now += 25; // 40 it/s
      bar.tick();
    }
    expect(bar.text()).toBe("sweep: 40/100 (40%), 40 it/s, 1.5 s left");
    expect(sent.length).toBeLessThan(8);
    expect(new Set(sent.map((s) => s.message.transient.display_id)).size).toBe(1);
  });

  it("ends with a final line showing the total time", () => {
    let now = 0;
    const bar = progress(3, "fit", { clock: () => now });
    bar.tick(3);
    now = 2500;
    bar.done();
    const last = sent[sent.length - 1];
    expect(last.update).toBe(true);
    expect(last.message.data["text/plain"]).toBe("fit: 3/3 (100%), done in 2.5 s");
    expect(last.message.data["text/html"]).toContain('<progress value="3" max="3"');
  });

  it("rejects a bad total and ticks after done", () => {
    expect(() => progress(0, "x")).toThrow("total must be a positive integer, got 0");
    const bar = progress(2, "y");
    bar.done();
    expect(() => bar.tick()).toThrow('progress "y": tick() after done()');
  });
});
