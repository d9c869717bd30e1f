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
    expect(() => ad.grad((x: Value) => x)("a" as unknown as number)).toThrow(
      /grad: argument 1: expected a number, a Tensor/,
    );
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
    for (const [name, op] of [
      ["mul", ad.mul],
      ["add", ad.add],
      ["sub", ad.sub],
      ["div", ad.div],
      ["pow", ad.pow],
      ["maximum", ad.maximum],
    ] as const) {
      expect(() => op(params.W_1, 2)).toThrow(
        new RegExp(`^${name}: argument 1 must be a number or a Tensor, got undefined$`),
      );
      expect(() => op(null as unknown as Value, ad.ones([2]))).toThrow(
        new RegExp(`^${name}: argument 1 must be a number or a Tensor, got null$`),
      );
      expect(() => ad.grad((x: Value) => op(params.W_1, x))(2)).toThrow(
        new RegExp(`^${name}: argument 1 .* got undefined$`),
      );
      expect(() => ad.jvp((x: Value) => op(x, params.b), [2], [1])).toThrow(
        new RegExp(`^${name}: argument 2 .* got undefined$`),
      );
    }
    for (const [name, op] of [
      ["sin", ad.sin],
      ["exp", ad.exp],
      ["neg", ad.neg],
      ["sign", ad.sign],
      ["gt", ad.gt],
    ] as const) {
      expect(() => (op as (x: Value, y?: Value) => Value)(params.W_1, 0)).toThrow(
        new RegExp(`^${name}: argument 1 .* got undefined$`),
      );
    }
    expect(() => ad.matmul(params.W_1, ad.ones([2]))).toThrow(/^matmul: argument 1 .* got undefined$/);
  });
  it('allocations beyond memory name the op and the shape (V8 said "Invalid typed array length")', () => {
    const before = ad.tapeMemory().live;
    const TOO_BIG = (op: string) =>
      new RegExp(`^${op}.*: a result of shape \\[100000, 100000\\] would hold 1\\.00e\\+10 numbers \\(80\\.0 GB\\)`);
    expect(() => ad.zeros([1e5, 1e5])).toThrow(TOO_BIG("zeros"));
    expect(() => ad.add(ad.zeros([1e5, 1]), ad.zeros([1e5]))).toThrow(
      TOO_BIG("add \\(broadcasting \\[100000, 1\\] and \\[100000\\]\\)"),
    );
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
    expect(() => ad.grad(ad.sum, params as unknown as number)).toThrow(
      /^grad: argnums must be an integer or an array of integers .*got an array holding a Tensor/,
    );
    expect(() => ad.grad(undefined as unknown as () => number)).toThrow(/^grad: f must be a function, got undefined/);
    expect(() => ad.valueAndGrad(ad.sin, 1.5)).toThrow(/^valueAndGrad: argnums must be an integer/);
    expect(() => ad.jacfwd(ad.sin, { batched: "yes" as unknown as boolean })).toThrow(
      /^jacfwd: batched must be true or false, got string "yes"/,
    );
    expect(() => ad.jacrev(ad.sin, 2 as unknown as object)).toThrow(
      /^jacrev: options must be an object { ... }, got number/,
    );
    expect(() => ad.customVjp(ad.sin, undefined as unknown as () => Value[])).toThrow(
      /^customVjp: the VJP rule bwd must be a function/,
    );
  });
});

describe("wrong counts and structures", () => {
  it("a pullback given more or fewer cotangents than f has outputs says how many each has", () => {
    const [, pull] = ad.vjp((x: Value, y: Value) => [ad.sin(x), ad.mul(x, y)], 1, 2);
    const pullback = pull as (ct: unknown) => Value[];
    expect(() => pullback([1])).toThrow(
      /^pullback: the cotangent is an array of 1 but the output of f is an array of 2/,
    );
    expect(() => pullback([1, 2, 3])).toThrow(
      /^pullback: the cotangent is an array of 3 but the output of f is an array of 2/,
    );
    expect(() => pullback(1)).toThrow(
      /^pullback: the cotangent is a single value but the output of f is an array of 2/,
    );
    expect(pullback([1, 0])).toEqual([Math.cos(1), 0]);
  });
  it("a custom VJP rule returning more or fewer cotangents than arguments says how many it must return", () => {
    const short = ad.customVjp(
      (x: Value, y: Value) => ad.mul(x, y),
      (g: Value, _out: Value, _x: Value, y: Value) => [ad.mul(g, y)],
    );
    expect(() => ad.grad((x: Value) => short(x, 2))(3)).toThrow(
      /^customVjp\(f\): the VJP rule must return an array of 2 cotangent\(s\), one per argument, got an array of 1$/,
    );
    const long = ad.customVjp(
      (x: Value) => ad.sin(x),
      (g: Value) => [g, g],
    );
    expect(() => ad.grad((x: Value) => long(x))(3)).toThrow(
      /must return an array of 1 cotangent\(s\), one per argument, got an array of 2$/,
    );
  });
  it("jvp with tangents that do not match the primals' count, keys or shapes", () => {
    expect(() => ad.jvp((x: Value, y: Value) => ad.mul(x, y), [1, 2], [1])).toThrow(
      /^jvp: primals and tangents must be arrays of equal length .* got 2 entries and 1 entries/,
    );
    const f = (p: Value) => ad.mul((p as unknown as { w: Value }).w, (p as unknown as { b: Value }).b);
    expect(() => ad.jvp(f, [{ w: 1, b: 2 } as unknown as Value], [{ w: 1 } as unknown as Value])).toThrow(
      /^jvp: tangent 1 is an object with keys \{w\} but its primal is an object with keys \{b, w\}/,
    );
    expect(() => ad.jvp(ad.sin, [1], [ad.ones([2])])).toThrow(/^jvp: tangent 1 has shape \[2\], expected \[\]/);
  });
  it("jacfwd and jacrev with argnums out of range", () => {
    for (const [name, jac] of [
      ["jacfwd", ad.jacfwd],
      ["jacrev", ad.jacrev],
    ] as const) {
      for (const argnums of [1, 2, -1]) {
        expect(() => jac(ad.sin, { argnums })(ad.ones([2]))).toThrow(
          new RegExp(`^${name}: argnums ${argnums} is out of range for 1 argument\\(s\\)`),
        );
      }
    }
  });
  it("concat and stack of nothing, matmul of a scalar", () => {
    expect(() => ad.concat([])).toThrow(/^concat: needs at least one value/);
    expect(() => ad.stack([])).toThrow(/^stack: needs at least one value/);
    expect(() => ad.matmul(2, ad.ones([2]))).toThrow(
      /^matmul: operands must have rank >= 1, got \[\] and \[2\]; use mul for scalars/,
    );
    expect(() => ad.matmul(ad.ones([2, 2]), 3)).toThrow(/^matmul: operands must have rank >= 1, got \[2, 2\] and \[\]/);
  });
});

describe("messages name the transform and the part of its input that is wrong", () => {
  it("jvp: which primal or tangent, or the output of f", () => {
    const f = (x: Value, y: Value) => ad.mul(x, y);
    expect(() => ad.jvp(f, [1, "a" as unknown as Value], [1, 1])).toThrow(
      /^jvp: primal 2: expected a number, a Tensor/,
    );
    expect(() => ad.jvp(f, [1, 2], [1, "a" as unknown as Value])).toThrow(
      /^jvp: tangent 2: expected a number, a Tensor/,
    );
    expect(() => ad.jvp(ad.sin, [1], "x" as unknown as Value[])).toThrow(
      /^jvp: primals and tangents must be arrays of equal length .* got 1 entries and string "x"/,
    );
    expect(() => ad.jvp(ad.sin, 1 as unknown as Value[], [1])).toThrow(/^jvp: primals and tangents must be arrays/);
    expect(() => ad.jvp(() => "x" as unknown as Value, [1], [1])).toThrow(
      /^jvp: output of f: expected a number, a Tensor/,
    );
  });
  it("vjp and grad: which argument, the output of f, how many outputs", () => {
    expect(() => ad.vjp((x: Value, y: Value) => ad.mul(x, y), 1, "a" as unknown as Value)).toThrow(
      /^vjp: argument 2: expected a number, a Tensor/,
    );
    expect(() => ad.vjp(() => "x" as unknown as Value, 1)).toThrow(/^vjp: output of f: expected a number, a Tensor/);
    expect(() => ad.grad((x: Value) => [x, x] as unknown as Value)(1)).toThrow(
      /^grad: f must return a scalar \(a number or a size-1 tensor\), got 2 outputs; use jacrev or vjp/,
    );
  });
  it("grad of a size-1 tensor output seeds it with ones of its shape", () => {
    expect(Array.from((ad.grad((x: Value) => ad.reshape(ad.sum(x), [1]))(ad.ones([2])) as ad.Tensor).data)).toEqual([
      1, 1,
    ]);
    expect(ad.grad((x: Value) => ad.mul(x, 3))(2)).toBe(3);
  });
  it("reverse mode seeds only outputs recorded on its own tape (constants and values of an outer transform get none)", () => {
    const [, pull] = ad.vjp((x: Value) => [3, ad.sin(x)], 1);
    expect((pull as (c: unknown) => Value[])([1, 1])).toEqual([Math.cos(1)]);
    // the inner function returns x·x, a value of the outer transform: its gradient in y is 0, though the
    // inner tape holds a step (5y) at the index x·x has on the outer tape
    const inner = (x: Value) => ad.grad((y: Value) => (ad.mul(y, 5), ad.mul(x, x)))(1);
    expect(ad.grad((x: Value) => ad.mul(x, ad.add(1, inner(x))))(3)).toBe(1);
  });
});

describe("the Jacobian transforms' messages, and grad of a size-1 output", () => {
  it("name the option, and what f returned", () => {
    expect(() => ad.jacfwd(ad.sin, { argnums: 1.5 })).toThrow(/^jacfwd: argnums must be an integer, got 1\.5$/);
    expect(() => ad.jacfwd((_v: Value) => "a" as unknown as Value)(ad.ones([2]))).toThrow(
      /^jacfwd: output of f: expected a number, a Tensor, or arrays\/objects of them, got string "a"$/,
    );
    expect(() => ad.jacfwd((v: Value) => [v, v] as unknown as Value)(ad.ones([2]))).toThrow(
      /^jacfwd: f must return a single number or Tensor$/,
    );
    expect(() => ad.jacfwd((v: Value) => [v] as unknown as Value)(ad.ones([2]))).toThrow(
      /^jacfwd: f must return a single number or Tensor$/,
    );
  });

  it("grad of an output of shape [1, 1] is the gradient of its one entry", () => {
    const f = (v: Value) => ad.reshape(ad.sum(ad.mul(v, v)), [1, 1]);
    expect(Array.from((ad.grad(f)(ad.tensor([1, 2])) as ad.Tensor).data)).toEqual([2, 4]);
  });
});
