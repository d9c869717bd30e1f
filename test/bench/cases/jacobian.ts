/**
 * Case 4: the Jacobian of f(x) = A x with n = 100 inputs and m = 10 ... 1000 outputs, by m reverse
 * passes, by n forward passes, batched, or by copying A (what knowing J = A costs). Reverse costs
 * about m and forward about n matrix-vector products, so reverse should win once m < n, i.e. the
 * crossover sits near m = n.
 */
import { MS, timeRatio, type BenchCase, type Results } from "../case";
import { randomMatrix, randomVector, transpose } from "../data";
import { jacobianForwardLoop, jacobianReverseLoop } from "../plain/jacobian";
import { array, jaxContestant, type JaxArray } from "../peers/jax";
import { tensor, tf, tfContestant, TF_BACKENDS } from "../peers/tfjs";
import { fromAdlab, plain } from "./common";
import type { AdlabEntries } from "../contract";

const N = 100;
const JACREV_JS = "adlab jacrev js";
const inputs = (m: number) => ({ a: randomMatrix(m, N, 41), x: randomVector(N, 42) });

/** adlab's four ways, named for the table. */
const ADLAB_WAYS: [
  keyof AdlabEntries & ("jacobianReverseLoop" | "jacobianForwardLoop" | "jacrev" | "jacfwd"),
  string,
][] = [
  ["jacobianReverseLoop", "adlab reverse loop"],
  ["jacobianForwardLoop", "adlab forward loop"],
  ["jacrev", "adlab jacrev"],
  ["jacfwd", "adlab jacfwd"],
];

/** "m = 70: reverse overtakes forward" from two contestants' times over the measured m. */
function crossover(results: Results, reverse: string, forward: string): string | undefined {
  const ms = results.sizes("4");
  const faster = ms.filter(
    (m) => (results.ms("4", m, reverse) ?? Infinity) < (results.ms("4", m, forward) ?? -Infinity),
  );
  if (ms.every((m) => results.ms("4", m, reverse) === undefined || results.ms("4", m, forward) === undefined))
    return undefined;
  const slower = ms.filter((m) => !faster.includes(m));
  return faster.length === 0
    ? `${reverse} never beats ${forward} for m in ${ms.join(", ")}`
    : `${reverse} beats ${forward} for m <= ${Math.max(...faster)}; slower from m = ${Math.min(...slower.filter((m) => m > Math.max(...faster)), Infinity)} (n = ${N})`;
}

export const jacobian: BenchCase = {
  id: "4",
  name: "jacobian",
  title: "Jacobian of A x (n=100)",
  sizes: (quick) => (quick ? [10, 100, 300] : [10, 30, 100, 300, 1000]),
  sizeLabel: (m) => `m=${m}`,
  work: () => 1,
  unit: MS,
  tolerance: { float64: 1e-12, float32: 1e-5 },
  adlab: "adlab reverse loop",
  baseline: "plain reverse loop",
  async contestants() {
    return [
      plain("plain reverse loop", (m) => {
        const { a, x } = inputs(m);
        return () => jacobianReverseLoop(a, x);
      }),
      plain("plain forward loop", (m) => {
        const { a } = inputs(m);
        return () => jacobianForwardLoop(a);
      }),
      plain("plain copy of A", (m) => {
        const { a } = inputs(m);
        return () => a.data.slice();
      }),
      ...ADLAB_WAYS.map(([key, name]) =>
        fromAdlab(
          key,
          (entry, m) => {
            const { a, x } = inputs(m);
            return { run: entry(a, x) };
          },
          name,
        ),
      ),
      // jacrev is one m x m by m x n product: on the JavaScript kernels, as before the wasm ones
      fromAdlab(
        "jacrev",
        (entry, m) => {
          const { a, x } = inputs(m);
          return { run: entry(a, x) };
        },
        JACREV_JS,
        "js",
      ),
      ...TF_BACKENDS.map((backend) =>
        tfContestant(backend, "vjp loop", (m) => {
          const { a, x } = inputs(m);
          const [aT, xT] = [tensor(a.data, [m, N]), tensor(x, [N, 1])];
          const vjp = tf.grad((v: tf.Tensor) => tf.matMul(aT, v).reshape([m]));
          const u = new Float32Array(m);
          return {
            run() {
              const jac = new Float32Array(m * N);
              for (let i = 0; i < m; i++) {
                u[i] = 1;
                jac.set(vjp(xT, tf.tensor1d(u)).dataSync(), i * N);
                u[i] = 0;
              }
              return jac;
            },
            keep: [aT, xT],
          };
        }),
      ),
      jaxContestant("wasm", "vjp loop", "float64", (jax, m) => {
        const { a, x } = inputs(m);
        const [aJ, xJ] = [array(jax, a.data, [m, N]), array(jax, x, [N])];
        const u = new Float64Array(m);
        return {
          run() {
            const [y, pullback] = jax.vjp((v: JaxArray) => jax.numpy.dot(aJ.ref, v), [xJ.ref]);
            y.dispose();
            const jac = new Float64Array(m * N);
            for (let i = 0; i < m; i++) {
              u[i] = 1;
              const [row] = pullback(array(jax, u, [m]));
              jac.set(row.dataSync(), i * N);
              u[i] = 0;
            }
            pullback.dispose();
            return jac;
          },
          owned: [aJ, xJ],
        };
      }),
      jaxContestant(
        "wasm",
        "jacfwd",
        "float64",
        (jax, m) => {
          const { a, x } = inputs(m);
          const [aJ, xJ] = [array(jax, a.data, [m, N]), array(jax, x, [N])];
          const jacfwd = jax.jacfwd((v: JaxArray) => jax.numpy.dot(aJ.ref, v));
          // jax-js 0.1.25 returns the transpose (n x m) from jacfwd: turned back to m x n here.
          return {
            run: () => transpose({ rows: N, cols: m, data: jacfwd(xJ.ref).dataSync() as Float64Array }).data,
            owned: [aJ, xJ],
          };
        },
        "its n x m result (J^T, a jax-js 0.1.25 quirk) transposed back",
      ),
      jaxContestant("wasm", "jacrev", "float64", (jax, m) => {
        const { a, x } = inputs(m);
        const [aJ, xJ] = [array(jax, a.data, [m, N]), array(jax, x, [N])];
        const jacrev = jax.jacrev((v: JaxArray) => jax.numpy.dot(aJ.ref, v));
        return { run: () => jacrev(xJ.ref).dataSync(), owned: [aJ, xJ] };
      }),
    ];
  },
  targets: [
    {
      text: "adlab reverse loop / plain reverse loop at m = 1000 <= 1.2",
      measure: timeRatio("4", "adlab reverse loop", "plain reverse loop", 1000),
      limit: 1.2,
      atMost: true,
    },
    {
      text: "tfjs-cpu vjp loop / adlab reverse loop at m = 1000 >= 5",
      measure: timeRatio("4", "tfjs-cpu vjp loop", "adlab reverse loop", 1000),
      limit: 5,
      atMost: false,
    },
    {
      text: "adlab reverse loop / adlab jacrev at m = 1000 >= 3",
      measure: timeRatio("4", "adlab reverse loop", "adlab jacrev", 1000),
      limit: 3,
      atMost: false,
    },
    {
      text: "adlab forward loop / adlab jacfwd at m = 1000 >= 3",
      measure: timeRatio("4", "adlab forward loop", "adlab jacfwd", 1000),
      limit: 3,
      atMost: false,
    },
    {
      text: "jacrev on JavaScript kernels / on wasm kernels at m = 1000 >= 3",
      measure: timeRatio("4", JACREV_JS, "adlab jacrev", 1000),
      limit: 3,
      atMost: false,
    },
  ],
  findings: (results) =>
    [
      crossover(results, "plain reverse loop", "plain forward loop"),
      crossover(results, "adlab reverse loop", "adlab forward loop"),
      crossover(results, "adlab jacrev", "adlab jacfwd"),
    ]
      .filter((line): line is string => line !== undefined)
      .map((line) => `case 4 crossover: ${line}`),
};
