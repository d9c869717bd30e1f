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
  it("null or undefined as the first argument names the op (a misspelled parameter said \"reading 'trace'\")", () => {
    const params: Record<string, Value> = { W1: ad.ones([2, 2]) };
    for (const [name, op] of [["mul", ad.mul], ["add", ad.add], ["sub", ad.sub], ["div", ad.div], ["pow", ad.pow], ["maximum", ad.maximum]] as const) {
      expect(() => op(params.W_1, 2)).toThrow(new RegExp(`^${name}: argument 1 must be a number or a Tensor, got undefined$`));
      expect(() => op(null as unknown as Value, ad.ones([2]))).toThrow(new RegExp(`^${name}: argument 1 must be a number or a Tensor, got null$`));
      expect(() => ad.grad((x: Value) => op(params.W_1, x))(2)).toThrow(new RegExp(`^${name}: argument 1 .* got undefined$`));
      expect(() => ad.jvp((x: Value) => op(x, params.b), [2], [1])).toThrow(new RegExp(`^${name}: argument 2 .* got undefined$`));
    }
    for (const [name, op] of [["sin", ad.sin], ["exp", ad.exp], ["neg", ad.neg], ["sign", ad.sign], ["gt", ad.gt]] as const) {
      expect(() => (op as (x: Value, y?: Value) => Value)(params.W_1, 0)).toThrow(new RegExp(`^${name}: argument 1 .* got undefined$`));
    }
    expect(() => ad.matmul(params.W_1, ad.ones([2]))).toThrow(/^matmul: argument 1 .* got undefined$/);
  });
  it("allocations beyond memory name the op and the shape (V8 said \"Invalid typed array length\")", () => {
    const before = ad.tapeMemory().live;
    const TOO_BIG = (op: string) => new RegExp(`^${op}.*: a result of shape \\[100000, 100000\\] would hold 1\\.00e\\+10 numbers \\(80\\.0 GB\\)`);
    expect(() => ad.zeros([1e5, 1e5])).toThrow(TOO_BIG("zeros"));
    expect(() => ad.add(ad.zeros([1e5, 1]), ad.zeros([1e5]))).toThrow(TOO_BIG("add \\(broadcasting \\[100000, 1\\] and \\[100000\\]\\)"));
    expect(() => ad.matmul(ad.zeros([1e5, 1]), ad.zeros([1, 1e5]))).toThrow(TOO_BIG("matmul"));
    const twice = (x: Value) => ad.mul(x, 2);
    expect(() => ad.jacfwd(twice)(ad.zeros([1e5]))).toThrow(TOO_BIG("jacfwd"));
    expect(() => ad.jacrev(twice)(ad.zeros([1e5]))).toThrow(TOO_BIG("jacrev"));
    expect(() => ad.jacfwd(twice, { batched: false })(ad.zeros([1e5]))).toThrow(TOO_BIG("jacfwd"));
    expect(() => ad.hessian((x: Value) => ad.sum(x))(ad.zeros([1e5]))).toThrow(TOO_BIG("hessian"));
    expect(() => ad.eye(1e5)).toThrow(TOO_BIG("eye"));
    expect(() => ad.arange(1e10)).toThrow(/^arange: a result of shape \[10000000000\]/);
    expect(ad.tapeMemory().live).toBe(before);
    expect(ad.grad(ad.sin)(0)).toBe(1);
  });
  it("functions and options are checked by name", () => {
    const params = [ad.ones([2])];
    expect(() => ad.grad(ad.sum, params as unknown as number)).toThrow(/^grad: argnums must be an integer or an array of integers .*got an array holding a Tensor/);
    expect(() => ad.grad(undefined as unknown as () => number)).toThrow(/^grad: f must be a function, got undefined/);
    expect(() => ad.valueAndGrad(ad.sin, 1.5)).toThrow(/^valueAndGrad: argnums must be an integer/);
    expect(() => ad.jacfwd(ad.sin, { batched: "yes" as unknown as boolean })).toThrow(/^jacfwd: batched must be true or false, got string "yes"/);
    expect(() => ad.jacrev(ad.sin, 2 as unknown as object)).toThrow(/^jacrev: options must be an object { ... }, got number/);
    expect(() => ad.customVjp(ad.sin, undefined as unknown as () => Value[])).toThrow(/^customVjp: the VJP rule bwd must be a function/);
  });
});
