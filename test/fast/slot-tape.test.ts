// The slot tape's own bookkeeping: slots, general steps, the bytes it holds, the memory account and the
// arrays a recycled tape hands to the next one.
import { describe, it, expect } from "vitest";
import * as ad from "../../lib";
import { stepRecord } from "../core/step-record";
import { SlotTape as Tape } from "../../lib/fast/slot-tape";
import { scalarStepAsRecord } from "../../lib/fast/scale";

describe("SlotTape", () => {
  it("counts its slots in blocks of 64 (25 bytes each) and each general step's output plus 64 bytes", () => {
    const tape = new Tape();
    tape.leaf(1);
    tape.step(stepRecord(ad.zeros([10])));
    tape.step(stepRecord(2));
    expect(tape.stats()).toEqual({ steps: 3, general: 2, bytes: 64 * 25 + (80 + 64) + (8 + 64) });
    expect(tape.generalStep(1).out).toEqual(ad.zeros([10]));
    expect(tape.generalStep(2).out).toBe(2);
    tape.release();
  });

  it("gives its bytes back once when released, and the peak stays the fullest point", () => {
    ad.resetTapeMemory();
    const before = ad.tapeMemory();
    const big = new Tape();
    big.step(stepRecord(ad.zeros([1000])));
    const full = ad.tapeMemory().live;
    expect(full - before.live).toBe(64 * 25 + 8000 + 64);
    big.release();
    big.release();
    expect(ad.tapeMemory().live).toBe(before.live);
    const small = new Tape();
    small.leaf(1);
    expect(ad.tapeMemory().peak).toBe(full); // a smaller tape later does not lower the peak
    small.release();
  });

  it("hands the arrays of the largest recycled tape to the next tape", () => {
    const big = new Tape();
    for (let i = 0; i < 200; i++) big.leaf(i);
    expect(big.flags.length).toBe(256);
    const small = new Tape();
    big.recycle();
    small.recycle(); // smaller: the spare arrays stay the big tape's
    expect([big.length, big.records.length, big.flags.length]).toEqual([0, 0, 64]);
    const next = new Tape();
    expect(next.flags.length).toBe(256);
    next.release();
  });

  it("records a scalar chain in typed arrays: 25 bytes a slot", () => {
    ad.resetTapeMemory();
    const before = ad.tapeMemory().live;
    const chain = (x: ad.Value) => {
      for (let i = 0; i < 1000; i++) x = ad.add(ad.mul(ad.sin(x), 1.0001), ad.mul(0.5, x));
      return x;
    };
    ad.grad(chain)(0.3);
    const peak = ad.tapeMemory().peak - before;
    expect(peak).toBeGreaterThanOrEqual(4000 * 24);
    expect(peak).toBeLessThanOrEqual(4096 * 25 * 1.01);
  });
});

describe("the sweep with numbers in a Float64Array", () => {
  it("reads a rank-0 Tensor cotangent of a number output as its number", () => {
    const [, pullback] = ad.vjp((x: ad.Value) => ad.mul(x, x), 3);
    expect(pullback(ad.scalar(2))).toEqual([12]);
  });

  it("never evaluates or pushes forward a scalar slot read as a record (only its VJP exists)", () => {
    const step = scalarStepAsRecord(0, 2, -1, 0);
    expect(() => step.prim.impl([], step.params, {})).toThrow("internal: a scalar slot is never evaluated again");
    expect(() => step.prim.jvp([], [], 0, step.params)).toThrow(
      "internal: a scalar slot is never differentiated forwards",
    );
    expect(step.prim.vjp(5, [0, 0], 0, step.params, { saved: undefined, needs: [true, false] })).toEqual([10, 0]);
  });
});
