import { describe, expect, it } from "vitest";
import { ChainTape, chainDual, chainDualObjects, chainValue } from "./chain";

describe("plain chain baselines", () => {
  it("agree with each other and with a central difference", () => {
    for (const steps of [1, 3, 20]) {
      const [value, derivative] = new ChainTape(1 + 4 * steps).valueAndDerivative(0.3, steps);
      const [dualValue, dualDerivative] = chainDual(0.3, steps);
      const h = 1e-6;
      const difference = (chainValue(0.3 + h, steps) - chainValue(0.3 - h, steps)) / (2 * h);
      expect(value).toBe(chainValue(0.3, steps));
      expect(dualValue).toBe(value);
      expect(derivative).toBeCloseTo(dualDerivative, 14);
      expect(derivative).toBeCloseTo(difference, 8);
    }
  });

  it("give the same numbers with one object per operation", () => {
    for (const steps of [1, 3, 20]) {
      const tape = new ChainTape(1 + 4 * steps);
      expect(tape.valueAndDerivativeWithHandles(0.3, steps)).toEqual(tape.valueAndDerivative(0.3, steps));
      expect(chainDualObjects(0.3, steps)).toEqual(chainDual(0.3, steps));
    }
  });

  it("refuses a chain longer than the tape", () => {
    expect(() => new ChainTape(8).valueAndDerivative(0.3, 2)).toThrow(/needs 9 tape nodes/);
    expect(() => new ChainTape(8).valueAndDerivativeWithHandles(0.3, 2)).toThrow(/needs 9 tape nodes/);
  });
});
