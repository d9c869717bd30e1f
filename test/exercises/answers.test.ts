import { inspect } from "node:util";
import { afterEach, describe, expect, it, vi } from "vitest";
import { AnswerError, answerOf, check, wrong } from "../../lib/exercises/answers";

afterEach(() => {
  vi.restoreAllMocks();
});

describe("check", () => {
  it("prints one ✓ line when the checks pass", () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
    check("Exercise 9.1", () => undefined);
    expect(log).toHaveBeenCalledWith("✓ Exercise 9.1: every check in this cell passes");
  });

  it("fails with the title and the hint, shown as one line", () => {
    let error: unknown;
    try {
      check("Exercise 9.1", () => wrong("the Jacobian is transposed"));
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(AnswerError);
    expect(inspect(error)).toBe("AnswerError: Exercise 9.1: the Jacobian is transposed");
  });

  it("lets a bug in a check through as it is, not as a hint", () => {
    expect(() => check("Exercise 9.1", () => JSON.parse("{"))).toThrow(SyntaxError);
  });
});

describe("answerOf", () => {
  it("returns what the student's code returns", () => {
    expect(answerOf("f(1)", () => 2)).toBe(2);
  });

  it("turns the stub's error into 'not answered yet' and other errors into a hint naming the call", () => {
    expect(() =>
      answerOf("f(1)", () => {
        throw new Error("not answered yet");
      }),
    ).toThrow(/^not answered yet: replace the stub/);
    expect(() =>
      answerOf("f(1)", () => {
        throw new TypeError("x is undefined");
      }),
    ).toThrow(new AnswerError("f(1) threw TypeError: x is undefined"));
    expect(() =>
      answerOf("f(1)", () => {
        throw "a string";
      }),
    ).toThrow(/f\(1\) threw string: a string/);
  });
});
