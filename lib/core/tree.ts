/**
 * Trees of values: arguments such as a network's parameter list ([W1, b1, W2, b2]) or an object
 * of named tensors. Transforms flatten them into leaves, work on the leaves, and rebuild the
 * same structure for the results.
 */
import { Tensor } from "../tensor/tensor";
import { type Value, Tracer } from "./value";

/** A value, or arrays and plain objects of them. */
export type Tree = Value | readonly Tree[] | { readonly [key: string]: Tree };

export interface Flat {
  readonly leaves: Value[];
  /** Builds the same structure with new leaves (in the same order). */
  rebuild(leaves: readonly Value[]): any;
}

function isLeaf(x: unknown): x is Value {
  return typeof x === "number" || x instanceof Tensor || x instanceof Tracer;
}

/**
 * Flattens a tree into its leaves; `what` names the tree in error messages.
 * @example flatten([1, { w: tensor([2, 3]) }]).leaves.length  // 2
 */
export function flatten(tree: unknown, what: string): Flat {
  const leaves: Value[] = [];
  const walk = (t: unknown, path: string): ((next: () => Value) => unknown) => {
    if (isLeaf(t)) {
      leaves.push(t);
      return (next) => next();
    }
    if (Array.isArray(t)) {
      const parts = t.map((c, i) => walk(c, `${path}[${i}]`));
      return (next) => parts.map((p) => p(next));
    }
    if (t !== null && typeof t === "object" && Object.getPrototypeOf(t) === Object.prototype) {
      const keys = Object.keys(t);
      const parts = keys.map((k) => walk((t as Record<string, unknown>)[k], `${path}.${k}`));
      return (next) => Object.fromEntries(keys.map((k, i) => [k, parts[i](next)]));
    }
    const got = t === null ? "null" : typeof t === "object" ? (t as object).constructor?.name ?? "object" : typeof t;
    throw new TypeError(`${what}${path}: expected a number, a Tensor, or arrays/objects of them, got ${got}`);
  };
  const build = walk(tree, "");
  return {
    leaves,
    rebuild(newLeaves) {
      let i = 0;
      return build(() => newLeaves[i++]);
    },
  };
}
