/**
 * The second core for large products: a helper thread (worker_threads) instantiates the same
 * module on the same shared memory and computes one half of C while the main thread computes the
 * other. They meet through a control block at the start of memory, with Atomics: the main thread
 * writes the helper's arguments, raises the job flag and wakes it, runs its half, then sleeps until
 * the helper lowers the flag. No messages, so the call stays synchronous.
 *
 * The helper starts on the first product large enough to share, in the background (that product
 * and any until it is ready run on one core), is unref'ed so it never keeps a process alive, and is
 * never started on a one-core machine or while forbidden (`useHelperThread(false)`, ADLAB_THREADS=1).
 */
import os from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { type Kernels, kernelsFolder } from "./module";

/**
 * Below this many multiply-adds (m n k, a 128 x 128 x 128 product) a product stays on one thread:
 * waking the helper, waiting for it and its own packing of B would be more than a few percent of
 * its half.
 */
export const PARALLEL_MIN_WORK = 128 * 128 * 128;

let enabled = process.env.ADLAB_THREADS !== "1";

/**
 * Allows or forbids the helper thread (ADLAB_THREADS=1 starts with it forbidden); a helper
 * already running just sits idle. Returns the previous setting.
 * @example
 *   const before = useHelperThread(false); // ... one core ...
 *   useHelperThread(before);
 */
export function useHelperThread(on: boolean): boolean {
  const before = enabled;
  enabled = on;
  return before;
}

/** Control block (int32 slots, byte 0 of memory): shared with helper.cjs. */
const READY = 0;
const JOB = 1;
const FAILED = 2;
const ARGS = 3;

/** The arguments of the module's `gemm`, in its order. */
export type GemmArgs = [
  m: number,
  n: number,
  k: number,
  a: number,
  lda: number,
  transA: number,
  b: number,
  ldb: number,
  transB: number,
  c: number,
  ldc: number,
  negate: number,
  work: number,
];

let helper: Int32Array | null | undefined; // the control block; null: no helper on this machine

/**
 * True when a product of `work` multiply-adds should be split and a helper is ready; starts the
 * helper (in the background) the first time a product is large enough.
 */
export function helperReady(k: Kernels, work: number): boolean {
  if (!enabled || work < PARALLEL_MIN_WORK) return false;
  if (helper === undefined) helper = startHelper(k);
  return helper !== null && Atomics.load(helper, READY) === 1;
}

/**
 * Resolves when the helper thread is ready (true) or cannot run here (false); for tests and
 * benchmarks that want both cores from the first product on.
 * @example
 *   await helperStarted(kernels);
 */
export async function helperStarted(k: Kernels): Promise<boolean> {
  if (!enabled) return false;
  if (helper === undefined) helper = startHelper(k);
  while (helper !== null && Atomics.load(helper, READY) === 0) await new Promise((resolve) => setTimeout(resolve, 2));
  return helper !== null && Atomics.load(helper, READY) === 1;
}

/**
 * Runs `gemm` split in two along the longer side of C: rows [0, half) here and the rest on the
 * helper (or columns), each half with its own workspace. Call only after `helperReady`.
 */
export function gemmOnBothCores(k: Kernels, args: GemmArgs, helperWork: number): void {
  const control = helper as Int32Array;
  const [mine, theirs] = splitGemm(args, helperWork);
  control.set(theirs, ARGS);
  Atomics.store(control, JOB, 1);
  Atomics.notify(control, JOB);
  k.exports.gemm(...mine);
  Atomics.wait(control, JOB, 1);
  if (Atomics.load(control, FAILED) === 1) {
    // The helper hit an error: its half is done here instead, and the helper is not used again.
    helper = null;
    const again: GemmArgs = [...theirs];
    again[12] = mine[12];
    k.exports.gemm(...again);
  }
}

/**
 * The two halves of C += s op(A) op(B): a split of C's rows takes rows of op(A), a split of its
 * columns takes columns of op(B); the cut falls on a multiple of 4 (the micro-kernel's tile), so
 * below 4 rows or columns the helper's half is empty.
 */
export function splitGemm(args: GemmArgs, helperWork: number): [GemmArgs, GemmArgs] {
  const [m, n, k, a, lda, transA, b, ldb, transB, c, ldc, negate, work] = args;
  if (m >= n) {
    const half = Math.min(m, Math.ceil(m / 8) * 4);
    const aRest = a + 8 * (transA ? half : half * lda);
    return [
      [half, n, k, a, lda, transA, b, ldb, transB, c, ldc, negate, work],
      [m - half, n, k, aRest, lda, transA, b, ldb, transB, c + 8 * half * ldc, ldc, negate, helperWork],
    ];
  }
  const half = Math.min(n, Math.ceil(n / 8) * 4);
  const bRest = b + 8 * (transB ? half * ldb : half);
  return [
    [m, half, k, a, lda, transA, b, ldb, transB, c, ldc, negate, work],
    [m, n - half, k, a, lda, transA, bRest, ldb, transB, c + 8 * half, ldc, negate, helperWork],
  ];
}

function startHelper(k: Kernels): Int32Array | null {
  if (os.availableParallelism() < 2) return null;
  try {
    const control = new Int32Array(k.memory.buffer, 0, ARGS + 13);
    // Plain JavaScript: no loader of the parent's (tsx, vitest) is needed, so none is inherited.
    const worker = new Worker(path.join(kernelsFolder(), "helper.cjs"), {
      workerData: { compiled: k.module, memory: k.memory },
      execArgv: [],
    });
    worker.unref();
    worker.on("error", () => {
      helper = null;
    });
    return control;
  } catch {
    return null;
  }
}
