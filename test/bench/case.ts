/**
 * What a benchmark case declares (sizes, work, unit, contestants, targets) and the table of results
 * that targets and findings read from.
 */
import type { Contestant, Failure, Timing, Tolerance } from "./harness";

/** A contestant that cannot run here, shown as "n/a" with the reason (e.g. adlab's entry not yet filled). */
export interface Missing {
  name: string;
  missing: string;
}

/** How a time is shown: e.g. nanoseconds per primitive op, or GFLOP/s. */
export interface Unit {
  label: string;
  fromMs(ms: number, work: number): number;
}

/** A speed target from issue 5, measured from the results; `undefined` when a contestant is missing. */
export interface Target {
  text: string;
  measure(results: Results): number | undefined;
  limit: number;
  atMost: boolean;
}

export interface BenchCase {
  /** Issue 5's case number plus a letter when one case has several parts, e.g. "5b". */
  id: string;
  /** Name accepted on the command line to run this case alone (several parts may share it). */
  name: string;
  title: string;
  sizes(quick: boolean): number[];
  sizeLabel(size: number): string;
  /** Work units of one run at `size` (primitive ops, flops, ...), used by `unit` and for ratios. */
  work(size: number): number;
  unit: Unit;
  tolerance: Tolerance;
  /**
   * adlab's contestant in the "adlab / this" column for a row, when the case has several
   * (e.g. the one doing the same mode); "adlab" by default.
   */
  adlab?: string | ((contestant: string) => string);
  /** The contestant whose time is the "x plain" yardstick for a row; the first contestant by default. */
  baseline?: string | ((contestant: string) => string);
  /** The reference (a plain baseline) first: every other output is checked against it. */
  contestants(quick: boolean): Promise<(Contestant | Missing)[]>;
  /**
   * Rows measured outside the harness's round robin, for what cannot be repeated in this process
   * (e.g. fresh kernels, each its own process); their medians feed the targets like any other.
   */
  measured?(quick: boolean): Promise<Row[]>;
  targets?: Target[];
  /** Lines of derived results (e.g. the Jacobian crossover), written under the table. */
  findings?(results: Results, quick: boolean): string[];
}

/** One line of the results table. */
export interface Row extends Partial<Timing> {
  caseId: string;
  caseTitle: string;
  size: number;
  sizeLabel: string;
  contestant: string;
  status: "ok" | "n/a" | "WRONG";
  reason?: string;
  unitLabel: string;
  unitValue?: number;
  /** Time per work unit divided by the reference's (the plain baseline). */
  ratioToPlain?: number;
  /** adlab's time per work unit divided by this contestant's (below 1: adlab is faster). */
  adlabOverThis?: number;
}

export const ADLAB = "adlab";

/** Nanoseconds per work unit (e.g. per primitive operation). */
export const NS_PER_OP: Unit = { label: "ns/op", fromMs: (ms, work) => (ms * 1e6) / work };
/** Billions of floating-point operations per second. */
export const GFLOPS: Unit = { label: "GFLOP/s", fromMs: (ms, work) => work / (ms * 1e6) };
/** Milliseconds per run (work = 1). */
export const MS: Unit = { label: "ms", fromMs: (ms) => ms };

/**
 * Lookup over all rows measured so far.
 * @example results.perWork("3", 256, "plain naive ikj"); // ms per flop, or undefined
 */
export class Results {
  constructor(readonly rows: Row[]) {}

  row(caseId: string, size: number, contestant: string): Row | undefined {
    return this.rows.find(
      (r) => r.caseId === caseId && r.size === size && r.contestant === contestant && r.status === "ok",
    );
  }

  /** Median time per work unit, in ms. */
  perWork(caseId: string, size: number, contestant: string): number | undefined {
    const r = this.row(caseId, size, contestant);
    return r?.medianMs === undefined || r.work === undefined ? undefined : r.medianMs / r.work;
  }

  /** Median time of one run, in ms. */
  ms(caseId: string, size: number, contestant: string): number | undefined {
    return this.row(caseId, size, contestant)?.medianMs;
  }

  /** The sizes measured for a case, in order. */
  sizes(caseId: string): number[] {
    return [...new Set(this.rows.filter((r) => r.caseId === caseId).map((r) => r.size))];
  }

  /** `a / b` of two lookups, undefined when either is missing. */
  static ratio(a: number | undefined, b: number | undefined): number | undefined {
    return a === undefined || b === undefined ? undefined : a / b;
  }
}

/**
 * A target's measure: time per work unit of `contestant` in case `caseId` over `other`'s in case
 * `otherCaseId` (same case by default), at `size` (by default the case's largest size measured).
 * @example timeRatio("1", ADLAB, "plain eval"); // adlab's reverse chain over plain evaluation
 */
export function timeRatio(caseId: string, contestant: string, other: string, size?: number, otherCaseId = caseId) {
  return (results: Results): number | undefined => {
    const at = size ?? Math.max(...results.sizes(caseId));
    return Results.ratio(results.perWork(caseId, at, contestant), results.perWork(otherCaseId, at, other));
  };
}

/**
 * A backward pass's time relative to its forward pass: (t_both - t_forward) / t_forward, where case
 * `bothCase` times forward + backward and `forwardCase` the forward alone. It uses the fastest
 * samples, not the medians: a difference of two noisy medians on a shared machine can even come out
 * negative, while other processes only ever add time.
 * @example backwardShare(results, "6a", "6b", "adlab", "adlab", 400); // 0.05: backward is 5% of forward
 */
export function backwardShare(
  results: Results,
  forwardCase: string,
  bothCase: string,
  forwardName: string,
  bothName: string,
  size: number | undefined,
): number | undefined {
  if (size === undefined) return undefined;
  const forward = results.row(forwardCase, size, forwardName)?.minMs;
  const both = results.row(bothCase, size, bothName)?.minMs;
  return forward === undefined || both === undefined ? undefined : (both - forward) / forward;
}

/** Failures turned into rows. */
export function failureRow(base: Omit<Row, "contestant" | "status">, failure: Failure): Row {
  return { ...base, contestant: failure.contestant, status: failure.wrong ? "WRONG" : "n/a", reason: failure.reason };
}
