/**
 * The determinant and its sign/log form as differentiable primitives, on the LU kernels.
 *
 * Both derivatives need A^{-T} (the adjugate form: d det = tr(adj(A) dA), adj(A) = det A^{-1}).
 * A plain backward pass gets it from the forward pass's LU factors (n triangular solves, no
 * second factorisation); otherwise it is `inv` from solve.ts, differentiable again, which is
 * what makes second derivatives (the hessian of log|det|) work.
 * At an exactly singular A (a zero LU pivot) A^{-1} does not exist but adj(A) does: the first
 * derivative of det (plain vjp or jvp) then uses adj(A) from the SVD, which needs no inverse
 * (`adjugateTranspose` below); that extra O(n^3) decomposition is paid only at an exactly singular A.
 * Second derivatives of det there, and every derivative of slogdet (log 0), throw a
 * SingularMatrixError naming the zero pivot rather than returning a guess.
 */
import { Tensor } from "../../tensor/tensor";
import { tensor } from "../../tensor/create";
import { type Primitive, type Saved, definePrimitive, bind } from "../../core/primitive";
import { type Value, concreteOf, shapeOf } from "../../core/value";
import { mul } from "../../ops/arith";
import { sum } from "../../ops/reduce";
import { matmul } from "../../ops/matmul";
import { getItem, reshape } from "../../ops/shape";
import { type LUFactors, det as detKernel, detFromLU, luFactor, luSolve, slogdetFromLU } from "../lu";
import { type Mat, identity, mat } from "../../kernels/mat";
import { matmul as matmulKernel } from "../../kernels/matmul";
import { svd } from "../svd";
import { SingularMatrixError } from "../errors";
import { asMat, asScale, checkFinite, checkMatrix, fromMat, mT } from "./common";
import { inv } from "./solve";
import { isStack, overStack } from "./stacked";

/** Factors A for det/slogdet (a singular A is allowed here: its det is 0). */
function factorInto(a: Tensor, op: string, saved: Saved): LUFactors {
  checkFinite(a, op);
  const f = luFactor(asMat(a));
  saved.factors = f;
  return f;
}

/**
 * The LU factors of a concrete A: the forward pass's (saved by the fast layer), or on the
 * reference path the same factorisation again. Undefined for a traced A.
 */
function factorsOf(a: Value, saved: Saved | undefined): LUFactors | undefined {
  const kept = saved?.factors as LUFactors | undefined;
  return kept ?? (a instanceof Tensor ? luFactor(asMat(a)) : undefined);
}

/** A^{-T}: from the LU factors of a concrete A, else through `inv` (differentiable again). */
function inverseTranspose(a: Value, factors: LUFactors | undefined, op: string): Value {
  if (factors === undefined) return mT(inv(a));
  if (factors.zeroPivot >= 0) throw new SingularMatrixError(`${op} derivative`, factors.zeroPivot);
  return fromMat(luSolve(factors, identity(factors.n), true));
}

/** tr(A^{-1} dA) = sum(A^{-T} * dA) over the last two axes (batch axes of dA kept). */
function traceOfInverseTimes(a: Value, da: Value): Value {
  return sum(mul(mT(inv(a)), da), [-2, -1]);
}

/**
 * adj(A)^T for any square A, from A = U diag(s) V^T: adj(A) = det(A) A^{-1} = det(U) det(V)
 * V diag(prod_{j != i} s_j) U^T, a polynomial in s with no division, so it holds at rank n - 1
 * too (and gives 0 at rank <= n - 2). Singular values at rounding level (<= n eps s_max) are
 * taken as the exact zeros they stand for: the LU found A exactly singular before we get here.
 */
function adjugateTranspose(a: Mat): Mat {
  const n = a.rows;
  const { U, S, V } = svd(a);
  const noise = n * Number.EPSILON * (S[0] ?? 0);
  // Stryker disable next-line EqualityOperator: v = noise exactly: either way a rounding-level value
  const s = S.map((v) => (v <= noise ? 0 : v));
  // prod_{j != i} s_j from prefix and suffix products (no division by a zero s_i).
  const others = new Float64Array(n).fill(1);
  // Stryker disable next-line EqualityOperator: others[n] lies beyond the array, whose writes are dropped
  for (let i = 1, prefix = 1; i < n; i++) others[i] = prefix *= s[i - 1];
  for (let i = n - 2, suffix = 1; i >= 0; i--) others[i] *= suffix *= s[i + 1];
  // det(U), det(V) are +-1 (orthogonal), their signs are exact even from a rounded LU.
  // Stryker disable next-line ArithmeticOperator: signs are ±1: their quotient is their product
  const sign = Math.sign(detKernel(U)) * Math.sign(detKernel(V));
  // Stryker disable next-line MethodExpression: U is not read again: scaling it in place changes nothing
  const scaledU = mat(n, n, U.data.slice());
  // Stryker disable next-line EqualityOperator: row n lies beyond the array, whose writes are dropped
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) scaledU.data[i * n + j] *= sign * others[j];
  return matmulKernel(scaledU, V, false, true); // adj^T = sign U diag(others) V^T
}

/** adj(A)^T when A is a plain, exactly singular matrix (a zero pivot), else undefined. */
function singularAdjugateTranspose(a: Value, factors: LUFactors | undefined): Tensor | undefined {
  if (!(a instanceof Tensor)) return undefined;
  // Stryker disable next-line LogicalOperator: the vjp passes factors for a concrete A; the jvp factors here
  const f = factors ?? luFactor(asMat(a));
  // Stryker disable next-line ConditionalExpression: adj(A)ᵀ = det(A) A⁻ᵀ holds for every A: the adjugate path gives the same numbers where the inverse exists
  return f.zeroPivot >= 0 ? fromMat(adjugateTranspose(asMat(a))) : undefined;
}

/** `inv`-based derivatives (traced: second order) have no inverse to use at a singular A: say so. */
function higherOrderAtSingular<T>(op: string, derive: () => T): T {
  try {
    return derive();
  } catch (error) {
    // Stryker disable next-line ConditionalExpression: derive meets no other error here (det checked the shapes and values before)
    if (!(error instanceof SingularMatrixError)) throw error;
    throw new SingularMatrixError(
      `${op} second (or higher) derivative at a singular matrix is not supported; ${op}`,
      error.pivotIndex,
    );
  }
}

// d det(A) = det(A) tr(A^{-1} dA)
const detP: Primitive<undefined> = definePrimitive<undefined>({
  name: "linalg.det",
  impl: ([a], _p, saved) => detFromLU(factorInto(a as Tensor, "det", saved)),
  // (the primal is 0 at a singular A, which is when the adjugate form is needed: no factoring otherwise)
  jvp: ([a], [da], out) => {
    // Stryker disable next-line ConditionalExpression: a shortcut: singularAdjugateTranspose itself answers undefined where A is not singular
    const adjT = concreteOf(out) === 0 ? singularAdjugateTranspose(a, undefined) : undefined;
    if (adjT !== undefined) return sum(mul(adjT, da!), [-2, -1]);
    return higherOrderAtSingular("det", () => mul(out, traceOfInverseTimes(a, da!)));
  },
  // gA = g det(A) A^{-T} = g adj(A)^T
  vjp: (g, [a], out, _p, ctx) => {
    const factors = factorsOf(a, ctx.saved);
    // Stryker disable next-line ConditionalExpression: without factors A is traced, and singularAdjugateTranspose answers undefined for it too
    const adjT = factors !== undefined ? singularAdjugateTranspose(a, factors) : undefined;
    if (adjT !== undefined) return [mul(asScale(g), adjT)];
    return higherOrderAtSingular("det", () => [mul(asScale(mul(g, out)), inverseTranspose(a, factors, "det"))]);
  },
});

/**
 * det(A) of a square matrix (0 when exactly singular; its gradient is then adj(A)^T, from the SVD).
 * A stack [..., n, n] gives the determinants [...].
 * @example det(tensor([[1, 2], [3, 4]]))  // -2
 */
export function det(a: Value): Value {
  checkMatrix(a, "det", true);
  return isStack(a) ? overStack("det", [a], [2], det) : bind(detP, [a], undefined);
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
  vjp: (g, [a], _out, _p, ctx) => [
    mul(asScale(matmul(g, LOG_PART)), inverseTranspose(a, factorsOf(a, ctx.saved), "slogdet")),
  ],
});

/**
 * det(A) = sign * exp(logabsdet) without overflow: `sign` is a plain number (1, -1, or 0 when
 * singular; a tensor of them for a stack [..., n, n]), `logabsdet` is differentiable (d = tr(A^{-1} dA)).
 * @example slogdet(tensor([[-2, 0], [0, 3]]))  // { sign: -1, logabsdet: log(6) }
 */
export function slogdet(a: Value): { sign: number | Tensor; logabsdet: Value } {
  checkMatrix(a, "slogdet", true);
  if (isStack(a)) return overStack("slogdet", [a], [2], slogdet);
  const out = bind(slogdetP, [a], undefined);
  return { sign: (concreteOf(out) as Tensor).data[0], logabsdet: getItem(out, 1) };
}
