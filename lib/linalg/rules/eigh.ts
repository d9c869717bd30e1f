/**
 * The symmetric eigendecomposition A = V diag(λ) V^T as one differentiable primitive, on the
 * kernel of ../eigh.ts. Like svd, its output packs [λ; V] into one (n + 1) x n tensor (row 0 the
 * ascending eigenvalues, rows 1..n the eigenvectors as columns) that the public `eigh` slices
 * apart, so the decomposition runs once and the VJP sees both cotangents together.
 *
 * With P = V^T dA V and F_ij = 1 / (λ_j - λ_i) for i != j (0 on the diagonal; rules/spectral.ts),
 * after M. Giles, "An extended collection of matrix derivative results" (2008), §3.1:
 *
 *   dλ = diag(P),   dV = V (F o P),   gA = sym(V (diag(gλ) + F o (V^T gV)) V^T),
 *
 * sym(X) = (X + X^T) / 2: as in rules/cholesky.ts, A lives on the symmetric matrices, so the JVP
 * reads sym(dA) and the VJP returns the symmetric gradient, its exact adjoint (jacfwd = jacrev).
 *
 * Repeated eigenvalues (documented behaviour, tested): where |λ_j - λ_i| <= GAP_TOLERANCE max|λ|,
 * F_ij is set to 0. Eigenvectors are not unique there and their derivative is undefined; this
 * drops the undefined terms instead of returning Infinity or NaN. F is always finite, so a loss
 * on the values alone (gV = 0) gets exactly V diag(gλ) V^T.
 */
import { Tensor } from "../../tensor/tensor";
import { eye } from "../../tensor/create";
import { type Primitive, definePrimitive, bind } from "../../core/primitive";
import { type Value, shapeOf } from "../../core/value";
import { leadingShape } from "../../core/batch";
import { add, mul } from "../../ops/arith";
import { sum } from "../../ops/reduce";
import { matmul } from "../../ops/matmul";
import { concat, reshape, slice, type SliceArg } from "../../ops/shape";
import { eigh as eighKernel } from "../eigh";
import { asMat, checkFinite, checkMatrix, mT, symmetricPart } from "./common";
import { isStack, overStack } from "./stacked";
import { eigenGapInverse } from "./spectral";

/** Unpacks [λ; V] (with `lead` batch axes in front) from the packed (n + 1) x n layout. */
function unpack(packed: Value, n: number, lead: readonly number[]): { values: Value; vectors: Value } {
  // Stryker disable next-line ArrowFunction: slice reads undefined as null, the whole axis
  const before: SliceArg[] = lead.map(() => null);
  return { values: slice(packed, [...before, 0]), vectors: slice(packed, [...before, [1, n + 1]]) };
}

// P = V^T sym(dA) V:  dλ = diag(P),  dV = V (F o P)
const eighP: Primitive<undefined> = definePrimitive<undefined>({
  name: "linalg.eigh",
  impl: ([a]) => {
    checkFinite(a, "eigh");
    const { values, vectors } = eighKernel(asMat(a));
    const n = values.length;
    const packed = new Float64Array((n + 1) * n);
    packed.set(values, 0);
    packed.set(vectors.data, n);
    return new Tensor(packed, [n + 1, n]);
  },
  jvp: ([a], [da], out) => {
    const n = shapeOf(a)[0];
    const lead = leadingShape(da!, 2);
    const { values, vectors: V } = unpack(out, n, []);
    const P = matmul(mT(V), matmul(symmetricPart(da!), V));
    // Stryker disable next-line UnaryOperator: axis 1 is a matrix axis of P (tangents reach a jvp rule with at most jacfwd's one batch axis), and P ∘ I is diagonal: its rows and its columns sum alike
    const dValues = sum(mul(P, eye(n)), -1);
    const dV = matmul(V, mul(eigenGapInverse(values, n), P));
    return concat([reshape(dValues, [...lead, 1, n]), dV], -2);
  },
  // gA = sym(V (diag(gλ) + F o (V^T gV)) V^T)
  vjp: (g, [a], out) => {
    const n = shapeOf(a)[0];
    const lead = leadingShape(g, 2);
    const { values, vectors: V } = unpack(out, n, []);
    const gs = unpack(g, n, lead);
    const core = add(
      mul(reshape(gs.values, [...lead, 1, n]), eye(n)),
      mul(eigenGapInverse(values, n), matmul(mT(V), gs.vectors)),
    );
    return [symmetricPart(matmul(V, matmul(core, mT(V))))];
  },
});

/**
 * Eigenvalues (ascending) and orthonormal eigenvectors (columns; the largest-|entry| of each is
 * positive) of a symmetric matrix, both differentiable (see the header for repeated eigenvalues).
 * A stack [..., n, n] gives values [..., n] and vectors [..., n, n].
 * @example const { values, vectors } = eigh(tensor([[2, 1], [1, 2]]));  // values = [1, 3]
 */
export function eigh(a: Value): { values: Value; vectors: Value } {
  checkMatrix(a, "eigh", true);
  if (isStack(a)) return overStack("eigh", [a], [2], eigh);
  return unpack(bind(eighP, [a], undefined), shapeOf(a)[0], []);
}
