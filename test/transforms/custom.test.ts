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
    const y = ad.tensor([
      [4, 5, 6],
      [7, 8, 9],
    ]);
    const [gx, gy] = ad.grad(f, [0, 1])(x, y) as ad.Tensor[];
    expect(calls).toBe(1);
    expect(gx.toArray()).toEqual([11, 13, 15]); // broadcast cotangent summed back by the engine
    expect(gy.toArray()).toEqual([
      [1, 2, 3],
      [1, 2, 3],
    ]);
    ad.checkGrads(multiply, [x, y], { order: 2 });
  });

  it("customVjp's rule wins even when it disagrees with the function (here: a straight-through estimator)", () => {
    const roundST = ad.customVjp(
      (x) => ad.sub(x, ad.stopGradient(ad.sub(x, ad.tensor([Math.round(2.4)])))),
      (g) => [g],
    );
    expect(ad.grad((x: Value) => ad.sum(roundST(x)))(ad.tensor([2.4]))).toEqual(ad.tensor([1]));
  });

  it("customJvp drives forward mode and is transposed for reverse mode", () => {
    let calls = 0;
    const mySin = ad.customJvp(
      (x) => ad.sin(x),
      ([x], [dx]) => (calls++, ad.mul(ad.cos(x), dx)),
    );
    expect(ad.jvp(mySin, [0.3], [1])[1]).toBeCloseTo(Math.cos(0.3), 14);
    expect(ad.grad(mySin)(0.3)).toBeCloseTo(Math.cos(0.3), 14);
    expect(calls).toBeGreaterThanOrEqual(2);
    ad.checkGrads(mySin, [ad.tensor([0.1, 0.7])], { order: 2 });
  });

  it("checkpoint gives the same gradients with a much smaller tape", () => {
    const W = ad.mul(ad.randn([32, 32], 1), 0.2);
    const layer = (x: Value) => ad.tanh(ad.matmul(W, x));
    const block = (x: Value) => {
      for (let i = 0; i < 10; i++) x = layer(x);
      return x;
    };
    const saved = ad.checkpoint(block);
    const deep = (b: (x: Value) => Value) => (x: Value) => {
      for (let i = 0; i < 10; i++) x = b(x);
      return ad.sum(x);
    };
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

describe("a custom rule whose result has the wrong shape is refused, naming the function, the argument and both shapes", () => {
  const x = ad.tensor([1, 2]);
  it("customVjp: a [2, 2] cotangent for a [2] argument (it gave a number)", () => {
    const mySin = ad.customVjp(
      function sinOf(v) {
        return ad.sin(v);
      },
      () => [ad.zeros([2, 2])],
    );
    const message =
      /customVjp\(sinOf\): the VJP rule's cotangent for argument 1 has shape \[2, 2\] but must have shape \[2\]/;
    expect(() => ad.grad((v: Value) => ad.sum(mySin(v)))(x)).toThrow(message);
    const batched = ad.customVjp(
      function sinOf(v) {
        return ad.sin(v);
      },
      () => [ad.zeros([3])],
    );
    expect(() => ad.jacrev(batched)(x)).toThrow(
      /customVjp\(sinOf\): .*has shape \[3\] but must have shape \[2\] \(behind the batch axes \[2\]\)/,
    );
    expect(() => ad.vjp(mySin, x)[1](ad.ones([2]))).toThrow(message);
  });
  it("customVjp: the output's shape is accepted when the argument broadcasts to it, and anything else named", () => {
    const scale = ad.customVjp(
      (s, v) => ad.mul(s, v),
      (g, _out, s, v) => [ad.mul(g, v), ad.mul(g, s)],
    );
    expect(ad.grad((s: Value) => ad.sum(scale(s, x)))(2)).toBe(3); // a [2] cotangent for the number s, summed back
    const wrong = ad.customVjp(
      (s, v) => ad.mul(s, v),
      (g) => [ad.sum(g), ad.tensor([1, 2, 3])],
    );
    expect(() => ad.grad((v: Value) => ad.sum(wrong(2, v)))(x)).toThrow(
      /customVjp\(f\): the VJP rule's cotangent for argument 2 has shape \[3\] but must have shape \[2\]/,
    );
    const noArray = ad.customVjp(
      (v) => ad.sin(v),
      (g) => g as unknown as Value[],
    );
    expect(() => ad.grad(noArray)(1)).toThrow(
      /customVjp\(f\): the VJP rule must return an array of 1 cotangent\(s\), one per argument, got number/,
    );
  });
  it("customJvp: a tangent of the wrong shape, in forward and in reverse mode", () => {
    const myExp = ad.customJvp(
      function expOf(v) {
        return ad.exp(v);
      },
      ([v], [dv]) => ad.sum(ad.mul(ad.exp(v), dv)),
    );
    const message = /customJvp\(expOf\): the JVP rule's tangent of the output has shape \[\] but must have shape \[2\]/;
    expect(() => ad.jvp(myExp, [x], [ad.ones([2])])).toThrow(message);
    expect(() => ad.grad((v: Value) => ad.sum(myExp(v)))(x)).toThrow(message);
    expect(() => ad.jacfwd(myExp)(x)).toThrow(
      /customJvp\(expOf\): .*shape \[\] but must have shape \[2\] \(behind the batch axes \[2\]\)/,
    );
  });
  it("the library keeps working after the error", () => {
    const before = ad.tapeMemory().live;
    const wrong = ad.customVjp(
      (v) => ad.sin(v),
      () => [ad.zeros([3])],
    );
    expect(() => ad.vjp(wrong, x)[1](ad.ones([2]))).toThrow(/has shape \[3\]/);
    expect(ad.tapeMemory().live).toBe(before);
    expect(ad.grad((v: Value) => ad.sum(ad.sin(v)))(x)).toEqual(ad.cos(x));
  });
});

describe("custom rules and broadcasting, batches and missing tangents", () => {
  const data = (x: Value) => Array.from((x as ad.Tensor).data);
  it("a VJP rule may return a broadcast argument's cotangent in the output's shape: the engine sums it back", () => {
    // y of shape [2, 1] (a unit axis) and [2, 3] behind a leading axis: both broadcast to the output
    for (const [xShape, yShape] of [
      [
        [2, 3],
        [2, 1],
      ],
      [
        [4, 2, 3],
        [2, 3],
      ],
    ] as const) {
      const add = ad.customVjp(
        (x, y) => ad.add(x, y),
        (g) => [g, g],
      );
      const [x, y] = [ad.rng(1).randn([...xShape]), ad.rng(2).randn([...yShape])];
      const [, gy] = ad.grad((a: Value, b: Value) => ad.sum(ad.mul(ad.sin(add(a, b)), ad.tensor([1, 2, 3]))), [0, 1])(
        x,
        y,
      ) as Value[];
      const want = ad.grad((b: Value) => ad.sum(ad.mul(ad.sin(ad.add(x, b)), ad.tensor([1, 2, 3]))))(y);
      data(gy).forEach((v, i) => expect(v).toBeCloseTo(data(want)[i], 12));
    }
  });
  it("an argument the output does not broadcast from must get its own shape back (sum of a vector)", () => {
    const total = ad.customVjp(
      (v) => ad.sum(v),
      (g) => [g],
    );
    expect(() => ad.grad(total)(ad.ones([3]))).toThrow(
      /^customVjp\(f\): the VJP rule's cotangent for argument 1 has shape \[\] but must have shape \[3\]$/,
    );
  });
  it("a VJP rule may return null for an argument: a zero cotangent", () => {
    const scale = ad.customVjp(
      (x, y) => ad.mul(x, y),
      (g, _out, _x, y) => [ad.mul(g, y), null],
    );
    expect(ad.grad((x: Value, y: Value) => scale(x, y), [0, 1])(2, 3)).toEqual([3, 0]);
  });
  it("batched Jacobians call the rules with batch axes in front, and say so when a rule's shape is wrong", () => {
    const mySin = ad.customVjp(
      (v) => ad.sin(v),
      (g, _out, v) => [ad.mul(g, ad.cos(v))],
    );
    const x = ad.tensor([0.1, 0.5, 0.9]);
    expect(data(ad.jacrev(mySin)(x))).toEqual(data(ad.jacrev(ad.sin)(x)));
    const wrong = ad.customVjp(
      (v) => ad.sin(v),
      () => [ad.zeros([7])],
    );
    expect(() => ad.jacrev(wrong)(x)).toThrow(
      /has shape \[7\] but must have shape \[3\] \(behind the batch axes \[3\]\)$/,
    );
  });
  it("forward mode through a custom function when only a later argument carries a tangent", () => {
    const scale = ad.customVjp(
      (x, y) => ad.mul(x, y),
      (g, _out, x, y) => [ad.mul(g, y), ad.mul(g, x)],
    );
    const [x, y] = [ad.tensor([1, 2]), ad.tensor([3, 4])];
    expect(data(ad.jacfwd(scale, { argnums: 1 })(x, y))).toEqual([1, 0, 0, 2]);
  });
  it("names the function in its messages: the rule's, checkpoint's, f's name or f", () => {
    expect(() => ad.customJvp(ad.sin, 3 as unknown as () => Value)).toThrow(
      /^customJvp: the JVP rule must be a function, got number/,
    );
    const named = ad.customJvp(
      function mySin(x: Value) {
        return ad.sin(x);
      },
      () => ad.zeros([5]),
    );
    expect(() => ad.jvp(named, [ad.ones([2])], [ad.ones([2])])).toThrow(
      /^customJvp\(mySin\): the JVP rule's tangent of the output has shape \[5\] but must have shape \[2\]$/,
    );
    const word = (() => "s") as unknown as (v: Value) => Value;
    expect(() =>
      ad.grad(
        ad.checkpoint(function layer(v: Value) {
          return word(v);
        }),
      )(1),
    ).toThrow(/^checkpoint\(layer\): f must return/);
    expect(() => ad.grad(ad.checkpoint(Object.defineProperty(word, "name", { value: "" })))(1)).toThrow(
      /^checkpoint\(f\): f must return/,
    );
  });
  it("checkpoint frees the tape it records again for the backward pass", () => {
    const layer = ad.checkpoint((v: Value) => ad.tanh(ad.mul(v, 2)));
    const before = ad.tapeMemory().live;
    ad.grad((v: Value) => ad.sum(layer(layer(v))))(ad.ones([4]));
    expect(ad.tapeMemory().live).toBe(before);
  });
});

describe("custom rules: shapes and names in the messages, and the tape given back", () => {
  it("a cotangent in the output's shape is offered only for an argument that broadcasts to it", () => {
    // y [3] broadcasts to the output [2, 3]: a wrong cotangent hears of both shapes it may have
    const add = ad.customVjp(
      (a, b) => ad.add(a, b),
      (g) => [g, ad.zeros([5])],
    );
    expect(() => ad.grad((b: Value) => ad.sum(add(ad.ones([2, 3]), b)))(ad.ones([3]))).toThrow(
      /^customVjp\(f\): the VJP rule's cotangent for argument 2 has shape \[5\] but must have shape \[3\] \(or the output's shape \[2, 3\], summed back\)$/,
    );
    // a [1, 3] argument of a [3] output does not broadcast to it (it has more axes): its own shape only
    const squeeze = ad.customVjp(
      (a) => ad.reshape(a, [3]),
      (g) => [g],
    );
    expect(() => ad.grad((a: Value) => ad.sum(squeeze(a)))(ad.ones([1, 3]))).toThrow(
      /^customVjp\(f\): the VJP rule's cotangent for argument 1 has shape \[3\] but must have shape \[1, 3\]$/,
    );
  });

  it("an argument of another size than the output gets no such offer", () => {
    const grow = ad.customVjp(
      (a) => ad.concat([a, a]),
      (g) => [g],
    );
    expect(() => ad.grad((a: Value) => ad.sum(grow(a)))(ad.ones([2]))).toThrow(
      /^customVjp\(f\): the VJP rule's cotangent for argument 1 has shape \[4\] but must have shape \[2\]$/,
    );
  });

  it("an anonymous f is named f in customJvp's messages", () => {
    const bad = ad.customJvp(
      (v) => ad.exp(v),
      () => ad.zeros([4]),
    );
    expect(() => ad.jvp(bad, [ad.ones([2])], [ad.ones([2])])).toThrow(
      /^customJvp\(f\): the JVP rule's tangent of the output has shape \[4\] but must have shape \[2\]$/,
    );
  });

  it("checkpoint gives its recomputed tape's memory back", () => {
    const layer = ad.checkpoint((v) => ad.tanh(ad.mul(v, 2)));
    const before = ad.tapeMemory().live;
    expect(ad.grad((v: Value) => ad.sum(layer(v)))(ad.tensor([0.1, 0.2]))).toBeDefined();
    expect(ad.tapeMemory().live).toBe(before);
  });
});
