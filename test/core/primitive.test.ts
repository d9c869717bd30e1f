// The primitive registry and bind: registering a name, and the message for a value that escaped
// its transform (bind's own, for operations the scalar hot path does not take).
import { describe, it, expect } from "vitest";
import * as ad from "../../lib";
import type { Value } from "../../lib";
import { definePrimitive } from "../../lib/core/primitive";

describe("definePrimitive", () => {
  it("registers a new name, found by that name", () => {
    const rules = {
      name: "test/core/primitive: a name no module defines",
      impl: () => 0,
      jvp: () => null,
      vjp: () => [],
    };
    expect(definePrimitive(rules)).toBe(rules);
    expect(ad.primitives().get(rules.name)).toBe(rules);
  });
});

describe("bind", () => {
  it("refuses a tensor that escaped its transform, naming the operation and the transform", () => {
    let kept: Value = 0;
    ad.grad((x: Value) => ((kept = x), ad.sum(x)))(ad.tensor([1, 2]));
    expect(() => ad.sum(kept)).toThrow(
      new TypeError(
        "sum: this value was traced by a grad that has already returned: it escaped the function given to grad " +
          "(kept in an array or a variable outside it). Inside that function, keep ad.primal(x), its plain value",
      ),
    );
    ad.jvp((x: Value) => ((kept = x), x), [ad.tensor([1, 2])], [ad.tensor([1, 0])]);
    expect(() => ad.reshape(kept, [2, 1])).toThrow(
      /^reshape: this value was traced by a jvp that has already returned/,
    );
  });
});
