/**
 * Case 3: float64 matrix product of two n x n matrices, in GFLOP/s (2 n^3 flops), against the
 * hand-written i-k-j loop and the register-tiled kernel; adlab on its WebAssembly kernels (both
 * cores for large products, or one) and on its JavaScript kernels; numpy (OpenBLAS) on one and two
 * threads; peers in float32 (TensorFlow.js) and float64 (jax-js on wasm; its cpu backend is an
 * interpreter, about 7 s at n = 256, left out). The slow contestants sit out n = 1024.
 */
import { ADLAB, GFLOPS, timeRatio, type BenchCase, type Missing } from "../case";
import { randomMatrix } from "../data";
import { FULL_BUDGET, QUICK_BUDGET, type Contestant } from "../harness";
import { matmulNaive, matmulTiled } from "../plain/matmul";
import { array, jaxContestant } from "../peers/jax";
import { numpyContestant } from "../peers/numpy";
import { tensor, tf, tfContestant, TF_BACKENDS } from "../peers/tfjs";
import { fromAdlab, plain, slowAbove, type KernelChoice } from "./common";

const inputs = (n: number) => [randomMatrix(n, n, 31), randomMatrix(n, n, 32)];
const [ONE_CORE, JS_KERNELS, NUMPY, NUMPY_2] = ["adlab 1 core", "adlab js", "numpy", "numpy 2 threads"];

export const matmul: BenchCase = {
  id: "3",
  name: "matmul",
  title: "matmul",
  sizes: (quick) => (quick ? [64, 256] : [64, 128, 256, 512, 1024]),
  sizeLabel: (n) => `n=${n}`,
  work: (n) => 2 * n ** 3,
  unit: GFLOPS,
  tolerance: { float64: 1e-12, float32: 1e-5 },
  async contestants(quick) {
    const adlabOn = (name: string, kernels: KernelChoice) =>
      fromAdlab(
        "matmul",
        (entry, n) => {
          const [a, b] = inputs(n);
          return { run: entry(a, b) };
        },
        name,
        kernels,
      );
    const slow = <C extends Contestant | Missing>(contestant: C) => slowAbove(512, contestant);
    const budget = quick ? QUICK_BUDGET : FULL_BUDGET;
    const numpy = (name: string, threads: number) => numpyContestant(name, "matmul", threads, budget, inputs);
    return [
      slow(
        plain("plain naive ikj", (n) => {
          const [a, b] = inputs(n);
          return () => matmulNaive(a, b).data;
        }),
      ),
      slow(
        plain("plain tiled 4x4", (n) => {
          const [a, b] = inputs(n);
          return () => matmulTiled(a, b).data;
        }),
      ),
      adlabOn(ADLAB, "wasm"),
      adlabOn(ONE_CORE, "wasm 1 core"),
      slow(adlabOn(JS_KERNELS, "js")),
      numpy(NUMPY, 1),
      numpy(NUMPY_2, 2),
      ...TF_BACKENDS.map((backend) =>
        slow(
          tfContestant(backend, "", (n) => {
            const [a, b] = inputs(n).map((m) => tensor(m.data, [n, n]));
            return { run: () => tf.matMul(a, b).dataSync(), keep: [a, b] };
          }),
        ),
      ),
      slow(
        jaxContestant("wasm", "", "float64", (jax, n) => {
          const [a, b] = inputs(n).map((m) => array(jax, m.data, [n, n]));
          return { run: () => jax.numpy.matmul(a.ref, b.ref).dataSync(), owned: [a, b] };
        }),
      ),
    ];
  },
  targets: [
    { text: "GFLOP/s at n = 256 >= 3", measure: (r) => r.row("3", 256, ADLAB)?.unitValue, limit: 3, atMost: false },
    {
      text: "tfjs-cpu time / adlab time at n = 256 >= 3.5",
      measure: timeRatio("3", "tfjs-cpu", ADLAB, 256),
      limit: 3.5,
      atMost: false,
    },
    {
      text: "JavaScript kernel time / wasm one-core time at n = 256 >= 3",
      measure: timeRatio("3", JS_KERNELS, ONE_CORE, 256),
      limit: 3,
      atMost: false,
    },
    {
      text: "numpy (1 thread) time / wasm one-core time at n = 256 >= 0.6",
      measure: timeRatio("3", NUMPY, ONE_CORE, 256),
      limit: 0.6,
      atMost: false,
    },
    {
      text: "wasm one-core time / two-core time at n = 1024 >= 1.6",
      measure: timeRatio("3", ONE_CORE, ADLAB, 1024),
      limit: 1.6,
      atMost: false,
    },
  ],
};
