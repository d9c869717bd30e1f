/**
 * Timing a backward pass on its own. A pullback from `vjp` runs once (it releases its tape when
 * it is done), so `timeit`, which calls one function over and over, could time it only together
 * with the recording. Here each sample first records a batch of pullbacks, untimed, and then
 * times calling them; like `timeit`, it warms up first and reports the median of the samples.
 */
import { type Timing, quantile, timingOf } from "./timeit";
import { checkFunction, checkOptions, describe } from "../core/args";

export interface PullbackTimeOptions {
  /** Samples to take (default 7). */
  samples?: number;
  /** Shortest sample in milliseconds; fast pullbacks are batched up to it (default 2). */
  minSampleMs?: number;
}

const shown = (value: unknown) => (typeof value === "number" ? String(value) : describe(value));

/** Milliseconds of one call of the pullback `record()` returns, when it is called once. */
function timeOne(record: () => () => unknown): number {
  const pull = record();
  checkFunction(pull, "timePullback", "what record() returns (the pullback call to time)");
  const start = performance.now();
  pull();
  return performance.now() - start;
}

/**
 * Times the pullbacks that `record` returns (recording each is not counted): milliseconds per
 * backward pass, median and spread over several samples.
 * @example timePullback(() => { const [, pull] = ad.vjp(f, x); return () => pull(1); })
 */
export function timePullback(record: () => () => unknown, options: PullbackTimeOptions = {}): Timing {
  checkFunction(record, "timePullback", "record");
  checkOptions(options, "timePullback");
  const samples = options?.samples ?? 7;
  const minSampleMs = options?.minSampleMs ?? 2;
  if (!(Number.isInteger(samples) && samples >= 1)) {
    throw new RangeError(`timePullback: samples must be a whole number >= 1, got ${shown(samples)}`);
  }
  if (!(typeof minSampleMs === "number" && minSampleMs >= 0 && Number.isFinite(minSampleMs))) {
    throw new RangeError(`timePullback: minSampleMs must be a number >= 0, got ${shown(minSampleMs)}`);
  }
  // Warm-up: the first calls compile the code they run; the median of the later ones says how
  // long a call takes (one call's time alone is at the mercy of a busy machine).
  const warmup: number[] = [];
  const started = performance.now();
  while (warmup.length < 5 || (warmup.length < 100 && performance.now() - started < 20)) warmup.push(timeOne(record));
  const typical = quantile(
    warmup.slice(1).sort((a, b) => a - b),
    0.5,
  );
  const callsPerSample = Math.max(1, Math.ceil(minSampleMs / Math.max(typical, 1e-3)));
  const perCall: number[] = [];
  for (let sample = 0; sample < samples; sample++) {
    const pulls = Array.from({ length: callsPerSample }, record);
    const start = performance.now();
    for (const pull of pulls) pull();
    perCall.push((performance.now() - start) / callsPerSample);
  }
  return timingOf(perCall, callsPerSample);
}
