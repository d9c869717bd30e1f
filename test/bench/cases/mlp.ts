/**
 * Case 5: a 784-128-10 perceptron (tanh, softmax cross-entropy averaged over a batch of 64):
 * forward alone and forward + backward, interleaved in one case so their ratio (what a backward
 * pass costs) is not skewed by a change of machine load. jax-js runs jit-compiled functions, as a
 * jax user would.
 */
import type { MlpBatch, MlpParams } from "../contract";
import { ADLAB, MS, timeRatio, type BenchCase, type Results } from "../case";
import { randomMatrix, randomVector, uniform } from "../data";
import { mlpForward, mlpForwardBackward } from "../plain/mlp";
import { array, jaxContestant, type Jax, type JaxArray } from "../peers/jax";
import { tensor, tf, tfContestant, TF_BACKENDS } from "../peers/tfjs";
import { fromAdlab, perSize, plain, sameMode } from "./common";

const [INPUTS, HIDDEN, CLASSES] = [784, 128, 10];

function inputs(batchSize: number): { params: MlpParams; batch: MlpBatch } {
  const next = uniform(53);
  const labels = Int32Array.from({ length: batchSize }, () => Math.floor(((next() + 1) / 2) * CLASSES));
  return {
    params: {
      w1: randomMatrix(INPUTS, HIDDEN, 51, 1 / Math.sqrt(INPUTS)),
      b1: randomVector(HIDDEN, 52, 0.1),
      w2: randomMatrix(HIDDEN, CLASSES, 54, 1 / Math.sqrt(HIDDEN)),
      b2: randomVector(CLASSES, 55, 0.1),
    },
    batch: { x: randomMatrix(batchSize, INPUTS, 56), labels },
  };
}

function oneHot(labels: Int32Array): Float64Array {
  const out = new Float64Array(labels.length * CLASSES);
  labels.forEach((label, i) => (out[i * CLASSES + label] = 1));
  return out;
}

/** The TensorFlow.js model: parameters as variables, loss by its softmax cross-entropy (mean over the batch). */
function tfModel(batchSize: number) {
  const { params, batch } = inputs(batchSize);
  const w1 = tf.variable(tensor(params.w1.data, [INPUTS, HIDDEN]));
  const b1 = tf.variable(tensor(params.b1, [HIDDEN]));
  const w2 = tf.variable(tensor(params.w2.data, [HIDDEN, CLASSES]));
  const b2 = tf.variable(tensor(params.b2, [CLASSES]));
  const x = tensor(batch.x.data, [batchSize, INPUTS]);
  const labels = tensor(oneHot(batch.labels), [batchSize, CLASSES]);
  const loss = () =>
    tf.losses.softmaxCrossEntropy(
      labels,
      tf.add(tf.matMul(tf.tanh(tf.add(tf.matMul(x, w1), b1)), w2), b2),
    ) as tf.Scalar;
  return { loss, variables: [w1, b1, w2, b2], keep: [w1, b1, w2, b2, x, labels] };
}

/** The jax-js model: loss(params) with params = [w1, b1, w2, b2]; arrays used twice are passed with `.ref`. */
function jaxModel(jax: Jax, batchSize: number) {
  const np = jax.numpy;
  const { params, batch } = inputs(batchSize);
  const owned = [
    array(jax, params.w1.data, [INPUTS, HIDDEN]),
    array(jax, params.b1, [HIDDEN]),
    array(jax, params.w2.data, [HIDDEN, CLASSES]),
    array(jax, params.b2, [CLASSES]),
  ];
  const x = array(jax, batch.x.data, [batchSize, INPUTS]);
  const labels = array(jax, oneHot(batch.labels), [batchSize, CLASSES]);
  const loss = ([w1, b1, w2, b2]: JaxArray[], xs: JaxArray, ys: JaxArray) => {
    const logits = np.add(np.dot(np.tanh(np.add(np.dot(xs, w1), b1)), w2), b2);
    return np.mean(np.negative(np.sum(np.multiply(ys, jax.nn.logSoftmax(logits, -1)), -1)));
  };
  const refs = () => [owned.map((a) => a.ref), x.ref, labels.ref] as const;
  return { loss, refs, owned: [...owned, x, labels] };
}

const NOTE_JAX = "jit; float64 arrays, float32-accurate tanh/exp";
const FORWARD = "forward";
const BOTH = "forward+backward";

/** The plain outputs: [loss] for the forward contestants, [loss, dW1, db1, dW2, db2] for the others. */
const expected = perSize((batchSize) => {
  const { params, batch } = inputs(batchSize);
  const both = mlpForwardBackward(params, batch);
  return { [FORWARD]: mlpForward(params, batch), [BOTH]: both };
});

export const mlp: BenchCase = {
  id: "5",
  name: "mlp",
  title: "MLP 784-128-10",
  sizes: () => [64],
  sizeLabel: (batch: number) => `batch ${batch}`,
  work: () => 1,
  unit: MS,
  tolerance: { float64: 1e-10, float32: 1e-4 },
  baseline: sameMode("plain"),
  adlab: sameMode(ADLAB),
  async contestants() {
    return [
      plain(`plain ${FORWARD}`, (batchSize) => {
        const { params, batch } = inputs(batchSize);
        return { run: () => mlpForward(params, batch), expected: expected(batchSize)[FORWARD] };
      }),
      plain(`plain ${BOTH}`, (batchSize) => {
        const { params, batch } = inputs(batchSize);
        return { run: () => mlpForwardBackward(params, batch), expected: expected(batchSize)[BOTH] };
      }),
      fromAdlab(
        "mlpForward",
        (entry, batchSize) => {
          const { params, batch } = inputs(batchSize);
          return { run: entry(params, batch), expected: expected(batchSize)[FORWARD] };
        },
        `${ADLAB} ${FORWARD}`,
      ),
      fromAdlab(
        "mlpForwardBackward",
        (entry, batchSize) => {
          const { params, batch } = inputs(batchSize);
          return { run: entry(params, batch), expected: expected(batchSize)[BOTH] };
        },
        `${ADLAB} ${BOTH}`,
      ),
      ...TF_BACKENDS.flatMap((backend) => [
        tfContestant(backend, FORWARD, (batchSize) => {
          const { loss, keep } = tfModel(batchSize);
          return { run: () => loss().dataSync(), keep, expected: expected(batchSize)[FORWARD] };
        }),
        tfContestant(backend, BOTH, (batchSize) => {
          const { loss, variables, keep } = tfModel(batchSize);
          return {
            run() {
              const { value, grads } = tf.variableGrads(loss, variables);
              return [value.dataSync(), ...variables.map((v) => grads[v.name].dataSync())];
            },
            keep,
            expected: expected(batchSize)[BOTH],
          };
        }),
      ]),
      jaxContestant(
        "wasm",
        FORWARD,
        "float32",
        (jax, batchSize) => {
          const { loss, refs, owned } = jaxModel(jax, batchSize);
          const forward = jax.jit(loss);
          return { run: () => forward(...refs()).dataSync(), owned, expected: expected(batchSize)[FORWARD] };
        },
        NOTE_JAX,
      ),
      jaxContestant(
        "wasm",
        BOTH,
        "float32",
        (jax, batchSize) => {
          const { loss, refs, owned } = jaxModel(jax, batchSize);
          const forwardBackward = jax.jit(jax.valueAndGrad(loss));
          return {
            run() {
              const [value, grads] = forwardBackward(...refs());
              return [value.dataSync(), ...grads.map((g) => g.dataSync())];
            },
            owned,
            expected: expected(batchSize)[BOTH],
          };
        },
        NOTE_JAX,
      ),
    ];
  },
  targets: [
    {
      text: "forward+backward / forward <= 2.5",
      measure: timeRatio("5", `${ADLAB} ${BOTH}`, `${ADLAB} ${FORWARD}`),
      limit: 2.5,
      atMost: true,
    },
    {
      text: "forward+backward / tfjs-cpu's <= 0.5",
      measure: timeRatio("5", `${ADLAB} ${BOTH}`, `tfjs-cpu ${BOTH}`),
      limit: 0.5,
      atMost: true,
    },
  ],
  findings: (results: Results) =>
    ["plain", ADLAB, "tfjs-cpu", "tfjs-wasm", "jax-js-wasm"].flatMap((who) => {
      const ratio = timeRatio("5", `${who} ${BOTH}`, `${who} ${FORWARD}`)(results);
      return ratio === undefined ? [] : [`case 5 forward+backward / forward, ${who}: ${ratio.toFixed(2)}`];
    }),
};
