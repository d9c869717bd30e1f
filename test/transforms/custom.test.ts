import { describe, it, expect } from "vitest";
import * as ad from "../../lib";
import type { Value } from "../../lib";

describe("user-defined rules", () => {
  it("customVjp expresses the lecture's defvjp for multiply, and is used by reverse mode", () => {
    let calls = 0;
    const multiply = ad.customVjp(
      (x, y) => ad.mul(x, y),
      (g, _ans, x, y) => (calls++, [ad.mul(y, g), ad.mul(x, g)]),
    );
    const f = (x: Value, y: Value) => ad.sum(multiply(x, y));
    const x = ad.tensor([1, 2, 3]);
    const y = ad.tensor([[4, 5, 6], [7, 8, 9]]);
    const [gx, gy] = ad.grad(f, [0, 1])(x, y) as ad.Tensor[];
    expect(calls).toBe(1);
    expect(gx.toArray()).toEqual([11, 13, 15]); // broadcast cotangent summed back by the engine
    expect(gy.toArray()).toEqual([[1, 2, 3], [1, 2, 3]]);
    ad.checkGrads(multiply, [x, y], { order: 2 });
  });

  it("customVjp's rule wins even when it disagrees with the function (here: a straight-through estimator)", () => {
    const roundST = ad.customVjp((x) => ad.sub(x, ad.stopGradient(ad.sub(x, ad.tensor([Math.round(2.4)])))), (g) => [g]);
    expect(ad.grad((x: Value) => ad.sum(roundST(x)))(ad.tensor([2.4]))).toEqual(ad.tensor([1]));
  });

  it("customJvp drives forward mode and is transposed for reverse mode", () => {
    let calls = 0;
    const mySin = ad.customJvp((x) => ad.sin(x), ([x], [dx]) => (calls++, ad.mul(ad.cos(x), dx)));
    expect(ad.jvp(mySin, [0.3], [1])[1]).toBeCloseTo(Math.cos(0.3), 14);
    expect(ad.grad(mySin)(0.3)).toBeCloseTo(Math.cos(0.3), 14);
    expect(calls).toBeGreaterThanOrEqual(2);
    ad.checkGrads(mySin, [ad.tensor([0.1, 0.7])], { order: 2 });
  });

  it("checkpoint gives the same gradients with a much smaller tape", () => {
    const W = ad.mul(ad.randn([32, 32], 1), 0.2);
    const layer = (x: Value) => ad.tanh(ad.matmul(W, x));
    const block = (x: Value) => { for (let i = 0; i < 10; i++) x = layer(x); return x; };
    const saved = ad.checkpoint(block);
    const deep = (b: (x: Value) => Value) => (x: Value) => { for (let i = 0; i < 10; i++) x = b(x); return ad.sum(x); };
    const x = ad.randn([32], 2);
    const measure = (b: (x: Value) => Value) => {
      ad.resetTapeMemory();
      const base = ad.tapeMemory().live;
      const g = ad.grad(deep(b))(x) as ad.Tensor;
      return { g, peak: ad.tapeMemory().peak - base };
    };
    const plain = measure(block);
    const ckpt = measure(saved);
    expect(Array.from(ckpt.g.data)).toEqual(Array.from(plain.g.data).map((v) => expect.closeTo(v, 13)));
    expect(ckpt.peak * 4).toBeLessThan(plain.peak);
    ad.checkGrads(saved, [x], { order: 2 });
  });
});
