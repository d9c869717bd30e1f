/**
 * Notebook 01's sweeps (lecture §2, finite differences): the error of the forward and central
 * quotients against the step h, and the time of a whole gradient against the dimension d.
 */
import { type Experiment, type Series, runOptions } from "./experiment";
import { fd, type FdMethod } from "../check/fd";
import { timeSweep } from "./timing";
import { legendTopCentre, legendTopLeft, logAxis } from "./axes";
import { logLogSlope } from "../measure/fit";
import { grad } from "../transforms/vjp";
import { add, mul, sub } from "../ops/arith";
import { exp, sin } from "../ops/math";
import { sum } from "../ops/reduce";
import { slice } from "../ops/shape";
import { square } from "../ops/derived";
import { rand } from "../tensor/random";
import type { Value } from "../core/value";

/** The error sweep's function, f(x) = exp(sin x), whose derivative is cos x · exp(sin x). */
export const expSin = (x: Value): Value => exp(sin(x));
export const expSinPoint = 1;
export const expSinSlope = Math.cos(expSinPoint) * Math.exp(Math.sin(expSinPoint));

/**
 * The d-dimensional Rosenbrock function Σ_k 100 (w_{k+1} − w_k²)² + (1 − w_k)², minimal at
 * w = (1, …, 1); one evaluation costs O(d).
 */
export function rosenbrock(w: Value): Value {
  const head = slice(w, [[0, -1]]); // w_1 … w_{d−1}
  const tail = slice(w, [[1]]); // w_2 … w_d
  const valley = mul(100, square(sub(tail, square(head))));
  return sum(add(valley, square(sub(1, head))));
}

/** Index of the smallest value. */
const argmin = (values: number[]) => values.reduce((best, v, i) => (v < values[best] ? i : best), 0);

/**
 * The best step of one V-curve, its error, and the slope of its truncation side: the steps from
 * 100 times the best one up to 0.1, where the Taylor term outweighs rounding by far.
 */
export function readVCurve(curve: Series) {
  const best = argmin(curve.y);
  const right = curve.x
    .map((_, i) => i)
    .filter((i) => curve.x[i] >= 100 * curve.x[best] && curve.x[i] <= 0.1 && curve.y[i] > 0);
  return {
    bestStep: curve.x[best],
    bestError: curve.y[best],
    truncationSlope: logLogSlope(
      right.map((i) => curve.x[i]),
      right.map((i) => curve.y[i]),
    ),
  };
}

const fdMethods: FdMethod[] = ["forward", "central"];
const errorNames = ["forward difference", "central difference"];
const costNames = [
  "forward differences (d + 1 evaluations)",
  "central differences (2d evaluations)",
  "reverse-mode AD (ad.grad)",
  "one evaluation of L",
];

export const fdError: Experiment = {
  name: "fd-error",
  title: "Error of finite differences for f(x) = exp(sin x) at x = 1",
  columns: ["step h", "|error|"],
  seriesNames: errorNames,
  layout: {
    title: "Error of finite differences for f(x) = exp(sin x) at x = 1",
    // Every other decade: seventeen labels would not fit side by side.
    xaxis: logAxis("step h", 2),
    yaxis: logAxis("|error|"),
    legend: legendTopCentre,
  },
  run(options) {
    const { quick, onPoint } = runOptions(options, "fdError.run");
    // Steps 10^-16 … 1, four per decade (two in quick mode).
    const perDecade = quick ? 2 : 4;
    const steps = Array.from({ length: 16 * perDecade + 1 }, (_, i) => 10 ** (-16 + i / perDecade));
    const total = steps.length * fdMethods.length;
    const series = fdMethods.map((method, s): Series => {
      const y = steps.map((h, i) => {
        const value = fd(expSin, expSinPoint, { method, step: h }).value as number;
        const error = Math.abs(value - expSinSlope);
        onPoint?.(s, h, error, s * steps.length + i + 1, total);
        return error;
      });
      return { name: errorNames[s], x: steps, y };
    });
    const [forward, central] = series.map(readVCurve);
    return {
      series,
      findings: {
        forwardBestStep: forward.bestStep,
        forwardBestError: forward.bestError,
        forwardSlope: forward.truncationSlope,
        centralBestStep: central.bestStep,
        centralBestError: central.bestError,
        centralSlope: central.truncationSlope,
      },
    };
  },
};

export const fdCost: Experiment = {
  name: "fd-cost",
  title: "Time for one gradient of the Rosenbrock function",
  columns: ["dimension d", "time (ms, median)"],
  seriesNames: costNames,
  layout: {
    title: "Time for one gradient of the Rosenbrock function",
    xaxis: logAxis("dimension d"),
    yaxis: logAxis("time (ms, median)"),
    legend: legendTopLeft,
  },
  run(options) {
    const { quick, onPoint } = runOptions(options, "fdCost.run");
    const dims = quick ? [10, 30, 100, 300] : [10, 30, 100, 300, 1000, 3000];
    const gradient = grad(rosenbrock);
    const series = timeSweep(
      {
        sizes: dims,
        names: costNames,
        callsAt: (d) => {
          const w = rand([d], d, -1, 1);
          return [
            () => fd(rosenbrock, w, { method: "forward" }),
            () => fd(rosenbrock, w, { method: "central" }),
            () => gradient(w),
            () => rosenbrock(w),
          ];
        },
        // A finite-difference gradient at d = 3000 takes about a second: fewer samples there.
        // The cheap calls are batched into 10 ms samples, so one collection of garbage is
        // shared by many calls instead of doubling one.
        timing: (d, index) => (index < 2 ? { samples: d >= 1000 ? 5 : 7 } : { samples: 9, minSampleMs: 10 }),
      },
      onPoint,
    );
    const [forward, central, ad, evaluation] = series;
    const slope = (s: Series) => logLogSlope(s.x, s.y);
    const last = ad.x.length - 1;
    return {
      series,
      findings: {
        forwardSlope: slope(forward),
        centralSlope: slope(central),
        gradSlope: slope(ad),
        evaluationSlope: slope(evaluation),
        gradOverEvaluation: ad.y[last] / evaluation.y[last],
        centralOverGrad: central.y[last] / ad.y[last],
      },
    };
  },
};
