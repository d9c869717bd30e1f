/**
 * Elementwise operations on plain numbers, dual numbers and tape variables of one trace, without
 * going through `bind` (the lecture's scalar programs, where the per-step overhead is everything).
 *
 * Forward mode: out = f(x, y) and dout = Σ_k ∂f/∂x_k · dx_k, the JVP rule of the elementwise
 * family written out for numbers. Reverse mode: out = f(x, y), and the step goes to the slot tape
 * with its partials ∂f/∂x_k evaluated now (the VJP rule g ↦ g·∂f/∂x_k, half done in advance).
 * Anything else (tensors, nested traces, the reference path, the NaN check) takes the reference
 * route through `bind`.
 *
 * Why a copy per primitive: V8 inlines a call only where the call site has seen few targets.
 * Shared by every primitive, the calls to `fn` and the partials would see dozens and stay slow
 * calls; each primitive's own copy of these functions (same source, its own type feedback, made
 * with `specialized`) sees one target each, so they inline. Each primitive gets two copies: a
 * small entry that computes plain numbers itself (small enough for V8 to inline into the
 * caller's loop), and the traced step behind it. The templates must therefore stay
 * self-contained: they use only their parameters, and declare no named inner functions
 * (esbuild, which runs the tests, wraps those in a `__name` helper that a copy cannot see).
 */
import { specialized } from "../tensor/specialize";
import type { Value } from "../core/value";
import type { Elementwise, Partial } from "../core/primitive";

/** The reference route, for whatever the fast route does not take. */
export type Reference = (prim: Elementwise, a: Value, b: Value | undefined) => Value;

/** Whether the scalar routes may run (core/debug.ts: the fast-path switch and the NaN check). */
export interface Routes {
  readonly scalar: boolean;
}

// Stryker disable all: `specialized` rebuilds these templates from their source text, where the
// mutation tool's instrumentation (module-level helpers) is out of scope; they are tested as they are.
/** A step on plain numbers, or the traced step when an argument is not one (or the fast routes are off). */
function entryTemplate(
  fn: (x: number, y: number) => number,
  unary: boolean,
  routes: Routes,
  traced: (a: Value, b?: Value) => Value,
) {
  return (a: any, b?: any): Value =>
    typeof a === "number" && (unary ? b === undefined : typeof b === "number") && routes.scalar
      ? fn(a, unary ? 0 : b)
      : traced(a, b);
}

/** The step on dual numbers or tape variables of one trace; everything else goes to `reference`. */
function tracedTemplate(
  prim: Elementwise,
  fn: (x: number, y: number) => number,
  d0: Partial,
  d1: Partial | undefined,
  routes: Routes,
  reference: Reference,
) {
  return (a: any, b?: any): Value => {
    if (!routes.scalar || (prim.arity === 1) !== (b === undefined)) return reference(prim, a, b);
    const bNumber = b === undefined || typeof b === "number";
    if (typeof a === "number" && bNumber) return reference(prim, a, b);
    const ta = typeof a === "number" ? null : a?.trace;
    const tb = bNumber ? null : b?.trace;
    const trace = ta === null ? tb : ta;
    if (
      trace === undefined ||
      trace.ended !== null ||
      trace.kind === "staging" ||
      (ta !== null && tb !== null && ta !== tb)
    )
      return reference(prim, a, b);
    const pa = typeof a === "number" ? a : a.primal;
    const pb = b === undefined ? 0 : typeof b === "number" ? b : b.primal;
    if (typeof pa !== "number" || typeof pb !== "number") return reference(prim, a, b);
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
    if (typeof dx !== "number" || typeof dy !== "number") return reference(prim, a, b);
    let t = dx === 0 ? 0 : (d0(pa, pb, out) as number) * dx;
    if (dy !== 0) t += (d1!(pa, pb, out) as number) * dy;
    return trace.lift(out, t);
  };
}

// Stryker restore all

/**
 * The user-facing function of an elementwise primitive: this primitive's own copies of the fast
 * routes, falling back to `reference`. A map without derivative (a comparison) has only the entry.
 * @example const sin = scalarOp(sinPrimitive, routes, reference);
 */
export function scalarOp(prim: Elementwise, routes: Routes, reference: Reference): (a: Value, b?: Value) => Value {
  const partials = prim.partials;
  const traced =
    partials === null
      ? (a: Value, b?: Value) => reference(prim, a, b)
      : specialized(tracedTemplate, prim.name)(prim, prim.fn, partials[0], partials[1], routes, reference);
  return specialized(entryTemplate, prim.name)(prim.fn, prim.arity === 1, routes, traced);
}
