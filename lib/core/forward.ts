/**
 * Forward mode: dual numbers.
 *
 * A `Dual` carries a primal value and a tangent (its derivative along one direction, or a batch
 * of directions on leading axes). Each operation on duals applies the primitive to the primals
 * and its JVP rule to the tangents. Every dual belongs to one `DualTrace`, whose level tags its
 * perturbation: an operation mixing duals of two traces is handled by the inner (higher-level)
 * one, which sees the outer dual as a constant. That is what makes
 * `D(x => x * D(y => x + y)(1))(1) === 1` hold (no perturbation confusion).
 */
import { type Value, type Trace, Tracer, newLevel, checkValue, shapeOf } from "./value";
import { ShapeError } from "../tensor/errors";
import { formatShape } from "../tensor/shape";
import { type Primitive, bind } from "./primitive";

/**
 * A value paired with its tangent, tagged by the trace (level) it belongs to.
 * @example (mul(dual(3, 1), dual(3, 1)) as Dual).tangent  // 6: d(x²)/dx at 3
 */
export class Dual extends Tracer {
  constructor(
    readonly trace: DualTrace,
    readonly primal: Value,
    readonly tangent: Value,
  ) {
    super();
  }
  toString(): string {
    return `Dual(${String(this.primal)}, ${String(this.tangent)})`;
  }
}

/** One forward-mode transformation: a fresh tag for its duals. */
export class DualTrace implements Trace {
  readonly level = newLevel("forward");
  // Stryker disable next-line StringLiteral: only "reverse" is ever compared with (hot-path.ts)
  readonly kind = "forward";
  ended: string | null = null;

  /** Pairs a value with its tangent under this trace. */
  lift(primal: Value, tangent: Value): Dual {
    return new Dual(this, primal, tangent);
  }

  /** Splits an output into (primal, tangent); values not carrying this trace's tag have tangent null (zero). */
  lower(x: Value): [Value, Value | null] {
    return x instanceof Dual && x.trace === this ? [x.primal, x.tangent] : [x, null];
  }

  process(prim: Primitive, args: readonly Value[], params: unknown): Value {
    // Stryker disable next-line ConditionalExpression: a shortcut: a nondifferentiable primitive's jvp rule answers null, so the general path returns the plain output too
    if (prim.nondifferentiable)
      return bind(
        prim,
        args.map((a) => this.lower(a)[0]),
        params,
      );
    const primals: Value[] = [];
    const tangents: (Value | null)[] = [];
    for (const a of args) {
      const [p, t] = this.lower(a);
      primals.push(p);
      tangents.push(t);
    }
    const out = bind(prim, primals, params);
    const t = prim.jvp(primals, tangents, out, params);
    // Stryker disable next-line ConditionalExpression: a Dual with a null tangent lowers to (out, null), as the plain out does: only slower
    return t === null ? out : new Dual(this, out, t);
  }
}

/**
 * A standalone dual number for teaching: `dual(2, 1)` is 2 + ε with ε² = 0.
 * Pass it through adlab's operations and read `.primal` and `.tangent`.
 * @example
 * const y = mul(sin(dual(2, 1)), 3) as Dual;
 * y.primal   // 3 sin 2
 * y.tangent  // 3 cos 2
 */
export function dual(primal: Value, tangent: Value): Dual {
  checkValue(primal, "dual", 0);
  checkValue(tangent, "dual", 1);
  const [p, t] = [shapeOf(primal), shapeOf(tangent)];
  // Stryker disable next-line ConditionalExpression: a tangent shorter than the primal reads t[-1], undefined, at the primal's first axis, so the test after || refuses it with the same message
  if (t.length < p.length || p.some((d, i) => d !== t[t.length - p.length + i])) {
    throw new ShapeError(
      `dual: the tangent has shape ${formatShape(t)} but the primal ${formatShape(p)}; the tangent needs the primal's shape (batch axes may come first)`,
    );
  }
  return new DualTrace().lift(primal, tangent);
}
