/**
 * The series' measured figures as library code: one definition of each sweep, run by the notebook
 * (drawing live as it measures) and by `npm run figures` (writing HTML, images and CSV), so a slide
 * and the notebook show the same experiment.
 */
import { type Figure, type PlotLayout, makeFigure } from "../display/figure";
import { type LivePlot, livePlot } from "../display/live";
import { checkArray, checkFunction, checkOptions, describe } from "../core/args";

/** One measured curve: its name in the legend and its points. */
export interface Series {
  name: string;
  x: number[];
  y: number[];
}

/** What a run measured, with the numbers its prose states computed from the data. */
export interface SweepResult {
  series: Series[];
  /** Named findings (a slope, a crossover, a ratio), each computed from `series`. */
  findings: Record<string, number | null>;
}

export interface RunOptions {
  /** A smaller sweep for CI and quick checks (default: ADLAB_QUICK=1 in the environment). */
  quick?: boolean;
  /** Called after each point: which series, the point, and how far the sweep is. */
  onPoint?: (series: number, x: number, y: number, done: number, total: number) => void;
}

/** A sweep of the series: what it measures, its plot, and how to run it. */
export interface Experiment {
  /** File stem for `npm run figures` (e.g. "fd-error"). */
  name: string;
  /** Plot title, also the page title. */
  title: string;
  /** The measured quantities, for CSV headers: what x is, what y is (with units). */
  columns: [x: string, y: string];
  /** The series' names, in the order `onPoint` numbers them. */
  seriesNames: string[];
  /** Axes titled, log axes labelled by decades. */
  layout: PlotLayout;
  run(options?: RunOptions): SweepResult;
}

/** Whether quick mode is asked for by the environment (CI sets ADLAB_QUICK=1). */
export function quickFromEnvironment(): boolean {
  return typeof process !== "undefined" && process.env?.ADLAB_QUICK === "1";
}

/** Checks run options; returns them with `quick` resolved. */
export function runOptions(
  options: RunOptions | undefined,
  op: string,
): Required<Pick<RunOptions, "quick">> & RunOptions {
  checkOptions(options, op);
  const quick = options?.quick ?? quickFromEnvironment();
  if (typeof quick !== "boolean") throw new TypeError(`${op}: quick must be true or false, got ${describe(quick)}`);
  if (options?.onPoint !== undefined && typeof options.onPoint !== "function") {
    throw new TypeError(`${op}: onPoint must be a function, got ${describe(options.onPoint)}`);
  }
  return { ...options, quick };
}

/** Throws unless `x` is an {@link Experiment}, naming `op` and the part that is wrong. */
export function checkExperiment(x: unknown, op: string): asserts x is Experiment {
  checkOptions(x, op, "experiment");
  if (x === undefined)
    throw new TypeError(`${op}: experiment must be an experiment (e.g. ad.experiments.fdError), got undefined`);
  const e = x as Partial<Experiment>;
  for (const field of ["name", "title"] as const) {
    if (typeof e[field] !== "string")
      throw new TypeError(`${op}: experiment.${field} must be a string, got ${describe(e[field])}`);
  }
  const strings = (value: unknown, what: string) =>
    checkArray<unknown>(value, op, what).forEach((s) => {
      if (typeof s !== "string") throw new TypeError(`${op}: ${what} must hold strings, got ${describe(s)}`);
    });
  strings(e.columns, "experiment.columns");
  strings(e.seriesNames, "experiment.seriesNames");
  checkOptions(e.layout, op, "experiment.layout");
  checkFunction(e.run, op, "experiment.run");
}

/** Throws unless `x` is what an experiment's run returns. */
function checkResult(x: unknown, op: string): asserts x is SweepResult {
  checkOptions(x, op, "result");
  const series = checkArray<unknown>((x as Partial<SweepResult> | undefined)?.series, op, "result.series");
  series.forEach((s, i) => {
    checkOptions(s, op, `result.series[${i}]`);
    const { name, x: xs, y: ys } = (s ?? {}) as Partial<Series>;
    if (typeof name !== "string")
      throw new TypeError(`${op}: result.series[${i}].name must be a string, got ${describe(name)}`);
    const [nx, ny] = [
      checkArray<number>(xs, op, `result.series[${i}].x`),
      checkArray<number>(ys, op, `result.series[${i}].y`),
    ];
    if (nx.length !== ny.length)
      throw new RangeError(`${op}: result.series[${i}] has ${nx.length} x values but ${ny.length} y values`);
  });
}

/**
 * The finished figure of a run: each series a line with markers, on the experiment's layout.
 * @example writeHtml("fd-error.html", [sweepFigure(ad.experiments.fdError, result)]);
 */
export function sweepFigure(experiment: Experiment, result: SweepResult): Figure {
  checkExperiment(experiment, "sweepFigure");
  checkResult(result, "sweepFigure");
  const data = result.series.map((s) => ({ type: "scatter", mode: "lines+markers", name: s.name, x: s.x, y: s.y }));
  return makeFigure(data, { title: { text: experiment.title }, ...experiment.layout }, "sweepFigure");
}

/**
 * Runs an experiment in a notebook, drawing each point as it is measured; the plot ends as one
 * figure holding the whole sweep. Returns what the run measured.
 * @example const { findings } = ad.runLive(ad.experiments.fdError);
 */
export function runLive(experiment: Experiment, options: Omit<RunOptions, "onPoint"> = {}): SweepResult {
  checkExperiment(experiment, "runLive");
  runOptions(options, "runLive");
  const live: LivePlot = livePlot(
    { title: { text: experiment.title }, ...experiment.layout },
    experiment.seriesNames.map((name) => ({ name, mode: "lines+markers" })),
  );
  try {
    return experiment.run({ ...options, onPoint: (series, x, y) => live.extend(series, x, y) });
  } finally {
    live.close();
  }
}
