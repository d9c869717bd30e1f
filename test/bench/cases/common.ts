/**
 * Helpers shared by the case files: plain contestants, adlab's entry or its absence, absent peers.
 */
import { adlab } from "../adlab";
import type { AdlabEntries, Output } from "../contract";
import type { Missing } from "../case";
import { ADLAB } from "../case";
import type { Contestant, Instance } from "../harness";

/**
 * A float64 contestant of hand-written JavaScript; `build` prepares inputs and returns the timed run.
 * @example plain("plain eval", (steps) => () => chainValue(0.3, steps));
 */
export function plain(name: string, build: (size: number) => (() => Output) | Instance): Contestant {
  return {
    name,
    precision: "float64",
    setup(size) {
      const built = build(size);
      return typeof built === "function" ? { run: built } : built;
    },
  };
}

/**
 * adlab's contestant from its entry in test/bench/adlab.ts, or "n/a" while the core has not filled it.
 * @example fromAdlab("matmul", (matmul, n) => ({ run: matmul(a, b) }));
 */
export function fromAdlab<K extends keyof AdlabEntries>(
  key: K,
  build: (entry: NonNullable<AdlabEntries[K]>, size: number) => Instance,
): Contestant | Missing {
  const entry = adlab[key];
  if (entry === undefined) return { name: ADLAB, missing: `adlab.${key} not yet in test/bench/adlab.ts` };
  return { name: ADLAB, precision: "float64", setup: (size) => build(entry as NonNullable<AdlabEntries[K]>, size) };
}

/**
 * A peer without the feature, shown as "n/a" with why.
 * @example absent("tfjs", "TensorFlow.js has no forward mode");
 */
export function absent(name: string, why: string): Missing {
  return { name, missing: why };
}
