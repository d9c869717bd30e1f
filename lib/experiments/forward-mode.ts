/**
 * Notebook 02's sweep (lecture §3): forward mode gets one directional derivative per pass, so a
 * gradient over d inputs takes d passes. Timed for f(w) = log Σ e^{w_k} (its gradient is the
 * softmax of w): the gradient by d JVPs, one JVP, and the gradient by reverse mode.
 */
import { type Experiment, runOptions } from "./experiment";
import { timeSweep } from "./timing";
import { legendTopLeft, logAxis } from "./axes";
import { logLogSlope } from "../measure/fit";
import { jacfwd } from "../transforms/jacobian";
import { jvp } from "../transforms/jvp";
import { grad } from "../transforms/vjp";
import { logsumexp } from "../ops/derived";
import { randn } from "../tensor/random";
import { ones } from "../tensor/create";
import type { Value } from "../core/value";

const logSumExp = (w: Value): Value => logsumexp(w);

/** The gradient of log Σ e^{w_k} by d forward passes, one per unit seed. */
export const gradientByJvps = jacfwd(logSumExp, { batched: false });

const names = ["gradient by d JVPs (forward mode)", "one JVP", "gradient by ad.grad (reverse mode)"];

export const forwardCost: Experiment = {
  name: "forward-cost",
  title: "Forward mode pays one pass per input",
  columns: ["number of inputs d", "time (ms, median)"],
  seriesNames: names,
  layout: {
    title: "Forward mode pays one pass per input",
    xaxis: logAxis("number of inputs d"),
    yaxis: logAxis("time (ms, median)"),
    legend: legendTopLeft,
  },
  run(options) {
    const { quick, onPoint } = runOptions(options, "forwardCost.run");
    const gradient = grad(logSumExp);
    const series = timeSweep(
      {
        sizes: quick ? [10, 30, 100, 300] : [10, 30, 100, 300, 1000, 2000],
        names,
        callsAt: (d) => {
          const w = randn([d], d);
          const seed = ones([d]);
          return [() => gradientByJvps(w), () => jvp(logSumExp, [w], [seed]), () => gradient(w)];
        },
        // d JVPs at d = 2000 take about a second: fewer samples there.
        timing: (d, index) => (index === 0 ? { samples: d >= 1000 ? 3 : 7 } : {}),
      },
      onPoint,
    );
    const [allJvps, oneJvp, reverse] = series;
    const last = allJvps.x.length - 1;
    return {
      series,
      findings: {
        allJvpsSlope: logLogSlope(allJvps.x, allJvps.y),
        oneJvpSlope: logLogSlope(oneJvp.x, oneJvp.y),
        gradSlope: logLogSlope(reverse.x, reverse.y),
        allJvpsOverOneJvp: allJvps.y[last] / oneJvp.y[last],
        allJvpsOverGrad: allJvps.y[last] / reverse.y[last],
      },
    };
  },
};
