// Every registered primitive through checkGrads: order 2, forward and reverse mode, on scalars,
// vectors, matrices and broadcast pairs, with seeded random inputs drawn from each op's domain.
// Forward mode is checked against central differences, reverse mode against forward mode, so both
// rest on a ground truth. Which primitives were covered is measured while the checks run.
import { describe, it, expect } from "vitest";
import fc from "fast-check";
import * as ad from "../../lib";
import type { Value } from "../../lib";
import { type Case, cases, linalgCases, sample } from "./cases";
import { type Seen, recording } from "./engines";

type Fn = (...xs: Value[]) => Value;
const TOLERANCE = { rtol: 1e-5, atol: 1e-6 };

const flat = (x: Value): number[] => (typeof x === "number" ? [x] : Array.from((x as ad.Tensor).data));

/** f's first and second derivatives at `at` in both modes equal those of `frozen`, which checkGrads checks. */
function checkAgainstFrozen(f: Fn, frozen: Fn, at: readonly Value[], seed: number): void {
  ad.checkGrads(frozen, at, { order: 2, seed, ...TOLERANCE });
  const derivatives = [ad.jacfwd, ad.jacrev, (g: Fn) => ad.jacfwd(ad.jacfwd(g)), (g: Fn) => ad.jacrev(ad.jacrev(g))];
  for (const d of derivatives) {
    const [got, want] = [flat(d(f)(...at)), flat(d(frozen)(...at))];
    expect(got.length).toBe(want.length);
    got.forEach((v, i) => expect(v).toBeCloseTo(want[i], 10));
  }
}

/** Checks `c` on random inputs from its domains: every shape, four seeds. */
function checkCase(c: Case, numRuns: number): void {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 2 ** 30 }), (seed) => {
      const rng = ad.rng(seed);
      for (const shapes of c.shapes) {
        const args = shapes.map((s, i) => sample(rng, s, c.domains[i]));
        if (c.frozenAt !== undefined) checkAgainstFrozen(c.f, c.frozenAt(...args), args, seed);
        else ad.checkGrads(c.f, args, { order: 2, modes: ["fwd", "rev"], seed, ...TOLERANCE });
      }
    }),
    { seed: 42, numRuns },
  );
}

describe("every primitive passes checkGrads at order 2 in both modes", () => {
  const covered: Seen = new Map();
  const cover = (seen: Seen) =>
    seen.forEach((engines, name) =>
      engines.forEach((e) => (covered.get(name) ?? covered.set(name, new Set()).get(name)!).add(e)),
    );

  for (const [name, c] of Object.entries(cases)) it(name, () => cover(recording(() => checkCase(c, 4))));
  // the factorisations cost more: one random draw each
  for (const [name, c] of Object.entries(linalgCases)) it(name, () => cover(recording(() => checkCase(c, 1))));

  it("covers every registered primitive, linear algebra included, in both engines (a new primitive needs a case in cases.ts)", () => {
    const missing = [...ad.primitives().keys()].filter(
      (p) => !(covered.get(p)?.has("forward") && covered.get(p)?.has("reverse")),
    );
    expect(missing).toEqual([]);
  });
});
