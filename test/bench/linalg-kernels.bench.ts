/**
 * Micro-benchmark of the dense kernels in lib/linalg (run: npx tsx test/bench/linalg-kernels.bench.ts).
 * Prints numbers only; no assertions (timings depend on the machine).
 */
import { luFactor, luSolve, solve } from "../../lib/linalg/lu";
import { mat } from "../../lib/kernels/mat";
import { matmulInto } from "../../lib/kernels/matmul";
import { svd } from "../../lib/linalg/svd";

function randomArray(length: number, seed: number): Float64Array {
  let state = seed >>> 0;
  const out = new Float64Array(length);
  for (let i = 0; i < length; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    out[i] = state / 2 ** 32 - 0.5;
  }
  return out;
}

/**
 * Fastest wall time in ms of `run` over at least 30 repetitions or ~0.5 s (after 10 warm-up runs,
 * which V8 needs before it optimises the slower kernels such as the SVD sweeps).
 * The minimum, not the median: other processes share the machine's two cores, and they only
 * ever add time.
 */
function bestMs(run: () => void): number {
  for (let i = 0; i < 10; i++) run();
  const times: number[] = [];
  const start = performance.now();
  while (times.length < 30 || (performance.now() - start < 500 && times.length < 200)) {
    const t0 = performance.now();
    run();
    times.push(performance.now() - t0);
  }
  return Math.min(...times);
}

function benchMatmul(): void {
  for (const n of [64, 128, 256, 512]) {
    const a = randomArray(n * n, 1);
    const b = randomArray(n * n, 2);
    const out = new Float64Array(n * n);
    const row: string[] = [];
    for (const [transA, transB] of [
      [false, false],
      [true, false],
      [false, true],
    ] as const) {
      const ms = bestMs(() => matmulInto(out, a, b, n, n, n, transA, transB));
      row.push(`${transA ? "A^T" : "A"}${transB ? "B^T" : "B"} ${((2 * n ** 3) / ms / 1e6).toFixed(2)}`);
    }
    console.log(`matmul n=${n}: GFLOP/s ${row.join(", ")}`);
  }
}

function benchLU(): void {
  for (const n of [100, 200, 400]) {
    const a = mat(n, n, randomArray(n * n, 3));
    const b = randomArray(n, 4);
    const solveMs = bestMs(() => solve(a, b));
    const factorMs = bestMs(() => luFactor(a));
    const factors = luFactor(a);
    const reuseMs = bestMs(() => luSolve(factors, b));
    const reuseTransposedMs = bestMs(() => luSolve(factors, b, true));
    console.log(
      `LU n=${n}: solve ${solveMs.toFixed(3)} ms, factor ${factorMs.toFixed(3)} ms, ` +
        `luSolve reuse ${reuseMs.toFixed(3)} ms (A^T: ${reuseTransposedMs.toFixed(3)} ms) = ` +
        `${(reuseMs / factorMs).toFixed(3)}x the factorisation`,
    );
  }
}

function benchSvd(): void {
  for (const [m, n] of [
    [200, 100],
    [100, 200],
    [100, 100],
    [400, 50],
  ]) {
    const a = mat(m, n, randomArray(m * n, 5));
    console.log(`SVD ${m}x${n}: ${bestMs(() => svd(a)).toFixed(2)} ms`);
  }
}

benchMatmul();
benchLU();
benchSvd();
