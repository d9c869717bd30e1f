/**
 * The determinant and its sign/log form as differentiable primitives, on the LU kernels.
 *
 * Both derivatives of det are the cofactor matrix C = adj(A)^T (d det = tr(adj(A) dA)), itself a
 * primitive: det(A) A^{-T} from the LU factors (a plain backward pass reuses the forward pass's, no
 * second factorisation), and at an exactly singular A (a zero LU pivot), where A^{-1} does not exist
 * but adj(A) does, from the SVD (`adjugateTranspose` below; that extra O(n^3) decomposition is paid
 * only there). Which of the two applies is decided inside the primitive, on the data, so det's rules
 * hold no branch on the data and jit traces them. C's own derivatives, and slogdet's (d log|det| =
 * tr(A^{-1} dA)), go through `inv` from solve.ts, differentiable again, which is what makes second
 * derivatives (the hessian of log|det|) work. Second derivatives of det at a singular A, and every
 * derivative of slogdet there (log 0), throw a SingularMatrixError naming the zero pivot rather than
 * returning a guess.
 */
import { Tensor } from "../../tensor/tensor";
import { tensor } from "../../tensor/create";
import { type Primitive, type Saved, definePrimitive, bind } from "../../core/primitive";
import { type Value, concreteOf, shapeOf } from "../../core/value";
import { mul, sub } from "../../ops/arith";
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

/**
 * The cofactor matrix adj(A)^T of a concrete A from its LU factors: det(A) A^{-T} (n triangular solves), or at an
 * exactly singular A (a zero pivot), where A^{-1} does not exist, from the SVD.
 */
function cofactorsFromLU(a: Tensor, f: LUFactors): Tensor {
  if (f.zeroPivot >= 0) return fromMat(adjugateTranspose(asMat(a)));
  const c = luSolve(f, identity(f.n), true);
  const d = detFromLU(f);
  for (let i = 0; i < c.data.length; i++) c.data[i] *= d;
  return fromMat(c);
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

/**
 * The cofactor matrix C = adj(A)^T as a primitive: both derivatives of det are C (d det = sum(C * dA)), which
 * exists at a singular A too, so det's rules need no test of the data and jit traces them (JAX's
 * `_cofactor_solve` plays this part with a masked LU). Its own derivatives, second derivatives of det, go
 * through A^{-1}: at a singular A they throw.
 *
 *   dC = tr(A^{-1} dA) C - C dA^T A^{-T}   (C = det(A) A^{-T})
 */
const cofactorP: Primitive<undefined> = definePrimitive<undefined>({
  name: "linalg.cofactor",
  impl: ([a]) => cofactorsFromLU(a as Tensor, luFactor(asMat(a))),
  jvp: ([a], [da], out) =>
    higherOrderAtSingular("det", () => {
      const invT = mT(inv(a));
      return sub(mul(asScale(sum(mul(invT, da!), [-2, -1])), out), matmul(matmul(out, mT(da!)), invT));
    }),
  // gA = sum(g * C) A^{-T} - A^{-T} g^T C
  vjp: (g, [a], out) =>
    higherOrderAtSingular("det", () => {
      const invT = mT(inv(a));
      return [sub(mul(asScale(sum(mul(g, out), [-2, -1])), invT), matmul(matmul(invT, mT(g)), out))];
    }),
});

/** adj(A)^T: from the forward pass's LU factors when the fast layer saved them (no second factorisation). */
function cofactors(a: Value, saved: Saved | undefined): Value {
  const kept = saved?.factors as LUFactors | undefined;
  return kept !== undefined && a instanceof Tensor ? cofactorsFromLU(a, kept) : bind(cofactorP, [a], undefined);
}

// d det(A) = tr(adj(A) dA) = sum(adj(A)^T * dA)
const detP: Primitive<undefined> = definePrimitive<undefined>({
  name: "linalg.det",
  impl: ([a], _p, saved) => detFromLU(factorInto(a as Tensor, "det", saved)),
  jvp: ([a], [da]) => sum(mul(cofactors(a, undefined), da!), [-2, -1]),
  // gA = g adj(A)^T
  vjp: (g, [a], _out, _p, ctx) => [mul(asScale(g), cofactors(a, ctx.saved))],
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
