import { afterEach, describe, expect, it, vi } from "vitest";
import { livePlot } from "../../lib/display/live";
import { captureDisplays } from "./capture";

const sent = captureDisplays();
afterEach(() => vi.restoreAllMocks());

function plotlyData(index: number) {
  return (sent[index].message.data["application/vnd.plotly.v1+json"] as { data: { x: number[]; y: number[] }[] }).data;
}

describe("livePlot", () => {
  it("shows once, updates in place at the throttled rate, and flushes the final state on close", () => {
    let now = 0;
    const live = livePlot({ title: "loss" }, [{ name: "train" }], { intervalMs: 100, clock: () => now });
    for (let step = 0; step < 1000; step++) {
      now = step; // 1 ms per step: 1000 points over 1 s
      live.extend(0, step, 1 / (step + 1));
    }
    live.close();
    const fig = live.figure;
    const updates = sent.filter((s) => s.update);
    expect(sent[0].update).toBe(false);
    expect(updates.length).toBeGreaterThan(5);
    expect(updates.length).toBeLessThan(20);
    const ids = new Set(sent.map((s) => s.message.transient.display_id));
    expect(ids.size).toBe(1);
    expect(plotlyData(sent.length - 1)[0].x).toHaveLength(1000);
    expect(fig.data[0].y).toHaveLength(1000);
  });

  it("sends the growing plot without its plotly JSON (which jupyterlab-plotly would not redraw), the closed one with all forms", () => {
    let now = 0;
    const live = livePlot({}, [{ name: "x" }], { intervalMs: 10, clock: () => now });
    for (let step = 0; step < 100; step++) {
      now = step;
      live.extend(0, step, step);
    }
    const growing = sent.slice();
    live.close();
    expect(growing.length).toBeGreaterThan(5);
    for (const message of growing) {
      expect(Object.keys(message.message.data).sort()).toEqual(["text/html", "text/plain"]);
    }
    const final = sent[sent.length - 1];
    expect(final.update).toBe(true);
    expect(Object.keys(final.message.data).sort()).toEqual([
      "application/vnd.plotly.v1+json",
      "text/html",
      "text/plain",
    ]);
    expect(plotlyData(sent.length - 1)[0].x).toHaveLength(100);
  });

  it("adds traces and extends each by index", () => {
    const live = livePlot();
    const a = live.addTrace({ name: "a" });
    const b = live.addTrace({ name: "b" });
    live.extend(b, [1, 2], [3, 4]);
    live.extend(a, 1, 5);
    live.close();
    expect(plotlyData(sent.length - 1).map((t) => t.y)).toEqual([[5], [3, 4]]);
  });

  it("names the problem for a bad trace index, mismatched lengths, or use after close", () => {
    const live = livePlot({}, [{}]);
    expect(() => live.extend(3, 1, 1)).toThrow("no trace 3 (the plot has 1)");
    expect(() => live.extend(0, [1, 2], [1])).toThrow("trace 0: got 2 x values but 1 y values");
    live.close();
    expect(() => live.extend(0, 1, 1)).toThrow("livePlot.extend: the plot was closed");
  });

  it("warns once per trace about NaN points", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const live = livePlot({}, [{}]);
    live.extend(0, [0, 1], [1, NaN]);
    live.extend(0, 2, NaN);
    live.close();
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0][0]).toContain("trace 0 got a NaN or infinite y at point 1");
  });
});
