/**
 * Trees of values: arguments such as a network's parameter list ([W1, b1, W2, b2]) or an object
 * of named tensors. Transforms flatten them into leaves, work on the leaves, and rebuild the
 * same structure for the results.
 *
 * An object's leaves are taken in sorted key order (as JAX does), so two objects with the same
 * keys written in different orders, such as primals { w, b } and tangents { b, w }, line up by
 * key; rebuilding keeps the order the keys were written in.
 */
import { Tensor } from "../tensor/tensor";
import { type Value, Tracer, concreteOf } from "./value";
import { describe } from "./args";

/** A value, or arrays and plain objects of them. */
export type Tree = Value | readonly Tree[] | { readonly [key: string]: Tree };

/** The structure of a tree without its leaves; an object's keys are sorted. */
export type Structure =
  | { readonly kind: "leaf" }
  | { readonly kind: "array"; readonly children: readonly Structure[] }
  | { readonly kind: "object"; readonly keys: readonly string[]; readonly children: readonly Structure[] };

const LEAF: Structure = { kind: "leaf" };

export interface Flat {
  readonly leaves: Value[];
  readonly structure: Structure;
  /** Builds the same structure with new leaves (in the same order). */
  rebuild(leaves: readonly Value[]): any;
}

function isLeaf(x: unknown): x is Value {
  return typeof x === "number" || x instanceof Tensor || x instanceof Tracer;
}

function isPlainObject(x: unknown): x is Record<string, unknown> {
  return x !== null && typeof x === "object" && [Object.prototype, null].includes(Object.getPrototypeOf(x));
}

/**
 * Flattens a tree into its leaves; `what` names the tree in error messages.
 * @example flatten([1, { w: tensor([2, 3]) }], "grad").leaves.length  // 2
 */
export function flatten(tree: unknown, what: string): Flat {
  const leaves: Value[] = [];
  const walk = (t: unknown, path: string): [Structure, (next: () => Value) => unknown] => {
    if (isLeaf(t)) {
      leaves.push(t);
      return [LEAF, (next) => next()];
    }
    if (Array.isArray(t)) {
      const parts = t.map((c, i) => walk(c, `${path}[${i}]`));
      return [{ kind: "array", children: parts.map((p) => p[0]) }, (next) => parts.map((p) => p[1](next))];
    }
    if (isPlainObject(t)) {
      const written = Object.keys(t);
      const keys = [...written].sort();
      const parts = keys.map((k) => walk(t[k], `${path}.${k}`));
      const build = (next: () => Value) => {
        const byKey = new Map(keys.map((k, i) => [k, parts[i][1](next)]));
        return Object.fromEntries(written.map((k) => [k, byKey.get(k)]));
      };
      return [{ kind: "object", keys, children: parts.map((p) => p[0]) }, build];
    }
    throw new TypeError(`${what}${path}: expected a number, a Tensor, or arrays/objects of them, got ${describe(t)}`);
  };
  const [structure, build] = walk(tree, "");
  return {
    leaves,
    structure,
    rebuild(newLeaves) {
      let i = 0;
      return build(() => newLeaves[i++]);
    },
  };
}

/**
 * Throws a TypeError at the first place where two trees differ in structure (a leaf against an
 * array, array lengths, object keys), naming both trees: tangents must match primals key by key.
 * @example sameStructure(flatten({ w: 1 }, "primal"), flatten({ v: 1 }, "tangent"), "jvp: tangent 1", "its primal")
 */
export function sameStructure(a: Flat, b: Flat, what: string, against: string): void {
  const text = (s: Structure) =>
    s.kind === "leaf"
      ? "a single value"
      : s.kind === "array"
        ? `an array of ${s.children.length}`
        : `an object with keys {${s.keys.join(", ")}}`;
  const visit = (x: Structure, y: Structure, path: string): void => {
    // Stryker disable next-line LogicalOperator,ConditionalExpression: x.kind === y.kind is checked first, so the two kind tests agree
    const same =
      x.kind === y.kind && (x.kind !== "object" || y.kind !== "object" || x.keys.join("\0") === y.keys.join("\0"));
    // Stryker disable next-line LogicalOperator,ConditionalExpression: where same holds x and y have one kind, so either kind test says it
    if (!same || (x.kind === "array" && y.kind === "array" && x.children.length !== y.children.length)) {
      throw new TypeError(
        `${what}${path ? ` at ${path}` : ""} is ${text(y)} but ${against} is ${text(x)}; they must match, key by key`,
      );
    }
    // Stryker disable next-line LogicalOperator,ConditionalExpression,StringLiteral: x and y have one kind here: either test says it
    if (x.kind === "leaf" || y.kind === "leaf") return;
    x.children.forEach((c, i) =>
      visit(c, y.children[i], x.kind === "object" ? `${path}.${x.keys[i]}` : `${path}[${i}]`),
    );
  };
  visit(a.structure, b.structure, "");
}

/**
 * The plain value under every transform: the number or Tensor a traced value stands for (or a
 * tree of them), to read inside a function given to grad, jvp, ... — e.g. to keep the loss for a
 * plot. The result is a constant: no transform differentiates through it.
 * @example grad((w) => { const loss = mul(w, w); losses.push(primal(loss)); return loss; })(3)
 */
export function primal<T>(x: T): T {
  if (x instanceof Tracer) return concreteOf(x) as T;
  if (Array.isArray(x)) return x.map(primal) as T;
  if (isPlainObject(x)) return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, primal(v)])) as T;
  return x;
}
