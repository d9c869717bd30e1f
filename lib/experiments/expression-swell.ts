/**
 * Expression swell (lecture §4.1, "AD is not symbolic differentiation"): k steps of the logistic
 * map x ← r x (1 − x), differentiated by the textbook rules of ./symbolic and by adlab.
 *
 * Written out as a tree, f_k holds f_{k−1} twice, so its size doubles with every step; its
 * derivative by the product rule, (a b)' = a' b + a b', holds f_{k−1} and f'_{k−1} twice each
 * and grows faster still. AD never writes a formula out: it runs the program's operations and
 * one local rule per operation, so its work grows like the program, by a fixed amount per step.
 */
import { type Experiment, type Series, runOptions } from "./experiment";
import { logAxis } from "./axes";
import { type Expr, derivative, graphSize, mul, sub, treeSize, x } from "./symbolic";
import { logLogSlope } from "../measure/fit";
import { traceScalar } from "../core/trace-scalar";
import { grad } from "../transforms/vjp";
import * as ops from "../ops/arith";
import type { Value } from "../core/value";

/** The map's rate: any r gives the same sizes; 3.9 is in the chaotic range. */
const rate = 3.9;

/** f_k as an expression: k steps of x ← r x (1 − x), each step sharing the previous one. */
export function logisticExpr(k: number): Expr {
  let f: Expr = x;
  for (let step = 0; step < k; step++) f = mul(mul(rate, f), sub(1, f));
  return f;
}

/** f_k as a program on adlab values. */
export function logisticProgram(k: number): (x: Value) => Value {
  return (x0) => {
    let v = x0;
    for (let step = 0; step < k; step++) v = ops.mul(ops.mul(rate, v), ops.sub(1, v));
    return v;
  };
}

/** Growth factor per step of y(k), from a least-squares fit of ln y against k. */
export function growthPerStep(k: number[], y: number[]): number {
  // With x = e^k, the log-log slope of y against x is the slope of ln y against k.
  return Math.exp(logLogSlope(k.map(Math.exp), y));
}

/** How much y grows per step between the first and the last k (for lines growing linearly). */
export function increasePerStep(k: number[], y: number[]): number {
  return (y[y.length - 1] - y[0]) / (k[k.length - 1] - k[0]);
}

const seriesNames = [
  "f_k as a tree",
  "symbolic f_k′ as a tree",
  "symbolic f_k′ as a graph (shared)",
  "ad.grad(f_k): operations run",
];

export const expressionSwell: Experiment = {
  name: "expression-swell",
  title: "Expression swell: symbolic derivatives of the logistic map against AD",
  columns: ["iterations k", "size (nodes)"],
  seriesNames,
  layout: {
    title: "Symbolic derivatives swell; AD grows with the program",
    xaxis: { title: "iterations k of x ← r x (1 − x)", dtick: 1 },
    yaxis: logAxis("size (nodes)"),
    // Below the plot: the steep lines leave no empty corner inside it.
    legend: { orientation: "h", x: 0, y: -0.3 },
    margin: { b: 120 },
  },
  run(options) {
    const { quick, onPoint } = runOptions(options, "expressionSwell.run");
    const ks = Array.from({ length: quick ? 6 : 10 }, (_, i) => i + 1);
    const series: Series[] = seriesNames.map((name) => ({ name, x: [], y: [] }));
    const measure = (k: number): number[] => {
      const f = logisticExpr(k);
      const df = derivative(f);
      // The derivative computation traced as adlab runs it: the value pass, then the rules.
      const traced = traceScalar((w) => grad(logisticProgram(k))(w), { x: 0.3 });
      return [treeSize(f), treeSize(df), graphSize(df), traced.nodes.length];
    };
    ks.forEach((k, i) => {
      measure(k).forEach((size, s) => {
        series[s].x.push(k);
        series[s].y.push(size);
        onPoint?.(s, k, size, i * series.length + s + 1, ks.length * series.length);
      });
    });
    const [tree, symbolic, shared, ad] = series;
    const last = ks.length - 1;
    return {
      series,
      findings: {
        functionGrowth: growthPerStep(tree.x, tree.y),
        symbolicGrowth: growthPerStep(symbolic.x, symbolic.y),
        sharedPerStep: increasePerStep(shared.x, shared.y),
        adPerStep: increasePerStep(ad.x, ad.y),
        symbolicOverAd: symbolic.y[last] / ad.y[last],
      },
    };
  },
};
