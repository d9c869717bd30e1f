/**
 * The timing loop: contestants of one case size run interleaved (round robin, order rotated each
 * round) after a warm-up, each sample timing enough repetitions to be well above the clock's
 * resolution; the result is the median (with min and interquartile range) of the per-run times.
 * Before any timing, each contestant's output is checked against the reference contestant's.
 */
import type { Output } from "./contract";
import { assertAgrees } from "./agree";

/** Number format of a contestant: float32 peers are checked with a looser tolerance. */
export type Precision = "float64" | "float32";

/** One contestant ready to run at one size (built by `Contestant.setup`). */
export interface Instance {
  /** The timed work; returns what is checked against the reference. */
  run(): Output;
  /** Work units of one run when they differ from the case's (e.g. a peer timed on a shorter chain). */
  work?: number;
  /**
   * What the run must return when it is not the reference's output (a different size or a part of
   * it), computed by plain code independent of the contestant.
   */
  expected?: Output;
  /** Called before each timed block, untimed (e.g. selecting a TensorFlow.js backend). */
  enter?(): void | Promise<void>;
  /** Peak memory in bytes of the last run, as counted by the contestant itself. */
  peakBytes?(): number;
  /** Frees what `setup` allocated outside the JavaScript heap (peer tensors). */
  release?(): void;
  /**
   * Times measured by the contestant itself, in another process (numpy): it then takes no part in
   * the round robin, and `run` only hands back the output it computed, for the check.
   */
  selfTimed?: SelfTiming;
}

/** A peer's own timing of one size, per run in milliseconds, measured like `measureSize` does. */
export interface SelfTiming {
  medianMs: number;
  minMs: number;
  iqrMs: number;
  runsPerSample: number;
  samples: number;
}

/** A named way to do a case's work. */
export interface Contestant {
  name: string;
  precision: Precision;
  /** Shown in the results (e.g. "float32", "shorter chain, per op"). */
  note?: string;
  /** Why this contestant sits out at `size` (e.g. a single run would take seconds), or undefined. */
  skip?(size: number): string | undefined;
  setup(size: number): Instance | Promise<Instance>;
}

/** How long to measure: `quick` trades precision for a run under 30 s. */
export interface Budget {
  sampleMs: number;
  minRounds: number;
  maxRounds: number;
  perSizeMs: number;
  warmupMs: number;
}

export const FULL_BUDGET: Budget = { sampleMs: 15, minRounds: 5, maxRounds: 60, perSizeMs: 1500, warmupMs: 150 };
export const QUICK_BUDGET: Budget = { sampleMs: 4, minRounds: 3, maxRounds: 15, perSizeMs: 250, warmupMs: 30 };

/** Timing of one contestant at one size; times are per run, in milliseconds. */
export interface Timing {
  contestant: string;
  precision: Precision;
  note: string;
  work: number | undefined;
  medianMs: number;
  minMs: number;
  iqrMs: number;
  runsPerSample: number;
  samples: number;
  peakBytes: number | undefined;
}

/** A contestant that could not be measured, with the reason (wrong result, missing feature, error). */
export interface Failure {
  contestant: string;
  reason: string;
  wrong: boolean;
}

/** Tolerances of the output check, relative to max(1, max |reference|). */
export interface Tolerance {
  float64: number;
  float32: number;
}

/**
 * Times `contestants` at one size, interleaved; the first contestant is the reference whose output
 * the others must match.
 * @example
 * const { timings } = await measureSize([plainContestant, peerContestant], 256, { float64: 1e-12, float32: 1e-4 },
 * FULL_BUDGET);
 */
export async function measureSize(
  contestants: Contestant[],
  size: number,
  tolerance: Tolerance,
  budget: Budget,
): Promise<{ timings: Timing[]; failures: Failure[] }> {
  const failures: Failure[] = [];
  const ready: { contestant: Contestant; instance: Instance; runs: number; times: number[] }[] = [];
  const selfTimed: Timing[] = [];
  let reference: Output | undefined;
  for (const contestant of contestants) {
    const skipped = contestant.skip?.(size);
    if (skipped !== undefined) {
      failures.push({ contestant: contestant.name, reason: skipped, wrong: false });
      continue;
    }
    try {
      const instance = await contestant.setup(size);
      await instance.enter?.();
      const output = instance.selfTimed === undefined ? warmUp(instance, budget.warmupMs) : instance.run();
      if (instance.expected !== undefined) assertAgrees(instance.expected, output, tolerance[contestant.precision]);
      else if (reference === undefined) reference = output;
      else assertAgrees(reference, output, tolerance[contestant.precision]);
      if (instance.selfTimed !== undefined) {
        const { name, precision, note } = contestant;
        selfTimed.push({
          contestant: name,
          precision,
          note: note ?? "",
          work: instance.work,
          peakBytes: undefined,
          ...instance.selfTimed,
        });
      } else {
        ready.push({ contestant, instance, runs: runsPerSample(instance, budget.sampleMs), times: [] });
      }
    } catch (error) {
      const wrong = error instanceof Error && error.name === "Disagreement";
      failures.push({
        contestant: contestant.name,
        reason: error instanceof Error ? error.message : String(error),
        wrong,
      });
      if (reference === undefined) break;
    }
  }
  const started = performance.now();
  for (let round = 0; round < budget.maxRounds; round++) {
    const elapsed = performance.now() - started;
    // Enough rounds within the budget, or a very slow contestant: three rounds and two budgets at most.
    if ((round >= budget.minRounds && elapsed > budget.perSizeMs) || (round >= 3 && elapsed > 2 * budget.perSizeMs))
      break;
    for (let k = 0; k < ready.length; k++) {
      const entry = ready[(round + k) % ready.length];
      await entry.instance.enter?.();
      entry.times.push(timeRuns(entry.instance, entry.runs));
    }
  }
  const timings = ready.map(({ contestant, instance, runs, times }) => {
    const sorted = times.slice().sort((a, b) => a - b);
    const timing: Timing = {
      contestant: contestant.name,
      precision: contestant.precision,
      note: contestant.note ?? "",
      work: instance.work,
      medianMs: quantile(sorted, 0.5),
      minMs: sorted[0],
      iqrMs: quantile(sorted, 0.75) - quantile(sorted, 0.25),
      runsPerSample: runs,
      samples: sorted.length,
      peakBytes: instance.peakBytes?.(),
    };
    instance.release?.();
    return timing;
  });
  return { timings: [...timings, ...selfTimed], failures };
}

/**
 * Runs until `ms` have passed (at least once; the calibration run that follows is one more) so the
 * JIT has compiled the hot code; returns the last output.
 */
function warmUp(instance: Instance, ms: number): Output {
  const start = performance.now();
  let output = instance.run();
  while (performance.now() - start < ms) output = instance.run();
  return output;
}

/** Repetitions per sample so that one sample lasts about `sampleMs` (a slow run is its own sample). */
function runsPerSample(instance: Instance, sampleMs: number): number {
  const oneRunMs = timeRuns(instance, 1);
  return Math.max(1, Math.min(1_000_000, Math.round(sampleMs / Math.max(oneRunMs, 1e-4))));
}

/** Time per run, in ms, of `runs` back-to-back runs. */
function timeRuns(instance: Instance, runs: number): number {
  const start = performance.now();
  for (let i = 0; i < runs; i++) instance.run();
  return (performance.now() - start) / runs;
}

/** Linear-interpolated quantile of sorted values. */
function quantile(sorted: number[], q: number): number {
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const above = Math.min(sorted.length - 1, below + 1);
  return sorted[below] + (sorted[above] - sorted[below]) * (position - below);
}
