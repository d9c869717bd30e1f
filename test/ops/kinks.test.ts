// Every piecewise primitive at its kinks and ties, where finite differences say nothing and the
// documented convention decides: values and derivatives, in forward and reverse mode, on plain
// numbers (the scalar fast path) and inside tensors (the general path through the rules).
import { describe, it, expect } from "vitest";
import * as ad from "../../lib";
import type { Value } from "../../lib";

type Fn = (x: Value) => Value;
const plain = (x: Value): number[] =>
  (typeof x === "number" ? [x] : Array.from((x as ad.Tensor).data, (v) => v + 0)).map((v) => v + 0); // -0 reads as 0

/** df/dx at x: forward and reverse mode on a number, then jacfwd, jacrev and their looped forms inside a tensor. */
function slopes(f: Fn, x: number): number[] {
  const inTensor = (v: Value) => ad.sum(f(ad.reshape(v, [])));
  const t = ad.tensor([x]);
  return [
    ad.jvp(f, [x], [1])[1] as number,
    ad.grad(f)(x) as number,
    ...[ad.jacfwd, ad.jacrev].flatMap((jac) =>
      [true, false].map((batched) => (jac(inTensor, { batched })(t) as ad.Tensor).data[0]),
    ),
  ].map((v) => v + 0);
}

describe("abs, sign and relu at 0", () => {
  it("abs: |0| = 0 with derivative sign(0) = 0 (as JAX), -1 and 1 on either side", () => {
    expect(plain(ad.abs(ad.tensor([-2, 0, 3])))).toEqual([2, 0, 3]);
    expect(slopes(ad.abs, 0)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(slopes(ad.abs, -1.5)).toEqual([-1, -1, -1, -1, -1, -1]);
    expect(slopes(ad.abs, 2)).toEqual([1, 1, 1, 1, 1, 1]);
  });
  it("sign: -1, 0, 1 (NaN stays NaN), derivative 0 everywhere", () => {
    expect(plain(ad.sign(ad.tensor([-2, 0, 3])))).toEqual([-1, 0, 1]);
    expect([ad.sign(-0.5), ad.sign(0), ad.sign(4)]).toEqual([-1, 0, 1]);
    expect(ad.sign(NaN)).toBeNaN();
    for (const x of [-1, 0, 2]) expect(slopes(ad.sign, x)).toEqual([0, 0, 0, 0, 0, 0]);
  });
  it("relu: relu(0) = 0 with derivative 0 (JAX, PyTorch), 0 below and 1 above", () => {
    expect(plain(ad.relu(ad.tensor([-1, 0, 2])))).toEqual([0, 0, 2]);
    expect(slopes(ad.relu, 0)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(slopes(ad.relu, -1)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(slopes(ad.relu, 2)).toEqual([1, 1, 1, 1, 1, 1]);
  });
});

describe("maximum and minimum at ties", () => {
  const both = [
    [ad.maximum, "maximum"],
    [ad.minimum, "minimum"],
  ] as const;
  it("take the larger (smaller) value, and NaN from either side", () => {
    expect(plain(ad.maximum(ad.tensor([1, 2, 3]), 2))).toEqual([2, 2, 3]);
    expect(plain(ad.minimum(ad.tensor([1, 2, 3]), 2))).toEqual([1, 2, 2]);
    for (const [op] of both) {
      expect(op(NaN, 1)).toBeNaN();
      expect(op(1, NaN)).toBeNaN();
      expect(plain(op(ad.tensor([NaN, 1]), ad.tensor([1, NaN])))).toEqual([NaN, NaN]);
    }
  });
  it.each(both)("%s: a tie splits the derivative half and half (as JAX)", (op) => {
    expect(slopes((x) => op(x, 1), 1)).toEqual([0.5, 0.5, 0.5, 0.5, 0.5, 0.5]);
    expect(slopes((y) => op(1, y), 1)).toEqual([0.5, 0.5, 0.5, 0.5, 0.5, 0.5]);
    expect(slopes((x) => op(x, x), 0.7)).toEqual([1, 1, 1, 1, 1, 1]);
    expect(slopes((x) => op(x, ad.mul(2, x)), 0)).toEqual([1.5, 1.5, 1.5, 1.5, 1.5, 1.5]);
  });
  it("away from ties the derivative goes to the chosen side", () => {
    expect(slopes((x) => ad.maximum(x, 1), 2)).toEqual([1, 1, 1, 1, 1, 1]);
    expect(slopes((x) => ad.maximum(x, 1), 0)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(slopes((x) => ad.minimum(x, 1), 0)).toEqual([1, 1, 1, 1, 1, 1]);
    expect(slopes((x) => ad.minimum(x, 1), 2)).toEqual([0, 0, 0, 0, 0, 0]);
  });
});

describe("comparisons below, at and above a tie", () => {
  const x = ad.tensor([1, 2, 3]);
  const table = [
    [ad.gt, "gt", [0, 0, 1]],
    [ad.ge, "ge", [0, 1, 1]],
    [ad.lt, "lt", [1, 0, 0]],
    [ad.le, "le", [1, 1, 0]],
    [ad.eq, "eq", [0, 1, 0]],
  ] as const;
  it.each(table)("%s gives 1 or 0 on numbers, tensors and traced values, with derivative 0", (op, _name, want) => {
    expect(plain(op(x, 2))).toEqual(want);
    expect(plain(op(ad.mul(-1, x), -2))).toEqual([...want].reverse());
    expect([1, 2, 3].map((v) => op(v, 2))).toEqual(want);
    expect([1, 2, 3].map((v) => op(2, v))).toEqual([...want].reverse());
    expect(plain(ad.jvp((v: Value) => ad.mul(v, op(v, 2)), [x], [ad.ones([3])])[0])).toEqual(
      want.map((w, i) => w * (i + 1)),
    );
    for (const v of [1, 2, 3]) expect(slopes((u) => op(u, 2), v)).toEqual([0, 0, 0, 0, 0, 0]);
  });
});

describe("max reductions at ties", () => {
  it("the derivative goes to the first maximal entry, over all axes and along one", () => {
    const x = ad.tensor([
      [1, 3, 3],
      [2, 2, 0],
    ]);
    const first = [
      [0, 1, 0],
      [0, 0, 0],
    ];
    for (const jac of [ad.jacfwd, ad.jacrev]) {
      expect(plain(jac((v: Value) => ad.max(v))(x))).toEqual(first.flat());
      const rows = jac((v: Value) => ad.max(v, -1))(x) as ad.Tensor;
      expect(rows.shape).toEqual([2, 2, 3]);
      expect(plain(rows)).toEqual(
        [
          [0, 1, 0],
          [0, 0, 0],
          [0, 0, 0],
          [1, 0, 0],
        ].flat(),
      );
      expect(plain(jac((v: Value) => ad.max(v, 0, true))(x))).toEqual(
        [
          [0, 0, 0],
          [1, 0, 0],
          [0, 1, 0],
          [0, 0, 0],
          [0, 0, 1],
          [0, 0, 0],
        ].flat(),
      );
    }
    expect(plain(ad.max(x, 0))).toEqual([2, 3, 3]);
    expect(plain(ad.grad((v: Value) => ad.max(v))(ad.tensor([5, 5, 5])))).toEqual([1, 0, 0]);
  });
});

describe("where at its switch", () => {
  it("a condition of exactly 0 picks y, any other value (negative, fractional) picks x; the derivative follows the pick", () => {
    const c = ad.tensor([0, -1, 0.5, 0]);
    const [x, y] = [ad.tensor([1, 2, 3, 4]), ad.tensor([10, 20, 30, 40])];
    expect(plain(ad.where(c, x, y))).toEqual([10, 2, 3, 40]);
    expect(ad.where(0, 1, 2)).toBe(2);
    expect(ad.where(-0.5, 1, 2)).toBe(1);
    for (const jac of [ad.jacfwd, ad.jacrev]) {
      expect(plain(jac((v: Value) => ad.where(c, v, y))(x))).toEqual([0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0]);
      expect(plain(jac((v: Value) => ad.where(c, x, v))(y))).toEqual([1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
      expect(plain(jac((v: Value) => ad.where(v, x, y))(c))).toEqual(new Array(16).fill(0));
    }
    expect(slopes((v) => ad.where(ad.gt(v, 0), v, ad.mul(3, v)), 0)).toEqual([3, 3, 3, 3, 3, 3]);
  });
});
