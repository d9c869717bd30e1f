/**
 * The tape (Wengert list) of reverse mode: one record per step, in the order the steps ran.
 *
 * A step keeps what its VJP rule needs later: the primitive, its argument values and output, its
 * parameters, and the tape index of each argument (-1 for a constant). Inputs are recorded too,
 * as indices without a step, so that a sweep can hand their cotangents back.
 */
import type { Value } from "./value";
import type { Primitive, Saved } from "./primitive";

/** A recorded step, replayed backwards through its primitive's VJP rule. */
export interface Step {
  readonly prim: Primitive;
  readonly primals: readonly Value[];
  readonly out: Value;
  readonly params: unknown;
  /** What the forward computation saved for the VJP rule (fast layer only; the reference keeps none). */
  readonly saved: Saved | undefined;
  /** The tape index of each argument, or -1 for a constant. */
  readonly parents: readonly number[];
}

/** What a backward sweep reads: the step recorded at each index (null for an input). */
export interface Steps {
  readonly length: number;
  stepAt(i: number): Step | null;
}

/** A tape a reverse-mode trace records into. */
export interface RecordingTape extends Steps {
  /** Records an input; returns its index. */
  leaf(value: Value): number;
  /** Records a step; returns the index of its output. */
  step(step: Step): number;
  /** Gives the tape's bytes back to the memory account (the tape stays readable). */
  release(): void;
  /** Releases the tape for good: it is left empty (a transform that owns it has finished). */
  recycle(): void;
  /** Size of the tape: steps, of which general (recorded as records), and bytes held. */
  stats(): { steps: number; general: number; bytes: number };
}

const memory = { live: 0, peak: 0 };

/**
 * Bytes held by tapes right now and at most since the last reset (the outputs a tape keeps, and
 * its bookkeeping).
 * @example resetTapeMemory(); grad(f)(x); tapeMemory().peak
 */
export function tapeMemory(): { live: number; peak: number } {
  return { ...memory };
}

/**
 * Starts a new peak measurement.
 * @example resetTapeMemory(); grad(f)(x); tapeMemory().peak  // bytes at the fullest point
 */
export function resetTapeMemory(): void {
  memory.peak = memory.live;
}

/** The bytes one tape holds, counted into the account until the tape is released. */
export class TapeBytes {
  total = 0;
  private released = false;

  add(bytes: number): void {
    this.total += bytes;
    // Stryker disable next-line ConditionalExpression: nothing records into a released tape: its trace has ended, and bind refuses an ended trace
    if (this.released) return;
    memory.live += bytes;
    // Stryker disable next-line EqualityOperator: at equality the peak is already live
    if (memory.live > memory.peak) memory.peak = memory.live;
  }

  release(): void {
    if (this.released) return;
    this.released = true;
    memory.live -= this.total;
  }
}

/** Bytes a step keeps: its output, and a record's worth of bookkeeping. */
export function bytesOfStep(out: Value): number {
  return (typeof out === "number" ? 8 : "data" in out ? out.data.byteLength : 8) + 64;
}

/** The reference tape: an array of records. */
export class Tape implements RecordingTape {
  private records: (Step | null)[] = [];
  private readonly bytes = new TapeBytes();

  get length(): number {
    return this.records.length;
  }

  leaf(_value: Value): number {
    this.records.push(null);
    this.bytes.add(8);
    return this.records.length - 1;
  }

  step(step: Step): number {
    this.records.push(step);
    this.bytes.add(bytesOfStep(step.out));
    return this.records.length - 1;
  }

  stepAt(i: number): Step | null {
    return this.records[i];
  }

  release(): void {
    this.bytes.release();
  }

  recycle(): void {
    this.release();
    this.records = [];
  }

  stats(): { steps: number; general: number; bytes: number } {
    return {
      steps: this.records.length,
      general: this.records.filter((r) => r !== null).length,
      bytes: this.bytes.total,
    };
  }
}
