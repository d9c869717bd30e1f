// Parameter trees are matched by key, not by the order their keys were written in.
import { describe, it, expect } from "vitest";
import * as ad from "../../lib";
import type { Value } from "../../lib";

type Params = { w: Value; b: Value };

describe("objects of parameters line up by key", () => {
  const f = (q: Params) => ad.add(q.w, ad.mul(10, q.b));
  it("jvp: tangents { b, w } for primals { w, b } (gave [21, 10])", () => {
    expect(ad.jvp(f, [{ w: 1, b: 2 }], [{ b: 0, w: 1 }])).toEqual([21, 1]);
    expect(ad.jvp(f, [{ w: 1, b: 2 }], [{ b: 1, w: 0 }])).toEqual([21, 10]);
  });
  it("hvp: v { b, w } for x { w, b }", () => {
    const g = (q: Params) => ad.add(ad.mul(q.w, q.w), ad.mul(10, ad.mul(q.b, q.b)));
    expect(ad.hvp(g)({ w: 1, b: 2 }, { b: 0, w: 1 })).toEqual({ w: 2, b: 0 });
  });
  it("vjp: a cotangent { v, u } for an output { u, v }", () => {
    const [, pullback] = ad.vjp((q: Params) => ({ u: q.w, v: ad.mul(10, q.b) }), { w: 1, b: 2 });
    expect(pullback({ v: 1, u: 0 })).toEqual([{ w: 0, b: 10 }]);
  });
  it("results keep the key order the caller wrote", () => {
    expect(Object.keys(ad.grad((q: Params) => ad.mul(q.w, q.b))({ w: 2, b: 3 }))).toEqual(["w", "b"]);
    expect(Object.keys(ad.jvp((q: Params) => q, [{ w: 1, b: 2 }], [{ b: 0, w: 1 }])[1])).toEqual(["w", "b"]);
  });
  it("nested objects and tensors too", () => {
    const x = { layer: { W: ad.tensor([1, 2]), b: 3 } };
    const v = { layer: { b: 0, W: ad.tensor([1, 0]) } };
    const g = (p: typeof x) => ad.add(ad.sum(ad.mul(p.layer.W, p.layer.W)), p.layer.b);
    expect(ad.jvp(g, [x], [v])[1]).toBe(2);
  });
});

describe("trees that do not match give a clear error", () => {
  const f = (q: Params) => ad.add(q.w, q.b);
  it("different key sets name both", () => {
    expect(() => ad.jvp(f, [{ w: 1, b: 2 }], [{ w: 1, c: 0 }])).toThrow(
      /jvp: tangent 1 is an object with keys \{c, w\} but its primal is an object with keys \{b, w\}; they must match, key by key/,
    );
    expect(() => ad.hvp(f)({ w: 1, b: 2 }, { w: 1 })).toThrow(
      /hvp: tangent 1 is an object with keys \{w\} but its primal is an object with keys \{b, w\}/,
    );
    const [, pullback] = ad.vjp((q: Params) => ({ u: q.w, v: q.b }), { w: 1, b: 2 });
    expect(() => pullback({ u: 1 })).toThrow(
      /pullback: the cotangent is an object with keys \{u\} but the output of f is an object with keys \{u, v\}/,
    );
  });
  it("the place of the difference is named inside nested trees", () => {
    expect(() => ad.jvp((_p: unknown) => 0, [[1, { a: 2 }]], [[1, [2]]])).toThrow(
      /jvp: tangent 1 at \[1\] is an array of 1 but its primal is an object/,
    );
    expect(() => ad.jvp((_p: unknown) => 0, [[1, 2]], [[1]])).toThrow(
      /jvp: tangent 1 is an array of 1 but its primal is an array of 2/,
    );
  });
  it("the path through objects and arrays is named, in flattening and in matching", () => {
    expect(() => ad.jvp((_p: unknown) => 0, [{ a: [1, 2] }], [{ a: [1] }])).toThrow(
      /^jvp: tangent 1 at \.a is an array of 1 but its primal is an array of 2; they must match, key by key$/,
    );
    expect(() => ad.jvp((_p: unknown) => 0, [[{ a: 1 }, [{ b: [1] }]]], [[{ a: 1 }, [{ b: 2 }]]])).toThrow(
      /^jvp: tangent 1 at \[1\]\[0\]\.b is a single value but its primal is an array of 1;/,
    );
    expect(() => ad.grad((_p: unknown) => 0)([1, { w: "a" }])).toThrow(
      /^grad: argument 1\[1\]\.w: expected a number, a Tensor, or arrays\/objects of them, got string "a"$/,
    );
  });

  it("primals and tangents must be arrays of equal length", () => {
    expect(() => ad.jvp(ad.sin, 1 as unknown as Value[], [1])).toThrow(
      /jvp: primals and tangents must be arrays of equal length/,
    );
    expect(() => ad.jvp(ad.sin, [1], [1, 2])).toThrow(/jvp: .*1 entries and 2 entries/);
  });
});
