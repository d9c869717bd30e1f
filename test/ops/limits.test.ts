// Where an answer is a number, adlab gives that number, not NaN: pow at x = 0 (the 0 · ∞ of its
// rule, at every order and in every mode) and logsumexp of infinite entries.
import { describe, it, expect } from "vitest";
import * as ad from "../../lib";
import type { Value } from "../../lib";

type F = (x: Value) => Value;
const nth = (d: (f: F) => F, n: number, f: F): F => (n === 0 ? f : d(nth(d, n - 1, f)));
/** The n-th derivative of a scalar function, by each way of composing adlab's transforms. */
const derivatives = (f: F, n: number): Record<string, F> => ({
  grad: nth((g) => ad.grad(g), n, f),
  jacfwd: nth((g) => ad.jacfwd(g), n, f),
  jacrev: nth((g) => ad.jacrev(g), n, f),
  "jvp over grad": nth((g) => (x) => ad.jvp(g, [x], [1])[1], n - 1, ad.grad(f)),
  "grad over jvp": nth(
    (g) => ad.grad(g),
    n - 1,
    (x) => ad.jvp(f, [x], [1])[1],
  ),
});

describe("pow at x = 0 (d/dx x^0, d²/dx² x^1, d³/dx³ x^2 and Σ x^[0, 1, 2] were NaN)", () => {
  const cases: [string, F, number, number][] = [
    ["d/dx x^0", (x) => ad.pow(x, 0), 1, 0],
    ["d²/dx² x^1", (x) => ad.pow(x, 1), 2, 0],
    ["d³/dx³ x^2", (x) => ad.pow(x, 2), 3, 0],
    ["d²/dx² x^2", (x) => ad.pow(x, 2), 2, 2],
    ["d/dx x^1", (x) => ad.pow(x, 1), 1, 1],
    ["d/dx Σ x^[0, 1, 2]", (x) => ad.sum(ad.pow(x, ad.tensor([0, 1, 2]))), 1, 1],
    ["d²/dx² Σ x^[0, 1, 2]", (x) => ad.sum(ad.pow(x, ad.tensor([0, 1, 2]))), 2, 2],
  ];
  for (const [name, f, order, want] of cases) {
    it(`${name} = ${want} in every mode`, () => {
      for (const [mode, d] of Object.entries(derivatives(f, order))) expect([mode, d(0)]).toEqual([mode, want]);
    });
  }
  it("d/dy x^y at x = 0, y > 0 is 0 (as in JAX, PyTorch and autograd)", () => {
    for (const y of [0.5, 1, 2, 3]) {
      expect(ad.grad((t: Value) => ad.pow(0, t))(y)).toBe(0);
      expect(ad.jvp((t: Value) => ad.pow(0, t), [y], [1])[1]).toBe(0);
    }
    expect(ad.grad((t: Value) => ad.sum(ad.pow(ad.tensor([0, 2]), t)))(2)).toBeCloseTo(4 * Math.log(2), 14);
  });
  it("away from 0 the rule is unchanged: the mixed partial d²(x^y)/dx dy at (2, 0) is 1/2", () => {
    const h = ad.hessian((v: Value) => ad.pow(ad.getItem(v, 0), ad.getItem(v, 1)))(ad.tensor([2, 0])) as ad.Tensor;
    expect(h.data[1]).toBeCloseTo(0.5, 14);
    expect(h.data[2]).toBeCloseTo(0.5, 14);
    ad.checkGrads(ad.pow, [ad.tensor([1e-3, 0.5, 2]), ad.tensor([0.5, 1, 3])], { order: 2 });
  });
  it("where the derivative is infinite it stays infinite: d/dx sqrt-like x^0.5 at 0", () => {
    expect(ad.grad((x: Value) => ad.pow(x, 0.5))(0)).toBe(Infinity);
  });
});

describe("logsumexp with infinite entries", () => {
  it("[-∞, -∞] gives -∞ and [∞, 1] gives ∞ (both were NaN)", () => {
    expect(ad.logsumexp(ad.tensor([-Infinity, -Infinity]))).toBe(-Infinity);
    expect(ad.logsumexp(ad.tensor([Infinity, 1]))).toBe(Infinity);
  });
  it("along an axis, row by row, and in softmax", () => {
    const x = ad.tensor([
      [-Infinity, -Infinity],
      [0, 0],
      [Infinity, 0],
    ]);
    expect((ad.logsumexp(x, 1) as ad.Tensor).toArray()).toEqual([-Infinity, Math.LN2, Infinity]);
    expect((ad.softmax(ad.tensor([-Infinity, 0])) as ad.Tensor).toArray()).toEqual([0, 1]);
  });
  it("finite entries are unchanged, gradient included", () => {
    expect(ad.logsumexp(ad.tensor([1000, 1000]))).toBeCloseTo(1000 + Math.LN2, 12);
    const g = ad.grad((x: Value) => ad.logsumexp(x))(ad.tensor([0, Math.log(3)])) as ad.Tensor;
    expect(Array.from(g.data)).toEqual([0.25, 0.75].map((v) => expect.closeTo(v, 14)));
  });
});
