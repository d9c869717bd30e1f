/**
 * What the backward pass of a linear solve costs against its forward pass (notebook 05).
 *
 * x = A⁻¹b is found by factoring A = LU with row pivoting (PA = LU, about ⅔n³ flops) and two
 * triangular solves (about 2n²). Its backward pass needs gb = A⁻ᵀg and gA = −gb xᵀ. The factors
 * of A also factor Aᵀ (Aᵀ = UᵀLᵀP), so a solve that keeps them does its backward pass in two more
 * triangular solves and an outer product, O(n²) against the forward's O(n³): the ratio
 * backward/forward should fall like 1/n. Factoring Aᵀ afresh instead costs about one forward pass.
 */
import type { Tensor } from "../tensor/tensor";
import { eye } from "../tensor/create";
import { randn } from "../tensor/random";
import { add, mul, neg } from "../ops/arith";
import { matmul } from "../ops/matmul";
import { reshape, transpose } from "../ops/shape";
import { solve } from "../linalg/rules/solve";
import { vjp } from "../transforms/vjp";
import { timeit } from "../measure/timeit";
import { logLogSlope } from "../measure/fit";
import { timePullback } from "../measure/time-pullback";
import { type Experiment, type Series, runOptions } from "./experiment";

/** Longer and more samples than timeit's default: the backward passes take microseconds. */
const timing = { samples: 11, minSampleMs: 5 };
const names = ["forward: solve", "backward, reusing the LU factors", "backward, factoring again"];
const logAxis = (title: string) => ({ title, type: "log", dtick: 1, exponentformat: "power" });

/** The backward pass computed from scratch: a new factorisation, of Aᵀ. */
function backwardFactoringAgain(a: Tensor, x: Tensor, g: Tensor) {
  const n = x.size;
  const gb = solve(transpose(a), g);
  return [neg(matmul(reshape(gb, [n, 1]), reshape(x, [1, n]))), gb];
}

/**
 * Findings: for each size n, `ratio n=…` (backward reusing the factors / forward) and
 * `ratio again n=…` (backward factoring again / forward); `ratio slope`, the log-log slope of the
 * first ratio against n (−1 when the O(n²)/O(n³) counts hold); the slopes of the three curves.
 */
export function solveFindings(series: Series[]): Record<string, number> {
  const [forward, reusing, again] = series;
  const findings: Record<string, number> = {};
  const ratio = reusing.y.map((t, i) => t / forward.y[i]);
  forward.x.forEach((n, i) => {
    findings[`ratio n=${n}`] = ratio[i];
    findings[`ratio again n=${n}`] = again.y[i] / forward.y[i];
  });
  findings["ratio slope"] = logLogSlope(forward.x, ratio);
  findings["forward slope"] = logLogSlope(forward.x, forward.y);
  findings["reusing slope"] = logLogSlope(reusing.x, reusing.y);
  findings["again slope"] = logLogSlope(again.x, again.y);
  return findings;
}

export const solveCost: Experiment = {
  name: "solve-cost",
  title: "Linear solve x = A⁻¹b: forward and backward pass",
  columns: ["matrix size n", "time (ms, median)"],
  seriesNames: names,
  layout: {
    title: "Linear solve x = A⁻¹b: forward and backward pass",
    xaxis: logAxis("matrix size n"),
    yaxis: logAxis("time per call (ms, median)"),
    legend: { x: 0.02, y: 0.98, bgcolor: "rgba(255,255,255,0.8)" },
  },
  run(options) {
    const { quick, onPoint } = runOptions(options, "solveCost.run");
    const sizes = quick ? [25, 50, 100, 200] : [50, 100, 200, 400, 800];
    const series: Series[] = names.map((name) => ({ name, x: [], y: [] }));
    const total = sizes.length * series.length;
    let done = 0;
    for (const n of sizes) {
      // Adding √n I keeps the random matrix well conditioned at every size.
      const a = add(randn([n, n], n), mul(Math.sqrt(n), eye(n))) as Tensor;
      const b = randn([n], n + 1);
      const g = randn([n], n + 2);
      const x = solve(a, b) as Tensor;
      const times = [
        timeit(() => solve(a, b), timing).median,
        timePullback(() => {
          const [, pullback] = vjp(solve, a, b);
          return () => pullback(g);
        }, timing).median,
        timeit(() => backwardFactoringAgain(a, x, g), timing).median,
      ];
      times.forEach((t, k) => {
        series[k].x.push(n);
        series[k].y.push(t);
        onPoint?.(k, n, t, ++done, total);
      });
    }
    return { series, findings: solveFindings(series) };
  },
};
