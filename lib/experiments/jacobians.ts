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
import { median, timeit } from "../measure/timeit";
import { crossover, logLogSlope } from "../measure/fit";
import { type Experiment, type RunOptions, type Series, type SweepResult, runOptions } from "./experiment";

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
  const count = perDecade * decades + 1;
  return Array.from({ length: count }, (_, i) => Math.round(10 ** (1 + i / perDecade)));
}

/** A map x ↦ Ax with m outputs. */
interface LinearMap {
  m: number;
  A: Tensor;
  f: (x: Value) => Value;
}

function linearMap(m: number): LinearMap {
  const A = randn([m, inputs], m);
  return { m, A, f: (x) => matmul(A, x) };
}

/** Largest |J - A| entry; NaN when J is not a tensor. */
function distance(J: Value, A: Tensor): number {
  if (!(J instanceof Tensor)) return NaN;
  let largest = 0;
  for (let i = 0; i < A.data.length; i++) largest = Math.max(largest, Math.abs(J.data[i] - A.data[i]));
  return largest;
}

/** Throws unless every builder returns A: the Jacobian of a linear map is the matrix itself. */
function checkJacobians({ m, A, f }: LinearMap, x: Tensor): void {
  for (const { name, build } of builders) {
    const error = distance(build(f)(x), A);
    if (!(error < 1e-12)) throw new Error(`axJacobian: ${name} at m = ${m} is ${error} away from A`);
  }
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
  return logLogSlope(
    series.x.filter((_, i) => keep[i]),
    series.y.filter((_, i) => keep[i]),
  );
}

/**
 * The largest relative fall of a curve from one m to the next (0 when it never falls). The
 * theory has every curve rising with m, so a fall measures the noise of the machine.
 */
function largestFall(y: number[]): number {
  let fall = 0;
  for (let i = 1; i < y.length; i++) fall = Math.max(fall, (y[i - 1] - y[i]) / y[i - 1]);
  return fall;
}

/**
 * What the sweep shows, computed from it: where each pair of curves crosses for good (the m from
 * which forward mode stays faster), how the loops compare at m = n where both make n passes, and
 * the growth of each curve at m ≥ n (theory: slope 1 forward, 2 reverse, once the arithmetic
 * outweighs the fixed cost of a pass), and how far each curve ever falls as m grows (noise).
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
    largestFall: Math.max(...series.map((s) => largestFall(s.y))),
  };
}

/** Sweeps over the whole range of m; a point is the median of its sweeps' medians. */
const sweeps = 5;

/**
 * Times every builder at every m. A busy spell of a shared machine lasts seconds and would bend
 * the stretch of the curve measured during it; so the whole range is swept several times, and
 * each point is the median of its sweeps (each the median of a few samples, ad.timeit). A spell
 * then moves a point only if it hits it in most sweeps. The four builders are timed side by
 * side at each m. Points are reported (onPoint) as the last sweep completes them.
 */
function run(options?: RunOptions): SweepResult {
  const { quick, onPoint } = runOptions(options, "axJacobian.run");
  const ms = outputCounts(quick);
  const x = randn([inputs], 1);
  const maps = ms.map(linearMap);
  const samples = builders.map(() => ms.map(() => [] as number[]));
  const series: Series[] = builders.map(({ name }) => ({ name, x: [], y: [] }));
  const total = ms.length * builders.length;
  warmUp(x);
  for (let sweep = 0; sweep < sweeps; sweep++) {
    maps.forEach((map, i) => {
      if (sweep === 0) checkJacobians(map, x);
      builders.forEach(({ build }, k) => {
        const jacobianOfF = build(map.f);
        // Samples of at least 10 ms: a short pause of the machine is averaged in, not sampled.
        const timing = timeit(() => jacobianOfF(x), { samples: 3, warmup: 1, minSampleMs: 10 });
        samples[k][i].push(timing.median);
        if (sweep < sweeps - 1) return;
        const { m } = map;
        series[k].x.push(m);
        series[k].y.push(median(samples[k][i]));
        onPoint?.(k, m, series[k].y[i], i * builders.length + k + 1, total);
      });
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
      {
        type: "line",
        x0: inputs,
        x1: inputs,
        yref: "paper",
        y0: 0,
        y1: 1,
        line: { dash: "dot", color: "gray" },
      },
    ],
  },
  run,
};
