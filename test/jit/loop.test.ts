// foriLoop: the loop as one primitive, against the same loop unrolled in JavaScript (foriLoopReference), with
// and without jit, through every transform; its reverse sweep stores one number a step; 10⁶ steps under grad.
import { describe, it, expect } from "vitest";
import * as ad from "../../lib";
import type { Value } from "../../lib";
import { expectClose } from "./expect-close";
import { foriLoopReference } from "../../lib/jit/scan";
import { chainDual } from "../bench/plain/chain";

type Fn = (...xs: Value[]) => Value;

const step = (_i: Value, x: Value) => ad.add(ad.mul(ad.sin(x), 1.0001), ad.mul(0.5, x));
/** The chain with the loop primitive, and the same loop unrolled. */
const chain = (n: number) => (x: Value) => ad.foriLoop(0, n, step, x);
const unrolled = (n: number) => (x: Value) => foriLoopReference(0, n, step, x);

// a carry of two leaves (a number and a vector), the counter used, a lower bound other than 0
const body = (i: Value, [a, v]: Value[]) => [
  ad.add(ad.mul(ad.sum(ad.sin(v)), 0.1), ad.mul(a, 0.9)),
  ad.add(ad.mul(ad.cos(v), a), ad.mul(i, 0.01)),
];
const pair = (x: Value, v: Value) => ad.foriLoop(2, 9, body, [x, v]) as Value[];
const pairRef = (x: Value, v: Value) => foriLoopReference(2, 9, body, [x, v]) as Value[];
const scalarOf = (loop: typeof pair) => (x: Value, v: Value) => {
  const [a, w] = loop(x, v);
  return ad.add(a, ad.sum(ad.mul(w, w)));
};
const V = ad.tensor([0.2, -0.4, 0.7]);

describe("foriLoop computes the loop unrolled", () => {
  it("the chain: values, gradient, tangent, with and without jit, in both orders", () => {
    const [f, r] = [chain(20), unrolled(20)];
    const x = 0.3;
    const jvpOf = (g: Fn) => (y: Value) => ad.jvp(g, [y], [1])[1];
    expectClose(f(x), r(x));
    expectClose(f(x), chainDual(x, 20)[0]);
    expectClose(ad.grad(f)(x), chainDual(x, 20)[1]);
    for (const [got, want] of [
      [ad.jit(f)(x), r(x)],
      [ad.grad(f)(x), ad.grad(r)(x)],
      [ad.jit(ad.grad(f))(x), ad.grad(r)(x)],
      [ad.grad(ad.jit(f))(x), ad.grad(r)(x)],
      [jvpOf(f)(x), jvpOf(r)(x)],
      [ad.jit(jvpOf(f))(x), jvpOf(r)(x)],
      [jvpOf(ad.jit(f))(x), jvpOf(r)(x)],
    ])
      expectClose(got, want);
  });

  it("at order 2 (reverse over reverse, forward over reverse, reverse over forward)", () => {
    const [f, r] = [chain(6), unrolled(6)];
    const jvpOf = (g: Fn) => (y: Value) => ad.jvp(g, [y], [1])[1];
    expectClose(ad.grad(ad.grad(f))(0.3), ad.grad(ad.grad(r))(0.3));
    expectClose(jvpOf(ad.grad(f))(0.3), jvpOf(ad.grad(r))(0.3));
    expectClose(ad.grad(jvpOf(f))(0.3), ad.grad(jvpOf(r))(0.3));
    expectClose(ad.jit(ad.grad(ad.grad(f)))(0.3), ad.grad(ad.grad(r))(0.3));
  });

  it("a tree carry with tensors, the counter, lower > 0; jacobians (a batch of tangents or cotangents)", () => {
    expectClose(pair(0.5, V), pairRef(0.5, V));
    expectClose(ad.jit(pair)(0.5, V), pairRef(0.5, V));
    const [s, sr] = [scalarOf(pair), scalarOf(pairRef)];
    expectClose(ad.grad(s, [0, 1])(0.5, V), ad.grad(sr, [0, 1])(0.5, V));
    expectClose(ad.jit(ad.grad(s, [0, 1]))(0.5, V), ad.grad(sr, [0, 1])(0.5, V));
    const vec = (loop: typeof pair) => (v: Value) => loop(0.5, v)[1];
    expectClose(ad.jacfwd(vec(pair))(V), ad.jacfwd(vec(pairRef))(V));
    expectClose(ad.jacrev(vec(pair))(V), ad.jacrev(vec(pairRef))(V));
    expectClose(ad.jit(ad.jacrev(vec(pair)))(V), ad.jacrev(vec(pairRef))(V));
    expectClose(ad.hessian((v: Value) => s(0.5, v))(V), ad.hessian((v: Value) => sr(0.5, v))(V));
  });

  it("agrees with finite differences at order 2", () => {
    ad.checkGrads((x: Value, v: Value) => scalarOf(pair)(x, v), [0.5, V], { order: 2, rtol: 1e-5, atol: 1e-6 });
  });

  it("an empty range returns the carry", () => {
    expect(ad.foriLoop(3, 3, step, 0.3 as Value)).toBe(0.3);
    expect(ad.grad((x: Value) => ad.foriLoop(5, 1, step, x))(0.3)).toBe(1);
  });
});

describe("the code of a loop", () => {
  const f = chain(1000);

  it("jit(f) is one JavaScript loop with the body inline", () => {
    const source = ad.jitSource(f)(0.3);
    expect(source.match(/for \(/g)).toHaveLength(1);
    expect(source).toContain("Math.sin(l1_$c0)");
    expect(source).not.toContain("K[");
  });

  it("jit of the JVP runs the loop once over (carry, tangent)", () => {
    const source = ad.jitSource((x: Value) => ad.jvp(f, [x], [1]))(0.3);
    expect(source.match(/for \(/g)).toHaveLength(1);
    expect(source).toMatch(/Math\.cos/);
  });

  it("jit(grad(f)): a forward sweep storing a number a step, a backward sweep of the body's pullback", () => {
    const source = ad.jitSource(ad.grad(f))(0.3);
    expect(source).toContain("new Float64Array(1000)");
    expect(source.match(/for \(/g)).toHaveLength(2);
    expect(source.match(/Math\.sin/g)).toHaveLength(1); // the pullback needs cos only: sin is not recomputed
  });
});

describe("10⁶ steps", () => {
  it("grad of a 10⁶-step loop, without jit and with it, equals the hand-written forward mode", () => {
    const n = 1_000_000;
    const [value, derivative] = chainDual(0.3, n);
    const f = chain(n);
    expectClose(ad.valueAndGrad(f)(0.3), [value, derivative]);
    expectClose(ad.jit(ad.valueAndGrad(f))(0.3), [value, derivative]);
  });
});

describe("a body that closes over values of enclosing transforms", () => {
  // x ← sin(x)·w + 0.5x: w is not in the carry; its derivative sums over the steps
  const loop = (w: Value, x0: Value) =>
    ad.foriLoop(0, 7, (_i, x: Value) => ad.add(ad.mul(ad.sin(x), w), ad.mul(0.5, x)), x0);
  const ref = (w: Value, x0: Value) =>
    foriLoopReference(0, 7, (_i, x: Value) => ad.add(ad.mul(ad.sin(x), w), ad.mul(0.5, x)), x0);

  it("grad, jvp, hessian reach the closed-over weight, with and without jit, in both orders", () => {
    const jvpW = (g: Fn) => (w: Value, x: Value) => ad.jvp((v: Value) => g(v, x), [w], [1])[1];
    for (const [got, want] of [
      [ad.grad(loop, [0, 1])(1.0001, 0.3), ad.grad(ref, [0, 1])(1.0001, 0.3)],
      [ad.jit(ad.grad(loop, [0, 1]))(1.0001, 0.3), ad.grad(ref, [0, 1])(1.0001, 0.3)],
      [ad.grad(ad.jit(loop), [0, 1])(1.0001, 0.3), ad.grad(ref, [0, 1])(1.0001, 0.3)],
      [jvpW(loop)(1.0001, 0.3), jvpW(ref)(1.0001, 0.3)],
      [ad.jit(jvpW(loop))(1.0001, 0.3), jvpW(ref)(1.0001, 0.3)],
      [
        ad.hessian((v: Value) => loop(ad.getItem(v, 0), ad.getItem(v, 1)))(ad.tensor([1.0001, 0.3])),
        ad.hessian((v: Value) => ref(ad.getItem(v, 0), ad.getItem(v, 1)))(ad.tensor([1.0001, 0.3])),
      ],
    ])
      expectClose(got, want);
    ad.checkGrads(loop, [1.0001, 0.3], { order: 2, rtol: 1e-5, atol: 1e-6 });
  });

  it("an inner loop closing over the outer body's carry and counter: values, gradients, hessians", () => {
    const nested = (loop: typeof ad.foriLoop) => (x: Value, w: Value) =>
      loop(
        0,
        3,
        (i, y: Value) =>
          ad.add(
            loop(0, 2, (_j, z: Value) => ad.sin(ad.mul(ad.add(z, i), ad.mul(y, w))), y),
            0.1,
          ),
        x,
      );
    const [f, r] = [nested(ad.foriLoop), nested(foriLoopReference)];
    expectClose(f(0.3, 0.7), r(0.3, 0.7));
    expectClose(ad.grad(f, [0, 1])(0.3, 0.7), ad.grad(r, [0, 1])(0.3, 0.7), 1e-14);
    expectClose(ad.jit(ad.grad(f, [0, 1]))(0.3, 0.7), ad.grad(r, [0, 1])(0.3, 0.7), 1e-14);
    const both = (g: typeof f) => (v: Value) => g(ad.getItem(v, 0), ad.getItem(v, 1));
    const v = ad.tensor([0.3, 0.7]);
    expectClose(ad.jit(ad.hessian(both(f)))(v), ad.hessian(both(r))(v), 1e-12);
  });

  it("a value of an enclosing jit is an input of the loop, not a constant baked into it", () => {
    const f = ad.jit(loop);
    expectClose(f(1.0001, 0.3), ref(1.0001, 0.3));
    expectClose(f(0.7, 0.3), ref(0.7, 0.3));
    expect(String(ad.makeProgram(loop)(1.0001, 0.3))).toMatch(/scan\[.*\] b a/s);
  });
});

describe("errors", () => {
  it("bad arguments and a body that changes the carry", () => {
    expect(() => ad.foriLoop(0.5, 3, step, 1)).toThrow("foriLoop: lower must be an integer, got 0.5");
    expect(() => ad.foriLoop(0, "3" as never, step, 1)).toThrow(/foriLoop: upper must be an integer/);
    expect(() => ad.foriLoop(0, 3, 1 as never, 1)).toThrow("foriLoop: body must be a function, got number");
    expect(() => ad.foriLoop(0, 3, (_i, x: Value) => ad.broadcastTo(x, [2]), 1)).toThrow(
      "foriLoop: the body turns a carry of shape [] into [2]; the shapes must stay the same",
    );
    expect(() => ad.foriLoop(0, 3, (_i, [a]) => [a, a], [1])).toThrow(
      /foriLoop: the body's new carry is an array of 2 but the carry is an array of 1/,
    );
  });

  it("a branch on the counter or the carry", () => {
    expect(() => ad.foriLoop(0, 3, (i, x: Value) => ((i as number) > 1 ? x : 0), 1)).toThrow(ad.ConcretizationError);
    expect(() => ad.foriLoop(0, 3, (_i, x: Value) => ((x as number) > 1 ? x : 0), 1)).toThrow(
      /foriLoop: a JavaScript operator, comparison or Math function was applied to a traced value \(f64\[\], an input of f\)/,
    );
  });
});
