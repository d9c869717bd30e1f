/**
 * Notebook 04's measured figure: the time to build the Jacobian of f(x) = A x (A of size m × n,
 * n fixed) by forward mode and by reverse mode, as the number of outputs m grows.
 *
 * Forward mode makes one pass per input: n JVPs, each A e_j at a cost of about mn, so
 * n · (c_fwd + k m n). Reverse mode records f once and makes one pass per output: m VJPs, each
 * Aᵀ e_i, so m · (c_rev + k m n). Both loops make n passes at m = n, so the cost of one pass in
 * each mode (the constants c and k, not the same in the two engines) decides which side of m = n
 * the curves cross on. The batched forms push or pull the whole basis in one matrix product.
 */
import { Tensor } from "../tensor/tensor";
import { randn } from "../tensor/random";
import type { Value } from "../core/value";
import { matmul } from "../ops/matmul";
import { jacfwd, jacrev } from "../transforms/jacobian";
import { timeit } from "../measure/timeit";
import { crossover, logLogSlope } from "../measure/fit";
import { Experiment, RunOptions, Series, SweepResult, runOptions } from "./experiment";

/** The number of inputs, fixed while m sweeps across it. */
const inputs = 100;

type JacobianBuilder = (f: (x: Value) => Value) => (x: Value) => Value;

/** The four ways of building J, in the order of the series. */
const builders: { name: string; build: JacobianBuilder }[] = [
  { name: "forward loop (n JVPs)", build: (f) => jacfwd(f, { batched: false }) },
  { name: "reverse loop (m VJPs)", build: (f) => jacrev(f, { batched: false }) },
  { name: "forward batched", build: (f) => jacfwd(f) },
  { name: "reverse batched", build: (f) => jacrev(f) },
];

/**
 * m from 10 upwards in equal steps on a log scale, m = n among them: quarter decades to 316
 * when quick, sixth decades to 1000 otherwise.
 */
function outputCounts(quick: boolean): number[] {
  const [perDecade, decades] = quick ? [4, 1.5] : [6, 2];
  return Array.from({ length: perDecade * decades + 1 }, (_, i) => Math.round(10 ** (1 + i / perDecade)));
}

/** Largest |J - A|: the Jacobian of a linear map is the matrix itself. */
function distanceFrom(jacobian: Value, A: Tensor): number {
  if (!(jacobian instanceof Tensor)) throw new Error("axJacobian: a Jacobian builder returned a number");
  let largest = 0;
  for (let i = 0; i < A.data.length; i++) largest = Math.max(largest, Math.abs(jacobian.data[i] - A.data[i]));
  return largest;
}

/**
 * Calls each builder on a small map before anything is timed, so that the first points of the
 * sweep measure compiled code, not V8 compiling it: the forward loop's hundred JVPs per call take
 * some tens of calls to reach their fastest (a count, not a time: a busy machine runs fewer calls
 * in the same time).
 */
function warmUp(x: Tensor): void {
  const A = randn([10, inputs], 0);
  const f = (v: Value) => matmul(A, v);
  for (const { build } of builders) for (let call = 0; call < 50; call++) build(f)(x);
}

/** The series' point nearest to x = at (log scale): its index. */
function nearest(xs: number[], at: number): number {
  const gaps = xs.map((x) => Math.abs(Math.log(x / at)));
  return gaps.indexOf(Math.min(...gaps));
}

/** The log-log slope of a series over its points with x ≥ from. */
function slopeFrom(series: Series, from: number): number {
  const keep = series.x.map((x) => x >= from);
  return logLogSlope(series.x.filter((_, i) => keep[i]), series.y.filter((_, i) => keep[i]));
}

/**
 * What the sweep shows, computed from it: where each pair of curves crosses for good (the m from
 * which forward mode stays faster), how the loops compare at m = n where both make n passes, and
 * the growth of each curve at m ≥ n (theory: slope 1 forward, 2 reverse, once the arithmetic
 * outweighs the fixed cost of a pass).
 */
export function axJacobianFindings(series: Series[]): Record<string, number | null> {
  const [forwardLoop, reverseLoop, forwardBatched, reverseBatched] = series;
  const atN = nearest(forwardLoop.x, inputs);
  return {
    inputs,
    loopCrossover: crossover(forwardLoop.x, forwardLoop.y, reverseLoop.y),
    batchedCrossover: crossover(forwardBatched.x, forwardBatched.y, reverseBatched.y),
    mNearN: forwardLoop.x[atN],
    loopRatioAtN: forwardLoop.y[atN] / reverseLoop.y[atN],
    forwardLoopSlope: slopeFrom(forwardLoop, inputs),
    reverseLoopSlope: slopeFrom(reverseLoop, inputs),
    forwardBatchedSlope: slopeFrom(forwardBatched, inputs),
    reverseBatchedSlope: slopeFrom(reverseBatched, inputs),
  };
}

/**
 * Each point is the median of several timed samples (ad.timeit), the four builders measured
 * side by side at each m so that a busy moment of the machine falls on all of them.
 */
function run(options?: RunOptions): SweepResult {
  const { quick, onPoint } = runOptions(options, "axJacobian.run");
  const ms = outputCounts(quick);
  const x = randn([inputs], 1);
  const series: Series[] = builders.map(({ name }) => ({ name, x: [], y: [] }));
  const total = ms.length * builders.length;
  warmUp(x);
  for (const m of ms) {
    const A = randn([m, inputs], m);
    const f = (v: Value) => matmul(A, v);
    builders.forEach(({ name, build }, k) => {
      const error = distanceFrom(build(f)(x), A);
      if (!(error < 1e-12)) throw new Error(`axJacobian: ${name} at m = ${m} is ${error} away from A`);
      // Samples of at least 10 ms: a short pause of a shared machine is averaged in, not sampled.
      const { median } = timeit(() => build(f)(x), { samples: 7, warmup: 2, minSampleMs: 10 });
      series[k].x.push(m);
      series[k].y.push(median);
      onPoint?.(k, m, median, series.reduce((done, s) => done + s.x.length, 0), total);
    });
  }
  return { series, findings: axJacobianFindings(series) };
}

const decades = { type: "log", dtick: 1, exponentformat: "power" };

/** Forward against reverse mode for the full Jacobian of x ↦ Ax, n = 100, m swept. */
export const axJacobian: Experiment = {
  name: "ax-jacobian",
  title: `Time to build the Jacobian of f(x) = Ax, n = ${inputs}`,
  columns: ["number of outputs m", "time per Jacobian (ms)"],
  seriesNames: builders.map(({ name }) => name),
  layout: {
    title: `Time to build the Jacobian of f(x) = Ax, n = ${inputs}`,
    xaxis: { title: "number of outputs m", ...decades },
    yaxis: { title: "time per Jacobian (ms)", ...decades },
    // Below the plot, in one row: inside, it would cover a curve in some run or other.
    legend: { orientation: "h", x: 0.5, xanchor: "center", y: -0.3, yanchor: "top" },
    margin: { b: 110 },
    // m = n: both loops make n passes here.
    shapes: [
      { type: "line", x0: inputs, x1: inputs, yref: "paper", y0: 0, y1: 1, line: { dash: "dot", color: "gray" } },
    ],
  },
  run,
};
