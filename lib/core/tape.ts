/**
 * The tape (Wengert list) of reverse mode.
 *
 * Every recorded value gets an index. Scalar steps — an elementwise primitive on plain numbers,
 * by far the most common step in scalar programs — are stored in typed arrays as up to two
 * parents and their local partial derivatives (numbers computed while recording), so a chain of
 * a million steps costs 25 bytes a step and no object per step. Every other step keeps a small
 * record: the primitive, its inputs and output, and what its forward pass saved for the VJP; its
 * slot's first parent field holds the record's place in `steps`.
 */
import type { Value } from "./value";
import type { Primitive, Saved } from "./primitive";

/** A recorded step that is not a scalar step: replayed through the primitive's VJP rule. */
export interface GeneralStep {
  readonly prim: Primitive;
  readonly primals: readonly Value[];
  readonly out: Value;
  readonly params: unknown;
  readonly saved: Saved | undefined;
  /** The tape index of each argument, or -1 for a constant. */
  readonly parents: readonly number[];
}

const memory = { live: 0, peak: 0 };

/**
 * Bytes held by tapes right now and at most since the last reset: 25 bytes a recorded step (in
 * blocks of 64), and for a general step also the bytes of the output it keeps.
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

function account(bytes: number): void {
  memory.live += bytes;
  // Stryker disable next-line EqualityOperator: at equality the peak is already live
  if (memory.live > memory.peak) memory.peak = memory.live;
}

/** Bytes a slot of the typed arrays takes: two Int32 parents, two Float64 partials, one flag byte. */
const SLOT_BYTES = 25;
/** Slots are counted in blocks of this many (one check a step, not one update). */
const SLOTS_PER_COUNT = 64;
/** Flags of a recorded value. */
export const NUMBER = 1;
export const GENERAL = 2;
export const INPUT = 4;

interface Slots {
  parentA: Int32Array;
  parentB: Int32Array;
  weightA: Float64Array;
  weightB: Float64Array;
  flags: Uint8Array;
}

const emptySlots = (n: number): Slots => ({
  parentA: new Int32Array(n),
  parentB: new Int32Array(n),
  weightA: new Float64Array(n),
  weightB: new Float64Array(n),
  flags: new Uint8Array(n),
});

/**
 * The arrays of the last recycled tape, handed to the next tape: a training loop or a benchmark
 * records tapes of the same size again and again, and growing the arrays anew each time cost
 * about a third of the recording time of a scalar chain.
 */
let spare: Slots | null = null;

export class Tape implements Slots {
  length = 0;
  parentA: Int32Array;
  parentB: Int32Array;
  weightA: Float64Array;
  weightB: Float64Array;
  /** NUMBER where the value is a plain number (its adjoint lives in a Float64Array); GENERAL for a general step; INPUT for an input. */
  flags: Uint8Array;
  /** The records of the general steps, in tape order. */
  readonly steps: GeneralStep[] = [];
  private bytes = 0;
  private released = false;

  constructor() {
    const slots = spare ?? emptySlots(64);
    spare = null;
    ({ parentA: this.parentA, parentB: this.parentB, weightA: this.weightA, weightB: this.weightB, flags: this.flags } = slots);
  }

  /**
   * Releases the tape and passes its arrays to the next tape. For a transform that owns the tape
   * (grad, jacrev, checkpoint): the tape must not be read again; it is left empty, so a tracer that
   * escaped its transform can only record into an empty tape of its own.
   */
  recycle(): void {
    this.release();
    // Stryker disable next-line EqualityOperator,ConditionalExpression: which arrays the next tape gets is a speed matter: a tape grows full arrays, and counts its bytes by the slots it uses, not by their capacity
    if (spare === null || spare.flags.length < this.flags.length) {
      spare = { parentA: this.parentA, parentB: this.parentB, weightA: this.weightA, weightB: this.weightB, flags: this.flags };
    }
    ({ parentA: this.parentA, parentB: this.parentB, weightA: this.weightA, weightB: this.weightB, flags: this.flags } = emptySlots(64));
    this.length = 0;
    this.steps.length = 0;
  }

  /** Records an input (a leaf: no parents). The tape only refers to the input, so it takes one slot. */
  leaf(value: Value): number {
    // Stryker disable next-line UnaryOperator: inputs are recorded before any step, so a parent 1 is a slot the sweep has passed, and its weight is 0
    return this.push(-1, 0, -1, 0, INPUT | (typeof value === "number" ? NUMBER : 0));
  }

  /** Records a scalar step out = f(a, b) with ∂out/∂a = wa and ∂out/∂b = wb (parent -1: constant). */
  scalar(a: number, wa: number, b: number, wb: number): number {
    return this.push(a, wa, b, wb, NUMBER);
  }

  /** Records any other step; it keeps its output, which counts towards the tape's memory. */
  step(step: GeneralStep): number {
    // Stryker disable next-line UnaryOperator: a general step's parentB is never read (its parents are in the record)
    const i = this.push(this.steps.length, 0, -1, 0, GENERAL | (typeof step.out === "number" ? NUMBER : 0));
    this.steps.push(step);
    this.count(bytesOf(step.out) + 64);
    return i;
  }

  /** The record of the general step at tape index i. */
  generalStep(i: number): GeneralStep {
    return this.steps[this.parentA[i]];
  }

  /** Gives the tape's bytes back to the memory account (the tape stays readable). */
  release(): void {
    if (this.released) return;
    this.released = true;
    memory.live -= this.bytes;
  }

  /** Size of the tape: steps, of which general, and bytes held. */
  stats(): { steps: number; general: number; bytes: number } {
    return { steps: this.length, general: this.steps.length, bytes: this.bytes };
  }

  private push(a: number, wa: number, b: number, wb: number, flags: number): number {
    const i = this.length;
    if (i === this.flags.length) this.grow();
    if ((i & (SLOTS_PER_COUNT - 1)) === 0) this.count(SLOTS_PER_COUNT * SLOT_BYTES);
    this.parentA[i] = a;
    this.weightA[i] = wa;
    this.parentB[i] = b;
    this.weightB[i] = wb;
    this.flags[i] = flags;
    this.length = i + 1;
    return i;
  }

  private count(bytes: number): void {
    this.bytes += bytes;
    // Stryker disable next-line ConditionalExpression: nothing records into a released tape: its trace has ended, and bind refuses an ended trace
    if (!this.released) account(bytes);
  }

  /** Doubles the typed arrays. */
  private grow(): void {
    const n = this.flags.length * 2;
    const grown = <A extends { set(a: A): void }>(old: A, fresh: A): A => (fresh.set(old), fresh);
    this.parentA = grown(this.parentA, new Int32Array(n));
    this.parentB = grown(this.parentB, new Int32Array(n));
    this.weightA = grown(this.weightA, new Float64Array(n));
    this.weightB = grown(this.weightB, new Float64Array(n));
    this.flags = grown(this.flags, new Uint8Array(n));
  }
}

function bytesOf(v: Value): number {
  return typeof v === "number" ? 8 : "data" in v ? v.data.byteLength : 8;
}
