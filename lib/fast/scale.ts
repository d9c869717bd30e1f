/**
 * Scaling by a number, and a scalar slot read as a step: what the reference sweep needs to walk a
 * slot tape when its cotangents are not plain numbers (a batch of them in jacrev, or traced ones
 * in grad of grad). A slot out = f(a, b) recorded the partials wa = ∂out/∂a and wb = ∂out/∂b, so
 * its VJP is g ↦ (wa·g, wb·g).
 */
import { map } from "../tensor/elementwise";
import { definePrimitive, anonymousPrimitive, bind } from "../core/primitive";
import type { Value } from "../core/value";
import type { Step } from "../core/tape";

// d(c·x) = c·dx: linear in x, so it is its own JVP and VJP
const scaleP = definePrimitive<{ c: number }>({
  name: "scale",
  impl: ([x], { c }) => (typeof x === "number" ? c * x : map(x, (v) => c * v)),
  jvp: (_x, [dx], _out, { c }) => scale(dx!, c),
  vjp: (g, _x, _out, { c }) => [scale(g, c)],
});

/**
 * c·x for a number c.
 * @example scale(tensor([1, 2]), 3)  // [3, 6]
 */
export function scale(x: Value, c: number): Value {
  return bind(scaleP, [x], { c });
}

interface Partials {
  readonly weights: readonly number[];
}

/** A scalar slot's step: only its VJP is ever called (by the reference sweep). */
const slotStep = anonymousPrimitive<Partials>({
  name: "scalar step",
  impl: () => {
    throw new Error("internal: a scalar slot is never evaluated again");
  },
  jvp: () => {
    throw new Error("internal: a scalar slot is never differentiated forwards");
  },
  vjp: (g, _primals, _out, { weights }) => weights.map((w) => scale(g, w)),
});

/** The record the reference sweep reads for the slot out = f(a, b) with partials wa, wb (parent -1: constant). */
export function scalarStepAsRecord(a: number, wa: number, b: number, wb: number): Step {
  return { prim: slotStep, primals: [0, 0], out: 0, params: { weights: [wa, wb] }, saved: undefined, parents: [a, b] };
}
