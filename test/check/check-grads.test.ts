import { describe, it, expect } from "vitest";
import * as ad from "../../lib";

describe("checkGrads catches wrong rules", () => {
  const wrongVjp = ad.customVjp((x) => ad.sin(x), (g, _out, x) => [ad.mul(g, ad.mul(1.001, ad.cos(x)))]);
  it("a wrong VJP fails the reverse-mode check, naming mode, order, argument and tolerance", () => {
    expect(() => ad.checkGrads(wrongVjp, [ad.tensor([0.3, 0.5])], { order: 1 })).toThrow(
      /rev-mode derivative of order 1 is wrong for argument 1 of 1 \(shape \[2\]\): error .* > tolerance/,
    );
  });
  it("a wrong JVP fails the forward-mode check against central differences", () => {
    const wrongJvp = ad.customJvp((x) => ad.sin(x), ([x], [dx]) => ad.mul(ad.cos(ad.mul(x, 1.01)), dx));
    expect(() => ad.checkGrads(wrongJvp, [0.7], { order: 1, modes: ["fwd"] })).toThrow(/fwd-mode derivative of order 1.*central difference/);
  });
  it("a rule right at first order but wrong at second order fails only the order-2 check", () => {
    // d sin = cos(x) written so that its own derivative is wrong: cos(stopGradient(x)) has zero derivative
    const shaky = ad.customJvp((x) => ad.sin(x), ([x], [dx]) => ad.mul(ad.cos(ad.stopGradient(x)), dx));
    expect(() => ad.checkGrads(shaky, [0.7], { order: 1 })).not.toThrow();
    expect(() => ad.checkGrads(shaky, [0.7], { order: 2 })).toThrow(/order 2/);
  });
  it("names the argument at fault", () => {
    const f = ad.customVjp((x, y) => ad.mul(x, y), (g, _o, x, y) => [ad.mul(g, y), ad.mul(g, ad.add(x, 1))]);
    expect(() => ad.checkGrads(f, [0.5, 2], { order: 1 })).toThrow(/argument 2 of 2/);
  });
  it("rejects bad options by name", () => {
    expect(() => ad.checkGrads(ad.sin, [1], { order: 3 as 2 })).toThrow(/order must be 1 or 2, got 3/);
    expect(() => ad.checkGrads(ad.sin, [1], { modes: ["forward" as "fwd"] })).toThrow(/modes must be "fwd" and\/or "rev"/);
  });
});
