/**
 * Helpers shared by the case files: plain contestants, adlab's entry or its absence, absent peers.
 */
import { useWasmKernels, wasmKernels } from "../../../lib/kernels/wasm/module";
import { helperStarted, useHelperThread } from "../../../lib/kernels/wasm/threads";
import { adlab } from "../adlab";
import type { AdlabEntries, Output } from "../contract";
import type { Missing } from "../case";
import { ADLAB } from "../case";
import type { Contestant, Instance } from "../harness";

/**
 * Which dense kernels an adlab contestant runs on: WebAssembly with the helper thread for large
 * products (the default), WebAssembly on one core, or the JavaScript kernels (today's reference).
 */
export type KernelChoice = "wasm" | "wasm 1 core" | "js";

/** Switches lib/linalg to `choice`; with the helper thread, waits until it is up. */
async function useKernels(choice: KernelChoice): Promise<void> {
  useWasmKernels(choice !== "js");
  useHelperThread(choice === "wasm");
  const kernels = wasmKernels();
  if (choice === "wasm" && kernels !== null) await helperStarted(kernels);
}

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
 * adlab's contestant from its entry in test/bench/adlab.ts, or "n/a" while the core has not filled it;
 * it runs on the `kernels` chosen (switched before every timed block, as other contestants may differ).
 * @example fromAdlab("matmul", (matmul, n) => ({ run: matmul(a, b) }));
 */
export function fromAdlab<K extends keyof AdlabEntries>(
  key: K,
  build: (entry: NonNullable<AdlabEntries[K]>, size: number) => Instance,
  name = ADLAB,
  kernels: KernelChoice = "wasm",
): Contestant | Missing {
  const entry = adlab[key];
  if (entry === undefined) return { name, missing: `adlab.${key} not yet in test/bench/adlab.ts` };
  return {
    name,
    precision: "float64",
    note: kernels === "wasm" ? undefined : `${kernels} kernels`,
    async setup(size) {
      await useKernels(kernels);
      return { ...build(entry as NonNullable<AdlabEntries[K]>, size), enter: () => useKernels(kernels) };
    },
  };
}

/**
 * A peer without the feature, shown as "n/a" with why.
 * @example absent("tfjs", "TensorFlow.js has no forward mode");
 */
export function absent(name: string, why: string): Missing {
  return { name, missing: why };
}

/**
 * For a case whose contestants do several things (e.g. "plain forward", "plain forward+backward"),
 * maps a contestant to `who`'s contestant of the same mode (the last word of the name), for the
 * "x plain" and "adlab / this" columns.
 * @example sameMode("plain")("tfjs-cpu forward"); // "plain forward"
 */
export function sameMode(who: string): (contestant: string) => string {
  return (contestant) => `${who} ${contestant.split(" ").pop()}`;
}

/**
 * `compute` cached per size: the plain outputs every contestant of a size is checked against.
 * @example const expected = perSize((n) => luSolve(luFactor(a(n)), b(n)));
 */
export function perSize<T>(compute: (size: number) => T): (size: number) => T {
  const cache = new Map<number, T>();
  return (size) => {
    if (!cache.has(size)) cache.set(size, compute(size));
    return cache.get(size) as T;
  };
}

/**
 * `contestant` sitting out sizes above `largest`, where one run takes seconds (keeps the whole run short).
 * @example slowAbove(200, jaxSolveBackward); // n/a at n = 400
 */
export function slowAbove<C extends Contestant | Missing>(largest: number, contestant: C): C {
  if (!("setup" in contestant)) return contestant;
  return {
    ...contestant,
    skip: (size: number) => (size > largest ? `skipped above ${largest}: a run takes seconds` : undefined),
  };
}
