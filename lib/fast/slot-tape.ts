/**
 * The reference tape (core/tape.ts) with scalar steps in typed arrays.
 *
 * Every recorded value gets a slot: up to two parents and their local partial derivatives, and a
 * flag. A scalar step — an elementwise primitive on plain numbers, by far the most common step in
 * scalar programs — is just its slot: the partials were computed while recording, so a chain of a
 * million steps holds no object per step (25 bytes a slot). Every other step keeps its record, as
 * on the reference tape; its slot's first parent field holds the record's place in `records`.
 */
import type { Value } from "../core/value";
import { type RecordingTape, type Step, TapeBytes, bytesOfStep } from "../core/tape";
import { scalarStepAsRecord } from "./scale";

/** Bytes a slot takes: two Int32 parents, two Float64 partials, one flag byte. */
const SLOT_BYTES = 25;
/** Slots are counted in blocks of this many (one check a step, not one update). */
const SLOTS_PER_COUNT = 64;
/** Flags of a slot. */
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
 * The arrays of the last recycled tape, handed to the next tape: a training loop records tapes
 * of the same size again and again, and would otherwise grow new arrays each time.
 */
let spare: Slots | null = null;

export class SlotTape implements Slots, RecordingTape {
  length = 0;
  parentA: Int32Array;
  parentB: Int32Array;
  weightA: Float64Array;
  weightB: Float64Array;
  /**
   * NUMBER where the value is a plain number (its adjoint lives in a Float64Array); GENERAL for a record; INPUT for an
   * input.
   */
  flags: Uint8Array;
  /** The records of the general steps, in tape order. */
  readonly records: Step[] = [];
  private readonly bytes = new TapeBytes();

  constructor() {
    const slots = spare ?? emptySlots(64);
    spare = null;
    ({
      parentA: this.parentA,
      parentB: this.parentB,
      weightA: this.weightA,
      weightB: this.weightB,
      flags: this.flags,
    } = slots);
  }

  /**
   * Releases the tape and passes its arrays to the next tape. The tape must not be read again; it
   * is left empty, so a tracer that escaped its transform can only record into an empty tape.
   */
  recycle(): void {
    this.release();
    // Stryker disable next-line EqualityOperator,ConditionalExpression: which arrays the next tape starts from is a speed matter: tapes grow when full and count bytes by slots used
    if (spare === null || spare.flags.length < this.flags.length) {
      spare = {
        parentA: this.parentA,
        parentB: this.parentB,
        weightA: this.weightA,
        weightB: this.weightB,
        flags: this.flags,
      };
    }
    ({
      parentA: this.parentA,
      parentB: this.parentB,
      weightA: this.weightA,
      weightB: this.weightB,
      flags: this.flags,
    } = emptySlots(64));
    this.length = 0;
    this.records.length = 0;
  }

  /** Records an input (a leaf: no parents). */
  leaf(value: Value): number {
    // Stryker disable next-line UnaryOperator: inputs are recorded before any step, so a parent 1 is a slot the sweep has passed, and its weight is 0
    return this.push(-1, 0, -1, 0, INPUT | (typeof value === "number" ? NUMBER : 0));
  }

  /** Records a scalar step out = f(a, b) with ∂out/∂a = wa and ∂out/∂b = wb (parent -1: constant). */
  scalar(a: number, wa: number, b: number, wb: number): number {
    return this.push(a, wa, b, wb, NUMBER);
  }

  /** Records any other step; it keeps its output, which counts towards the tape's memory. */
  step(step: Step): number {
    // Stryker disable next-line UnaryOperator: a general step's parentB is never read (its parents are in the record)
    const i = this.push(this.records.length, 0, -1, 0, GENERAL | (typeof step.out === "number" ? NUMBER : 0));
    this.records.push(step);
    this.bytes.add(bytesOfStep(step.out));
    return i;
  }

  /** The record of the general step at tape index i. */
  generalStep(i: number): Step {
    return this.records[this.parentA[i]];
  }

  /** The step at index i as the reference sweep reads it: a scalar slot becomes a record of its partials. */
  stepAt(i: number): Step | null {
    const f = this.flags[i];
    if (f & INPUT) return null;
    if (f & GENERAL) return this.generalStep(i);
    return scalarStepAsRecord(this.parentA[i], this.weightA[i], this.parentB[i], this.weightB[i]);
  }

  release(): void {
    this.bytes.release();
  }

  stats(): { steps: number; general: number; bytes: number } {
    return { steps: this.length, general: this.records.length, bytes: this.bytes.total };
  }

  private push(a: number, wa: number, b: number, wb: number, flags: number): number {
    const i = this.length;
    if (i === this.flags.length) this.grow();
    if ((i & (SLOTS_PER_COUNT - 1)) === 0) this.bytes.add(SLOTS_PER_COUNT * SLOT_BYTES);
    this.parentA[i] = a;
    this.weightA[i] = wa;
    this.parentB[i] = b;
    this.weightB[i] = wb;
    this.flags[i] = flags;
    this.length = i + 1;
    return i;
  }

  /** Doubles the typed arrays. */
  private grow(): void {
    const n = this.flags.length * 2;
    const grown = <A extends { set(a: A): void }>(old: A, fresh: A): A => {
      fresh.set(old);
      return fresh;
    };
    this.parentA = grown(this.parentA, new Int32Array(n));
    this.parentB = grown(this.parentB, new Int32Array(n));
    this.weightA = grown(this.weightA, new Float64Array(n));
    this.weightB = grown(this.weightB, new Float64Array(n));
    this.flags = grown(this.flags, new Uint8Array(n));
  }
}
