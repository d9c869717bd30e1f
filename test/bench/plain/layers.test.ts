import { describe, expect, it } from "vitest";
import { randomMatrix, randomVector } from "../data";
import { LayerChain } from "./layers";

const w = randomMatrix(6, 6, 1, 0.6);
const x0 = randomVector(6, 2);

describe("plain layer chain with checkpoints", () => {
  it("gives the same gradient for every segment length, with less memory", () => {
    const all = new LayerChain(w, 12, 0);
    const [gAll, dWAll] = all.gradient(x0);
    for (const segment of [1, 3, 5, 12]) {
      const chain = new LayerChain(w, 12, segment);
      const [g, dW] = chain.gradient(x0);
      expect(Array.from(g)).toEqual(Array.from(gAll));
      dW.forEach((v, k) => expect(v).toBeCloseTo(dWAll[k], 14));
      if (segment === 3) expect(chain.peakBytes).toBeLessThan(all.peakBytes);
    }
    expect(all.peakBytes).toBe(13 * 6 * 8); // x_0 .. x_12
  });

  it("dL/dx0 matches a central difference", () => {
    const sumOut = (x: Float64Array) => {
      let v = x;
      for (let k = 0; k < 12; k++)
        v = Float64Array.from({ length: 6 }, (_, i) =>
          Math.tanh(w.data.slice(i * 6, i * 6 + 6).reduce((s, a, j) => s + a * v[j], 0)),
        );
      return v.reduce((s, a) => s + a, 0);
    };
    const [g] = new LayerChain(w, 12, 4).gradient(x0);
    const h = 1e-6;
    const [plus, minus] = [x0.slice(), x0.slice()];
    plus[2] += h;
    minus[2] -= h;
    expect(g[2]).toBeCloseTo((sumOut(plus) - sumOut(minus)) / (2 * h), 8);
  });
});
