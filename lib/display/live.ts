/**
 * Live plots: a figure shown once and redrawn in place (update_display_data) while a loop adds
 * points, at most every `intervalMs`, with a final redraw on close() so the saved notebook keeps
 * the finished figure.
 *
 * While the plot grows, its updates carry the HTML and text forms only. JupyterLab's plotly
 * renderer (jupyterlab-plotly) draws a plotly JSON output once and ignores every later update of
 * it, so a growing plot sent as plotly JSON would stay at its first, empty state. The HTML form is
 * redrawn on each update; the finished figure, sent on close(), carries all three forms, and
 * JupyterLab draws that new output type afresh.
 */
import { type Figure, type PlotLayout, type PlotTrace, checkHeight, makeFigure, plainValues } from "./figure";
import { checkArray, checkOptions, describe } from "../core/args";
import { figureBundle } from "./bundle";
import { type MimeBundle, newDisplayId, showBundle, updateBundle } from "./sink";
import { type Clock, Throttle } from "./throttle";

export interface LiveOptions {
  /** Minimum time between redraws in milliseconds (default 250). */
  intervalMs?: number;
  /** Plot height in pixels (default 420). */
  height?: number;
  clock?: Clock;
}

/** A figure that grows in place; see {@link livePlot}. */
export class LivePlot {
  private readonly fig: Figure;
  private readonly displayId = newDisplayId();
  private readonly throttle: Throttle;
  private closed = false;
  private readonly warnedTraces = new Set<number>();

  private readonly options: LiveOptions;

  constructor(layout: PlotLayout = {}, traces: PlotTrace[] = [], options: LiveOptions = {}) {
    this.fig = { data: [], layout: makeFigure([], layout, "livePlot").layout };
    checkHeight(options, "livePlot");
    this.options = options ?? {};
    const { intervalMs = 250 } = this.options;
    if (!(typeof intervalMs === "number" && intervalMs >= 0))
      throw new RangeError(`livePlot: intervalMs must be a number >= 0, got ${describe(intervalMs)}`);
    for (const trace of checkArray<PlotTrace>(traces, "livePlot", "traces")) this.addTrace(trace);
    this.throttle = new Throttle(
      () => updateBundle(this.growingBundle(), this.displayId),
      intervalMs,
      this.options.clock,
    );
    showBundle(this.growingBundle(), this.displayId);
  }

  /**
   * Adds an (initially empty) trace; returns its index for {@link extend}.
   * @example const loss = live.addTrace({ name: "loss" });
   */
  addTrace(trace: PlotTrace = {}): number {
    this.assertOpen("addTrace");
    checkOptions(trace, "livePlot.addTrace", "trace");
    const x = plainValues(trace.x ?? [], "livePlot.addTrace: x") as number[];
    const y = plainValues(trace.y ?? [], "livePlot.addTrace: y") as number[];
    if (x.length !== y.length && trace.x !== undefined)
      throw new Error(`livePlot.addTrace: x has ${x.length} points but y has ${y.length}`);
    this.fig.data.push({ type: "scatter", mode: "lines", ...trace, x, y });
    return this.fig.data.length - 1;
  }

  /**
   * Appends points to trace `traceIndex`; the display follows at the throttled rate.
   * @example live.extend(0, [step], [loss]);
   */
  extend(traceIndex: number, x: ArrayLike<number> | number, y: ArrayLike<number> | number): void {
    this.assertOpen("extend");
    const trace = Number.isInteger(traceIndex) ? this.fig.data[traceIndex] : undefined;
    if (!trace) {
      throw new RangeError(
        `livePlot.extend: no trace ${typeof traceIndex === "number" ? traceIndex : describe(traceIndex)} (the plot has ${this.fig.data.length})`,
      );
    }
    const xs = typeof x === "number" ? [x] : (plainValues(x, "livePlot.extend: x") as number[]);
    const ys = typeof y === "number" ? [y] : (plainValues(y, "livePlot.extend: y") as number[]);
    if (xs.length !== ys.length) {
      throw new Error(`livePlot.extend: trace ${traceIndex}: got ${xs.length} x values but ${ys.length} y values`);
    }
    this.warnNonFinite(traceIndex, ys);
    (trace.x as number[]).push(...xs);
    (trace.y as number[]).push(...ys);
    this.throttle.request();
  }

  /** Redraws now, ignoring the throttle. */
  update(): void {
    this.assertOpen("update");
    this.throttle.flushNow();
  }

  /** Final redraw, with every form of the figure; the plot then stays as it is. */
  close(): void {
    if (this.closed) return;
    this.throttle.cancel();
    updateBundle(figureBundle(this.fig, { height: this.options.height }), this.displayId);
    this.closed = true;
  }

  /** The figure as it stands (e.g. for writeHtml after close()). */
  get figure(): Figure {
    return this.fig;
  }

  /** The figure while it grows: without the plotly JSON form (see the module's header). */
  private growingBundle(): MimeBundle {
    const { "application/vnd.plotly.v1+json": _json, ...growing } = figureBundle(this.fig, {
      height: this.options.height,
    });
    return growing;
  }

  /** Once per trace, so a diverging loop does not print a warning per step. */
  private warnNonFinite(traceIndex: number, ys: number[]): void {
    if (this.warnedTraces.has(traceIndex) || ys.every(Number.isFinite)) return;
    this.warnedTraces.add(traceIndex);
    const at = this.fig.data[traceIndex].y!.length + ys.findIndex((v) => !Number.isFinite(v));
    console.warn(
      `livePlot: trace ${traceIndex} got a NaN or infinite y at point ${at}; plotly leaves a gap (warned once)`,
    );
  }

  private assertOpen(method: string): void {
    if (this.closed) throw new Error(`livePlot.${method}: the plot was closed`);
  }
}

/**
 * Shows a figure that grows while a loop runs.
 * @example
 * const live = livePlot({ title: "loss" }, [{ name: "train" }]);
 * for (let step = 0; step < 1000; step++) live.extend(0, step, loss(step));
 * live.close();
 */
export function livePlot(layout: PlotLayout = {}, traces: PlotTrace[] = [], options: LiveOptions = {}): LivePlot {
  return new LivePlot(layout, traces, options);
}
