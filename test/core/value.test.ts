// What a traced value says when JavaScript tries to use it as a number, and the value checks.
import { describe, it, expect } from "vitest";
import { inspect } from "node:util";
import * as ad from "../../lib";
import type { Value } from "../../lib";
import { checkValue } from "../../lib/core/value";
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
