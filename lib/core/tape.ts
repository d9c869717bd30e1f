/**
 * The tape (Wengert list) of reverse mode.
 *
 * Every recorded value gets an index. Scalar steps — an elementwise primitive on plain numbers,
 * by far the most common step in scalar programs — are stored in typed arrays as up to two
 * parents and their local partial derivatives (numbers computed while recording), so a chain of
 * a million steps costs 24 bytes a step and no object per step. Every other step keeps a small
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
 * Bytes held by tapes right now and at most since the last reset: a step of a scalar chain
 * counts 24 bytes, a general step the bytes of the output it keeps.
 * @example resetTapeMemory(); grad(f)(x); tapeMemory().peak
 */
export function tapeMemory(): { live: number; peak: number } {
  return { ...memory };
}

/** Starts a new peak measurement. */
export function resetTapeMemory(): void {
  memory.peak = memory.live;
}

function account(bytes: number): void {
  memory.live += bytes;
  if (memory.live > memory.peak) memory.peak = memory.live;
}

export class Tape {
  length = 0;
  parentA = new Int32Array(1024);
  parentB = new Int32Array(1024);
  weightA = new Float64Array(1024);
  weightB = new Float64Array(1024);
  /** 1 where the recorded value is a plain number (its adjoint then lives in a Float64Array). */
  isNumber = new Uint8Array(1024);
  readonly general = new Map<number, GeneralStep>();
  private bytes = 0;
  private released = false;

  /** Records an input (a leaf: no parents). The tape only refers to the input, so it counts as one step. */
  leaf(value: Value): number {
    return this.scalar(-1, 0, -1, 0, typeof value === "number");
  }

  /** Records a scalar step out = f(a, b) with ∂out/∂a = wa and ∂out/∂b = wb (parent -1: constant). */
  scalar(a: number, wa: number, b: number, wb: number, isNumber = true, bytes = 24): number {
    const i = this.length;
    if (i === this.parentA.length) this.grow();
    this.parentA[i] = a;
    this.weightA[i] = wa;
    this.parentB[i] = b;
    this.weightB[i] = wb;
    this.isNumber[i] = isNumber ? 1 : 0;
    this.length = i + 1;
    this.count(bytes);
    return i;
  }

  /** Records any other step. */
  step(step: GeneralStep): number {
    const i = this.scalar(-1, 0, -1, 0, typeof step.out === "number", bytesOf(step.out) + 64);
    this.general.set(i, step);
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

  private count(bytes: number): void {
    this.bytes += bytes;
    if (!this.released) account(bytes);
  }

  private grow(): void {
    const n = this.parentA.length * 2;
    const grown = <A extends { set(a: A): void }>(old: A, fresh: A): A => (fresh.set(old), fresh);
    this.parentA = grown(this.parentA, new Int32Array(n));
    this.parentB = grown(this.parentB, new Int32Array(n));
    this.weightA = grown(this.weightA, new Float64Array(n));
    this.weightB = grown(this.weightB, new Float64Array(n));
    this.isNumber = grown(this.isNumber, new Uint8Array(n));
  }
}

function bytesOf(v: Value): number {
  return typeof v === "number" ? 8 : "data" in v ? v.data.byteLength : 8;
}
