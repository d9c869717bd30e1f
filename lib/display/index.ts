/**
 * Notebook display for adlab: plotly figures that render offline in every Jupyter front end,
 * live plots, progress lines, step tables, the generated code of a derivative with the tables' names and
 * computational-graph drawings, plus standalone HTML.
 */
export type { ScalarTrace, TraceNode } from "../core/trace-types";
export type { AxisValues, Figure, PlotLayout, PlotTrace } from "./figure";
export { figure, checkFigure, figureSummary } from "./figure";
export type { BundleOptions, StaticImage } from "./bundle";
export { figureBundle, figureHtml } from "./bundle";
export type { ImageOptions } from "./static-image";
export { renderFigureImage } from "./static-image";
export type { Line, LineOptions, ShowOptions } from "./plot";
export { plot, showFigure, showFigureWithImage, lineFigure, linePlot } from "./plot";
export type { LiveOptions } from "./live";
export { LivePlot, livePlot } from "./live";
export type { ProgressOptions } from "./progress";
export { Progress, progress } from "./progress";
export { forwardTable, reverseTable, showSteps } from "./steps";
export { adjointSource, tangentSource } from "./program-source";
export type { GraphOptions } from "./graph";
export { DEFAULT_MAX_GRAPH_NODES, GraphTooLargeError, graphDot, graphSummary } from "./graph";
export { graphSvg, showGraph } from "./graph-render";
export type { PageItem, PageOptions } from "./html";
export { writeHtml } from "./html";
export type { DisplayMessage, DisplaySink, MimeBundle } from "./sink";
export { setDisplaySink } from "./sink";
