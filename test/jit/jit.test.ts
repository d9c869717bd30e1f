// jit: the generated code computes what f computes (to 1e-12 relative), for every case of the
// primitive suite and the benchmark's chain, and composes with the transforms in both orders.
import { describe, it, expect } from "vitest";
import * as ad from "../../lib";
import type { Value } from "../../lib";
import { expectClose, numbers } from "./expect-close";
import type { Concrete } from "../../lib/core/value";
import { flatten } from "../../lib/core/tree";
import { leavesSignature, signature } from "../../lib/jit/jit";
import { type Elementwise, primitives } from "../../lib/core/primitive";
import { cases, linalgCases, sample } from "../ops/cases";

type Fn = (...xs: Value[]) => Value;

const onesLike = (x: Value): Value => (ad.isTensor(x) ? ad.ones(x.shape) : 1);

const chain = (steps: number) => (x: Value) => {
  for (let i = 0; i < steps; i++) x = ad.add(ad.mul(ad.sin(x), 1.0001), ad.mul(0.5, x));
  return x;
};

describe("the JavaScript beside each elementwise rule computes what its fn computes", () => {
  const points = [0, -0, 1, -1, 0.5, -2.5, 3, 1e-20, 1e300, -1e300, Infinity, -Infinity, NaN];
  const withJs = [...primitives().values()].filter((p) => (p as Elementwise).js !== undefined) as Elementwise[];

  it("every elementwise primitive of ops has one", () => {
    const missing = [...primitives().values()]
      .filter((p) => p.elementwise && (p as Elementwise).js === undefined)
      .map((p) => p.name);
    expect(missing).toEqual([]);
  });

  for (const prim of withJs) {
    it(prim.name, () => {
      const js = new Function("x", "y", `return ${prim.js!("x", "y")};`) as (x: number, y: number) => number;
      for (const x of points) for (const y of prim.arity === 1 ? [0] : points) expect(js(x, y)).toBe(prim.fn(x, y));
    });
  }
});

describe("elementwise maps on tensors", () => {
  it("compile to one loop over a new Float64Array each, calling nothing", () => {
    const f = (x: Value, y: Value) => ad.mul(ad.sin(ad.mul(x, 2)), ad.add(y, x));
    const [x, y] = [ad.tensor([0.5, -1, 2]), ad.tensor([3, 4, -5])];
    const source = ad.jitSource(f)(x, y);
    expect(source.match(/new Float64Array\(3\)/g)).toHaveLength(4);
    expect(source).not.toMatch(/(?<!new )K\[\d+\]\(/);
    expect(ad.jit(f)(x, y)).toEqual(f(x, y));
    expect(ad.jit(ad.grad((a: Value) => ad.sum(f(a, y))))(x)).toEqual(ad.grad((a: Value) => ad.sum(f(a, y)))(x));
  });
});

describe("jit of the chain x ← sin(x)·1.0001 + 0.5x", () => {
  const f = chain(50);
  const x = 0.3;

  it("compiles to straight-line JavaScript, its gradient too", () => {
    for (const g of [f, ad.grad(f)]) {
      const source = ad.jitSource(g)(x);
      expect(source).toMatch(/^function \(a\) \{\n {2}const b = Math\.sin\(a\);/);
      expect(source).not.toContain("K["); // no call out of the generated code
    }
    expect(
      ad
        .jitSource(ad.grad(f))(x)
        .match(/Math\.cos/g),
    ).toHaveLength(50);
  });

  it("equals the uncompiled transforms within 1e-12, in both orders", () => {
    const jvpOf = (g: Fn) => (y: Value) => ad.jvp(g, [y], [1])[1];
    expectClose(ad.jit(f)(x), f(x));
    expectClose(ad.jit(ad.grad(f))(x), ad.grad(f)(x));
    expectClose(ad.grad(ad.jit(f))(x), ad.grad(f)(x));
    expectClose(ad.jit(jvpOf(f))(x), jvpOf(f)(x));
    expectClose(jvpOf(ad.jit(f))(x), jvpOf(f)(x));
    expectClose(ad.jit(ad.grad(ad.grad(f)))(x), ad.grad(ad.grad(f))(x));
    expectClose(ad.grad(ad.grad(ad.jit(f)))(x), ad.grad(ad.grad(f))(x));
    expectClose(ad.grad(ad.jit(ad.grad(f)))(x), ad.grad(ad.grad(f))(x));
  });

  it("traces once per shape of the arguments, and again for a new shape, which it says once", () => {
    let traces = 0;
    const g = ad.jit((y: Value) => {
      traces++;
      return f(y);
    });
    const seen: ad.AdlabWarning[] = [];
    const previous = ad.setWarningHandler((w) => seen.push(w));
    try {
      expectClose(g(0.1), f(0.1));
      expectClose(g(0.7), f(0.7));
      expect(traces).toBe(1);
      expect(seen).toEqual([]);
      for (const t of [ad.tensor([0.1, 0.7]), ad.tensor([0.1, 0.7, 0.2])]) expectClose(g(t), f(t));
      expect(traces).toBe(3);
      expect(seen.map((w) => w.message)).toEqual([
        "jit: f is traced and compiled again, for arguments of new shapes ([2]): each shape gets a program of its own " +
          "(2 now); call it with one shape to compile once",
      ]);
    } finally {
      ad.setWarningHandler(previous);
    }
  });
});

// slogdet's sign is a plain number read from the data: not traceable (test/jit/program.test.ts)
const { slogdet: _slogdet, ...traceable } = { ...cases, ...linalgCases };
describe("jit equals f, and composes with vjp and jvp in both orders, for every case of the primitive suite", () => {
  for (const [name, c] of Object.entries(traceable)) {
    it(name, () => {
      const rng = ad.rng(11);
      for (const shapes of c.shapes) {
        const args = shapes.map((s, i) => sample(rng, s, c.domains[i]));
        const f = ad.jit(c.f);
        const out = c.f(...args);
        expectClose(f(...args), out);
        // at other arguments of the same shapes: the cached program
        const others = shapes.map((s, i) => sample(rng, s, c.domains[i]));
        expectClose(f(...others), c.f(...others));

        const ct = onesLike(out);
        const pull =
          (g: Fn) =>
          (...xs: Value[]) =>
            ad.vjp(g, ...xs)[1](ct);
        const tangents = args.map((a) => onesLike(a));
        const push =
          (g: Fn) =>
          (...xs: Value[]) =>
            ad.jvp(g, xs, tangents)[1];
        expectClose(pull(f)(...args), pull(c.f)(...args));
        expectClose(push(f)(...args), push(c.f)(...args));
        for (const d of [pull, push]) expectClose(ad.jit(d(c.f))(...args), d(c.f)(...args));
      }
    });
  }
});

describe("every case passes checkGrads under jit, at order 2 in both modes", () => {
  for (const [name, c] of Object.entries(traceable)) {
    // stopGradient's derivatives differ from finite differences by design (test/ops/primitives.test.ts)
    if (c.frozenAt !== undefined) continue;
    it(name, () => {
      const rng = ad.rng(5);
      for (const shapes of c.shapes) {
        const args = shapes.map((s, i) => sample(rng, s, c.domains[i]));
        ad.checkGrads(ad.jit(c.f), args, { order: 2, modes: ["fwd", "rev"], seed: 5, rtol: 1e-5, atol: 1e-6 });
      }
    });
  }
});

describe("rules at ties, repeated eigenvalues and singular matrices: jit computes what the uncompiled rules do", () => {
  // along the ones (the points are tensors, staged while jit traces: their shape is known)
  const jvpOf = (g: Fn) => (y: Value) => ad.jvp(g, [y], [ad.ones((y as ad.Tensor).shape)])[1];

  /**
   * jit of grad, of a JVP and of jacfwd, and grad of jit, equal the uncompiled derivatives at every point; each is
   * traced once, at the first point (a generic one), so the compiled program itself meets the ties.
   */
  function expectCompiledDerivatives(f: Fn, points: readonly Value[]): void {
    for (const d of [ad.grad as (g: Fn) => Fn, jvpOf, ad.jacfwd as (g: Fn) => Fn]) {
      const compiled = ad.jit(d(f));
      for (const x of points) expectClose(compiled(x), d(f)(x));
    }
    const outside = ad.grad(ad.jit(f));
    for (const x of points) expectClose(outside(x), ad.grad(f)(x));
  }

  it("max: the derivative goes to the first maximal entry (the first NaN), compiled too", () => {
    const f = (x: Value) => ad.add(ad.sum(ad.mul(ad.max(x, -1), ad.tensor([1, -2]))), ad.mul(3, ad.max(x)));
    const byColumn = (x: Value) => ad.sum(ad.mul(ad.max(x, 0), ad.tensor([1, 2, 3])));
    const points = [
      ad.tensor([
        [0.1, 0.5, -0.3],
        [2, 1, 0],
      ]),
      ad.tensor([
        [5, 5, 5],
        [2, 7, 7],
      ]),
      ad.tensor([
        [0, -0, 0],
        [-0, 0, -1],
      ]),
      ad.tensor([
        [-Infinity, 1, -Infinity],
        [-Infinity, -Infinity, -Infinity],
      ]),
    ];
    expectCompiledDerivatives(f, points);
    expectCompiledDerivatives(byColumn, points);
    const g = ad.jit(ad.grad(f));
    g(points[0]);
    // row maxima at [0, 0] (weight 1) and [1, 1] (weight -2), the overall one at [1, 1] too (weight 3)
    expect((g(points[1]) as ad.Tensor).toArray()).toEqual([
      [1, 0, 0],
      [0, 1, 0],
    ]);
    // 0 and -0 tie: the first wins
    expect((ad.jit(ad.grad(byColumn))(points[2]) as ad.Tensor).toArray()).toEqual([
      [1, 2, 3],
      [0, 0, 0],
    ]);
    // NaN counts as the max
    const withNaN = ad.tensor([
      [1, NaN, NaN],
      [-Infinity, -Infinity, -Infinity],
    ]);
    expect((g(withNaN) as ad.Tensor).toArray()).toEqual([
      [0, 4, 0],
      [-2, 0, 0],
    ]);
    expectCompiledDerivatives(f, [withNaN]);
  });

  it("eigh at repeated eigenvalues: the gap test runs in the compiled code", () => {
    const [w, wv] = [ad.tensor([0.5, -1, 2]), ad.rng(3).randn([3, 3])];
    const f = (a: Value) => {
      const { values, vectors } = ad.eigh(a);
      return ad.add(ad.sum(ad.mul(w, values)), ad.sum(ad.mul(wv, vectors)));
    };
    const generic = ad.tensor([
      [2, 0.3, -0.5],
      [0.3, 1, 0.2],
      [-0.5, 0.2, -1],
    ]);
    const repeated = ad.tensor([
      [2, 1, 0],
      [1, 2, 0],
      [0, 0, 3],
    ]); // eigenvalues 1, 3, 3
    expectCompiledDerivatives(f, [generic, repeated, ad.eye(3), ad.zeros([3, 3])]);
  });

  it("svd at repeated and zero singular values", () => {
    const [ws, wu, wv] = [ad.tensor([1, -0.5, 2]), ad.rng(4).randn([4, 3]), ad.rng(5).randn([3, 3])];
    const f = (a: Value) => {
      const { U, S, V } = ad.svd(a);
      return ad.add(ad.add(ad.sum(ad.mul(ws, S)), ad.sum(ad.mul(wu, U))), ad.sum(ad.mul(wv, V)));
    };
    const repeated = ad.tensor([
      [3, 0, 0],
      [0, 3, 0],
      [0, 0, 1],
      [0, 0, 0],
    ]);
    const rankTwo = ad.tensor([
      [1, 2, 3],
      [2, 4, 6],
      [0, 1, 0],
      [1, 0, 1],
    ]);
    expectCompiledDerivatives(f, [ad.rng(6).randn([4, 3]), repeated, rankTwo, ad.zeros([4, 3])]);
    const onS = (a: Value) => ad.sum(ad.mul(ws, ad.svd(a).S));
    expectCompiledDerivatives(onS, [ad.rng(6).randn([4, 3]), repeated, rankTwo]);
  });

  it("det at singular matrices: the gradient is the cofactor matrix adj(A)^T, compiled too", () => {
    const rankTwo = ad.tensor([
      [1, 2, 3],
      [2, 4, 7],
      [4, 8, 1],
    ]);
    const rankOne = ad.tensor([
      [1, 2, 3],
      [2, 4, 6],
      [4, 8, 12],
    ]);
    expectCompiledDerivatives(ad.det, [ad.add(ad.rng(7).randn([3, 3]), ad.mul(3, ad.eye(3))), rankTwo, rankOne]);
    expectCompiledDerivatives(ad.det, [ad.zeros([3, 3])]);
    // the cofactors of rankTwo, by hand (C_ij = (-1)^(i+j) M_ij), to rounding (they come from an SVD)
    const byHand = [-52, 26, 0, 22, -11, 0, 2, -1, 0];
    const got = numbers(ad.jit(ad.grad(ad.det))(rankTwo));
    got.forEach((v, i) => expect(Math.abs(v - byHand[i])).toBeLessThanOrEqual(1e-12 * 52));
    expect(() => ad.jit(ad.hessian(ad.det))(rankTwo)).toThrow(
      /^det second \(or higher\) derivative at a singular matrix is not supported; det/,
    );
  });
});

describe("jit with the other transforms", () => {
  const f = (x: Value) => ad.mul(ad.sin(x), ad.sum(ad.exp(x)));
  const x = ad.tensor([0.3, -1.2, 2]);

  it("jacobians push and pull a basis through the compiled function (batch axes)", () => {
    expectClose(ad.jacfwd(ad.jit(f))(x), ad.jacfwd(f)(x));
    expectClose(ad.jacrev(ad.jit(f))(x), ad.jacrev(f)(x));
    expectClose(ad.jit(ad.jacrev(f))(x), ad.jacrev(f)(x));
    const loss = (y: Value) => ad.sum(f(y));
    expectClose(ad.hessian(ad.jit(loss))(x), ad.hessian(loss)(x));
    expectClose(ad.jit(ad.hessian(loss))(x), ad.hessian(loss)(x));
    expectClose(ad.jit((y: Value) => ad.hvp(loss)(y, ad.ones([3])))(x), ad.hvp(loss)(x, ad.ones([3])));
  });

  it("arrays and objects in and out; jit inside jit", () => {
    const g = ad.jit((p: { w: Value; b: Value }, y: Value) => [ad.add(ad.mul(p.w, y), p.b), { s: ad.sum(y) }]);
    const [a, { s }] = g({ w: 2, b: 1 }, ad.tensor([1, 2])) as [Value, { s: Value }];
    expect(Array.from((a as ad.Tensor).data)).toEqual([3, 5]);
    expect(s).toBe(3);
    const inner = ad.jit((y: Value) => ad.sin(y));
    const outer = ad.jit((y: Value) => ad.mul(inner(y), 2));
    expectClose(outer(0.5), 2 * Math.sin(0.5));
    expectClose(ad.grad(outer)(0.5), 2 * Math.cos(0.5));
    expect(ad.jitSource((y: Value) => ad.mul(inner(y), 2))(0.5)).toMatch(/K\[\d+\]/); // inner's call
  });

  it("runs through bind, NaN check included, while the check is on", () => {
    const g = ad.jit((y: Value) => ad.log(ad.sub(y, 2)));
    expect(g(1)).toBeNaN();
    expect(() => ad.withDebugNans(() => g(1))).toThrow(/log produced NaN/);
  });

  it("errors say jit", () => {
    expect(() => ad.jit(3 as never)).toThrow("jit: f must be a function, got number");
    expect(() => ad.jit((y: Value) => ((ad.sin(y) as number) < 0 ? y : 0))(1)).toThrow(/^jit: .*the output of sin/);
    expect(() => ad.grad((y: Value) => ad.jitSource((z: Value) => ad.mul(z, y))(2))(3)).toThrow(
      /jitSource: f uses a value traced by an enclosing transform/,
    );
  });

  it("f may close over values of enclosing transforms: inputs of that call's program, traced again next call", () => {
    const scaled = (y: Value) => ad.jit((z: Value) => ad.mul(ad.sin(z), y))(2);
    expect(ad.grad(scaled)(3)).toBe(Math.sin(2));
    expect(ad.grad(ad.grad((y: Value) => ad.mul(scaled(y), y)))(3)).toBeCloseTo(2 * Math.sin(2), 14);
    // one jitted function closing over a different value each call
    let w: Value = 0;
    const g = ad.jit((z: Value) => ad.mul(z, w));
    const at = (u: Value, z: Value) => {
      w = u;
      return g(z);
    };
    expect([2, 5].map((v) => ad.grad((u: Value) => at(u, 4))(v))).toEqual([4, 4]);
    expect(ad.jvp((u: Value) => at(u, u), [3], [1])).toEqual([9, 6]);
  });
});

describe("the call", () => {
  it("numbers and Tensors find their program without flattening: the same key as the general path", () => {
    const cases: Concrete[][] = [[1], [1, ad.tensor([1, 2])], [ad.zeros([2, 3]), 2, ad.zeros([0])], []];
    for (const args of cases) expect(leavesSignature(args)).toBe(signature(flatten(args, "jit")));
  });
});

describe("a derivative rule that reads its data in JavaScript", () => {
  // sin with a hand-written VJP that reads x as a number: it cannot be traced, only run on values
  const f = ad.customVjp(
    (x: Value) => ad.sin(x),
    (g, _out, x) => [ad.mul(g, Math.cos(ad.toNumber(ad.primal(x))))],
  );

  it("grad(jit(f)) computes it on the values; jit(grad(f)) says which value tracing needed", () => {
    expect(ad.grad(ad.jit(f))(1)).toBe(Math.cos(1));
    expect(ad.grad(ad.jit(f))(2)).toBe(Math.cos(2));
    expect(() => ad.jit(ad.grad(f))(1)).toThrow(ad.ConcretizationError);
  });

  it("in a branch of cond: computed on the values at run time; cond on a traced pred cannot compile it, and says so", () => {
    const branch = (x: Value) => ad.cond(ad.gt(x, 0), f, ad.neg, x);
    const g = ad.jit(branch);
    expect(g(1)).toBe(Math.sin(1));
    expect([ad.grad(g)(1), ad.grad(g)(-1)]).toEqual([Math.cos(1), -1]);
    expect(() => ad.jit(ad.grad(branch))(1)).toThrow(
      "cond: a branch's derivative reads its data in JavaScript (e.g. a customVjp rule that does), so it",
    );
  });
});
