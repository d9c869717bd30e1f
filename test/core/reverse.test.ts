import { describe, it, expect } from "vitest";
import * as ad from "../../lib";
import type { Value } from "../../lib";

const chain = (steps: number) => (x0: Value) => {
  let x = x0;
  for (let i = 0; i < steps; i++) x = ad.add(ad.mul(ad.sin(x), 1.0001), ad.mul(0.5, x));
  return x;
};

describe("reverse mode on long scalar chains", () => {
  it("differentiates a chain of 10^6 operations without overflowing the stack, and agrees with forward mode", () => {
    const f = chain(250_000); // 4 primitive operations a step
    const rev = ad.grad(f)(0.3) as number;
    const fwd = ad.jvp(f, [0.3], [1])[1] as number;
    expect(Number.isFinite(rev)).toBe(true);
    expect(rev).toBeCloseTo(fwd, 10);
  }, 30_000); // the reference path (the "reference" test project) records each operation as a step

  it("matches the exact derivative of a short chain", () => {
    // x -> sin(x) * 1.0001 + 0.5 x has derivative 1.0001 cos(x) + 0.5
    let x = 0.3;
    let d = 1;
    for (let i = 0; i < 100; i++) {
      d *= 1.0001 * Math.cos(x) + 0.5;
      x = Math.sin(x) * 1.0001 + 0.5 * x;
    }
    expect(ad.grad(chain(100))(0.3)).toBeCloseTo(d, 12);
  });

  it("gives gradients of tensors with the tensor's shape, and of parameter lists", () => {
    const W = ad.tensor([
      [1, 2],
      [3, 4],
    ]);
    const b = ad.tensor([0.5, -0.5]);
    const loss = ([w, c]: Value[]) => ad.sum(ad.tanh(ad.add(ad.matmul(w, ad.tensor([1, 1])), c)));
    const [gW, gb] = ad.grad(loss)([W, b]) as ad.Tensor[];
    expect(gW.shape).toEqual([2, 2]);
    expect(gb.shape).toEqual([2]);
    const s = [3.5, 6.5].map((z) => 1 - Math.tanh(z) ** 2);
    expect(Array.from(gb.data)).toEqual(s.map((v) => expect.closeTo(v, 14)));
    expect(Array.from(gW.data)).toEqual([s[0], s[0], s[1], s[1]].map((v) => expect.closeTo(v, 14)));
  });

  it("accepts several argnums and returns one gradient each", () => {
    const [gx, gy] = ad.grad((x: Value, y: Value) => ad.mul(ad.sin(x), y), [0, 1])(0.5, 2) as number[];
    expect(gx).toBeCloseTo(2 * Math.cos(0.5), 14);
    expect(gy).toBeCloseTo(Math.sin(0.5), 14);
  });

  it("reuses a finished tape's arrays, and a tracer that escaped its grad cannot disturb a later one", () => {
    let escaped: Value = 0;
    ad.grad((x: Value) => ((escaped = x), ad.mul(x, x)))(3);
    const later = (y: Value) => {
      expect(() => ad.mul(escaped, 2)).toThrow(/mul: this value was traced by a grad that has already returned/);
      return ad.mul(ad.sin(y), ad.cos(y));
    };
    expect(ad.grad(later)(0.5)).toBeCloseTo(Math.cos(1), 14);
    expect(ad.grad(chain(100))(0.3)).toBeCloseTo(ad.jvp(chain(100), [0.3], [1])[1] as number, 12);
  });
});

describe("reverse mode on long chains of tiny tensors", () => {
  it("gives the same gradient as on numbers, entry by entry", () => {
    const f = (x: Value) => ad.sum(chain(1000)(x));
    const g = ad.grad(f)(ad.tensor([0.3, -0.7])) as ad.Tensor;
    expect(g.data[0]).toBeCloseTo(ad.grad(f)(0.3) as number, 14);
    expect(g.data[1]).toBeCloseTo(ad.grad(f)(-0.7) as number, 14);
  });
});

describe("the reverse engine's edges", () => {
  it("an output that is a constant, or a value traced only by an outer transform, keeps what it is", () => {
    expect(ad.vjp(() => 3, 1)[0]).toBe(3);
    // f returns 2y, traced by the outer grad only: the inner vjp hands it on, still traced
    expect(ad.grad((y: Value) => ad.vjp(() => ad.mul(y, 2), 1)[0] as Value)(5)).toBe(2);
  });

  it("a pullback given one plain and one traced cotangent differentiates through the traced one", () => {
    const [, pullback] = ad.vjp((x: Value) => [ad.sin(x), ad.cos(x)], 2);
    // d/dc [c cos 2 - sin 2] = cos 2
    expect(ad.grad((c: Value) => pullback([c, 1])[0] as Value)(0.5)).toBeCloseTo(Math.cos(2), 15);
    expect(ad.grad((c: Value) => pullback([1, c])[0] as Value)(0.5)).toBeCloseTo(-Math.sin(2), 15);
  });

  it("a rule's cotangent for a number may be a rank-0 Tensor", () => {
    const f = ad.customVjp(
      (x: Value) => ad.mul(x, 2),
      () => [new ad.Tensor(new Float64Array([3]), [])],
    );
    expect(ad.grad(f)(1.5)).toBe(3);
  });

  it("records no step for a primitive without derivative: its output is a constant of the trace", () => {
    const t = ad.traceScalar((x) => ad.mul(x, ad.gt(x, 0)), { x: 2 });
    expect(t.nodes.map((n) => [n.id, n.kind, n.value])).toEqual([
      ["x", "input", 2],
      ["c1", "const", 1],
      ["L", "op", 2],
    ]);
    expect(ad.grad((x: Value) => ad.mul(x, ad.gt(x, 0)))(2)).toBe(1);
  });
});
