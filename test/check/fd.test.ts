import { describe, it, expect } from "vitest";
import * as ad from "../../lib";
import type { Value } from "../../lib";

describe("finite differences", () => {
  it("counts d + 1 evaluations one-sided and 2d central", () => {
    const f = (x: Value) => ad.sum(ad.sin(x));
    const x = ad.tensor([0.1, 0.2, 0.3, 0.4]);
    expect(ad.fd(f, x, { method: "forward" }).evals).toBe(5);
    expect(ad.fd(f, x, { method: "backward" }).evals).toBe(5);
    expect(ad.fd(f, x).evals).toBe(8);
  });
  it("central differences are O(h²) accurate, one-sided O(h)", () => {
    const d = Math.cos(1);
    const err = (method: ad.FdMethod, step: number) =>
      Math.abs((ad.fd(ad.sin, 1, { method, step }).value as number) - d);
    expect(err("forward", 1e-3) / err("forward", 1e-4)).toBeCloseTo(10, 0);
    expect(err("central", 1e-2) / err("central", 1e-3)).toBeCloseTo(100, -1);
  });
  it("too small a step loses everything to rounding (the instability the lecture warns about)", () => {
    expect(
      Math.abs((ad.fd(ad.sin, 1, { method: "forward", step: 1e-15 }).value as number) - Math.cos(1)),
    ).toBeGreaterThan(1e-2);
    expect(Math.abs((ad.fd(ad.sin, 1, { method: "forward" }).value as number) - Math.cos(1))).toBeLessThan(1e-7);
  });
  it("gives Jacobians of shape [...out, ...in] that match reverse mode", () => {
    const A = ad.randn([3, 4], 1);
    const f = (x: Value) => ad.tanh(ad.matmul(A, x));
    const x = ad.randn([4], 2);
    const num = ad.fd(f, x).value as ad.Tensor;
    const exact = ad.jacrev(f)(x) as ad.Tensor;
    expect(num.shape).toEqual([3, 4]);
    num.data.forEach((v, i) => expect(v).toBeCloseTo(exact.data[i], 8));
  });
  it("rejects an unknown method or a step that is not positive and finite by name (Infinity gave NaN)", () => {
    expect(() => ad.fd(ad.sin, 1, { method: "centre" as ad.FdMethod })).toThrow(
      /method must be "forward", "backward" or "central", got "centre"/,
    );
    for (const step of [0, -1, Infinity, NaN])
      expect(() => ad.fd(ad.sin, 1, { step })).toThrow(/fd: step must be a positive finite number, got/);
    expect(() => ad.fd(ad.sin, ad.tensor([1, Infinity]))).toThrow(/fd: x holds Infinity at 1, so no finite step fits/);
    expect(() => ad.fd(ad.sin, null as unknown as number)).toThrow(
      /fd: argument 2 must be a number or a Tensor, got null/,
    );
  });
  it("steps forward, backward or both ways as asked (abs at its kink: 1, -1 and 0)", () => {
    expect(ad.fd(ad.abs, 0, { method: "forward" }).value).toBeCloseTo(1, 12);
    expect(ad.fd(ad.abs, 0, { method: "backward" }).value).toBeCloseTo(-1, 12);
    expect(ad.fd(ad.abs, 0).value).toBe(0);
    for (const method of ["forward", "backward", "central"] as const)
      expect(ad.fd(ad.exp, 0, { method }).value).toBeCloseTo(1, 6);
  });
  it("default steps: cbrt(eps) central and sqrt(eps) one-sided, scaled by |x| (near-best accuracy at 1e3)", () => {
    const cube = (x: Value) => ad.mul(x, ad.mul(x, x));
    const relativeError = (method: ad.FdMethod) => Math.abs((ad.fd(cube, 1e3, { method }).value as number) / 3e6 - 1);
    expect(relativeError("central")).toBeLessThan(1e-9);
    expect(relativeError("forward")).toBeLessThan(1e-6);
    expect(Math.abs((ad.fd(ad.exp, 0).value as number) - 1)).toBeLessThan(1e-9);
  });
  it("hands f a number for a number and keeps each evaluation apart (f may return its argument, or refill one buffer)", () => {
    const buffer = ad.zeros([1]);
    const inPlace = (x: Value) => {
      buffer.data[0] = 3 * (x as number);
      return buffer;
    };
    expect((ad.fd(inPlace, 2).value as ad.Tensor).data[0]).toBeCloseTo(3, 6);
    expect(ad.fd((x) => (typeof x === "number" ? ad.mul(x, x) : NaN), 3).value).toBeCloseTo(6, 6);
    expect(
      Array.from((ad.fd((x) => x, ad.tensor([1, 2])).value as ad.Tensor).data).map((v) => Math.round(v * 1e6) / 1e6),
    ).toEqual([1, 0, 0, 1]);
  });
});
