/**
 * Forward-mode transform: jvp.
 */
import { formatShape, sameShape } from "../tensor/shape";
import { type Value, shapeOf } from "../core/value";
import { DualTrace } from "../core/forward";
import { zerosLike } from "../core/reverse";
import { type Tree, flatten } from "../core/tree";

/**
 * Pushes tangents (which may carry leading batch axes `lead`) through f; returns [out, tangent out].
 */
export function pushForward(f: (...args: any[]) => any, primals: readonly Tree[], tangents: readonly Tree[], lead: readonly number[]): [any, any] {
  if (primals.length !== tangents.length) {
    throw new TypeError(`jvp: got ${primals.length} primal(s) but ${tangents.length} tangent(s)`);
  }
  const trace = new DualTrace();
  const args = primals.map((p, i) => {
    const fp = flatten(p, `jvp: primal ${i + 1}`);
    const ft = flatten(tangents[i], `jvp: tangent ${i + 1}`);
    if (fp.leaves.length !== ft.leaves.length) {
      throw new TypeError(`jvp: tangent ${i + 1} has ${ft.leaves.length} leaves, its primal ${fp.leaves.length}`);
    }
    return fp.rebuild(fp.leaves.map((x, j) => {
      const t = ft.leaves[j];
      const want = [...lead, ...shapeOf(x)];
      if (!sameShape(shapeOf(t), want)) {
        throw new TypeError(`jvp: tangent ${i + 1} has shape ${formatShape(shapeOf(t))}, expected ${formatShape(want)} (the primal's shape)`);
      }
      return trace.lift(x, t);
    }));
  });
  const outFlat = flatten(f(...args), "jvp: output of f");
  const lowered = outFlat.leaves.map((o) => trace.lower(o));
  return [outFlat.rebuild(lowered.map(([p]) => p)), outFlat.rebuild(lowered.map(([p, t]) => t ?? zerosLike(p, lead)))];
}

/**
 * Evaluates f at `primals` and its directional derivative along `tangents` (J v), in one
 * forward pass. Returns [out, tangentOut].
 * @example jvp((x) => mul(x, x), [3], [1])  // [9, 6]
 */
export function jvp(f: (...args: any[]) => any, primals: readonly Tree[], tangents: readonly Tree[]): [any, any] {
  return pushForward(f, primals, tangents, []);
}

/** Used by the Jacobian transforms: f must return a single number or tensor. */
export function singleOutput(out: unknown, what: string): Value {
  const leaves = flatten(out, `${what}: output of f`).leaves;
  if (leaves.length !== 1 || leaves[0] !== out) throw new TypeError(`${what}: f must return a single number or Tensor`);
  return leaves[0];
}
