/**
 * Case 3: float64 matrix product of two n x n matrices, in GFLOP/s (2 n^3 flops), against the
 * hand-written i-k-j loop and the register-tiled kernel; peers in float32 (TensorFlow.js) and
 * float64 (jax-js on wasm; its cpu backend is an interpreter, about 7 s at n = 256, left out).
 */
import { ADLAB, GFLOPS, timeRatio, type BenchCase } from "../case";
import { randomMatrix } from "../data";
import { matmulNaive, matmulTiled } from "../plain/matmul";
import { array, jaxContestant } from "../peers/jax";
import { tensor, tf, tfContestant, TF_BACKENDS } from "../peers/tfjs";
import { fromAdlab, plain } from "./common";

const inputs = (n: number) => [randomMatrix(n, n, 31), randomMatrix(n, n, 32)];

export const matmul: BenchCase = {
  id: "3",
  name: "matmul",
  title: "matmul",
  sizes: (quick) => (quick ? [64, 256] : [64, 128, 256, 512]),
  sizeLabel: (n) => `n=${n}`,
  work: (n) => 2 * n ** 3,
  unit: GFLOPS,
  tolerance: { float64: 1e-12, float32: 1e-5 },
  async contestants() {
    return [
      plain("plain naive ikj", (n) => {
        const [a, b] = inputs(n);
        return () => matmulNaive(a, b).data;
      }),
      plain("plain tiled 4x4", (n) => {
        const [a, b] = inputs(n);
        return () => matmulTiled(a, b).data;
      }),
      fromAdlab("matmul", (entry, n) => {
        const [a, b] = inputs(n);
        return { run: entry(a, b) };
      }),
      ...TF_BACKENDS.map((backend) =>
        tfContestant(backend, "", (n) => {
          const [a, b] = inputs(n).map((m) => tensor(m.data, [n, n]));
          return { run: () => tf.matMul(a, b).dataSync(), keep: [a, b] };
        }),
      ),
      jaxContestant("wasm", "", "float64", (jax, n) => {
        const [a, b] = inputs(n).map((m) => array(jax, m.data, [n, n]));
        return { run: () => jax.numpy.matmul(a.ref, b.ref).dataSync(), owned: [a, b] };
      }),
    ];
  },
  targets: [
    { text: "GFLOP/s at n = 256 >= 3", measure: (r) => r.row("3", 256, ADLAB)?.unitValue, limit: 3, atMost: false },
    { text: "tfjs-cpu time / adlab time at n = 256 >= 3.5", measure: timeRatio("3", "tfjs-cpu", ADLAB, 256), limit: 3.5, atMost: false },
  ],
};
