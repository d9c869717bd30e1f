/**
 * Case 11 (issue 14): the scalar chain x <- sin(x) * 1.0001 + 0.5 x written with foriLoop and compiled
 * by jit, against the same chain written by hand: jit(f) against plain evaluation, jit of the JVP
 * against it too, jit(grad(f)) (a forward sweep storing one number a step, a backward sweep), and the
 * loop's gradient without jit against today's unrolled chain (one record per operation).
 */
import * as ad from "../../../lib";
import type { Value } from "../../../lib";
import { ADLAB, NS_PER_OP, timeRatio, type BenchCase } from "../case";
import { ChainTape, OPS_PER_STEP, chainDual, chainValue } from "../plain/chain";
import { fromAdlab, plain } from "./common";

const X0 = 0.3;
const ID = "11";

const sizes = (quick: boolean) => [quick ? 100_000 : 1_000_000];

const JIT = `${ADLAB} jit(f)`;
const JIT_JVP = `${ADLAB} jit(jvp)`;
const JIT_GRAD = `${ADLAB} jit(grad(f))`;
const LOOP_GRAD = `${ADLAB} grad, foriLoop`;
const UNROLLED_GRAD = `${ADLAB} grad, unrolled`;

/** Milliseconds to trace and compile jit(grad(f)) of the chain and run it once on one step (median of 5). */
function compileMs(): number {
  const times: number[] = [];
  for (let k = 0; k < 5; k++) {
    const start = performance.now();
    ad.jit(
      ad.grad((x: Value) => ad.foriLoop(0, 1, (_i, y: Value) => ad.add(ad.mul(ad.sin(y), 1.0001), ad.mul(0.5, y)), x)),
    )(X0);
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[2];
}

export const chainJit: BenchCase = {
  id: ID,
  name: "chain-jit",
  title: "scalar chain with foriLoop, compiled",
  sizes,
  sizeLabel: (steps) => `${(steps * OPS_PER_STEP).toExponential(0)} ops (${steps} steps)`,
  work: (steps) => steps * OPS_PER_STEP,
  unit: NS_PER_OP,
  tolerance: { float64: 1e-12, float32: 1e-5 },
  baseline: "plain eval",
  adlab: (contestant) => (contestant.includes("dual") ? JIT_JVP : contestant.includes("reverse") ? JIT_GRAD : JIT),
  async contestants() {
    return [
      plain("plain eval", (steps) => () => chainValue(X0, steps)),
      plain("plain dual (value + tangent)", (steps) => ({
        run: () => chainDual(X0, steps),
        expected: chainDual(X0, steps),
      })),
      plain("plain reverse (typed-array tape)", (steps) => {
        const tape = new ChainTape(1 + OPS_PER_STEP * steps);
        return { run: () => tape.valueAndDerivative(X0, steps), expected: chainDual(X0, steps) };
      }),
      fromAdlab("chainJit", (entry, steps) => ({ run: entry(X0, steps) }), JIT),
      fromAdlab("chainJitJvp", (entry, steps) => ({ run: entry(X0, steps), expected: chainDual(X0, steps) }), JIT_JVP),
      fromAdlab(
        "chainJitGrad",
        (entry, steps) => ({ run: entry(X0, steps), expected: chainDual(X0, steps)[1] }),
        JIT_GRAD,
      ),
      fromAdlab(
        "chainLoopGrad",
        (entry, steps) => ({ run: entry(X0, steps), expected: chainDual(X0, steps) }),
        LOOP_GRAD,
      ),
      // a quarter of the steps (one record per operation, 4·10⁶ of them would take 100 MB): compared per op
      fromAdlab(
        "chainReverse",
        (entry, steps) => ({
          run: entry(X0, steps / 4),
          work: steps,
          expected: chainDual(X0, steps / 4),
        }),
        UNROLLED_GRAD,
      ),
    ];
  },
  targets: [
    { text: "jit(f) / plain eval <= 1.1", measure: timeRatio(ID, JIT, "plain eval"), limit: 1.1, atMost: true },
    {
      text: "jit of the JVP / plain eval <= 1.3",
      measure: timeRatio(ID, JIT_JVP, "plain eval"),
      limit: 1.3,
      atMost: true,
    },
    { text: "jit(grad(f)) / plain eval <= 2", measure: timeRatio(ID, JIT_GRAD, "plain eval"), limit: 2, atMost: true },
    {
      text: "grad of the foriLoop chain / grad of the unrolled chain <= 1",
      measure: timeRatio(ID, LOOP_GRAD, UNROLLED_GRAD),
      limit: 1,
      atMost: true,
    },
  ],
  findings: () => [`case ${ID}: tracing and compiling jit(grad(f)) of the chain takes ${compileMs().toFixed(1)} ms`],
};
