import { describe, expect, it } from "vitest";
import { randomMatrix, randomVector } from "../data";
import { jacobianForwardLoop, jacobianReverseLoop } from "./jacobian";

describe("plain Jacobian loops", () => {
  it("both rebuild A exactly", () => {
    for (const [m, n] of [
      [3, 7],
      [7, 3],
    ]) {
      const a = randomMatrix(m, n, m);
      expect(jacobianReverseLoop(a, randomVector(n, 1))).toEqual(a.data);
      expect(jacobianForwardLoop(a)).toEqual(a.data);
    }
  });
});
