/**
 * Plotly figures as plain data: the types the helpers accept, the checks that turn bad input
 * into a clear message, and the one-line text summary every bundle carries.
 */

import { Tensor } from "../tensor/tensor";
import { formatShape } from "../tensor/shape";
import { Tracer } from "../core/value";
import { checkArray, checkOptions, describe } from "../core/args";

/** Numbers (or labels) along one axis of a trace. */
export type AxisValues = ArrayLike<number> | ArrayLike<string>;

/**
 * One plotly trace; only the fields adlab checks are named, the rest pass through to plotly.js.
 * What `figure` and `plot` take may give x and y as vector Tensors (`PlotTrace<AxisValues | Tensor>`).
 */
export interface PlotTrace<A = AxisValues> {
  type?: string;
  name?: string;
  mode?: string;
  x?: A;
  y?: A;
  [key: string]: unknown;
}

/** A plotly layout (passed through to plotly.js). */
export interface PlotLayout {
  title?: string | { text?: string };
  xaxis?: { title?: string | { text?: string }; type?: string; [key: string]: unknown };
  yaxis?: { title?: string | { text?: string }; type?: string; [key: string]: unknown };
  [key: string]: unknown;
}

/** Data and layout, as plotly.js takes them. */
export interface Figure {
  data: PlotTrace[];
  layout: PlotLayout;
}

/**
 * Builds a figure, converting typed arrays and vector Tensors to plain arrays (JSON keeps typed
 * arrays as objects) and checking every trace: see {@link checkFigure}.
 * @example figure([{ x: [1, 2], y: [3, 4] }], { title: "line" })
 */
export function figure(data: PlotTrace<AxisValues | Tensor>[], layout: PlotLayout = {}): Figure {
  return makeFigure(data, layout, "figure");
}

/** {@link figure} for the helpers built on it; `op` names the helper the user called in messages. */
export function makeFigure(data: unknown, layout: unknown, op: string): Figure {
  const traces = checkArray<unknown>(data, op, "data (the list of traces)");
  const fig: Figure = { data: traces.map((t, i) => plainTrace(t, i, op)), layout: withTitleObjects(layout, op) };
  checkTraces(fig, op);
  return fig;
}

/** plotly.js 3+ ignores titles given as plain strings; accept them and pass `{ text }`. */
function withTitleObjects(layout: unknown, op: string): PlotLayout {
  checkOptions(layout, op, "layout");
  const result: PlotLayout = { ...(layout as PlotLayout) };
  const title = (t: unknown, what: string) => {
    if (t !== undefined && typeof t !== "string" && (t === null || typeof t !== "object")) {
      throw new TypeError(`${op}: ${what} must be a string or { text }, got ${describe(t)}`);
    }
    return typeof t === "string" ? { text: t } : t;
  };
  result.title = title(result.title, "the title") as PlotLayout["title"];
  if (result.title === undefined) delete result.title;
  for (const key of ["xaxis", "yaxis"] as const) {
    const axis = result[key];
    if (axis === undefined) continue;
    checkOptions(axis, op, `layout.${key}`);
    result[key] = { ...axis, title: title(axis.title, `layout.${key}.title`) } as PlotLayout["xaxis"];
    if (axis.title === undefined) delete result[key]!.title;
  }
  return result;
}

function plainTrace(trace: unknown, index: number, op: string): PlotTrace {
  checkOptions(trace ?? null, op, `trace ${index}`);
  const given = trace as PlotTrace<AxisValues | Tensor>;
  const copy: PlotTrace = { ...given } as PlotTrace;
  if (given.x !== undefined) copy.x = plainValues(given.x, `${op}: ${traceLabel(given, index)}: x`);
  if (given.y !== undefined) copy.y = plainValues(given.y, `${op}: ${traceLabel(given, index)}: y`);
  return copy;
}

/**
 * A plain array for one axis of points: a vector Tensor gives its numbers, and so does a
 * one-element Tensor in an array; `where` starts the messages ("plot: trace 0: y").
 * @example plainValues(linspace(0, 1, 3), "plot: trace 0: x")  // [0, 0.5, 1]
 */
export function plainValues(values: unknown, where: string): AxisValues {
  if (values instanceof Tensor) {
    if (values.rank > 1)
      throw new TypeError(
        `${where} is a Tensor of shape ${formatShape(values.shape)}; give one value per point (a vector)`,
      );
    return Array.from(values.data);
  }
  const traced = (at: string) =>
    new TypeError(`${at} is a traced value (kept inside a transform): plot ad.primal(x), its plain value`);
  if (values instanceof Tracer) throw traced(where);
  if (!Array.isArray(values) && !ArrayBuffer.isView(values)) {
    throw new TypeError(`${where} must be an array of numbers (or labels) or a vector Tensor, got ${describe(values)}`);
  }
  return Array.from(values as ArrayLike<unknown>, (v, i) => {
    if (v instanceof Tracer) throw traced(`${where}[${i}]`);
    if (v instanceof Tensor && v.size === 1) return v.data[0];
    if (typeof v !== "number" && typeof v !== "string" && v !== null)
      throw new TypeError(`${where}[${i}] must be a number, got ${describe(v)}`);
    return v;
  }) as AxisValues;
}

/**
 * Throws unless `fig` is a figure { data: [traces], layout: {} } as {@link figure} makes it.
 * @example checkFigureShape(fig, "showFigure")
 */
export function checkFigureShape(fig: unknown, op: string): asserts fig is Figure {
  const f = fig as Figure;
  if (
    fig === null ||
    typeof fig !== "object" ||
    !Array.isArray(f.data) ||
    f.layout === null ||
    typeof f.layout !== "object"
  ) {
    throw new TypeError(`${op}: expected a figure { data, layout } (make one with figure(...)), got ${describe(fig)}`);
  }
  f.data.forEach((t, i) => checkOptions(t ?? null, op, `figure trace ${i}`));
}

/**
 * Throws unless the display options' height, when given, is a positive number of pixels.
 * @example checkHeight(options, "plot")
 */
export function checkHeight(options: unknown, op: string): void {
  checkOptions(options, op);
  const height = (options as { height?: unknown } | undefined)?.height;
  if (height !== undefined && !(typeof height === "number" && height > 0 && height < Infinity)) {
    throw new RangeError(`${op}: height must be a positive number of pixels, got ${describe(height)}`);
  }
}

/**
 * Throws for an empty trace or mismatched x/y lengths (naming the trace and both lengths);
 * warns (console.warn) for non-finite values, which plotly draws as gaps, and for values a
 * log axis cannot show. Gaps are kept on purpose: a sweep may legitimately leave a domain.
 * @example checkFigure({ data: [{ x: [1, 2], y: [1] }], layout: {} }) // throws: trace 0: x has 2 points but y has 1
 */
export function checkFigure(fig: Figure): void {
  checkFigureShape(fig, "checkFigure");
  checkTraces(fig, "checkFigure");
}

function checkTraces(fig: Figure, op: string): void {
  fig.data.forEach((trace, index) => {
    const label = traceLabel(trace, index);
    const { x, y } = trace;
    if (y === undefined && x === undefined) throw new Error(`${op}: ${label} has neither x nor y values`);
    if ((y ?? x)!.length === 0) throw new Error(`${op}: ${label} is empty (no points)`);
    if (x !== undefined && y !== undefined && x.length !== y.length) {
      throw new Error(`${op}: ${label}: x has ${x.length} points but y has ${y.length}`);
    }
    warnBadValues(label, "x", x, fig.layout.xaxis?.type === "log");
    warnBadValues(label, "y", y, fig.layout.yaxis?.type === "log");
  });
}

function traceLabel(trace: { name?: string }, index: number): string {
  return trace.name ? `trace ${index} ("${String(trace.name)}")` : `trace ${index}`;
}

function warnBadValues(label: string, axis: string, values: AxisValues | undefined, logAxis: boolean): void {
  if (values === undefined) return;
  const nonFinite: number[] = [];
  const nonPositive: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== "number") continue;
    if (!Number.isFinite(v)) nonFinite.push(i);
    else if (logAxis && v <= 0) nonPositive.push(i);
  }
  if (nonFinite.length > 0) {
    console.warn(`${label}: ${axis} is NaN or infinite at ${indexList(nonFinite)}; plotly leaves gaps there`);
  }
  if (nonPositive.length > 0) {
    console.warn(`${label}: ${axis} is <= 0 at ${indexList(nonPositive)}; a log axis cannot show those points`);
  }
}

function indexList(indices: number[]): string {
  const shown = indices.slice(0, 5).join(", ");
  const more = indices.length > 5 ? ` and ${indices.length - 5} more` : "";
  return `point${indices.length > 1 ? "s" : ""} ${shown}${more}`;
}

/**
 * One-line text/plain stand-in for a figure.
 * @example figureSummary(figure([{ x: [1], y: [2] }], { xaxis: { title: "h", type: "log" } }))
 * // 'Figure: 1 trace (scatter); x: "h" (log)'
 */
export function figureSummary(fig: Figure): string {
  checkFigureShape(fig, "figureSummary");
  const types = fig.data.map((trace) => trace.type ?? "scatter");
  const count = `${fig.data.length} trace${fig.data.length === 1 ? "" : "s"}`;
  const parts = [`Figure: ${count} (${types.join(", ")})`];
  const title = titleText(fig.layout.title);
  if (title) parts[0] += ` "${title}"`;
  for (const axis of ["x", "y"] as const) {
    const spec = fig.layout[`${axis}axis`];
    const axisTitle = titleText(spec?.title);
    const scale = spec?.type && spec.type !== "linear" ? ` (${spec.type})` : "";
    if (axisTitle || scale) parts.push(`${axis}: ${axisTitle ? `"${axisTitle}"` : "-"}${scale}`);
  }
  return parts.join("; ");
}

function titleText(title: string | { text?: string } | undefined): string {
  return typeof title === "string" ? title : (title?.text ?? "");
}
