/**
 * Shared test helpers for the linear-algebra kernels: seeded random matrices and naive
 * reference computations (deliberately the plainest loops, to check the fast kernels against).
 */
import { afterAll, beforeAll, describe, expect } from "vitest";
import { type Mat, mat } from "../../lib/kernels/mat";
import { useWasmKernels, wasmKernels } from "../../lib/kernels/wasm/module";
import { rng } from "../../lib/tensor/random";

/**
 * `describe(name, body)` twice: with the WebAssembly kernels (which must then be available, so a
 * missing build fails here instead of testing the JavaScript loops twice) and with the JavaScript ones.
 */
export function describeBothKernels(name: string, body: () => void): void {
  for (const wasm of [true, false]) {
    describe(`${name} (${wasm ? "WebAssembly" : "JavaScript"} kernels)`, () => {
      let before = true;
      beforeAll(() => {
        before = useWasmKernels(wasm);
        if (wasm) expect(wasmKernels(), "kernels.wasm is built (npm run build:wasm)").not.toBeNull();
      });
      afterAll(() => {
        useWasmKernels(before);
      });
      body();
    });
  }
}

/** A rows x cols matrix of seeded standard-normal entries. */
export function randomMat(rows: number, cols: number, seed: number): Mat {
  const generator = rng(seed);
  const out = mat(rows, cols);
  for (let i = 0; i < out.data.length; i++) out.data[i] = generator.normal();
  return out;
}

/** Entry (i, j) of op(A). */
export function entry(a: Mat, i: number, j: number, trans = false): number {
  return trans ? a.data[j * a.cols + i] : a.data[i * a.cols + j];
}

/** op(A) op(B) by the textbook triple loop. */
export function naiveProduct(a: Mat, b: Mat, transA = false, transB = false): Mat {
  const m = transA ? a.cols : a.rows;
  const k = transA ? a.rows : a.cols;
  const n = transB ? b.rows : b.cols;
  const out = mat(m, n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let sum = 0;
      for (let p = 0; p < k; p++) sum += entry(a, i, p, transA) * entry(b, p, j, transB);
      out.data[i * n + j] = sum;
    }
  }
  return out;
}

/** max_i |x_i - y_i| (throws on a length mismatch so a shape bug cannot pass as "close"). */
export function maxAbsDiff(x: Float64Array, y: Float64Array): number {
  if (x.length !== y.length) throw new Error(`maxAbsDiff: lengths ${x.length} and ${y.length}`);
  let worst = 0;
  for (let i = 0; i < x.length; i++) worst = Math.max(worst, Math.abs(x[i] - y[i]));
  return worst;
}

/** max |Q^T Q - I| over the columns of Q. */
export function orthogonalityError(q: Mat): number {
  const gram = naiveProduct(q, q, true, false);
  let worst = 0;
  for (let i = 0; i < q.cols; i++) {
    for (let j = 0; j < q.cols; j++) {
      worst = Math.max(worst, Math.abs(gram.data[i * q.cols + j] - (i === j ? 1 : 0)));
    }
  }
  return worst;
}
