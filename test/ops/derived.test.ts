// Derived operations: stable at extreme inputs, and differentiable through their primitives.
import { describe, it, expect } from "vitest";
import * as ad from "../../lib";
import type { Value } from "../../lib";

const arr = (x: Value) => Array.from((x as ad.Tensor).data);

describe("derived operations", () => {
  it("logsumexp and softmax do not overflow or underflow", () => {
    expect(ad.logsumexp(ad.tensor([1000, 1000]))).toBeCloseTo(1000 + Math.log(2), 12);
    expect(ad.logsumexp(ad.tensor([-1000, -1000]))).toBeCloseTo(-1000 + Math.log(2), 12);
    expect(arr(ad.softmax(ad.tensor([1000, 0])))).toEqual([1, 0]);
    const g = ad.grad((x: Value) => ad.logsumexp(x))(ad.tensor([1000, 1000]));
    expect(arr(g)).toEqual([0.5, 0.5]);
  });
  it("logsumexp and softmax work along an axis", () => {
    const x = ad.tensor([
      [0, Math.log(3)],
      [1, 1],
    ]);
    expect(arr(ad.logsumexp(x, 1))).toEqual([Math.log(4), 1 + Math.log(2)].map((v) => expect.closeTo(v, 14)));
    expect(arr(ad.softmax(x))).toEqual([0.25, 0.75, 0.5, 0.5].map((v) => expect.closeTo(v, 14)));
  });
  it("sigmoid saturates without NaN, and its derivative is σ(1 - σ)", () => {
    expect(ad.sigmoid(-1000)).toBe(0);
    expect(ad.sigmoid(1000)).toBe(1);
    expect(ad.grad(ad.sigmoid)(-1000)).toBe(0);
    const s = 1 / (1 + Math.exp(-0.3));
    expect(ad.grad(ad.sigmoid)(0.3)).toBeCloseTo(s * (1 - s), 15);
  });
  it("relu has derivative 0 at 0; norm and dot agree with their definitions", () => {
    expect(ad.grad(ad.relu)(0)).toBe(0);
    expect(ad.grad(ad.relu)(2)).toBe(1);
    expect(ad.norm(ad.tensor([3, 4]))).toBe(5);
    expect(ad.dot(ad.tensor([1, 2]), ad.tensor([3, 4]))).toBe(11);
  });
  it("pass checkGrads at order 2", () => {
    const x = ad.randn([3, 4], 1);
    for (const f of [
      ad.sigmoid,
      (v: Value) => ad.logsumexp(v, -1),
      (v: Value) => ad.softmax(v),
      (v: Value) => ad.logSoftmax(v, 0),
      ad.norm,
      ad.square,
    ]) {
      ad.checkGrads(f, [x], { order: 2 });
    }
    ad.checkGrads(ad.dot, [ad.randn([4], 2), ad.randn([4], 3)], { order: 2 });
    ad.checkGrads((v: Value) => ad.mean(v, 0), [x], { order: 2 });
  });
});
