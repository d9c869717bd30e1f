/**
 * The fast layer: routes that skip work the reference path does, for speed alone.
 *
 * The reference path is `bind` → the trace's `process` → the registered JVP and VJP rules, the
 * reference tape (core/tape.ts) and sweep (`backwardPass` in core/reverse.ts). Beside it:
 * - scalar-ops.ts: elementwise operations on plain numbers, duals and tape variables computed
 *   in place, with no `bind` and no step record;
 * - slot-tape.ts, plain-sweep.ts: scalar steps stored as typed-array slots, swept with numbers
 *   in a Float64Array;
 * - fast-trace.ts: the reverse trace over the slot tape, which also keeps what a forward
 *   computation saved for its VJP rule (`ctx.saved`: solve's and det's LU factors), so the
 *   backward pass does not factor again. On the reference path `ctx.saved` is undefined and the
 *   rules compute what they need.
 *
 * Contract: every result equals the reference path's — exactly where the arithmetic is the same
 * operations in the same order (up to a zero's sign: the fast sweep sums into zero-filled arrays,
 * and 0 + (-0) is 0), else within 1e-15 relative. `setFastPaths(false)` (or
 * `withReferencePath`) turns the layer off; `npm test` runs the primitive and linear-algebra rule
 * suites both ways, and test/fast/contract.test.ts compares the two paths directly.
 */
import { routes } from "../core/debug";
import { TapeTrace } from "../core/reverse";
import { FastTapeTrace } from "./fast-trace";

export { scalarOp, type Reference } from "./scalar-ops";

/** A new reverse-mode trace: over the slot tape when the fast paths are on, else the reference one. */
export function newTapeTrace(): TapeTrace {
  return routes.fast ? new FastTapeTrace() : new TapeTrace();
}
