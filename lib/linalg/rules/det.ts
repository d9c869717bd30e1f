/**
 * The determinant and its sign/log form as differentiable primitives, on the LU kernels.
 *
 * Both derivatives need A^{-T} (the adjugate form: d det = tr(adj(A) dA), adj(A) = det A^{-1}).
 * A plain backward pass gets it from the forward pass's LU factors (n triangular solves, no
 * second factorisation); otherwise it is `inv` from solve.ts, differentiable again, which is
 * what makes second derivatives (the hessian of log|det|) work. At an exactly singular A the
 * derivative throws a SingularMatrixError naming the zero pivot rather than returning a guess.
 */
import { Tensor } from "../../tensor/tensor";
import { tensor } from "../../tensor/create";
import { type Primitive, type Saved, definePrimitive, bind } from "../../core/primitive";
import { type Value, concreteOf, shapeOf } from "../../core/value";
import { mul } from "../../ops/arith";
import { sum } from "../../ops/reduce";
import { matmul } from "../../ops/matmul";
import { getItem, reshape } from "../../ops/shape";
import { type LUFactors, detFromLU, luFactor, luSolve, slogdetFromLU } from "../lu";
import { identity } from "../mat";
import { SingularMatrixError } from "../errors";
import { asMat, asScale, checkFinite, checkMatrix, fromMat, mT } from "./common";
import { inv } from "./solve";

/** Factors A for det/slogdet (a singular A is allowed here: its det is 0). */
function factorInto(a: Tensor, op: string, saved: Saved): LUFactors {
  checkFinite(a, op);
  const f = luFactor(asMat(a));
  saved.factors = f;
  return f;
}

/** A^{-T}: from saved factors when the backward pass is plain, else through `inv` (differentiable again). */
function inverseTranspose(a: Value, factors: LUFactors | undefined, op: string): Value {
  if (factors === undefined) return mT(inv(a));
  if (factors.zeroPivot >= 0) throw new SingularMatrixError(`${op} derivative`, factors.zeroPivot);
  return fromMat(luSolve(factors, identity(factors.n), true));
}

/** tr(A^{-1} dA) = sum(A^{-T} * dA) over the last two axes (batch axes of dA kept). */
function traceOfInverseTimes(a: Value, da: Value): Value {
  return sum(mul(mT(inv(a)), da), [-2, -1]);
}

// d det(A) = det(A) tr(A^{-1} dA)
const detP: Primitive<undefined> = definePrimitive<undefined>({
  name: "linalg.det",
  impl: ([a], _p, saved) => detFromLU(factorInto(a as Tensor, "det", saved)),
  jvp: ([a], [da], out) => mul(out, traceOfInverseTimes(a, da!)),
  // gA = g det(A) A^{-T}
  vjp: (g, [a], out, _p, ctx) => [mul(asScale(mul(g, out)), inverseTranspose(a, ctx.saved?.factors as LUFactors | undefined, "det"))],
});

/**
 * det(A) of a square matrix (0 when exactly singular; its derivative then throws).
 * @example det(tensor([[1, 2], [3, 4]]))  // -2
 */
export function det(a: Value): Value {
  checkMatrix(a, "det", true);
  return bind(detP, [a], undefined);
}

/** Picks log|det| out of the primitive's [sign, log|det|] pair (and puts a cotangent back: the adjoint). */
const LOG_PART = tensor([0, 1]);

// out = [sign, log|det A|]:  d out = [0, tr(A^{-1} dA)] (the sign is locally constant)
const slogdetP: Primitive<undefined> = definePrimitive<undefined>({
  name: "linalg.slogdet",
  impl: ([a], _p, saved) => {
    const { sign, logabsdet } = slogdetFromLU(factorInto(a as Tensor, "slogdet", saved));
    return tensor([sign, logabsdet]);
  },
  jvp: ([a], [da]) => {
    const d = traceOfInverseTimes(a, da!);
    return mul(reshape(d, [...shapeOf(d), 1]), LOG_PART);
  },
  // gA = g_log A^{-T}
  vjp: (g, [a], _out, _p, ctx) => [mul(asScale(matmul(g, LOG_PART)), inverseTranspose(a, ctx.saved?.factors as LUFactors | undefined, "slogdet"))],
});

/**
 * det(A) = sign * exp(logabsdet) without overflow: `sign` is a plain number (1, -1, or 0 when
 * singular), `logabsdet` is differentiable (d = tr(A^{-1} dA)).
 * @example slogdet(tensor([[-2, 0], [0, 3]]))  // { sign: -1, logabsdet: log(6) }
 */
export function slogdet(a: Value): { sign: number; logabsdet: Value } {
  checkMatrix(a, "slogdet", true);
  const out = bind(slogdetP, [a], undefined);
  return { sign: (concreteOf(out) as Tensor).data[0], logabsdet: getItem(out, 1) };
}
