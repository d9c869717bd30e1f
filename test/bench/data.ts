/**
 * Reproducible inputs for the benchmarks: every contestant of a case gets the same numbers.
 */
import type { Matrix } from "./contract";

/**
 * A seeded generator of uniform numbers in [-1, 1) (mulberry32: small, fast, good enough for test data).
 * @example const next = uniform(7); next(); // same sequence on every run
 */
export function uniform(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) / 4294967296) * 2 - 1;
  };
}

/**
 * A vector of `length` seeded uniform numbers in [-scale, scale).
 * @example randomVector(3, 1); // Float64Array(3)
 */
export function randomVector(length: number, seed: number, scale = 1): Float64Array {
  const next = uniform(seed);
  const out = new Float64Array(length);
  for (let i = 0; i < length; i++) out[i] = next() * scale;
  return out;
}

/**
 * A rows x cols matrix of seeded uniform numbers in [-scale, scale).
 * @example randomMatrix(2, 3, 1).data.length; // 6
 */
export function randomMatrix(rows: number, cols: number, seed: number, scale = 1): Matrix {
  return { rows, cols, data: randomVector(rows * cols, seed, scale) };
}

/**
 * The row-major transpose of `a`.
 * @example transpose({ rows: 1, cols: 2, data: new Float64Array([1, 2]) }).rows; // 2
 */
export function transpose(a: Matrix): Matrix {
  const out = new Float64Array(a.data.length);
  for (let i = 0; i < a.rows; i++) for (let j = 0; j < a.cols; j++) out[j * a.rows + i] = a.data[i * a.cols + j];
  return { rows: a.cols, cols: a.rows, data: out };
}
