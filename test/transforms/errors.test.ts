// Bad input gets a clear error naming what was wrong.
import { describe, it, expect } from "vitest";
import * as ad from "../../lib";
import type { Value } from "../../lib";

describe("bad input", () => {
  it("mismatched shapes name the op and both shapes", () => {
    expect(() => ad.add(ad.zeros([3, 2]), ad.zeros([4]))).toThrow(/add.*\[3, 2\].*\[4\]/);
    expect(() => ad.matmul(ad.zeros([3, 2]), ad.zeros([3, 2]))).toThrow(/matmul.*\[3, 2\].*\[3, 2\]/);
    expect(() => ad.reshape(ad.zeros([3, 2]), [4])).toThrow(/reshape.*\[3, 2\].*\[4\]/);
  });
  it("grad of a non-scalar output says so and points to jacrev/vjp", () => {
    expect(() => ad.grad((x: Value) => ad.mul(x, 2))(ad.zeros([3]))).toThrow(/scalar.*shape \[3\].*jacrev or vjp/);
  });
  it("wrong argument types give a TypeError with the expected type", () => {
    expect(() => ad.sin("1" as unknown as number)).toThrow(TypeError);
    expect(() => ad.sin("1" as unknown as number)).toThrow(/sin: argument 1 must be a number or a Tensor, got string/);
    expect(() => ad.add([1, 2] as unknown as number, 1)).toThrow(/wrap it with tensor/);
    expect(() => ad.grad((x: Value) => x)("a" as unknown as number)).toThrow(/grad: argument 1: expected a number, a Tensor/);
    expect(() => ad.grad((x: Value) => x, 2)(1)).toThrow(/argnums 2 is out of range/);
  });
  it("domain errors give IEEE results by default, and the NaN switch names the op", () => {
    expect(ad.log(-1)).toBeNaN();
    expect(() => ad.withDebugNans(() => ad.log(-1))).toThrow(/log produced NaN/);
    expect(() => ad.withDebugNans(() => ad.grad((x: Value) => ad.sqrt(ad.sub(x, 2)))(1))).toThrow(/sqrt produced NaN/);
    expect(() => ad.withDebugNans(() => ad.sum(ad.log(ad.tensor([1, -1]))))).toThrow(/log produced NaN/);
    expect(ad.log(-1)).toBeNaN(); // switched off again
  });
  it("jvp and pullbacks check tangent and cotangent shapes", () => {
    expect(() => ad.jvp(ad.sin, [ad.zeros([3])], [ad.zeros([2])])).toThrow(/tangent 1 has shape \[2\], expected \[3\]/);
    const [, pull] = ad.vjp(ad.sin, ad.zeros([3]));
    expect(() => pull(ad.zeros([2]))).toThrow(/cotangent 1 has shape \[2\] but the output has shape \[3\]/);
  });
});
