// Traced programs: their text, their evaluation (f again, on numbers and under transforms, for every
// case of the primitive suite), and the errors where tracing cannot follow f.
import { describe, it, expect } from "vitest";
import * as ad from "../../lib";
import type { Value } from "../../lib";
import { dce } from "../../lib/jit/program";
import { cases, linalgCases, sample } from "../ops/cases";

// slogdet returns its sign as a plain number, read from the data: it cannot be traced (its error is tested below)
const { slogdet: _slogdet, ...traceable } = { ...cases, ...linalgCases };
const onesLike = (x: Value): Value => (ad.isTensor(x) ? ad.ones(x.shape) : 1);

describe("makeProgram", () => {
  it("prints a program as JAX prints a jaxpr: typed inputs, one equation a line, the outputs", () => {
    const p = ad.makeProgram((x: Value) => ad.sum(ad.sin(x)))(ad.tensor([1, 2, 3]));
    expect(String(p)).toBe(
      "{ lambda a:f64[3] .\n  let b:f64[3] = sin a\n      c:f64[] = sum[axes=[0], keepdims=false] b\n  in (c) }",
    );
  });

  it("writes constants in place, and a function of no equation as its outputs", () => {
    const p = ad.makeProgram((x: Value, y: Value) => [ad.mul(2, ad.add(x, -0.5)), y, 3])(1, ad.zeros([2]));
    expect(String(p)).toBe(
      "{ lambda a:f64[] b:f64[2] .\n  let c:f64[] = add a -0.5\n      d:f64[] = mul 2.0 c\n  in (d, b, 3.0) }",
    );
    expect(String(ad.makeProgram((x: Value) => x)(1))).toBe("{ lambda a:f64[] .\n  in (a) }");
  });

  it("prints the equations of a loop with several outputs as one line, as JAX prints scan", () => {
    const step = (s: Value, x: Value) => [ad.add(s, x), ad.mul(s, x)] as const;
    const p = ad.makeProgram((xs: Value, w: Value) => ad.scan((s: Value, x: Value) => step(ad.mul(s, w), x), 0, xs))(
      ad.tensor([1, 2, 3]),
      2,
    );
    expect(String(p)).toBe(
      [
        "{ lambda a:f64[3] b:f64[] .",
        "  let c:f64[] d:f64[3] = scan[body={ lambda a:f64[] b:f64[] c:f64[] d:f64[] .",
        "      let e:f64[] = mul b d",
        "          f:f64[] = add e c",
        "          g:f64[] = mul e c",
        "      in (f, g) }, lower=0, upper=3, carries=1, xAxes=[0], yAxes=[0]] 0.0 a b",
        "  in (c, d) }",
      ].join("\n"),
    );
  });

  it("records what runs: JavaScript loops unrolled, one equation per operation", () => {
    const chain = (x: Value) => {
      for (let i = 0; i < 10; i++) x = ad.add(ad.mul(ad.sin(x), 1.0001), ad.mul(0.5, x));
      return x;
    };
    const p = ad.makeProgram(chain)(0.3);
    expect(p.equations.map((e) => e.prim.name).slice(0, 4)).toEqual(["sin", "mul", "mul", "add"]);
    expect(p.equations).toHaveLength(40);
  });

  it("dce drops the equations no output needs", () => {
    const p = ad.makeProgram((x: Value) => [ad.sin(x), ad.cos(x)])(1);
    expect(dce({ ...p, outputs: [p.outputs[1]] }).equations.map((e) => e.prim.name)).toEqual(["cos"]);
  });
});

describe("evalProgram runs f again, for every case of the primitive suite", () => {
  for (const [name, c] of Object.entries(traceable)) {
    it(name, () => {
      const rng = ad.rng(7);
      for (const shapes of c.shapes) {
        const args = shapes.map((s, i) => sample(rng, s, c.domains[i]));
        const p = ad.makeProgram(c.f)(...args);
        expect(ad.evalProgram(p, args)[0]).toEqual(c.f(...args));
        // at other arguments of the same shapes: the examples' data is not in the program
        const others = shapes.map((s, i) => sample(rng, s, c.domains[i]));
        expect(ad.evalProgram(p, others)[0]).toEqual(c.f(...others));
        // a transform consumes the program as it consumes f
        const viaProgram = ad.vjp((...xs: Value[]) => ad.evalProgram(p, xs)[0], ...others);
        const direct = ad.vjp(c.f, ...others);
        const ct = onesLike(direct[0]);
        expect(viaProgram[1](ct)).toEqual(direct[1](ct));
      }
    });
  }
});

describe("where tracing cannot follow f, the message names the operation and points to where", () => {
  const trace =
    (f: (x: Value) => unknown, x: Value = 1) =>
    () =>
      ad.makeProgram(f as (x: Value) => Value)(x);

  it("a comparison or a JavaScript operator on a traced value", () => {
    expect(trace((x) => ((ad.sin(x) as number) > 0 ? x : 0))).toThrow(
      /makeProgram: a JavaScript operator, comparison or Math function was applied to a traced value \(f64\[\], the output of sin\).*ad\.where\(ad\.gt\(x, 0\), a, b\)/,
    );
    expect(trace((x) => Math.exp(x as number))).toThrow(/traced value \(f64\[\], an input of f\)/);
    expect(trace((x) => (x as unknown as number) * 2, ad.zeros([3]))).toThrow(/\(f64\[3\], an input of f\)/);
  });

  it("reading a traced value's data", () => {
    expect(trace((x) => ad.primal(ad.cos(x)))).toThrow(
      /ad\.primal.*read the data of a traced value \(f64\[\], the output of cos\)/,
    );
    expect(trace((x) => ad.slogdet(x).sign, ad.eye(2))).toThrow(/the output of linalg\.slogdet/);
  });

  it("bad arguments", () => {
    expect(() => ad.makeProgram(3 as never)).toThrow("makeProgram: f must be a function, got number");
    const p = ad.makeProgram(ad.sin)(ad.zeros([2]));
    expect(() => ad.evalProgram(p, [])).toThrow("evalProgram: the program takes 1 input(s), got 0");
    expect(() => ad.evalProgram(p, [1])).toThrow("evalProgram: input 1 has shape [], the program expects [2]");
    expect(() => ad.makeProgram(ad.sin)("x" as never)).toThrow(/makeProgram: arguments\[0\]: expected a number/);
  });
});
