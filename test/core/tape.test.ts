// The reference tape's bookkeeping: one record per step, inputs without one, the bytes it holds.
import { describe, it, expect } from "vitest";
import * as ad from "../../lib";
import { stepRecord } from "./step-record";
import { Tape } from "../../lib/core/tape";

describe("Tape", () => {
  it("records inputs without a step and each step's output plus 64 bytes of bookkeeping", () => {
    const tape = new Tape();
    expect(tape.leaf(1)).toBe(0);
    expect(tape.step(stepRecord(ad.zeros([10])))).toBe(1);
    expect(tape.step(stepRecord(2))).toBe(2);
    expect(tape.stats()).toEqual({ steps: 3, general: 2, bytes: 8 + (80 + 64) + (8 + 64) });
    expect(tape.stepAt(0)).toBeNull();
    expect(tape.stepAt(1)!.out).toEqual(ad.zeros([10]));
    expect(tape.stepAt(2)!.out).toBe(2);
    tape.release();
  });

  it("gives its bytes back once when released, and is empty once recycled", () => {
    const before = ad.tapeMemory().live;
    const tape = new Tape();
    tape.step(stepRecord(ad.zeros([1000])));
    expect(ad.tapeMemory().live - before).toBe(8000 + 64);
    tape.release();
    tape.release();
    expect(ad.tapeMemory().live).toBe(before);
    tape.recycle();
    expect(tape.length).toBe(0);
    expect(ad.tapeMemory().live).toBe(before);
  });
});
