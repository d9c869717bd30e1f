/**
 * TensorFlow.js as a benchmark peer: the pure-JavaScript CPU backend and the WebAssembly backend
 * (XNNPACK with SIMD; in Node it loads tfjs-backend-wasm-simd.wasm from node_modules with fs, and
 * runs single-threaded because the package disables threads in Node). Float32 only: TensorFlow.js
 * has no float64 tensors, so its results are checked with the float32 tolerance.
 */
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import type { Output } from "../contract";
import type { Contestant, Instance } from "../harness";

export { tf };

export type TfBackend = "cpu" | "wasm";
export const TF_BACKENDS: TfBackend[] = ["cpu", "wasm"];

/**
 * What a TensorFlow.js contestant builds at one size: the timed run (and its work, expected output) and the tensors it
 * keeps.
 */
export interface TfBuild extends Pick<Instance, "run" | "work" | "expected"> {
  keep: tf.TensorContainer[];
}

async function activate(backend: TfBackend): Promise<void> {
  if (tf.getBackend() === backend) return;
  if (!(await tf.setBackend(backend))) throw new Error(`TensorFlow.js backend "${backend}" failed to initialise`);
  await tf.ready();
}

/**
 * A contestant named `tfjs-<backend>` (plus `variant`): `build` runs with the backend active so its
 * tensors live there; each run is wrapped in `tf.tidy` so intermediate tensors are freed, and reads
 * its result with `dataSync` (inside the timing: the work is then surely done).
 * @example tfContestant("cpu", "", (n) => { const a = tf.randomNormal([n, n]); return { run: () => tf.matMul(a,
 *    a).dataSync(), keep: [a] }; });
 */
export function tfContestant(
  backend: TfBackend,
  variant: string,
  build: (size: number) => TfBuild,
  note = "",
): Contestant {
  return {
    name: `tfjs-${backend}${variant ? " " + variant : ""}`,
    precision: "float32",
    note,
    async setup(size) {
      await activate(backend);
      const built = build(size);
      return {
        work: built.work,
        expected: built.expected,
        run() {
          let output: Output = [];
          tf.tidy(() => {
            output = built.run();
          });
          return output;
        },
        enter: () => activate(backend),
        release: () => tf.dispose(built.keep),
      };
    },
  };
}

/**
 * A float32 tensor from float64 data, rounded (TensorFlow.js refuses Float64Array).
 * @example tensor(new Float64Array([1, 2, 3, 4]), [2, 2]);
 */
export function tensor(data: ArrayLike<number>, shape: number[]): tf.Tensor {
  return tf.tensor(Float32Array.from(data), shape, "float32");
}
