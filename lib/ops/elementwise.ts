/**
 * The elementwise family: maps like sin or mul, with NumPy broadcasting.
 *
 * An elementwise primitive is fully described by its scalar function and the local partial
 * derivatives ∂out/∂x_k, written with adlab's operations (so they can be differentiated again).
 * From those, this file derives the implementation on tensors, the JVP (Σ_k ∂out/∂x_k · dx_k) and
 * the VJP (g · ∂out/∂x_k), in one place for the whole family. The fast layer (lib/fast/scalar-ops.ts)
 * uses `fn` and `partials` directly on plain numbers.
 */
import type { Tensor } from "../tensor/tensor";
import { map, zip } from "../tensor/elementwise";
import { definePrimitive, bind, type LatexRule, type Partial, type Elementwise } from "../core/primitive";
import { type Value, type Concrete, checkValue, shapeOf } from "../core/value";
import { routes } from "../core/debug";
import { expand } from "../core/broadcast";
import { scalarOp } from "../fast";
import { binary, group } from "./latex";

export type { Partial, Elementwise } from "../core/primitive";

function implOf(name: string, arity: 1 | 2, fn: (x: number, y: number) => number) {
  return (args: readonly Concrete[]): Concrete => {
    const [x, y] = args;
    if (arity === 1) return typeof x === "number" ? fn(x, 0) : map(x, (v) => fn(v, 0));
    // Stryker disable next-line ConditionalExpression,StringLiteral: a shortcut for plain numbers: the general path gives the same number (zip takes numbers)
    if (typeof x === "number" && typeof y === "number") return fn(x, y);
    return zip(x, y, fn, name);
  };
}

/**
 * Defines an elementwise primitive from its scalar function and partials (null: no derivative), with the rule in LaTeX
 * and the function as a JavaScript expression (for jit's generated code; `fn` and `js` must compute the same).
 */
export function defineElementwise(
  name: string,
  arity: 1 | 2,
  fn: (x: number, y: number) => number,
  partials: readonly Partial[] | null,
  latex?: LatexRule,
  js?: (x: string, y: string) => string,
): Elementwise {
  const prim: Elementwise = definePrimitive<undefined>({
    name,
    latex,
    elementwise: true,
    nondifferentiable: partials === null,
    impl: implOf(name, arity, fn),
    // dout = Σ_k ∂out/∂x_k · dx_k, each dx_k first repeated to the output's shape (batch axes in front)
    jvp(primals, tangents, out) {
      if (partials === null) return null;
      const [x, y = 0] = primals;
      const outShape = shapeOf(out);
      let total: Value | null = null;
      for (let k = 0; k < tangents.length; k++) {
        const t = tangents[k];
        if (t === null) continue;
        const dx = expand(t, shapeOf(primals[k]), outShape);
        const d = partials[k](x, y, out);
        const term = d === 1 ? dx : mul(d, dx);
        total = total === null ? term : add(total, term);
      }
      return total;
    },
    // x̄_k = g · ∂out/∂x_k (the engine sums it back to x_k's shape)
    vjp(g, primals, out, _params, ctx) {
      const [x, y = 0] = primals;
      return primals.map((_, k) => {
        if (partials === null || !ctx.needs[k]) return null;
        const d = partials[k](x, y, out);
        return d === 1 ? g : mul(g, d);
      });
    },
  }) as Elementwise;
  Object.assign(prim, { arity, fn, partials, js });
  return prim;
}

/** Call signature of a unary map: numbers stay numbers, tensors stay tensors. */
export interface UnaryOp {
  (x: number): number;
  (x: Tensor): Tensor;
  (x: Value): Value;
}

/** Call signature of a binary map with broadcasting. */
export interface BinaryOp {
  (x: number, y: number): number;
  (x: Tensor, y: Value): Tensor;
  (x: Value, y: Tensor): Tensor;
  (x: Value, y: Value): Value;
}

/** The reference path: type checks, then the innermost trace (or the implementation) via bind. */
function general(prim: Elementwise, x: Value, y: Value | undefined): Value {
  checkValue(x, prim.name, 0);
  if (prim.arity === 1) return bind(prim, [x], undefined);
  checkValue(y, prim.name, 1);
  return bind(prim, [x, y], undefined);
}

function opOf(prim: Elementwise): (x: Value, y?: Value) => Value {
  return scalarOp(prim, routes, general);
}

/** The user-facing function of a unary map. */
export function unaryOp(prim: Elementwise): UnaryOp {
  return opOf(prim) as UnaryOp;
}

/** The user-facing function of a binary map (broadcasting). */
export function binaryOp(prim: Elementwise): BinaryOp {
  return opOf(prim) as BinaryOp;
}

// The family's own rules above are written with sums and products, so those two maps are defined
// here, with the family; the others are in arith.ts and math.ts.

/**
 * x + y, elementwise (broadcasting). Rule: d(x + y) = dx + dy
 * @example add(tensor([1, 2]), 10)  // [11, 12]
 */
export const add = binaryOp(
  defineElementwise(
    "add",
    2,
    (x, y) => x + y,
    [() => 1, () => 1],
    binary((x, y) => `${x} + ${y}`, [() => "1", () => "1"]),
    (x, y) => `(${x} + ${y})`,
  ),
);
/**
 * x · y, elementwise (broadcasting). Rule: d(x y) = y dx + x dy
 * @example mul(0.5, tensor([2, 4]))  // [1, 2]
 */
export const mul = binaryOp(
  defineElementwise(
    "mul",
    2,
    (x, y) => x * y,
    [(_x, y) => y, (x) => x],
    binary((x, y) => `${group(x)} ${group(y)}`, [(_x, y) => y, (x) => x]),
    (x, y) => `(${x} * ${y})`,
  ),
);
