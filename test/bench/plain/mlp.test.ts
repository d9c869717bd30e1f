import { describe, expect, it } from "vitest";
import type { MlpParams } from "../contract";
import { randomMatrix, randomVector } from "../data";
import { mlpForward, mlpForwardBackward } from "./mlp";

// A small instance of the 784-128-10 case's shapes: the code is shape-generic.
const params: MlpParams = {
  w1: randomMatrix(6, 5, 1, 0.5),
  b1: randomVector(5, 2),
  w2: randomMatrix(5, 3, 3),
  b2: randomVector(3, 4),
};
const batch = { x: randomMatrix(4, 6, 5), labels: Int32Array.from([0, 2, 1, 2]) };

describe("plain MLP", () => {
  it("loss is the mean softmax cross-entropy (uniform logits give log(classes))", () => {
    const zero: MlpParams = { ...params, w2: { ...params.w2, data: new Float64Array(15) }, b2: new Float64Array(3) };
    expect(mlpForward(zero, batch)[0]).toBeCloseTo(Math.log(3), 14);
  });

  it("gradients match central differences", () => {
    const [loss, dW1, db1, dW2, db2] = mlpForwardBackward(params, batch);
    expect(loss).toBe(mlpForward(params, batch)[0]);
    const h = 1e-6;
    const probes: [Float64Array, Float64Array][] = [
      [params.w1.data, dW1],
      [params.b1, db1],
      [params.w2.data, dW2],
      [params.b2, db2],
    ];
    for (const [values, gradient] of probes) {
      for (const k of [0, values.length - 1]) {
        const saved = values[k];
        values[k] = saved + h;
        const plus = mlpForward(params, batch)[0];
        values[k] = saved - h;
        const minus = mlpForward(params, batch)[0];
        values[k] = saved;
        expect(gradient[k]).toBeCloseTo((plus - minus) / (2 * h), 7);
      }
    }
  });
});
