/**
 * The tape (Wengert list) of reverse mode.
 *
 * Every recorded value gets an index. Scalar steps — an elementwise primitive on plain numbers,
 * by far the most common step in scalar programs — are stored in typed arrays as up to two
 * parents and their local partial derivatives (numbers computed while recording), so a chain of
 * a million steps costs 25 bytes a step and no object per step. Every other step keeps a small
 * record: the primitive, its inputs and output, and what its forward pass saved for the VJP.
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
 * Bytes held by tapes right now and at most since the last reset: the typed arrays of scalar
 * steps by capacity (25 bytes a slot), and for a general step the bytes of the output it keeps.
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
  if (memory.live > memory.peak) memory.peak = memory.live;
}

/** Bytes a slot of the typed arrays takes: two Int32 parents, two Float64 partials, one flag byte. */
const SLOT_BYTES = 25;
/** Flags of a recorded value. */
export const NUMBER = 1;
export const GENERAL = 2;

export class Tape {
  length = 0;
  parentA = new Int32Array(64);
  parentB = new Int32Array(64);
  weightA = new Float64Array(64);
  weightB = new Float64Array(64);
  /** NUMBER where the value is a plain number (its adjoint lives in a Float64Array); GENERAL for a general step. */
  flags = new Uint8Array(64);
  readonly general = new Map<number, GeneralStep>();
  private bytes = 0;
  private released = false;

  constructor() {
    this.count(this.flags.length * SLOT_BYTES);
  }

  /** Records an input (a leaf: no parents). The tape only refers to the input, so it takes one slot. */
  leaf(value: Value): number {
    return this.push(-1, 0, -1, 0, typeof value === "number" ? NUMBER : 0);
  }

  /** Records a scalar step out = f(a, b) with ∂out/∂a = wa and ∂out/∂b = wb (parent -1: constant). */
  scalar(a: number, wa: number, b: number, wb: number): number {
    return this.push(a, wa, b, wb, NUMBER);
  }

  /** Records any other step; it keeps its output, which counts towards the tape's memory. */
  step(step: GeneralStep): number {
    const i = this.push(-1, 0, -1, 0, GENERAL | (typeof step.out === "number" ? NUMBER : 0));
    this.general.set(i, step);
    this.count(bytesOf(step.out) + 64);
    return i;
  }

  /** Gives the tape's bytes back to the memory account (the tape stays readable). */
  release(): void {
    if (this.released) return;
    this.released = true;
    memory.live -= this.bytes;
  }

  /** Size of the tape: steps, of which general, and bytes held. */
  stats(): { steps: number; general: number; bytes: number } {
    return { steps: this.length, general: this.general.size, bytes: this.bytes };
  }

  private push(a: number, wa: number, b: number, wb: number, flags: number): number {
    const i = this.length;
    if (i === this.flags.length) this.grow();
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
    if (!this.released) account(bytes);
  }

  /** Doubles the typed arrays (memory is counted by capacity: that is what is allocated). */
  private grow(): void {
    const n = this.flags.length * 2;
    this.count((n - this.flags.length) * SLOT_BYTES);
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
