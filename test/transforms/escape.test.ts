// Values that leave a transform: read them with ad.primal inside, and a traced value used after
// its transform has returned throws naming the op and the transform. An error or an async f
// inside a transform leaves no tape memory behind and cannot crash Node later.
import { describe, it, expect } from "vitest";
import * as ad from "../../lib";
import type { Value } from "../../lib";

const ESCAPED = (op: string, transform: string) =>
  new RegExp(`${op}: this value was traced by a ${transform} that has already returned.*ad\\.primal\\(x\\)`);

describe("ad.primal reads the plain value inside a transform", () => {
  it("losses pushed inside grad are plain numbers, and the gradient is unchanged", () => {
    const losses: number[] = [];
    const loss = (w: Value) => {
      const l = ad.mul(ad.sub(w, 1), ad.sub(w, 1));
      losses.push(ad.primal(l) as number);
      return l;
    };
    let w: Value = 3;
    for (let i = 0; i < 3; i++) w = ad.sub(w, ad.mul(0.25, ad.grad(loss)(w)));
    expect(losses).toEqual([4, 1, 0.25]);
    expect(JSON.stringify(losses)).toBe("[4,1,0.25]");
  });
  it("strips every level of nesting and maps over trees", () => {
    let seen: unknown;
    ad.hessian((x: Value) => ((seen = ad.primal({ y: ad.mul(x, x), list: [x, 2] })), ad.sum(ad.mul(x, x))))(
      ad.tensor([1, 2]),
    );
    expect(JSON.stringify(seen)).toBe('{"y":[1,4],"list":[[1,2],2]}');
  });
  it("is a constant for the transform (no derivative flows through it)", () => {
    expect(ad.grad((x: Value) => ad.mul(x, ad.primal(x)))(3)).toBe(3);
  });
});

describe("a traced value used after its transform returned throws", () => {
  it("after grad, jvp, jacfwd, jacrev and vjp, naming the op and the transform", () => {
    const kept: Value[] = [];
    const keep = (x: Value) => (kept.push(ad.mul(x, x)), ad.sum(ad.mul(x, x)));
    ad.grad(keep)(2);
    ad.jvp(keep, [2], [1]);
    ad.jacfwd(keep)(ad.tensor([1, 2]));
    ad.jacrev(keep)(ad.tensor([1, 2]));
    ad.vjp(keep, 2);
    const names = ["grad", "jvp", "jacfwd", "jacrev", "vjp"];
    kept.forEach((x, i) => {
      expect(() => ad.add(x, 1)).toThrow(ESCAPED("add", names[i]));
      expect(() => ad.sin(x)).toThrow(ESCAPED("sin", names[i]));
      expect(() => ad.exp(x)).toThrow(ESCAPED("exp", names[i]));
    });
  });
  it("an escaped value cannot be plotted or saved as JSON (it gave objects)", () => {
    const losses: Value[] = [];
    ad.grad((x: Value) => (losses.push(ad.mul(x, x)), ad.mul(x, x)))(3);
    expect(() => JSON.stringify(losses)).toThrow(/a traced value cannot be saved or plotted.*ad\.primal\(x\)/);
    expect(() => ad.figure([{ y: losses as unknown as number[] }])).toThrow(
      /figure: trace 0: y\[0\] is a traced value.*ad\.primal/,
    );
  });
  it("inside a later transform too, which is not disturbed", () => {
    let escaped: Value = 0;
    ad.grad((x: Value) => ((escaped = x), x))(1);
    expect(() => ad.grad((y: Value) => ad.mul(y, escaped))(2)).toThrow(ESCAPED("mul", "grad"));
    expect(ad.grad((y: Value) => ad.mul(y, y))(2)).toBe(4);
  });
});

describe("an error inside f leaves the library as it was", () => {
  it("frees the tape: tapeMemory does not grow by the tape each time (it did)", () => {
    const failing = (x: Value) => {
      ad.sum(ad.mul(x, ad.ones([1000])));
      throw new Error("boom");
    };
    const before = ad.tapeMemory().live;
    for (let i = 0; i < 3; i++) {
      expect(() => ad.grad(failing)(ad.ones([1000]))).toThrow("boom");
      expect(() => ad.jacrev(failing)(ad.ones([1000]))).toThrow("boom");
      expect(() => ad.vjp(failing, ad.ones([1000]))).toThrow("boom");
    }
    expect(ad.tapeMemory().live).toBe(before);
    expect(ad.grad(ad.sin)(0)).toBe(1);
  });
  it("a non-scalar output of grad frees the tape too", () => {
    const before = ad.tapeMemory().live;
    expect(() => ad.grad((x: Value) => ad.mul(x, 2))(ad.ones([100]))).toThrow(/grad: f must return a scalar/);
    expect(ad.tapeMemory().live).toBe(before);
  });
});

describe("an async f is refused at once, and its later rejection cannot crash Node", () => {
  // typed as a plain function, as an untyped notebook cell would pass it
  const later = (async (x: Value) => {
    await new Promise((r) => setTimeout(r, 1));
    return ad.mul(x, x); // x's transform has returned by now: this rejects
  }) as unknown as (x: Value) => Value;
  it("in every transform and check", async () => {
    const ASYNC = /f must not be async/;
    expect(() => ad.grad(later)(3)).toThrow(ASYNC);
    expect(() => ad.jvp(later, [3], [1])).toThrow(ASYNC);
    expect(() => ad.jacfwd(later)(3)).toThrow(ASYNC);
    expect(() => ad.jacrev(later)(3)).toThrow(ASYNC);
    expect(() => ad.hessian(later)(3)).toThrow(ASYNC);
    expect(() => ad.fd(later, 3)).toThrow(/fd: .*f must not be async/);
    expect(() => ad.checkGrads(later, [3])).toThrow(ASYNC);
    expect(() => ad.customVjp(later, (g) => [g])(3)).toThrow(/customVjp\(later\): .*f must not be async/);
    expect(() => ad.traceScalar(later, { w: 3 })).toThrow(/traceScalar: .*f must not be async/);
    await new Promise((r) => setTimeout(r, 20)); // the rejections happen here; vitest fails the run on an unhandled one
    expect(ad.grad(ad.sin)(0)).toBe(1);
  });
});
