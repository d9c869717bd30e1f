import { describe, expect, it } from "vitest";
import { lineFigure, linePlot, plot } from "../../lib/display/plot";
import { captureDisplays } from "./capture";

const sent = captureDisplays();

describe("plot", () => {
  it("sends exactly one display message with the whole bundle", () => {
    plot([{ x: [1, 2], y: [1, 4] }]);
    expect(sent).toHaveLength(1);
    expect(Object.keys(sent[0].message.data)).toContain("application/vnd.plotly.v1+json");
    expect(sent[0].update).toBe(false);
  });

  it("sends nothing when the input is bad", () => {
    expect(() => plot([{ x: [1, 2], y: [1] }])).toThrow("x has 2 points but y has 1");
    expect(sent).toHaveLength(0);
  });
});

describe("lineFigure / linePlot", () => {
  it("makes log axes and one trace per line", () => {
    const h = [1e-1, 1e-2, 1e-3];
    const fig = lineFigure(
      [
        { name: "forward", x: h, y: h },
        { name: "central", x: h, y: h.map((v) => v * v) },
      ],
      { logX: true, logY: true, xTitle: "h" },
    );
    expect(fig.data.map((t) => t.name)).toEqual(["forward", "central"]);
    expect(fig.layout.xaxis).toMatchObject({ type: "log", title: { text: "h" } });
    expect(fig.layout.yaxis?.type).toBe("log");
  });

  it("draws markers only for short lines unless asked", () => {
    const long = Array.from({ length: 51 }, (_, i) => i);
    expect(lineFigure([{ x: long, y: long }]).data[0].mode).toBe("lines");
    expect(lineFigure([{ x: [1], y: [1] }]).data[0].mode).toBe("lines+markers");
    expect(lineFigure([{ x: long, y: long }], { markers: true }).data[0].mode).toBe("lines+markers");
  });

  it("linePlot displays the figure and returns nothing (tslab would print it)", () => {
    expect(linePlot([{ x: [1, 2], y: [2, 1] }])).toBeUndefined();
    expect(sent[0].message.data["text/plain"]).toContain("1 trace");
  });
});
