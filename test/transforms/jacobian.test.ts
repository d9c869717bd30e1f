import { describe, it, expect } from "vitest";
import * as ad from "../../lib";
import type { Value } from "../../lib";

const close = (a: Value, b: Value, tol = 1e-12) => {
  const x = a as ad.Tensor;
  const y = b as ad.Tensor;
  expect(x.shape).toEqual(y.shape);
  x.data.forEach((v, i) => expect(Math.abs(v - y.data[i])).toBeLessThanOrEqual(tol * (1 + Math.abs(y.data[i]))));
};

describe("Jacobians of f(x) = A x equal A", () => {
  const A = ad.randn([7, 5], 1);
  const x = ad.randn([5], 2);
  const f = (v: Value) => ad.matmul(A, v);
  for (const batched of [true, false]) {
    it(`jacfwd and jacrev, ${batched ? "whole basis at once" : "one basis vector at a time"}`, () => {
      close(ad.jacfwd(f, { batched })(x), A);
      close(ad.jacrev(f, { batched })(x), A);
    });
  }
  it("jacobian picks a mode and gets A too (tall and wide)", () => {
    close(ad.jacobian(f)(x), A);
    const B = ad.randn([3, 8], 3);
    close(ad.jacobian((v: Value) => ad.matmul(B, v))(ad.randn([8], 4)), B);
  });
  it("has shape [...outShape, ...inShape] for matrix inputs, also for scalar-written functions", () => {
    const X = ad.randn([2, 3], 5);
    const g = (m: Value) => ad.sin(ad.transpose(m));
    const J = ad.jacrev(g)(X) as ad.Tensor;
    expect(J.shape).toEqual([3, 2, 2, 3]);
    close(J, ad.jacfwd(g)(X));
    const elementwise = (v: Value) => ad.stack(ad.unstack(v).map((vi, i) => ad.mul(vi, i + 1)));
    close(
      ad.jacrev(elementwise)(ad.tensor([1, 1, 1])),
      ad.tensor([
        [1, 0, 0],
        [0, 2, 0],
        [0, 0, 3],
      ]),
    );
    close(
      ad.jacfwd(elementwise)(ad.tensor([1, 1, 1])),
      ad.tensor([
        [1, 0, 0],
        [0, 2, 0],
        [0, 0, 3],
      ]),
    );
  });
});

describe("second order", () => {
  const A = ad.randn([4, 4], 6);
  const quad = (x: Value) => ad.dot(x, ad.matmul(A, x));
  const x = ad.randn([4], 7);
  it("hessian of xᵀ A x equals A + Aᵀ", () => {
    close(ad.hessian(quad)(x), ad.add(A, ad.transpose(A)), 1e-12);
  });
  it("hvp equals the Hessian times v, for a non-quadratic function too", () => {
    const f = (v: Value) => ad.sum(ad.mul(ad.sin(v), ad.matmul(A, v)));
    const v = ad.randn([4], 8);
    close(ad.hvp(f)(x, v), ad.matmul(ad.hessian(f)(x), v), 1e-12);
  });
  it("hvp takes parameter lists and returns the same structure", () => {
    const f = ([w, b]: Value[]) => ad.sum(ad.mul(ad.mul(w, w), b));
    const [hw, hb] = ad.hvp(f)(
      [ad.tensor([1, 2]), ad.tensor([3, 4])],
      [ad.tensor([1, 0]), ad.tensor([0, 1])],
    ) as ad.Tensor[];
    // H = [[2b, 2w], [2w, 0]] blockwise (diagonal blocks): H v = (2 b ⊙ v_w + 2 w ⊙ v_b, 2 w ⊙ v_w)
    expect(Array.from(hw.data)).toEqual([6, 4]);
    expect(Array.from(hb.data)).toEqual([2, 0]);
  });
});

describe("vjp", () => {
  it("returns a pullback that can be called again with other cotangents", () => {
    const [y, pullback] = ad.vjp((x: Value) => ad.mul(x, x), ad.tensor([1, 2]));
    expect((y as ad.Tensor).toArray()).toEqual([1, 4]);
    expect((pullback(ad.tensor([1, 1]))[0] as ad.Tensor).toArray()).toEqual([2, 4]);
    expect((pullback(ad.tensor([1, 0]))[0] as ad.Tensor).toArray()).toEqual([2, 0]);
  });
});

describe("Jacobians through broadcasting, batched and looped, against finite differences", () => {
  // every way two shapes broadcast: equal, a scalar, a unit axis on either side, a missing leading axis on either side,
  // both at once
  const pairs = [
    [
      [3, 2],
      [1, 2],
    ],
    [[2, 3], []],
    [[], [4]],
    [[4], [2, 4]],
    [
      [2, 1],
      [1, 3],
    ],
    [[1], [3]],
    [
      [2, 1, 3],
      [4, 1],
    ],
    [[3], [2, 1, 3]],
  ] as const;
  const ops = {
    add: ad.add,
    sub: ad.sub,
    mul: ad.mul,
    div: ad.div,
    pow: ad.pow,
    maximum: ad.maximum,
    where: (x: Value, y: Value) => ad.where(ad.gt(x, 0), x, ad.sin(y)),
  };
  const positive = (v: Value) => ad.add(ad.abs(v), 0.5); // keeps pow's base and div's divisor away from 0
  for (const [name, op] of Object.entries(ops)) {
    it(`${name} on ${pairs.map(([a, b]) => `[${a}]·[${b}]`).join(", ")}`, () => {
      pairs.forEach(([sa, sb], p) => {
        const rng = ad.rng(p);
        const args: Value[] = [sa, sb].map((s) => (s.length === 0 ? rng.normal() : rng.randn([...s])));
        if (name === "pow") args[0] = positive(args[0]);
        if (name === "div") args[1] = positive(args[1]);
        for (const k of [0, 1]) {
          const f = (v: Value) => ad.mul(ad.cos(op(...((k === 0 ? [v, args[1]] : [args[0], v]) as [Value, Value]))), 2);
          const want = ad.fd(f, args[k]).value;
          for (const jac of [ad.jacfwd, ad.jacrev])
            for (const batched of [true, false]) close(jac(f, { batched })(args[k]), want, 1e-8);
        }
      });
    });
  }
});

describe("how the Jacobian transforms work, seen from outside", () => {
  // forward mode differentiates x itself (slope 1), reverse mode uses the rule (slope 2): the result tells which mode
  // ran
  const marked = ad.customVjp(
    (x) => ad.mul(x, 1),
    (g) => [ad.mul(g, 2)],
  );
  const data = (x: Value) => Array.from((x as ad.Tensor).data);
  it("jacobian runs reverse mode when there are no more outputs than inputs, forward mode otherwise", () => {
    const [wide, square, tall] = [ad.randn([2, 3], 1), ad.randn([3, 3], 2), ad.randn([4, 3], 3)];
    const x = ad.tensor([0.5, -1, 2]);
    for (const [A, slope] of [
      [wide, 2],
      [square, 2],
      [tall, 1],
    ] as const) {
      expect(data(ad.jacobian((v: Value) => ad.matmul(A, marked(v)))(x))).toEqual(data(ad.mul(A, slope)));
    }
  });
  it("batched: one evaluation of f for the whole basis; looped: one per basis vector", () => {
    let calls = 0;
    const f = (v: Value) => (calls++, ad.sin(v));
    const x = ad.tensor([0.1, 0.2, 0.3]);
    for (const [batched, want] of [
      [true, 1],
      [false, 3],
    ] as const) {
      calls = 0;
      ad.jacfwd(f, { batched })(x);
      expect(calls, `jacfwd batched: ${batched}`).toBe(want);
    }
    let pulls = 0;
    const counted = ad.customVjp(
      (v) => ad.sin(v),
      (g, _out, v) => (pulls++, [ad.mul(g, ad.cos(v))]),
    );
    for (const [batched, want] of [
      [true, 1],
      [false, 3],
    ] as const) {
      pulls = 0;
      ad.jacrev(counted, { batched })(x);
      expect(pulls, `jacrev batched: ${batched}`).toBe(want);
    }
  });
  it("a function that ignores its input has a zero Jacobian, batched or looped", () => {
    for (const jac of [ad.jacfwd, ad.jacrev]) {
      for (const batched of [true, false]) {
        const J = jac(() => ad.ones([2]), { batched })(ad.tensor([1, 2, 3])) as ad.Tensor;
        expect(J.shape).toEqual([2, 3]);
        expect(data(J)).toEqual(new Array(6).fill(0));
      }
    }
  });
  it("f must return one number or tensor", () => {
    for (const [name, jac] of [
      ["jacfwd", ad.jacfwd],
      ["jacrev", ad.jacrev],
    ] as const) {
      expect(() => jac((v: Value) => [v] as unknown as Value)(ad.ones([2]))).toThrow(
        new RegExp(`^${name}: f must return a single number or Tensor$`),
      );
      expect(() => jac((v: Value) => [v, v] as unknown as Value)(ad.ones([2]))).toThrow(
        new RegExp(`^${name}: f must return a single number or Tensor$`),
      );
      expect(() => jac(() => "x" as unknown as Value)(ad.ones([2]))).toThrow(
        new RegExp(`^${name}: output of f: expected a number, a Tensor`),
      );
    }
  });
  it("an output that is NaN is one number: its Jacobian row, not an error", () => {
    // max of [1, NaN, 2] is NaN (NaN counts as the max), its derivative the entry that holds it
    const x = ad.tensor([1, NaN, 2]);
    for (const jac of [ad.jacfwd, ad.jacrev]) expect(data(jac((v: Value) => ad.max(v))(x))).toEqual([0, 1, 0]);
    expect(data(ad.jacfwd((v: Value) => ad.mul(ad.sum(v), NaN))(ad.ones([2])))).toEqual([NaN, NaN]);
  });
  it("refuses a Jacobian beyond memory before computing it, whichever way it is computed", () => {
    const TOO_BIG = (op: string, shape: string) =>
      new RegExp(`^${op}: a result of shape \\[${shape}\\] would hold 1\\.00e\\+10 numbers`);
    expect(() => ad.jacrev((v: Value) => ad.slice(v, [[0, 5000]]))(ad.zeros([2e6]))).toThrow(
      TOO_BIG("jacrev", "5000, 2000000"),
    );
    expect(() => ad.jacobian((v: Value) => ad.mul(v, 2))(ad.zeros([1e5]))).toThrow(
      TOO_BIG("jacobian", "100000, 100000"),
    );
    expect(() => ad.jacobian((v: Value) => ad.concat([v, v]))(ad.zeros([1e5]))).toThrow(
      TOO_BIG("jacobian", "100000, 100000"),
    );
  });
});
