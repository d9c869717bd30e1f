/**
 * Timing sweeps: the median time of a few calls at each size, warmed up first, shared by the
 * experiments that plot time against a dimension.
 */
import type { RunOptions, Series } from "./experiment";
import { type TimeitOptions, median, timeit } from "../measure/timeit";

export interface TimeSweep {
  /** The sizes, in the order measured. */
  sizes: number[];
  /** One series per call, in the order `callsAt` returns them. */
  names: string[];
  /** The calls to time at one size (fresh inputs of that size). */
  callsAt: (size: number) => (() => unknown)[];
  /** timeit's options for call `index` at `size` (default: timeit's own). */
  timing?: (size: number, index: number) => TimeitOptions;
  /** Sizes at most this large are run once untimed first (default: every size up to 300). */
  warmUpTo?: number;
}

/** Calls faster than this (ms) are timed in several rounds at each size. */
const cheapMs = 5;
const rounds = 3;

/**
 * Times every call at every size; returns one series of medians (ms) per call.
 *
 * V8 keeps optimising tensor code long after timeit's own 20 ms warm-up: without a first pass
 * over the small sizes, the first points of a sweep come out several times slow, and a line
 * that should rise with the size falls. And on a shared machine, another process can slow down
 * every sample of a cheap call taken in the same tenth of a second: cheap calls are therefore
 * timed in three rounds taken in turn with the other calls, and the median round is kept.
 */
export function timeSweep(sweep: TimeSweep, onPoint?: RunOptions["onPoint"]): Series[] {
  const { sizes, names, callsAt, timing = () => ({}), warmUpTo = 300 } = sweep;
  for (const size of sizes.filter((s) => s <= warmUpTo)) {
    for (const call of callsAt(size)) timeit(call, { samples: 1, minSampleMs: 50 });
  }
  const series: Series[] = names.map((name) => ({ name, x: [], y: [] }));
  const total = sizes.length * names.length;
  sizes.forEach((size, i) => {
    const calls = callsAt(size);
    const times: number[][] = calls.map(() => []);
    for (let round = 0; round < rounds; round++) {
      calls.forEach((call, s) => {
        if (round > 0 && times[s][0] >= cheapMs) return;
        times[s].push(timeit(call, timing(size, s)).median);
      });
    }
    times.forEach((measured, s) => {
      const ms = median(measured);
      series[s].x.push(size);
      series[s].y.push(ms);
      onPoint?.(s, size, ms, i * names.length + s + 1, total);
    });
  });
  return series;
}
