/**
 * The Cholesky factor L of A = L L^T as a differentiable primitive, on the kernel of ../cholesky.ts.
 *
 * Rules after I. Murray, "Differentiation of the Cholesky decomposition" (2016), with
 * Φ(X) = the lower triangle of X with its diagonal halved:
 *
 *   dL = L Φ(L^{-1} dA L^{-T}),      gA = sym(L^{-T} Φ(L^T gL) L^{-1}),   sym(X) = (X + X^T) / 2.
 *
 * Symmetrisation convention: A lives on the symmetric matrices, so both rules see a perturbation
 * through its symmetric part: the JVP uses sym(dA) (a non-symmetric dA, e.g. a jacfwd basis
 * vector E_ij, counts as (E_ij + E_ji) / 2) and the VJP returns the gradient as a symmetric
 * matrix, the exact adjoint of that JVP (so jacfwd = jacrev, and <gA, dA> is the derivative along
 * any symmetric dA). This is Murray's ½ L^{-T} Φ(L^T gL) L^{-1} made symmetric.
 * Both rules use adlab ops, so they differentiate again; L^{-1} comes from a triangular solve
 * when L is a plain value, else from `inv` (differentiable).
 */
import { Tensor } from "../../tensor/tensor";
import { type Primitive, definePrimitive, bind } from "../../core/primitive";
import { type Value, shapeOf } from "../../core/value";
import { mul } from "../../ops/arith";
import { matmul } from "../../ops/matmul";
import { cholesky as choleskyKernel } from "../cholesky";
import { identity } from "../../kernels/mat";
import { solveTriangular } from "../triangular";
import { asMat, checkFinite, checkMatrix, fromMat, mT, symmetricPart } from "./common";
import { isStack, overStack } from "./stacked";
import { inv } from "./solve";

/** Φ as a mask: 1 below the diagonal, 1/2 on it, 0 above. */
function lowerHalfMask(n: number): Tensor {
  const mask = new Float64Array(n * n);
  // Stryker disable next-line EqualityOperator: an extra row lies beyond the array, whose writes are dropped
  for (let i = 0; i < n; i++) {
    // Stryker disable next-line EqualityOperator: the diagonal entry is written next, with 1/2
    for (let j = 0; j < i; j++) mask[i * n + j] = 1;
    mask[i * n + i] = 0.5;
  }
  return new Tensor(mask, [n, n]);
}

/** L^{-1}: a triangular solve on a plain L, `inv` (differentiable again) on a traced one. */
function lowerInverse(l: Value): Value {
  // Stryker disable next-line ConditionalExpression: a shortcut: inv gives the same L⁻¹ (to rounding) on a plain L
  if (!(l instanceof Tensor)) return inv(l);
  const n = l.shape[0];
  return fromMat(solveTriangular(asMat(l), identity(n), { lower: true }));
}

// dL = L Φ(L^{-1} sym(dA) L^{-T})
const choleskyP: Primitive<undefined> = definePrimitive<undefined>({
  name: "linalg.cholesky",
  impl: ([a]) => {
    checkFinite(a, "cholesky");
    return fromMat(choleskyKernel(asMat(a)));
  },
  jvp: (_p, [da], l) => {
    const li = lowerInverse(l);
    return matmul(l, mul(lowerHalfMask(shapeOf(l)[0]), matmul(li, matmul(symmetricPart(da!), mT(li)))));
  },
  // gA = sym(L^{-T} Φ(L^T gL) L^{-1})  (Murray 2016)
  vjp: (g, _p, l) => {
    const li = lowerInverse(l);
    const core = mul(lowerHalfMask(shapeOf(l)[0]), matmul(mT(l), g));
    return [symmetricPart(matmul(mT(li), matmul(core, li)))];
  },
});

/**
 * The lower-triangular Cholesky factor L (positive diagonal) of a symmetric positive definite A,
 * A = L L^T; differentiable (gradients w.r.t. A come back symmetric, see the header). Clear errors
 * for a non-square, non-symmetric (naming the worst entry) or not positive definite (naming the
 * pivot) matrix. A stack [..., n, n] gives the factors [..., n, n].
 * @example cholesky(tensor([[4, 2], [2, 5]]))  // [[2, 0], [1, 2]]
 */
export function cholesky(a: Value): Value {
  checkMatrix(a, "cholesky", true);
  return isStack(a) ? overStack("cholesky", [a], [2], cholesky) : bind(choleskyP, [a], undefined);
}
