/**
 * Debug switches.
 *
 * The NaN check (like JAX's `debug_nans`). Off by default: IEEE results (NaN, Infinity) flow
 * through as they would in plain arithmetic. When on, the first primitive whose output holds a NaN
 * that none of its inputs held throws, naming the primitive.
 *
 * The fast paths (lib/fast). On by default. Off, every operation takes the reference path: `bind`,
 * the trace's `process`, the registered JVP and VJP rules, the reference tape and sweep. Results
 * are the same either way (the fast layer's contract); turning them off tells whether a suspected
 * bug lives in the fast layer.
 */
import { Tensor } from "../tensor/tensor";

export const debugState = { nans: false };

/**
 * Which routes a step may take: `fast` is the switch; `scalar` says whether the fast layer's
 * scalar operations may skip `bind` (not while the NaN check, which runs in bind, is on).
 */
export const routes = { fast: true, scalar: true };

function updateRoutes(): void {
  routes.scalar = routes.fast && !debugState.nans;
}

/**
 * Turns the fast paths on or off; returns the previous setting.
 * @example
 * setFastPaths(false);
 * grad((x) => mul(sin(x), x))(2);   // the same number, computed by the reference path
 */
export function setFastPaths(on: boolean): boolean {
  if (typeof on !== "boolean") throw new TypeError(`setFastPaths: expected true or false, got ${typeof on}`);
  const was = routes.fast;
  routes.fast = on;
  updateRoutes();
  return was;
}

/**
 * Runs `fn` on the reference path (fast paths off), restoring the previous setting afterwards.
 * @example withReferencePath(() => grad((x) => mul(x, x))(3));  // 6
 */
export function withReferencePath<T>(fn: () => T): T {
  if (typeof fn !== "function") throw new TypeError(`withReferencePath: expected a function to run, got ${typeof fn}`);
  const was = setFastPaths(false);
  try {
    return fn();
  } finally {
    setFastPaths(was);
  }
}

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
  updateRoutes();
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

/** A concrete value (core/value.ts's Concrete, written out: value.ts depends on this file through primitive.ts). */
type Concrete = number | Tensor;

function hasNaN(x: Concrete): boolean {
  if (typeof x === "number") return Number.isNaN(x);
  const d = x.data;
  // Stryker disable next-line EqualityOperator: d[d.length] is undefined, which equals itself
  for (let i = 0; i < d.length; i++) if (Number.isNaN(d[i])) return true;
  return false;
}

/** Throws when debugging NaNs and `out` has a NaN that no input had. */
export function checkNaNs(op: string, args: readonly Concrete[], out: Concrete): void {
  if (!debugState.nans || !hasNaN(out) || args.some(hasNaN)) return;
  const shapes = args.map((a) => (a instanceof Tensor ? `[${a.shape.join(", ")}]` : "[]")).join(", ");
  throw new RangeError(`${op} produced NaN from inputs without NaN (input shapes: ${shapes}); check the op's domain`);
}
