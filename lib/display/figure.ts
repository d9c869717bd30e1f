/**
 * Plotly figures as plain data: the types the helpers accept, the checks that turn bad input
 * into a clear message, and the one-line text summary every bundle carries.
 */

import { Tensor } from "../tensor/tensor";
import { formatShape } from "../tensor/shape";
import { Tracer } from "../core/value";

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
 * Builds a figure, converting typed arrays to plain arrays (JSON keeps those as objects) and
 * checking every trace: see {@link checkFigure}.
 * @example figure([{ x: [1, 2], y: [3, 4] }], { title: "line" })
 */
export function figure(data: PlotTrace<AxisValues | Tensor>[], layout: PlotLayout = {}): Figure {
  if (!Array.isArray(data)) throw new TypeError("figure: data must be an array of traces");
  const fig: Figure = { data: data.map(plainTrace), layout: withTitleObjects(layout) };
  checkFigure(fig);
  return fig;
}

/** plotly.js 3+ ignores titles given as plain strings; accept them and pass `{ text }`. */
function withTitleObjects(layout: PlotLayout): PlotLayout {
  const result: PlotLayout = { ...layout };
  if (typeof layout.title === "string") result.title = { text: layout.title };
  for (const key of ["xaxis", "yaxis"] as const) {
    const axis = layout[key];
    if (axis && typeof axis.title === "string") result[key] = { ...axis, title: { text: axis.title } };
  }
  return result;
}

function plainTrace(trace: PlotTrace<AxisValues | Tensor>, index: number): PlotTrace {
  const copy: PlotTrace = { ...trace } as PlotTrace;
  if (trace.x !== undefined) copy.x = plainValues(trace.x, `${traceLabel(trace, index)}: x`);
  if (trace.y !== undefined) copy.y = plainValues(trace.y, `${traceLabel(trace, index)}: y`);
  return copy;
}

/** Plain arrays for one axis: a vector Tensor gives its numbers, and so does a one-element Tensor in an array. */
function plainValues(values: unknown, where: string): AxisValues {
  if (values instanceof Tensor) {
    if (values.rank > 1) throw new TypeError(`figure: ${where} is a Tensor of shape ${formatShape(values.shape)}; give one value per point (a vector)`);
    return Array.from(values.data);
  }
  const traced = (at: string) => new TypeError(`figure: ${at} is a traced value (kept inside a transform): plot ad.primal(x), its plain value`);
  if (values instanceof Tracer) throw traced(where);
  return Array.from(values as ArrayLike<unknown>, (v, i) => {
    if (v instanceof Tracer) throw traced(`${where}[${i}]`);
    return v instanceof Tensor && v.size === 1 ? v.data[0] : v;
  }) as AxisValues;
}

/**
 * Throws for an empty trace or mismatched x/y lengths (naming the trace and both lengths);
 * warns (console.warn) for non-finite values, which plotly draws as gaps, and for values a
 * log axis cannot show. Gaps are kept on purpose: a sweep may legitimately leave a domain.
 * @example checkFigure({ data: [{ x: [1, 2], y: [1] }], layout: {} }) // throws: trace 0: x has 2 points but y has 1
 */
export function checkFigure(fig: Figure): void {
  fig.data.forEach((trace, index) => {
    const label = traceLabel(trace, index);
    const { x, y } = trace;
    if (y === undefined && x === undefined) throw new Error(`figure: ${label} has neither x nor y values`);
    if ((y ?? x)!.length === 0) throw new Error(`figure: ${label} is empty (no points)`);
    if (x !== undefined && y !== undefined && x.length !== y.length) {
      throw new Error(`figure: ${label}: x has ${x.length} points but y has ${y.length}`);
    }
    warnBadValues(label, "x", x, fig.layout.xaxis?.type === "log");
    warnBadValues(label, "y", y, fig.layout.yaxis?.type === "log");
  });
}

function traceLabel(trace: { name?: string }, index: number): string {
  return trace.name ? `trace ${index} ("${trace.name}")` : `trace ${index}`;
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
  return typeof title === "string" ? title : title?.text ?? "";
}
