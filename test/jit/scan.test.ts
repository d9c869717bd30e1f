// scan: the loop over rows, against the same loop unrolled with adlab's slicing and stacking (scanReference),
// with and without jit, through every transform and at order 2; closures, reverse, empty scans, errors; the
// code of its reverse sweep; nested loops storing one carry per outer step; checkpoint inside a body.
import { describe, it, expect } from "vitest";
import * as ad from "../../lib";
import type { Value } from "../../lib";
import { expectClose, numbers } from "./expect-close";
import { foriLoopReference, scanReference } from "../../lib/jit/scan";

type Fn = (...xs: Value[]) => Value;

type Scan = typeof ad.scan;

/** A recurrent network: h ← tanh(W h + x_r), y_r = sum(h)·x_r[0]; W closed over; a number out. */
const rnn =
  (scan: Scan) =>
  (W: Value, h0: Value, xs: Value): Value => {
    const cell = (h: Value, x: Value) => {
      const next = ad.tanh(ad.add(ad.matmul(W, h), x));
      return [next, ad.mul(ad.sum(next), ad.getItem(x, 0))] as const;
    };
    const [h, ys] = scan(cell, h0, xs);
    return ad.add(ad.sum(ad.mul(h, h)), ad.sum(ad.sin(ys)));
  };
const W = ad.tensor([
  [0.5, -0.2, 0.1],
  [0.1, 0.3, -0.4],
  [0.2, 0.2, 0.6],
]);
const h0 = ad.tensor([0.1, 0.2, -0.3]);
const XS = ad.tensor([
  [1, 2, 0.5],
  [0.5, -1, 0.3],
  [0.2, 0.1, -0.7],
  [-0.4, 0.9, 0.2],
]);
const [f, r] = [rnn(ad.scan), rnn(scanReference as Scan)];

describe("scan computes the loop unrolled", () => {
  it("a running sum and the products on the way; trees of xs and ys; numbers stacked into vectors", () => {
    const step = (s: Value, x: Value) => [ad.add(s, x), ad.mul(s, x)] as const;
    expect(numbers(ad.scan(step, 0, ad.tensor([1, 2, 3])))).toEqual([6, 0, 2, 9]);
    const tree = (s: { a: Value }, x: [Value, { v: Value }]) =>
      [{ a: ad.add(s.a, x[0]) }, { sum: s.a, both: ad.mul(x[1].v, x[0]) }] as const;
    const xs: [Value, { v: Value }] = [
      ad.tensor([1, 2]),
      {
        v: ad.tensor([
          [1, 2, 3],
          [4, 5, 6],
        ]),
      },
    ];
    const [carry, ys] = ad.scan(tree, { a: 0.5 }, xs);
    expect(carry).toEqual({ a: 3.5 });
    expect(Object.keys(ys)).toEqual(["sum", "both"]);
    expectClose(ys, scanReference(tree, { a: 0.5 }, xs)[1]);
    expect((ys.both as ad.Tensor).shape).toEqual([2, 3]);
  });

  it("the network: value, gradient in W, h0 and xs, with and without jit, in both orders", () => {
    expectClose(f(W, h0, XS), r(W, h0, XS));
    expectClose(ad.jit(f)(W, h0, XS), r(W, h0, XS));
    const want = ad.grad(r, [0, 1, 2])(W, h0, XS);
    expectClose(ad.grad(f, [0, 1, 2])(W, h0, XS), want);
    expectClose(ad.jit(ad.grad(f, [0, 1, 2]))(W, h0, XS), want);
    expectClose(ad.grad(ad.jit(f), [0, 1, 2])(W, h0, XS), want);
  });

  it("forward mode and jacobians: tangents and cotangents with batch axes through rows and closures", () => {
    const tangents = [ad.mul(W, 0.5), ad.tensor([1, -1, 2]), ad.mul(XS, -0.25)];
    const push =
      (g: Fn) =>
      (...xs: Value[]) =>
        ad.jvp(g, xs, tangents)[1];
    expectClose(push(f)(W, h0, XS), push(r)(W, h0, XS));
    expectClose(ad.jit(push(f))(W, h0, XS), push(r)(W, h0, XS));
    const states = (scan: Scan) => (xs: Value) =>
      scan(
        (h: Value, x: Value) => {
          const next = ad.tanh(ad.add(ad.matmul(W, h), x));
          return [next, next] as const;
        },
        h0,
        xs,
      )[1];
    const [s, sr] = [states(ad.scan), states(scanReference as Scan)];
    expectClose(ad.jacfwd(s)(XS), ad.jacfwd(sr)(XS));
    expectClose(ad.jacrev(s)(XS), ad.jacrev(sr)(XS));
    expectClose(ad.jit(ad.jacrev(s))(XS), ad.jacrev(sr)(XS));
    expectClose(ad.jit(ad.jacfwd(s))(XS), ad.jacfwd(sr)(XS));
  });

  it("at order 2: hessians against the unrolled loop, and checkGrads against finite differences", () => {
    const inW = (scan: Scan) => (w: Value) => rnn(scan)(w, h0, XS);
    expectClose(ad.hessian(inW(ad.scan))(W), ad.hessian(inW(scanReference as Scan))(W), 1e-10);
    const inXs = (scan: Scan) => (xs: Value) => rnn(scan)(W, h0, xs);
    expectClose(ad.jit(ad.hessian(inXs(ad.scan)))(XS), ad.hessian(inXs(scanReference as Scan))(XS), 1e-10);
    ad.checkGrads(f, [W, h0, XS], { order: 2, rtol: 1e-5, atol: 1e-6 });
  });

  it("reverse runs from the last row, ys in xs's order; null xs with a length; an empty scan", () => {
    const step = (s: Value, x: Value) => [ad.add(ad.mul(s, 0.5), x), s] as const;
    const xs = ad.tensor([1, 2, 3]);
    expectClose(ad.scan(step, 0, xs, { reverse: true }), scanReference(step, 0, xs, { reverse: true }));
    expect(numbers(ad.scan(step, 0, xs, { reverse: true })[1])).toEqual([3.5, 3, 0]);
    const g = (x: Value) => ad.sum(ad.scan(step, 0, ad.mul(xs, x), { reverse: true })[1]);
    const gr = (x: Value) => ad.sum(scanReference(step, 0, ad.mul(xs, x), { reverse: true })[1]);
    expectClose(ad.grad(g)(1.5), ad.grad(gr)(1.5));
    const count = (n: Value) => ad.scan((c: Value) => [ad.mul(c, n), c] as const, 1, null, { length: 4 });
    expect(numbers(count(2))).toEqual([16, 1, 2, 4, 8]);
    expectClose(ad.grad((n: Value) => count(n)[0])(2), 4 * 2 ** 3);
    const [c, ys] = ad.scan((s: Value, x: Value) => [s, ad.mul(x, s)] as const, 0.5, ad.zeros([0, 2]) as Value);
    expect(c).toBe(0.5);
    expect((ys as ad.Tensor).shape).toEqual([0, 2]);
  });
});

describe("the code of a scan", () => {
  it("jit(f): one loop reading rows and writing the stacked outputs into a typed array", () => {
    const source = ad.jitSource((xs: Value) => ad.scan((s: Value, x: Value) => [ad.add(s, x), ad.mul(s, x)], 0, xs))(
      ad.zeros([100]),
    );
    expect(source.match(/for \(/g)).toHaveLength(1);
    expect(source).toMatch(/new Float64Array\(100\)/);
    expect(source).toMatch(/\$y0\[l1_\$i\] = /);
  });

  it("jit of the JVP: the primal scan is read from the scan over (carry, tangent), one loop", () => {
    const f = (xs: Value, w: Value) => {
      const [c, ys] = ad.scan((s: Value, x: Value) => [ad.add(ad.mul(ad.sin(s), w), x), ad.mul(s, x)] as const, 0, xs);
      return ad.add(ad.sum(ys), c);
    };
    const push = (xs: Value, w: Value) => ad.jvp(f, [xs, w], [ad.ones([5]), 1]);
    const xs = ad.linspace(-1, 1, 5);
    expect(
      ad
        .jitSource(push)(xs, 2)
        .match(/for \(/g),
    ).toHaveLength(1);
    expectClose(ad.jit(push)(xs, 2), push(xs, 2));
  });

  it("grad: a forward sweep storing the carries, a backward sweep stacking the rows' cotangents", () => {
    const g = ad.grad((xs: Value) => ad.scan((s: Value, x: Value) => [ad.add(ad.sin(s), x), 0], 0, xs)[0]);
    const source = ad.jitSource(g)(ad.zeros([50]));
    expect(source.match(/for \(/g)).toHaveLength(2);
    expect(source.match(/new Float64Array\(50\)/g)).toHaveLength(2); // the stored carries, the xs' cotangents
    expectClose(
      ad.jit(g)(ad.linspace(0, 1, 50)),
      ad.grad((xs: Value) => scanReference((s: Value, x: Value) => [ad.add(ad.sin(s), x), 0], 0, xs)[0])(
        ad.linspace(0, 1, 50),
      ),
    );
  });
});

describe("one reverse sweep for all of a loop's outputs", () => {
  it("jit(grad) of a function of the last state and the stacked outputs: one sweep, the same gradient", () => {
    const g = ad.grad(f, [0, 1, 2]);
    const source = ad.jitSource(g)(W, h0, XS);
    // the forward loop, then one sweep: its forward part storing the carries and its backward part
    expect(source.match(/for \(let l/g)).toHaveLength(3);
    expect(String(ad.makeProgram(g)(W, h0, XS)).match(/= scanVjp\[/g)).toHaveLength(2); // unfused: one per output
    expectClose(ad.jit(g)(W, h0, XS), ad.grad(r, [0, 1, 2])(W, h0, XS));
    const onlyYs = ad.grad((w: Value) =>
      ad.sum(ad.scan((h: Value, x: Value) => [ad.tanh(ad.add(ad.matmul(w, h), x)), h], h0, XS)[1]),
    );
    expect(
      ad
        .jitSource(onlyYs)(W)
        .match(/for \(let l/g),
    ).toHaveLength(2);
  });
});

describe("memory: nested loops and checkpoint", () => {
  // x ← sin(x)·1.0001 + 0.5x, T = 40·25 steps: flat, or 40 outer steps of 25 inner ones
  const step = (_i: Value, x: Value) => ad.add(ad.mul(ad.sin(x), 1.0001), ad.mul(0.5, x));
  const flat = (x: Value) => ad.foriLoop(0, 1000, step, x);
  const nested = (x: Value) => ad.foriLoop(0, 40, (_i, y: Value) => ad.foriLoop(0, 25, step, y), x);

  it("a loop of loops stores 40 + 25 carries where the flat loop stores 1000, for the same gradient", () => {
    expectClose(ad.grad(nested)(0.3), ad.grad(flat)(0.3));
    expectClose(ad.jit(ad.grad(nested))(0.3), ad.grad(flat)(0.3));
    const stores = (g: Fn) =>
      [
        ...ad
          .jitSource(ad.grad(g))(0.3)
          .matchAll(/new Float64Array\((\d+)\)/g),
      ].map((m) => +m[1]);
    expect(stores(flat)).toEqual([1000]);
    expect(stores(nested).sort((a, b) => a - b)).toEqual([25, 40]);
  });

  it("checkpoint inside a body: the same values and derivatives, with and without jit", () => {
    const cell = ad.checkpoint((x: Value) => ad.tanh(ad.matmul(W, x)));
    const loop = (x: Value) => ad.sum(ad.foriLoop(0, 5, (_i, h: Value) => cell(ad.add(h, x)), x));
    const ref = (x: Value) => ad.sum(foriLoopReference(0, 5, (_i, h: Value) => cell(ad.add(h, x)), x));
    expectClose(loop(h0), ref(h0));
    expectClose(ad.grad(loop)(h0), ad.grad(ref)(h0));
    expectClose(ad.jit(ad.grad(loop))(h0), ad.grad(ref)(h0));
    expectClose(ad.hessian(loop)(h0), ad.hessian(ref)(h0), 1e-10);
  });
});

describe("10⁶ steps", () => {
  it("grad of a scan over 10⁶ rows: every row's derivative, without jit and with it", () => {
    const n = 1_000_000;
    const xs = ad.mul(ad.linspace(0, 1, n), 1e-3);
    // s ← 0.999 s + x_r: ∂s_T/∂x_r = 0.999^(T-1-r)
    const g = ad.grad((x: Value) => ad.scan((s: Value, v: Value) => [ad.add(ad.mul(s, 0.999), v), 0], 0, x)[0]);
    for (const d of [g(xs), ad.jit(g)(xs)]) {
      const data = (d as ad.Tensor).data;
      expect(data.length).toBe(n);
      for (const r of [0, n - 1000, n - 1]) expect(data[r]).toBeCloseTo(0.999 ** (n - 1 - r), 12);
    }
  });
});

describe("errors", () => {
  const step = (s: Value, x: Value) => [ad.add(s, x), s] as const;
  it("bad xs, options and results name scan and what was wrong", () => {
    expect(() => ad.scan(step, 0, null)).toThrow("scan: give xs, or the number of steps as options.length");
    expect(() => ad.scan(step, 0, 3)).toThrow("scan: xs leaf 1 is a number; scanned values need a leading axis");
    expect(() => ad.scan(step, 0, [ad.zeros([3]), ad.zeros([2])] as never)).toThrow(
      "scan: xs leaf 2 has 2 rows (shape [2]), leaf 1 has 3",
    );
    expect(() => ad.scan(step, 0, ad.zeros([3]), { length: 4 })).toThrow(
      "scan: xs leaf 1 has 3 rows (shape [3]), options.length is 4",
    );
    expect(() => ad.scan(step, 0, ad.zeros([3]), { steps: 3 } as never)).toThrow(
      "scan: unknown option steps (known: length, reverse)",
    );
    expect(() => ad.scan(step, 0, null, { length: -1 })).toThrow("scan: options.length must be at least 0, got -1");
    expect(() => ad.scan(step, 0, ad.zeros([3]), { length: 1.5 })).toThrow(/scan: options.length must be an integer/);
    expect(() => ad.scan(step, 0, ad.zeros([3]), { reverse: 1 } as never)).toThrow(
      "scan: options.reverse must be true or false, got number",
    );
    expect(() => ad.scan(1 as never, 0, ad.zeros([3]))).toThrow("scan: f must be a function, got number");
    expect(() => ad.scan(((s: Value) => s) as never, 0, ad.zeros([3]))).toThrow(
      "scan: f must return [carry, y], got one value",
    );
    expect(() => ad.scan((s: Value, x: Value) => [ad.add(ad.zeros([2]), x), s], 0, ad.zeros([3]))).toThrow(
      "scan: the body turns a carry of shape [] into [2]; the shapes must stay the same",
    );
    expect(() => ad.scan((s: Value, x: Value) => [(x as number) > 0 ? s : x, s], 0, ad.zeros([3]))).toThrow(
      ad.ConcretizationError,
    );
  });
});
