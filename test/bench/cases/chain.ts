/**
 * Cases 1 and 2: the scalar chain x <- sin(x) * 1.0001 + 0.5 x over 10^6 primitive ops
 * (250 000 steps of 4 ops), differentiated in reverse mode (record + backward) and in forward mode,
 * against evaluating it plainly. Peers whose per-op cost is tens of microseconds run a shorter chain;
 * their time per op is what is compared (an extrapolation, said in their note).
 */
import { ADLAB, NS_PER_OP, timeRatio, type BenchCase } from "../case";
import { ChainTape, OPS_PER_STEP, chainDual, chainDualObjects, chainValue } from "../plain/chain";
import { array, jaxContestant, type Jax, type JaxArray } from "../peers/jax";
import { tf, tfContestant, TF_BACKENDS } from "../peers/tfjs";
import { absent, fromAdlab, plain } from "./common";

const X0 = 0.3;
const EAGER_STEPS = { full: 250, quick: 50 }; // 1000 / 200 ops for the eager peers

const sizes = (quick: boolean) => [quick ? 50_000 : 250_000];
const sizeLabel = (steps: number) => `${(steps * OPS_PER_STEP).toExponential(0)} ops (${steps} steps)`;
const work = (steps: number) => steps * OPS_PER_STEP;

/** The chain written with jax-js ops; `x` is consumed (jax-js move semantics). */
function jaxChain(jax: Jax, x: JaxArray, steps: number): JaxArray {
  const np = jax.numpy;
  for (let t = 0; t < steps; t++) x = np.add(np.multiply(np.sin(x.ref), 1.0001), np.multiply(x, 0.5));
  return x;
}

/** A peer timed on `steps` (a shorter chain), checked against the plain tape at that length. */
function shortChain(steps: number, run: () => number[]) {
  return { run, work: work(steps), expected: new ChainTape(1 + OPS_PER_STEP * steps).valueAndDerivative(X0, steps) };
}

const shortNote = (quick: boolean) =>
  `${EAGER_STEPS[quick ? "quick" : "full"] * OPS_PER_STEP} ops, per-op time extrapolated`;

/** What the two chain cases share: sizes, units, tolerance and the plain-evaluation baseline. */
const chainCommon = {
  sizes,
  sizeLabel,
  work,
  unit: NS_PER_OP,
  tolerance: { float64: 1e-12, float32: 1e-5 },
  baseline: "plain eval",
} as const;

export const chainReverse: BenchCase = {
  id: "1",
  name: "chain-reverse",
  title: "scalar chain, reverse",
  ...chainCommon,
  async contestants(quick) {
    const eager = EAGER_STEPS[quick ? "quick" : "full"];
    return [
      plain("plain reverse (typed-array tape)", (steps) => {
        const tape = new ChainTape(1 + OPS_PER_STEP * steps);
        return () => tape.valueAndDerivative(X0, steps);
      }),
      plain("plain reverse, object per op", (steps) => {
        const tape = new ChainTape(1 + OPS_PER_STEP * steps);
        return () => tape.valueAndDerivativeWithHandles(X0, steps);
      }),
      plain("plain eval", (steps) => ({ run: () => chainValue(X0, steps), expected: chainDual(X0, steps)[0] })),
      fromAdlab("chainReverse", (entry, steps) => ({ run: entry(X0, steps) })),
      fromAdlab("chainReverseTiny", (entry, steps) => ({ run: entry(X0, steps) }), "adlab, on a [2] tensor"),
      ...TF_BACKENDS.map((backend) =>
        tfContestant(
          backend,
          "grad",
          () => {
            const [scale, half] = [tf.scalar(1.0001), tf.scalar(0.5)];
            const chain = (x: tf.Tensor) => {
              for (let t = 0; t < eager; t++) x = tf.add(tf.mul(tf.sin(x), scale), tf.mul(x, half));
              return x;
            };
            const valueAndGrad = tf.valueAndGrad(chain);
            const built = shortChain(eager, () => {
              const { value, grad } = valueAndGrad(tf.scalar(X0));
              return [value.dataSync()[0], grad.dataSync()[0]];
            });
            return { ...built, keep: [scale, half] };
          },
          shortNote(quick),
        ),
      ),
      jaxContestant(
        "wasm",
        "valueAndGrad",
        "float32",
        (jax) => {
          const x0 = array(jax, new Float64Array([X0]), []);
          const valueAndGrad = jax.valueAndGrad((x: JaxArray) => jaxChain(jax, x, eager));
          const built = shortChain(eager, () => {
            const [value, grad] = valueAndGrad(x0.ref);
            return [value.dataSync()[0], grad.dataSync()[0]];
          });
          return { ...built, owned: [x0] };
        },
        `float64 arrays, float32-accurate sin; ${shortNote(quick)}`,
      ),
    ];
  },
  targets: [
    {
      text: "reverse (record + backward) / plain eval <= 3",
      measure: timeRatio("1", ADLAB, "plain eval"),
      limit: 3,
      atMost: true,
    },
  ],
  findings: (results) => {
    const tiny = timeRatio("1", "adlab, on a [2] tensor", ADLAB)(results);
    return tiny === undefined
      ? []
      : [`case 1: in reverse mode an op on a [2] tensor costs ${tiny.toFixed(1)}x an op on a number`];
  },
};

export const chainForward: BenchCase = {
  id: "2",
  name: "chain-forward",
  title: "scalar chain, forward",
  ...chainCommon,
  async contestants(quick) {
    const eager = EAGER_STEPS[quick ? "quick" : "full"];
    return [
      plain("plain dual (value + tangent)", (steps) => () => chainDual(X0, steps)),
      plain("plain dual, object per op", (steps) => () => chainDualObjects(X0, steps)),
      plain("plain eval", (steps) => ({ run: () => chainValue(X0, steps), expected: chainDual(X0, steps)[0] })),
      fromAdlab("chainForward", (entry, steps) => ({ run: entry(X0, steps) })),
      absent("tfjs", "TensorFlow.js has no forward mode (no jvp)"),
      jaxContestant(
        "wasm",
        "jvp",
        "float32",
        (jax) => {
          const [x0, dx0] = [array(jax, new Float64Array([X0]), []), array(jax, new Float64Array([1]), [])];
          const built = shortChain(eager, () => {
            const [value, tangent] = jax.jvp((x: JaxArray) => jaxChain(jax, x, eager), [x0.ref], [dx0.ref]);
            return [value.dataSync()[0], tangent.dataSync()[0]];
          });
          return { ...built, owned: [x0, dx0] };
        },
        `float64 arrays, float32-accurate sin; ${shortNote(quick)}`,
      ),
    ];
  },
  targets: [
    {
      text: "forward mode / plain eval <= 1.3",
      measure: timeRatio("2", ADLAB, "plain eval"),
      limit: 1.3,
      atMost: true,
    },
  ],
};
