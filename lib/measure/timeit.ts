/**
 * Timing a call the way a measurement in a notebook should: warm up first (V8 compiles hot code
 * and the first calls pay for it), run tiny calls in batches long enough for the clock to resolve
 * them, and report the median of several samples with its spread, so one pause of a shared machine
 * moves neither the number nor the curve it belongs to.
 */
import { checkOptions, describe } from "../core/args";

/** Milliseconds per call. */
export interface Timing {
  /** The median sample: what the curves show. */
  median: number;
  /** The fastest sample: the least disturbed one. */
  min: number;
  /** The middle half of the samples lies between q1 and q3. */
  q1: number;
  q3: number;
  /** Samples taken, and calls per sample. */
  samples: number;
  callsPerSample: number;
}

export interface TimeitOptions {
  /** Samples to take (default 7). */
  samples?: number;
  /** Shortest sample in milliseconds; faster calls are batched up to it (default 2). */
  minSampleMs?: number;
  /**
   * Calls before timing, the first of which tells how long a call takes (default: 1 for slow
   * calls, as many as fit in 20 ms for calls under a millisecond).
   */
  warmup?: number;
}

/** A bad option as the message shows it: the number itself, else what kind of value it is. */
const shown = (value: unknown) => (typeof value === "number" ? String(value) : describe(value));

/** The median of values in any order. */
export function median(values: readonly number[]): number {
  return quantile(
    [...values].sort((a, b) => a - b),
    0.5,
  );
}

/** The q-quantile of sorted values, interpolated. */
export function quantile(sorted: number[], q: number): number {
  const at = (sorted.length - 1) * q;
  const below = Math.floor(at);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below] + (sorted[above] - sorted[below]) * (at - below);
}

function positiveInteger(options: TimeitOptions, name: "samples" | "warmup"): number | undefined {
  const value = options[name];
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || value < 1)
    throw new RangeError(`timeit: ${name} must be a whole number >= 1, got ${shown(value)}`);
  return value;
}

/**
 * Times `fn`: milliseconds per call, median and spread over several samples.
 * @example
 * const t = ad.timeit(() => ad.grad(loss)(w));
 * console.log(`${t.median.toFixed(2)} ms (${t.q1.toFixed(2)}–${t.q3.toFixed(2)})`);
 */
export function timeit(fn: () => unknown, options: TimeitOptions = {}): Timing {
  if (typeof fn !== "function") throw new TypeError(`timeit: fn must be a function, got ${describe(fn)}`);
  checkOptions(options, "timeit");
  options ??= {};
  const samples = positiveInteger(options, "samples") ?? 7;
  const warmup = positiveInteger(options, "warmup");
  const minSampleMs = options.minSampleMs ?? 2;
  if (!(typeof minSampleMs === "number" && minSampleMs >= 0 && Number.isFinite(minSampleMs))) {
    throw new RangeError(`timeit: minSampleMs must be a number >= 0, got ${shown(minSampleMs)}`);
  }
  const started = performance.now();
  fn();
  let first = performance.now() - started;
  for (let call = 1; call < (warmup ?? (first < 1 ? Infinity : 1)) && performance.now() - started < 20; call++) {
    const start = performance.now();
    fn();
    first = performance.now() - start;
  }
  // Enough calls per sample that one sample lasts minSampleMs: the clock's grain is a few microseconds.
  const callsPerSample = Math.max(1, Math.ceil(minSampleMs / Math.max(first, 1e-3)));
  const perCall: number[] = [];
  for (let sample = 0; sample < samples; sample++) {
    const start = performance.now();
    for (let call = 0; call < callsPerSample; call++) fn();
    perCall.push((performance.now() - start) / callsPerSample);
  }
  return timingOf(perCall, callsPerSample);
}

/** The median, minimum and quartiles of per-call times (milliseconds), one per sample. */
export function timingOf(perCall: number[], callsPerSample: number): Timing {
  const sorted = [...perCall].sort((a, b) => a - b);
  return {
    median: quantile(sorted, 0.5),
    min: sorted[0],
    q1: quantile(sorted, 0.25),
    q3: quantile(sorted, 0.75),
    samples: sorted.length,
    callsPerSample,
  };
}
