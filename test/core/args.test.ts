// The argument checks every public function starts with: the exact message for each kind of bad
// value, since a reader of a notebook sees nothing else.
import { describe as group, it, expect } from "vitest";
import {
  argnumList,
  checkArray,
  checkBoolean,
  checkFunction,
  checkInteger,
  checkOptions,
  describe,
} from "../../lib/core/args";

class Point {}

group("describe", () => {
  it("names what it got", () => {
    expect(describe(null)).toBe("null");
    expect(describe(undefined)).toBe("undefined");
    expect(describe(3)).toBe("number");
    expect(describe(true)).toBe("boolean");
    expect(describe("abc")).toBe('string "abc"');
    expect(describe("x".repeat(50))).toBe(`string "${"x".repeat(40)}"`);
    expect(describe([1, 2])).toBe("an array (wrap it with tensor(...))");
    expect(describe({ a: 1 })).toBe("an object");
    expect(describe(Object.create(null))).toBe("an object");
    expect(describe(new Point())).toBe("a Point");
    expect(describe(new Map())).toBe("a Map");
    // biome-ignore lint/suspicious/noThenProperty: a plain object with a `then` key is described as one, not as a promise
    expect(describe({ then: 1 })).toBe("an object");
  });

  it("marks a Promise handled, so its later rejection cannot crash the process", async () => {
    const rejected = Promise.reject(new Error("late"));
    expect(describe(rejected)).toBe(
      "a Promise: f must not be async (adlab's transforms need its value when it returns)",
    );
    const seen: unknown[] = [];
    const listener = (reason: unknown) => seen.push(reason);
    process.on("unhandledRejection", listener);
    await new Promise((resolve) => setTimeout(resolve, 10));
    process.off("unhandledRejection", listener);
    expect(seen).toEqual([]);
  });
});

group("the checks", () => {
  it("checkFunction", () => {
    expect(() => checkFunction(undefined, "grad")).toThrow(new TypeError("grad: f must be a function, got undefined"));
    expect(() => checkFunction(1, "vjp", "the pullback")).toThrow(
      new TypeError("vjp: the pullback must be a function, got number"),
    );
    expect(() => checkFunction(() => 1, "grad")).not.toThrow();
  });

  it("checkOptions", () => {
    expect(() => checkOptions(undefined, "jacfwd")).not.toThrow();
    expect(() => checkOptions({}, "jacfwd")).not.toThrow();
    expect(() => checkOptions(Object.create(null), "jacfwd")).not.toThrow();
    expect(() => checkOptions(null, "jacfwd")).toThrow(
      new TypeError("jacfwd: options must be an object { ... }, got null"),
    );
    expect(() => checkOptions(2, "jacfwd")).toThrow(
      new TypeError("jacfwd: options must be an object { ... }, got number"),
    );
    expect(() => checkOptions([], "fd", "the settings")).toThrow(
      new TypeError("fd: the settings must be an object { ... }, got an array (wrap it with tensor(...))"),
    );
    expect(() => checkOptions(new Point(), "fd")).toThrow(
      new TypeError("fd: options must be an object { ... }, got a Point"),
    );
    // a function is no options bag, even one whose prototype was taken away (then only typeof tells)
    const bare = Object.setPrototypeOf(() => 0, null);
    expect(() => checkOptions(bare, "fd")).toThrow(/^fd: options must be an object \{ \.\.\. \}, got /);
  });

  it("checkArray", () => {
    const xs = [1];
    expect(checkArray(xs, "concat", "xs")).toBe(xs);
    expect(() => checkArray("ab", "concat", "xs")).toThrow(
      new TypeError('concat: xs must be an array, got string "ab"'),
    );
  });

  it("checkInteger", () => {
    expect(checkInteger(-2, "softmax", "axis")).toBe(-2);
    expect(() => checkInteger(1.5, "softmax", "axis")).toThrow(
      new TypeError("softmax: axis must be an integer, got 1.5"),
    );
    expect(() => checkInteger(NaN, "softmax", "axis")).toThrow(
      new TypeError("softmax: axis must be an integer, got NaN"),
    );
    expect(() => checkInteger("1", "softmax", "axis")).toThrow(
      new TypeError('softmax: axis must be an integer, got string "1"'),
    );
  });

  it("argnumList", () => {
    expect(argnumList(1, 2, "grad")).toEqual([1]);
    expect(argnumList([0, 2], 3, "grad")).toEqual([0, 2]);
    const message = "grad: argnums must be an integer or an array of integers (which arguments to differentiate), got ";
    expect(() => argnumList([], 2, "grad")).toThrow(new TypeError(message + "an empty array"));
    expect(() => argnumList([0, "1"], 2, "grad")).toThrow(new TypeError(message + 'an array holding string "1"'));
    expect(() => argnumList([0, 0.5], 2, "grad")).toThrow(new TypeError(message + "an array holding number"));
    expect(() => argnumList("0", 2, "grad")).toThrow(new TypeError(message + 'string "0"'));
    expect(() => argnumList(undefined, 2, "grad")).toThrow(new TypeError(message + "undefined"));
    expect(() => argnumList([0, undefined], 2, "grad")).toThrow(new TypeError(message + "an array holding undefined"));
    expect(() => argnumList(2, 2, "grad")).toThrow(new RangeError("grad: argnums 2 is out of range for 2 argument(s)"));
    expect(() => argnumList([0, -1], 2, "grad")).toThrow(
      new RangeError("grad: argnums -1 is out of range for 2 argument(s)"),
    );
  });

  it("checkBoolean", () => {
    expect(checkBoolean(false, "sum", "keepdims")).toBe(false);
    expect(() => checkBoolean(0, "sum", "keepdims")).toThrow(
      new TypeError("sum: keepdims must be true or false, got number"),
    );
  });
});
