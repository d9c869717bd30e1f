/**
 * The scalar hot path: what an elementwise operation does when its arguments are plain numbers,
 * or plain-number dual numbers or tape variables of one trace (the lecture's scalar programs).
 *
 * Forward mode: out = f(x, y) and dout = Σ_k ∂f/∂x_k · dx_k. Reverse mode: out = f(x, y), and
 * the step goes to the tape with its partials ∂f/∂x_k evaluated now. Anything else (tensors,
 * nested traces, the NaN check) takes the general path through the registry.
 *
 * Why a copy per primitive: V8 inlines a call only where the call site has seen few targets.
 * Shared by every primitive, the calls to `fn` and the partials see dozens and stay slow calls;
 * each primitive's own copy of this function (same source, its own type feedback, made with
 * `specialized`) sees one target each, so they inline — about 3x faster on scalar chains.
 * Each primitive gets two copies: a small entry that computes plain numbers itself (small enough
 * for V8 to inline into the caller's loop: plain numbers through adlab's ops then cost 4-5 ns
 * an op instead of 7-11), and the traced step behind it. The templates must therefore stay
 * self-contained: they use only their parameters, and declare no named inner functions
 * (esbuild, which runs the tests, wraps those in a `__name` helper that a copy cannot see).
 * Every test that differentiates a scalar function goes through them.
 */
import { specialized } from "../tensor/specialize";
import type { Value } from "./value";
import type { Elementwise, Partial } from "../ops/elementwise";

/** The general path, for whatever the fast path does not take. */
export type SlowPath = (prim: Elementwise, a: Value, b: Value | undefined) => Value;

// Stryker disable all: `specialized` rebuilds these templates from their source text, where the
// mutation tool's instrumentation (module-level helpers) is out of scope; they are tested as they are.
/** A step on plain numbers, or the traced step when an argument is not one (or the NaN check is on). */
function entryTemplate(fn: (x: number, y: number) => number, unary: boolean, state: { nans: boolean }, traced: (a: Value, b?: Value) => Value) {
  return (a: any, b?: any): Value =>
    typeof a === "number" && (unary ? b === undefined : typeof b === "number") && !state.nans ? fn(a, unary ? 0 : b) : traced(a, b);
}

/** The step on dual numbers or tape variables of one trace; everything else goes to `slow`. */
function tracedTemplate(prim: Elementwise, fn: (x: number, y: number) => number, d0: Partial, d1: Partial | undefined, state: { nans: boolean }, slow: SlowPath) {
  return (a: any, b?: any): Value => {
    if (state.nans || (prim.arity === 1) !== (b === undefined)) return slow(prim, a, b);
    const bNumber = b === undefined || typeof b === "number";
    if (typeof a === "number" && bNumber) return slow(prim, a, b);
    const ta = typeof a === "number" ? null : a?.trace;
    const tb = bNumber ? null : b?.trace;
    const trace = ta === null ? tb : ta;
    if (trace === undefined || trace.ended !== null || (ta !== null && tb !== null && ta !== tb)) return slow(prim, a, b);
    const pa = typeof a === "number" ? a : a.primal;
    const pb = b === undefined ? 0 : typeof b === "number" ? b : b.primal;
    if (typeof pa !== "number" || typeof pb !== "number") return slow(prim, a, b);
    const out = fn(pa, pb);
    if (trace.kind === "reverse") {
      const ia = typeof a === "number" ? -1 : a.index;
      const ib = bNumber ? -1 : b.index;
      const wa = ia < 0 ? 0 : (d0(pa, pb, out) as number);
      const wb = ib < 0 ? 0 : (d1!(pa, pb, out) as number);
      return trace.scalarStep(ia, wa, ib, wb, prim, a, b, out);
    }
    const dx = typeof a === "number" ? 0 : a.tangent;
    const dy = bNumber ? 0 : b.tangent;
    if (typeof dx !== "number" || typeof dy !== "number") return slow(prim, a, b);
    let t = dx === 0 ? 0 : (d0(pa, pb, out) as number) * dx;
    if (dy !== 0) t += (d1!(pa, pb, out) as number) * dy;
    return trace.lift(out, t);
  };
}

// Stryker restore all

/**
 * The user-facing function of a differentiable elementwise primitive: this primitive's own copies
 * of the hot path, falling back to `slow`.
 * @example const sin = elementwiseOp(sinPrimitive, debugState, general);
 */
export function elementwiseOp(prim: Elementwise, state: { nans: boolean }, slow: SlowPath): (a: Value, b?: Value) => Value {
  const partials = prim.partials!;
  const traced = specialized(tracedTemplate, prim.name)(prim, prim.fn, partials[0], partials[1], state, slow);
  return specialized(entryTemplate, prim.name)(prim.fn, prim.arity === 1, state, traced);
}
