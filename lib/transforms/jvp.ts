/**
 * Forward-mode transform: jvp.
 */
import { formatShape, sameShape } from "../tensor/shape";
import { type Value, shapeOf } from "../core/value";
import { checkFunction, describe } from "../core/args";
import { DualTrace } from "../core/forward";
import { zerosLike } from "../core/reverse";
import { type Tree, flatten, sameStructure } from "../core/tree";

/**
 * Pushes tangents (which may carry leading batch axes `lead`) through f; returns [out, tangent out].
 * `what` names the transform in messages.
 */
export function pushForward(
  f: (...args: any[]) => any,
  primals: readonly Tree[],
  tangents: readonly Tree[],
  lead: readonly number[],
  what = "jvp",
): [any, any] {
  if (!Array.isArray(primals) || !Array.isArray(tangents) || primals.length !== tangents.length) {
    throw new TypeError(
      `${what}: primals and tangents must be arrays of equal length (one entry per argument of f), got ${describeList(primals)} and ${describeList(tangents)}`,
    );
  }
  const trace = new DualTrace();
  const args = primals.map((p, i) => {
    const fp = flatten(p, `${what}: primal ${i + 1}`);
    const ft = flatten(tangents[i], `${what}: tangent ${i + 1}`);
    sameStructure(fp, ft, `${what}: tangent ${i + 1}`, `its primal`);
    return fp.rebuild(
      fp.leaves.map((x, j) => {
        const t = ft.leaves[j];
        const want = [...lead, ...shapeOf(x)];
        if (!sameShape(shapeOf(t), want)) {
          throw new TypeError(
            `${what}: tangent ${i + 1} has shape ${formatShape(shapeOf(t))}, expected ${formatShape(want)} (the primal's shape)`,
          );
        }
        return trace.lift(x, t);
      }),
    );
  });
  try {
    const outFlat = flatten(f(...args), `${what}: output of f`);
    const lowered = outFlat.leaves.map((o) => trace.lower(o));
    return [
      outFlat.rebuild(lowered.map(([p]) => p)),
      outFlat.rebuild(lowered.map(([p, t]) => t ?? zerosLike(p, lead))),
    ];
  } finally {
    trace.ended = what;
  }
}

function describeList(x: unknown): string {
  return Array.isArray(x) ? `${x.length} entries` : describe(x);
}

/**
 * Evaluates f at `primals` and its directional derivative along `tangents` (J v), in one
 * forward pass. Returns [out, tangentOut].
 * @example jvp((x) => mul(x, x), [3], [1])  // [9, 6]
 */
export function jvp(f: (...args: any[]) => any, primals: readonly Tree[], tangents: readonly Tree[]): [any, any] {
  checkFunction(f, "jvp");
  return pushForward(f, primals, tangents, []);
}

/** Used by the Jacobian transforms: f must return a single number or tensor. */
export function singleOutput(out: unknown, what: string): Value {
  // Stryker disable next-line StringLiteral: pushForward flattened the same output before, with the same message
  const leaves = flatten(out, `${what}: output of f`).leaves;
  // Object.is: a NaN output is the one leaf too
  if (leaves.length !== 1 || !Object.is(leaves[0], out)) {
    throw new TypeError(`${what}: f must return a single number or Tensor`);
  }
  return leaves[0];
}
