import { describe, expect, it } from "vitest";
import { DomainError, rand, randn, rng, type Rng } from "../../lib/tensor";

const draws = (r: Rng, n: number, f: (r: Rng) => number) => Array.from({ length: n }, () => f(r));

describe("Rng", () => {
  it("same seed gives the same stream; different seeds differ", () => {
    expect(draws(rng(42), 20, (r) => r.uniform())).toEqual(draws(rng(42), 20, (r) => r.uniform()));
    expect(draws(rng(42), 20, (r) => r.uniform())).not.toEqual(draws(rng(43), 20, (r) => r.uniform()));
    expect(draws(rng(1), 5, (r) => r.uniform())).not.toEqual(draws(rng(2 ** 32 + 1), 5, (r) => r.uniform()));
    expect(Array.from(randn([3, 4], 7).data)).toEqual(Array.from(randn([3, 4], 7).data));
    expect(Array.from(rand([5], -3).data)).toEqual(Array.from(rand([5], -3).data));
  });

  it("uniform lies in [0, 1) with mean 1/2 and variance 1/12", () => {
    const u = draws(rng(3), 100000, (r) => r.uniform());
    expect(u.every((v) => v >= 0 && v < 1)).toBe(true);
    const mean = u.reduce((s, v) => s + v, 0) / u.length;
    const variance = u.reduce((s, v) => s + (v - mean) ** 2, 0) / u.length;
    // Standard error of the mean is about 0.29 / sqrt(1e5) ≈ 0.001: 5 standard errors.
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.005);
    expect(Math.abs(variance - 1 / 12)).toBeLessThan(0.002);
  });

  it("normal has mean 0 and variance 1 over 1e5 draws", () => {
    const z = draws(rng(5), 100000, (r) => r.normal());
    const mean = z.reduce((s, v) => s + v, 0) / z.length;
    const variance = z.reduce((s, v) => s + (v - mean) ** 2, 0) / z.length;
    expect(Math.abs(mean)).toBeLessThan(0.016); // 5 standard errors of 1/sqrt(1e5)
    expect(Math.abs(variance - 1)).toBeLessThan(0.025); // 5 standard errors of sqrt(2/1e5)
    expect(z.every(Number.isFinite)).toBe(true);
  });

  it("int covers 0..n-1 evenly", () => {
    const counts = new Array(6).fill(0);
    for (const k of draws(rng(9), 60000, (r) => r.int(6))) counts[k]++;
    counts.forEach((c) => expect(Math.abs(c - 10000)).toBeLessThan(500));
  });

  it("rand scales to [lo, hi) and randn has the requested shape", () => {
    const t = rand([1000], 1, -2, 3);
    expect(t.data.every((v) => v >= -2 && v < 3)).toBe(true);
    expect(randn([2, 3], 0).shape).toEqual([2, 3]);
    expect(rng(0).rand([2], 0, 0).toArray()).toEqual([0, 0]);
  });

  it("rejects bad seeds and arguments", () => {
    expect(() => rng(0.5)).toThrow(DomainError);
    expect(() => rng(NaN)).toThrow("seed must be a safe integer");
    expect(() => rng(1).int(0)).toThrow(DomainError);
    expect(() => rand([2], 0, 1, 0)).toThrow("need finite lo <= hi");
  });
});
