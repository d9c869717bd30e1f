/**
 * The elementwise family: maps like sin or mul, with NumPy broadcasting.
 *
 * An elementwise primitive is fully described by its scalar function and the local partial
 * derivatives ∂out/∂x_k, written with adlab's operations (so they can be differentiated again).
 * From those, this file derives the implementation on tensors, the JVP (Σ_k ∂out/∂x_k · dx_k) and
 * the VJP (g · ∂out/∂x_k), in one place for the whole family. The engines use `fn` and `partials`
 * directly for their fast scalar paths.
 */
import { Tensor } from "../tensor/tensor";
import { map, zip } from "../tensor/elementwise";
import { definePrimitive, bind, type Primitive } from "../core/primitive";
import { type Value, type Concrete, checkValue, shapeOf } from "../core/value";
import { debugState } from "../core/debug";
import { elementwiseOp } from "../core/hot-path";
import { alignTangent, leadingShape } from "../core/batch";
import { sameShape } from "../tensor/shape";
import { mul, add } from "./arith";
import { broadcastTo } from "./shape";

/** ∂out/∂x_k as a function of the arguments and the output (y is 0 for unary maps). */
export type Partial = (x: Value, y: Value, out: Value) => Value;

export interface Elementwise extends Primitive<undefined> {
  readonly arity: 1 | 2;
  readonly fn: (x: number, y: number) => number;
  /** One partial per argument; null marks a map that is not differentiable (comparisons, sign). */
  readonly partials: readonly Partial[] | null;
}

function implOf(name: string, arity: 1 | 2, fn: (x: number, y: number) => number) {
  return (args: readonly Concrete[]): Concrete => {
    const [x, y] = args;
    if (arity === 1) return typeof x === "number" ? fn(x, 0) : map(x, (v) => fn(v, 0));
    // Stryker disable next-line ConditionalExpression,StringLiteral: a shortcut for plain numbers: the general path gives the same number (zip takes numbers)
    if (typeof x === "number" && typeof y === "number") return fn(x, y);
    return zip(x, y, fn, name);
  };
}


/** Defines an elementwise primitive from its scalar function and partials (null: no derivative). */
export function defineElementwise(
  name: string,
  arity: 1 | 2,
  fn: (x: number, y: number) => number,
  partials: readonly Partial[] | null,
): Elementwise {
  const prim: Elementwise = definePrimitive<undefined>({
    name,
    elementwise: true,
    nondifferentiable: partials === null,
    impl: implOf(name, arity, fn),
    jvp(primals, tangents, out) {
      if (partials === null) return null;
      const [x, y = 0] = primals;
      const outShape = shapeOf(out);
      let total: Value | null = null;
      let lead: number[] = [];
      for (let k = 0; k < tangents.length; k++) {
        const t = tangents[k];
        if (t === null) continue;
        const primalShape = shapeOf(primals[k]);
        lead = leadingShape(t, primalShape.length);
        const d = partials[k](x, y, out);
        const aligned = alignTangent(t, primalShape, outShape.length);
        const term = d === 1 ? aligned : mul(d, aligned);
        total = total === null ? term : add(total, term);
      }
      if (total === null) return null;
      const want = [...lead, ...outShape];
      return sameShape(shapeOf(total), want) ? total : broadcastTo(total, want);
    },
    vjp(g, primals, out, _params, ctx) {
      const [x, y = 0] = primals;
      return primals.map((_, k) => {
        if (partials === null || !ctx.needs[k]) return null;
        const d = partials[k](x, y, out);
        return d === 1 ? g : mul(g, d);
      });
    },
  }) as Elementwise;
  Object.assign(prim, { arity, fn, partials });
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

/** The general path: type checks, then the innermost trace (or the implementation) via bind. */
function general(prim: Elementwise, x: Value, y: Value | undefined): Value {
  checkValue(x, prim.name, 0);
  if (prim.arity === 1) return bind(prim, [x], undefined);
  checkValue(y, prim.name, 1);
  return bind(prim, [x, y], undefined);
}

/** Plain numbers compute directly; everything else is general (maps without derivative). */
function constantOp(prim: Elementwise): (x: Value, y?: Value) => Value {
  const fn = prim.fn;
  const unary = prim.arity === 1;
  return (x, y) =>
    // Stryker disable next-line ConditionalExpression,StringLiteral,LogicalOperator,BooleanLiteral: a shortcut for plain numbers: the general path gives the same number, and its NaN check never fires here (comparisons and sign, the maps without derivative, make no NaN from inputs without one)
    typeof x === "number" && (unary || typeof y === "number") && !debugState.nans ? fn(x, unary ? 0 : (y as number)) : general(prim, x, y);
}

function opOf(prim: Elementwise): (x: Value, y?: Value) => Value {
  return prim.partials === null ? constantOp(prim) : elementwiseOp(prim, debugState, general);
}

/** The user-facing function of a unary map. */
export function unaryOp(prim: Elementwise): UnaryOp {
  return opOf(prim) as UnaryOp;
}

/** The user-facing function of a binary map (broadcasting). */
export function binaryOp(prim: Elementwise): BinaryOp {
  return opOf(prim) as BinaryOp;
}
