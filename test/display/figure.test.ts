import { afterEach, describe, expect, it, vi } from "vitest";
import { checkFigure, figure, figureSummary } from "../../lib/display/figure";
import * as ad from "../../lib";

afterEach(() => vi.restoreAllMocks());

describe("figure", () => {
  it("turns typed arrays into plain arrays so JSON keeps them as lists", () => {
    const fig = figure([{ x: new Float64Array([1, 2]), y: new Float64Array([3, 4]) }]);
    expect(JSON.parse(JSON.stringify(fig.data[0].x))).toEqual([1, 2]);
  });

  it('accepts vector Tensors and one-element Tensors as values (it said "trace 0 is empty")', () => {
    const fig = figure([{ x: ad.linspace(0, 1, 3), y: [ad.tensor([1]), 2, ad.scalar(3)] as unknown as number[] }]);
    expect(fig.data[0].x).toEqual([0, 0.5, 1]);
    expect(fig.data[0].y).toEqual([1, 2, 3]);
    expect(() => figure([{ y: ad.zeros([2, 2]) }])).toThrow(
      /figure: trace 0: y is a Tensor of shape \[2, 2\]; give one value per point/,
    );
  });

  it("passes string titles as { text } (plotly.js 3+ ignores plain strings)", () => {
    const fig = figure([{ y: [1] }], { title: "t", xaxis: { title: "h", type: "log" } });
    expect(fig.layout.title).toEqual({ text: "t" });
    expect(fig.layout.xaxis).toEqual({ title: { text: "h" }, type: "log" });
  });

  it("names the trace and both lengths when x and y differ", () => {
    expect(() => figure([{ y: [1] }, { name: "err", x: [1, 2, 3], y: [1, 2] }])).toThrow(
      'trace 1 ("err"): x has 3 points but y has 2',
    );
  });

  it("rejects an empty trace", () => {
    expect(() => figure([{ x: [], y: [] }])).toThrow("trace 0 is empty");
    expect(() => figure([{ name: "nothing" }])).toThrow('trace 0 ("nothing") has neither x nor y');
  });

  it("warns with the indices of NaN points, and keeps them as gaps", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const fig = figure([{ x: [1, 2, 3], y: [1, NaN, Infinity] }]);
    expect(warn).toHaveBeenCalledWith("trace 0: y is NaN or infinite at points 1, 2; plotly leaves gaps there");
    expect(fig.data[0].y).toHaveLength(3);
  });

  it("warns about values a log axis cannot show", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    checkFigure({ data: [{ x: [1, 2], y: [0, 1] }], layout: { yaxis: { type: "log" } } });
    expect(warn.mock.calls[0][0]).toContain("y is <= 0 at point 0");
  });
});

describe("figureSummary", () => {
  it("lists trace types, title and axes", () => {
    const fig = figure([{ y: [1] }, { type: "bar", y: [2] }], {
      title: "errors",
      xaxis: { title: "step h", type: "log" },
      yaxis: { type: "log" },
    });
    expect(figureSummary(fig)).toBe('Figure: 2 traces (scatter, bar) "errors"; x: "step h" (log); y: - (log)');
  });
});
