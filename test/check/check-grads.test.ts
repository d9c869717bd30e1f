import { describe, it, expect } from "vitest";
import * as ad from "../../lib";

describe("checkGrads catches wrong rules", () => {
  const wrongVjp = ad.customVjp(
    (x) => ad.sin(x),
    (g, _out, x) => [ad.mul(g, ad.mul(1.001, ad.cos(x)))],
  );
  it("a wrong VJP fails the reverse-mode check, naming mode, order, argument and tolerance", () => {
    expect(() => ad.checkGrads(wrongVjp, [ad.tensor([0.3, 0.5])], { order: 1 })).toThrow(
      /rev-mode derivative of order 1 is wrong for argument 1 of 1 \(shape \[2\]\): error .* > tolerance/,
    );
  });
  it("a wrong JVP fails the forward-mode check against central differences", () => {
    const wrongJvp = ad.customJvp(
      (x) => ad.sin(x),
      ([x], [dx]) => ad.mul(ad.cos(ad.mul(x, 1.01)), dx),
    );
    expect(() => ad.checkGrads(wrongJvp, [0.7], { order: 1, modes: ["fwd"] })).toThrow(
      /fwd-mode derivative of order 1.*central difference/,
    );
  });
  it("a rule right at first order but wrong at second order fails only the order-2 check", () => {
    // d sin = cos(x) written so that its own derivative is wrong: cos(stopGradient(x)) has zero derivative
    const shaky = ad.customJvp(
      (x) => ad.sin(x),
      ([x], [dx]) => ad.mul(ad.cos(ad.stopGradient(x)), dx),
    );
    expect(() => ad.checkGrads(shaky, [0.7], { order: 1 })).not.toThrow();
    expect(() => ad.checkGrads(shaky, [0.7], { order: 2 })).toThrow(/order 2/);
  });
  it("names the argument at fault", () => {
    const f = ad.customVjp(
      (x, y) => ad.mul(x, y),
      (g, _o, x, y) => [ad.mul(g, y), ad.mul(g, ad.add(x, 1))],
    );
    expect(() => ad.checkGrads(f, [0.5, 2], { order: 1 })).toThrow(/argument 2 of 2/);
  });
  it("rejects bad options by name", () => {
    expect(() => ad.checkGrads(ad.sin, [1], { order: 3 as 2 })).toThrow(/order must be 1 or 2, got 3/);
    expect(() => ad.checkGrads(ad.sin, [1], { modes: ["forward" as "fwd"] })).toThrow(
      /modes must be "fwd" and\/or "rev"/,
    );
  });
  it("checks each mode on its own at second order too, and only the modes asked for", () => {
    // right at first order in the mode that uses the rule, wrong at second order (the rule's own derivative is 0)
    const shakyJvp = ad.customJvp(
      (x) => ad.sin(x),
      ([x], [dx]) => ad.mul(ad.cos(ad.stopGradient(x)), dx),
    );
    const shakyVjp = ad.customVjp(
      (x) => ad.sin(x),
      (g, _out, x) => [ad.mul(g, ad.cos(ad.stopGradient(x)))],
    );
    const x = [ad.tensor([0.7, -0.4])];
    expect(() => ad.checkGrads(shakyJvp, x, { order: 2, modes: ["fwd"] })).toThrow(/fwd-mode derivative of order 2/);
    // the VJP rule's derivative is checked by differentiating the pullback (forward, against differences)
    expect(() => ad.checkGrads(shakyVjp, x, { order: 1 })).not.toThrow();
    expect(() => ad.checkGrads(shakyVjp, x, { order: 2 })).toThrow(/derivative of order 2/);
    // its forward mode differentiates f itself
    expect(() => ad.checkGrads(shakyVjp, x, { order: 2, modes: ["fwd"] })).not.toThrow();
    // x · stopGradient(x) differs from finite differences by design: reverse mode alone does not compare with them
    expect(() => ad.checkGrads((y) => ad.mul(y, ad.stopGradient(y)), x, { order: 1, modes: ["rev"] })).not.toThrow();
    const wrongVjp = ad.customVjp(
      (y) => ad.sin(y),
      (g) => [g],
    );
    expect(() => ad.checkGrads(wrongVjp, x, { order: 1, modes: ["fwd"] })).not.toThrow();
    expect(() => ad.checkGrads(wrongVjp, x, { order: 1, modes: ["rev"] })).toThrow(/rev-mode derivative of order 1/);
  });
  it("scales the difference step with |x| (a fixed step is lost to rounding at 1e8)", () => {
    expect(() => ad.checkGrads((x) => ad.mul(x, x), [1e8], { order: 1 })).not.toThrow();
    expect(() => ad.checkGrads((x) => ad.mul(x, x), [ad.tensor([1e8, -3e7])], { order: 1 })).not.toThrow();
  });
  it("measures the reverse-mode error relative to the size of ⟨u, J v⟩", () => {
    expect(() =>
      ad.checkGrads((x) => ad.mul(1e12, ad.sin(x)), [ad.tensor([0.3, 0.9, -0.2])], { order: 1, modes: ["rev"] }),
    ).not.toThrow();
  });
  it("reports the mismatch with its numbers, the first four of a long output", () => {
    const off = ad.customJvp(
      (x) => ad.mul(x, 2),
      ([,], [dx]) => ad.mul(dx, 3),
    );
    const caught = (f: () => void): Error => {
      try {
        f();
      } catch (e) {
        return e as Error;
      }
      throw new Error("no error");
    };
    const long = caught(() => ad.checkGrads(off, [ad.ones([5])], { order: 1, modes: ["fwd"] }));
    expect(long).toBeInstanceOf(ad.GradCheckError);
    expect(long.name).toBe("GradCheckError");
    expect(long.message).toMatch(
      /; JVP \[(-?\d\.\d{5}e?[-+\d]*, ){3}-?\d\.\d{5}e?[-+\d]*, …\] vs central difference \[/,
    );
    expect(caught(() => ad.checkGrads(off, [ad.ones([4])], { order: 1, modes: ["fwd"] })).message).not.toMatch(/…/);
    const short = caught(() => ad.checkGrads(off, [ad.ones([2])], { order: 1, modes: ["fwd"] }));
    expect(short.message).toMatch(
      /; JVP \[-?\d\.\d{5}e?[-+\d]*, -?\d\.\d{5}e?[-+\d]*\] vs central difference \[-?\d\.\d{5}e?[-+\d]*, -?\d\.\d{5}e?[-+\d]*\]$/,
    );
    const rev = caught(() =>
      ad.checkGrads(
        ad.customVjp(
          (y) => ad.sin(y),
          (g) => [g],
        ),
        [0.5],
        { order: 1, modes: ["rev"] },
      ),
    );
    expect(rev.message).toMatch(/; ⟨u, J v⟩ = -?[\d.e-]+ but ⟨Jᵀu, v⟩ = -?[\d.e-]+$/);
  });
  it("rejects tolerances, steps, modes and seeds that cannot work, by name", () => {
    for (const name of ["rtol", "atol", "eps"]) {
      for (const bad of [0, -1e-6, Infinity, NaN]) {
        expect(() => ad.checkGrads(ad.sin, [1], { [name]: bad })).toThrow(
          new RegExp(`^checkGrads: ${name} must be a positive number`),
        );
      }
    }
    expect(() => ad.checkGrads(ad.sin, [1], { modes: [] })).toThrow(
      /^checkGrads: modes must be "fwd" and\/or "rev", got \[\]/,
    );
    expect(() => ad.checkGrads(ad.sin, [1], { seed: 0.5 })).toThrow(/^checkGrads: seed must be an integer/);
  });
});
