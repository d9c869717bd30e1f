/**
 * Showing figures in a notebook cell: one display message per figure (see bundle.ts), and
 * shortcuts for the plots the notebooks draw most (lines, log-log error curves).
 */
import {
  type AxisValues,
  type Figure,
  type PlotLayout,
  type PlotTrace,
  checkFigureShape,
  checkHeight,
  makeFigure,
  plainValues,
} from "./figure";
import { checkArray, checkBoolean, checkOptions } from "../core/args";
import type { Tensor } from "../tensor/tensor";
import { figureBundle } from "./bundle";
import { showBundle } from "./sink";
import { type ImageOptions, checkImageArguments, renderFigureImage } from "./static-image";

export interface ShowOptions {
  /** Plot height in pixels (default 420). */
  height?: number;
}

/**
 * Displays a figure in the current cell.
 * @example showFigure(figure([{ x: [1, 2, 3], y: [1, 4, 9] }], { title: "squares" }));
 */
export function showFigure(fig: Figure, options: ShowOptions = {}): void {
  checkFigureShape(fig, "showFigure");
  checkHeight(options, "showFigure");
  showBundle(figureBundle(fig, options));
}

/**
 * Displays a figure with a static PNG/SVG copy in the same output, drawn in headless Chromium,
 * so the saved notebook shows it where scripts do not run. Needs `await`.
 * @example await showFigureWithImage(fig, { format: "png" });
 */
export async function showFigureWithImage(fig: Figure, options: ShowOptions & ImageOptions = {}): Promise<void> {
  checkImageArguments(fig, options, "showFigureWithImage");
  const image = await renderFigureImage(fig, { ...options, height: options?.height ?? 420 });
  showBundle(figureBundle(fig, { height: options.height, image }));
}

/**
 * Checks and displays plotly traces. Returns nothing, so a cell ending with plot(...) prints no
 * object dump (tslab prints a cell's last value); use figure() + showFigure() to keep the figure.
 * @example plot([{ x: [0, 1, 2], y: [0, 1, 4], name: "x^2" }], { xaxis: { title: "x" } });
 */
export function plot(data: PlotTrace<AxisValues | Tensor>[], layout: PlotLayout = {}, options: ShowOptions = {}): void {
  const fig = makeFigure(data, layout, "plot");
  checkHeight(options, "plot");
  showFigure(fig, options);
}

/** One named curve for {@link lineFigure}. */
export interface Line {
  name?: string;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
}

export interface LineOptions {
  title?: string;
  xTitle?: string;
  yTitle?: string;
  logX?: boolean;
  logY?: boolean;
  /** Draw point markers too (default: only when a line has at most 50 points). */
  markers?: boolean;
}

/**
 * A figure of several lines; `logX`/`logY` give log axes (finite-difference error vs step is log-log).
 * @example showFigure(lineFigure([{ name: "error", x: steps, y: errors }], { logX: true, logY: true }));
 */
export function lineFigure(lines: Line[], options: LineOptions = {}): Figure {
  return linesFigure(lines, options, "lineFigure");
}

function linesFigure(lines: Line[], options: LineOptions | undefined, op: string): Figure {
  checkArray(lines, op, "lines");
  checkOptions(options, op);
  const o = options ?? {};
  for (const key of ["logX", "logY", "markers"] as const) if (o[key] !== undefined) checkBoolean(o[key], op, key);
  const data = lines.map((line, i) => {
    checkOptions(line ?? null, op, `line ${i}`);
    const x = plainValues(line.x, `${op}: line ${i}: x`);
    return {
      type: "scatter",
      mode: (o.markers ?? x.length <= 50) ? "lines+markers" : "lines",
      name: line.name,
      x,
      y: line.y,
    };
  });
  return makeFigure(
    data,
    {
      title: o.title,
      xaxis: { title: o.xTitle, type: o.logX ? "log" : "linear", exponentformat: "power" },
      yaxis: { title: o.yTitle, type: o.logY ? "log" : "linear", exponentformat: "power" },
    },
    op,
  );
}

/**
 * Displays several lines at once; see {@link lineFigure}.
 * @example linePlot([{ name: "forward", x: h, y: errF }, { name: "central", x: h, y: errC }], { logX: true, logY: true
 *    });
 */
export function linePlot(lines: Line[], options: LineOptions = {}): void {
  showFigure(linesFigure(lines, options, "linePlot"));
}
