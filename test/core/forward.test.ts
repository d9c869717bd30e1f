import { describe, it, expect } from "vitest";
import * as ad from "../../lib";
import type { Value } from "../../lib";

const D = (f: (x: Value) => Value) => (x: Value) => ad.jvp(f, [x], [1])[1] as Value;
const G = (f: (x: Value) => Value) => (x: Value) => ad.grad(f)(x) as Value;

describe("dual numbers", () => {
  it("a standalone dual carries the derivative: d/dx 3 sin x = 3 cos x", () => {
    const y = ad.mul(ad.sin(ad.dual(2, 1)), 3) as ad.Dual;
    expect(y.primal).toBeCloseTo(3 * Math.sin(2), 14);
    expect(y.tangent).toBeCloseTo(3 * Math.cos(2), 14);
  });

  it("has no perturbation confusion: D(x => x * D(y => x + y)(1))(1) === 1", () => {
    expect(D((x) => ad.mul(x, D((y) => ad.add(x, y))(1)))(1)).toBe(1);
  });

  it("has no confusion when forward and reverse are nested either way", () => {
    expect(G((x) => ad.mul(x, G((y) => ad.add(x, y))(1)))(1)).toBe(1);
    expect(D((x) => ad.mul(x, G((y) => ad.add(x, y))(1)))(1)).toBe(1);
    expect(G((x) => ad.mul(x, D((y) => ad.add(x, y))(1)))(1)).toBe(1);
    // d/dx [x * d/dy (x y)] = d/dx x² = 2x
    expect(D((x) => ad.mul(x, G((y) => ad.mul(x, y))(1)))(3)).toBe(6);
    expect(G((x) => ad.mul(x, D((y) => ad.mul(x, y))(1)))(3)).toBe(6);
  });

  it("gives higher derivatives by nesting: d³/dx³ sin = -cos", () => {
    expect(D(D(D(ad.sin)))(0.7)).toBeCloseTo(-Math.cos(0.7), 14);
    expect(G(G(G(ad.sin)))(0.7)).toBeCloseTo(-Math.cos(0.7), 14);
  });
});

describe("standalone duals of tensors", () => {
  it("take a tangent of the primal's shape, with batch axes in front, and print as Dual(primal, tangent)", () => {
    const d = ad.dual(ad.ones([2, 3]), ad.zeros([5, 2, 3]));
    expect([(d.primal as ad.Tensor).shape, (d.tangent as ad.Tensor).shape]).toEqual([
      [2, 3],
      [5, 2, 3],
    ]);
    expect(String(ad.dual(2, 1))).toBe("Dual(2, 1)");
    const message = (t: string, p: string) =>
      new RegExp(
        `^dual: the tangent has shape \\[${t}\\] but the primal \\[${p}\\]; the tangent needs the primal's shape \\(batch axes may come first\\)$`,
      );
    expect(() => ad.dual(ad.ones([2, 3]), ad.zeros([3, 2]))).toThrow(message("3, 2", "2, 3"));
    expect(() => ad.dual(ad.ones([2, 3]), ad.zeros([3]))).toThrow(message("3", "2, 3"));
    expect(() => ad.dual(ad.ones([2, 3]), ad.zeros([4, 3, 3]))).toThrow(message("4, 3, 3", "2, 3"));
  });
});
