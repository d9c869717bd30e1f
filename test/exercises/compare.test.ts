import { describe, expect, it } from "vitest";
import * as ad from "../../lib";
import {
  asNumber,
  asTensor,
  atPoints,
  expectFields,
  expectNumber,
  expectTensor,
  expectValuesAt,
} from "../../lib/exercises/compare";

const J = ad.tensor([
  [1, 2, 3],
  [4, 5, 6],
]);
const square = ad.tensor([
  [1, 2],
  [3, 4],
]);

describe("answers in any equivalent form", () => {
  it("take a number as a number, a one-entry tensor or a one-entry array", () => {
    expect([asNumber(2, "t"), asNumber(ad.tensor([2]), "t"), asNumber([[2]], "t")]).toEqual([2, 2, 2]);
  });

  it("take a tensor as nested arrays, a Float64Array or a tensor, and a vector as [n], [n, 1] or [1, n]", () => {
    expect(
      asTensor(
        [
          [1, 2],
          [3, 4],
        ],
        "A",
      ).shape,
    ).toEqual([2, 2]);
    expect(asTensor(Float64Array.of(1, 2), "v").shape).toEqual([2]);
    for (const v of [[1, 2, 3], [[1], [2], [3]], [[1, 2, 3]]])
      expect(() => expectTensor(v, ad.tensor([1, 2, 3]), "v")).not.toThrow();
  });

  it("refuse what is not one, saying what it got", () => {
    expect(() => asNumber(undefined, "t")).toThrow("t is missing");
    expect(() => asNumber([1, 2], "t")).toThrow("t should be a number, got an array of 2");
    expect(() => asNumber(NaN, "t")).toThrow("t is NaN");
    expect(() => asNumber(ad.dual(1, 1), "t")).toThrow("t is a traced value");
    expect(() => asTensor([[1, 2], [3]], "A")).toThrow("A is a ragged array");
    expect(() => asTensor(["1"], "A")).toThrow("A holds string 1 where a number belongs");
  });
});

describe("hints say what is wrong, never the answer", () => {
  it.each([
    [
      "a shape",
      [
        [1, 2],
        [3, 4],
      ],
      J,
      "J has shape [2, 2] but should have shape [2, 3]",
    ],
    ["a transposed rectangle", ad.transpose(J), J, "J is transposed"],
    ["a transposed square", ad.transpose(square), square, "J is transposed"],
    ["the sign", ad.neg(J), J, "J has the wrong sign"],
    ["a factor", ad.mul(0.5, J), J, "J is off by a constant factor (a factor is missing or extra)"],
    [
      "some entries",
      [
        [1, 2, 3],
        [4, 5, 0],
      ],
      J,
      "J is right in 5 of 6 entries",
    ],
    [
      "NaN",
      [
        [1, 2, 3],
        [4, 5, NaN],
      ],
      J,
      "J has NaN entries",
    ],
    [
      "nothing in common",
      [
        [0, 0, 0],
        [0, 0, 0.5],
      ],
      J,
      "J is not right",
    ],
  ])("%s", (_, answer, expected, hint) => {
    expect(() => expectTensor(answer, expected as ad.Tensor, "J")).toThrow(hint);
  });

  it("name a mistake the exercise expects, only when the answer is wrong", () => {
    const mistakes = [[ad.mul(3, J), "multiplies by the batch size"]] as const;
    expect(() => expectTensor(ad.mul(3, J), J, "J", {}, mistakes)).toThrow("J multiplies by the batch size");
    expect(() => expectTensor(J, J, "J", {}, [[J, "never said"]])).not.toThrow();
  });

  it("for one number: the sign, else 'not right' (one number is always a multiple of another)", () => {
    expect(() => expectNumber(-0.5, 0.5, "g'(2)")).toThrow("g'(2) has the wrong sign");
    expect(() => expectNumber(0.25, 0.5, "g'(2)")).toThrow(/^g'\(2\) is not right$/);
    expect(() => expectNumber(0.5 + 1e-12, 0.5, "g'(2)")).not.toThrow();
  });

  it("for a function at several points: where it is right, or what is wrong at all of them", () => {
    const exact = (x: number) => x * x;
    const label = (x: number) => `x = ${x}`;
    expect(() => expectValuesAt([1, 2], label, (x) => (x === 1 ? 1 : 0), exact, "f")).toThrow(
      "f is right at x = 1 but not at x = 2",
    );
    expect(() => expectValuesAt([1, 2], label, (x) => 3 * x * x, exact, "f")).toThrow("f is off by a constant factor");
    expect(() => expectValuesAt([2, 3], label, (x) => x, exact, "f")).toThrow("f is not right (at x = 2, x = 3)");
  });

  it("for several checks in turn: the point where it stops being right", () => {
    const run = () =>
      atPoints(
        [1, 2, 3],
        (x) => `x = ${x}`,
        (x) => expectNumber(x < 3 ? x : 0, x, `f(${x})`),
      );
    expect(run).toThrow("f(3) is not right (it is right at x = 1, x = 2 only)");
  });

  it("for objects: every field is required", () => {
    expect(() => expectFields({ forward: 251 }, ["forward", "central"], "the counts")).toThrow(
      'the counts has no field "central"',
    );
    expect(() => expectFields([251, 500], ["forward", "central"], "the counts")).toThrow(
      "should be an object with the fields forward, central, got an array of 2",
    );
  });
});
