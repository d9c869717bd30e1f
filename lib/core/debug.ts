/**
 * The NaN debug switch (like JAX's `debug_nans`). Off by default: IEEE results (NaN, Infinity) flow
 * through as they would in plain arithmetic. When on, the first primitive whose output holds a NaN
 * that none of its inputs held throws, naming the primitive.
 */
import { Tensor } from "../tensor/tensor";
import type { Concrete } from "./value";

export const debugState = { nans: false };

/**
 * Turns the NaN check on or off; returns the previous setting.
 * @example
 * setDebugNans(true);
 * log(-1);            // throws: "log produced NaN from inputs without NaN (input shapes: [])"
 */
export function setDebugNans(on: boolean): boolean {
  if (typeof on !== "boolean") throw new TypeError(`setDebugNans: expected true or false, got ${typeof on}`);
  const was = debugState.nans;
  debugState.nans = on;
  return was;
}

/**
 * Runs `fn` with the NaN check on, restoring the previous setting afterwards.
 * @example withDebugNans(() => grad((x) => sqrt(sub(x, 2)))(1));  // throws: sqrt produced NaN ...
 */
export function withDebugNans<T>(fn: () => T): T {
  if (typeof fn !== "function") throw new TypeError(`withDebugNans: expected a function to run, got ${typeof fn}`);
  const was = setDebugNans(true);
  try {
    return fn();
  } finally {
    setDebugNans(was);
  }
}

function hasNaN(x: Concrete): boolean {
  if (typeof x === "number") return x !== x;
  const d = x.data;
  // Stryker disable next-line EqualityOperator: d[d.length] is undefined, which equals itself
  for (let i = 0; i < d.length; i++) if (d[i] !== d[i]) return true;
  return false;
}

/** Throws when debugging NaNs and `out` has a NaN that no input had. */
export function checkNaNs(op: string, args: readonly Concrete[], out: Concrete): void {
  if (!debugState.nans || !hasNaN(out) || args.some(hasNaN)) return;
  const shapes = args.map((a) => (a instanceof Tensor ? `[${a.shape.join(", ")}]` : "[]")).join(", ");
  throw new RangeError(`${op} produced NaN from inputs without NaN (input shapes: ${shapes}); check the op's domain`);
}
