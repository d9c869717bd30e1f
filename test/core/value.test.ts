// What a traced value says when JavaScript tries to use it as a number, and the value checks.
import { describe, it, expect } from "vitest";
import { inspect } from "node:util";
import * as ad from "../../lib";
import type { Value } from "../../lib";
import { checkValue, transformsStarted } from "../../lib/core/value";
import { definePrimitive } from "../../lib/core/primitive";

describe("traced values under JavaScript's operators", () => {
  it("names the operators that reached it: + and == (default hint) apart from *, >, Math and Number", () => {
    const caught: string[] = [];
    ad.grad((x: Value) => {
      try {
        void ((x as unknown as number) + 1);
      } catch (e) {
        caught.push((e as Error).message);
      }
      try {
        void ((x as unknown as number) * 2);
      } catch (e) {
        caught.push((e as Error).message);
      }
      expect(inspect(x)).toBe(String(x)); // console.log shows the short text
      return x;
    })(1.5);
    expect(caught[0]).toMatch(
      /^JavaScript operator or Math function on a traced value \(x \+ y or x == y\): JavaScript cannot overload them/,
    );
    expect(caught[1]).toMatch(
      /^JavaScript operator or Math function on a traced value \(x \* y, x > 0, Math\.sin\(x\) or Number\(x\)\):/,
    );
  });

  it("checkValue names the argument by position, or by the name it is given", () => {
    expect(() => checkValue("a", "sin", 0)).toThrow(
      new TypeError('sin: argument 1 must be a number or a Tensor, got string "a"'),
    );
    expect(() => checkValue([1], "add", 1)).toThrow(
      new TypeError("add: argument 2 must be a number or a Tensor, got an array (wrap it with tensor(...))"),
    );
    expect(() => checkValue(null, "dual", "the tangent")).toThrow(
      new TypeError("dual: the tangent must be a number or a Tensor, got null"),
    );
  });

  it("a primitive's name is taken once", () => {
    const rules = { name: "add", impl: () => 0, jvp: () => null, vjp: () => [] };
    expect(() => definePrimitive(rules)).toThrow(new Error("primitive add is defined twice"));
  });
});

describe("transformsStarted", () => {
  // counted from outside, by what was called: an exercise reads it to tell which mode a student used
  const started = (f: () => unknown) => {
    const before = transformsStarted();
    f();
    const after = transformsStarted();
    return { forward: after.forward - before.forward, reverse: after.reverse - before.reverse };
  };
  it("counts each reverse-mode and each forward-mode transformation once, by its kind", () => {
    expect(started(() => ad.grad(ad.sin)(1))).toEqual({ forward: 0, reverse: 1 });
    expect(started(() => ad.jvp(ad.sin, [1], [1]))).toEqual({ forward: 1, reverse: 0 });
    expect(started(() => ad.dual(2, 1))).toEqual({ forward: 1, reverse: 0 });
    expect(started(() => ad.grad((x: Value) => ad.grad(ad.sin)(x))(1))).toEqual({ forward: 0, reverse: 2 });
    expect(started(() => ad.sin(1))).toEqual({ forward: 0, reverse: 0 });
    expect(Object.keys(transformsStarted()).sort()).toEqual(["forward", "reverse"]);
  });
});
