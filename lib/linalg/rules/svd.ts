/**
 * The thin SVD A = U diag(S) V^T as one differentiable primitive, on the kernel of ../svd.ts.
 *
 * One primitive, one decomposition: its output packs [U; S; V] into one (m + n + 1) x k tensor
 * (k = min(m, n)) that the public `svd` slices apart, so the rules see all three cotangents at
 * once and the decomposition is computed once. The rules follow J. Townsend, "Differentiating
 * the Singular Value Decomposition" (2016), with F_ij = 1 / (s_j^2 - s_i^2) for i != j
 * (rules/spectral.ts):
 *
 *   dP = U^T dA V,   dS = diag(dP),
 *   dU = U (F o (dP S + S dP^T)) + (I - U U^T) dA V S^{-1},
 *   dV = V (F o (S dP + dP^T S)) + (I - V V^T) dA^T U S^{-1},
 *   gA = U [diag(gS) + (J + J^T) S + S (K + K^T)] V^T
 *        + (I - U U^T) gU S^{-1} V^T + U S^{-1} gV^T (I - V V^T),   J = F o U^T gU, K = F o V^T gV.
 *
 * Degenerate cases (documented behaviour, tested): where |s_j^2 - s_i^2| <= GAP_TOLERANCE s_max^2
 * (repeated singular values) F_ij is set to 0, and where s_i <= max(m, n) eps s_max (zero
 * singular values) 1/s_i is set to 0. The U and V derivatives are undefined there; this drops
 * the undefined terms instead of returning Infinity or NaN. A loss on S alone never meets them:
 * terms whose cotangent is exactly zero are skipped, so its gradient is exactly U diag(gS) V^T.
 */
import { Tensor } from "../../tensor/tensor";
import { eye } from "../../tensor/create";
import { type Primitive, definePrimitive, bind } from "../../core/primitive";
import { type Value, isConcrete, shapeOf } from "../../core/value";
import { leadingShape } from "../../core/batch";
import { add, div, gt, mul, sub } from "../../ops/arith";
import { sum } from "../../ops/reduce";
import { matmul } from "../../ops/matmul";
import { concat, reshape, slice, where, type SliceArg } from "../../ops/shape";
import { svd as svdKernel } from "../svd";
import { asMat, checkFinite, checkMatrix, mT } from "./common";
import { isStack, overStack } from "./stacked";
import { singularGapInverse, spectrumEntry } from "./spectral";

interface Parts {
  readonly U: Value;
  readonly S: Value;
  readonly V: Value;
}

/** Unpacks [U; S; V] (with `lead` batch axes in front) from the packed (m + n + 1) x k layout. */
function unpack(packed: Value, m: number, n: number, lead: readonly number[]): Parts {
  // Stryker disable next-line ArrowFunction: slice reads undefined as null, the whole axis
  const before: SliceArg[] = lead.map(() => null);
  return {
    U: slice(packed, [...before, [0, m]]),
    S: slice(packed, [...before, m]),
    V: slice(packed, [...before, [m + 1, m + 1 + n]]),
  };
}

/** 1 / s_i as a row [1, k], 0 for singular values at rounding level (the pseudo-inverse convention). */
function reciprocalRow(s: Value, k: number, m: number, n: number): Value {
  const big = k === 0 ? 0 : spectrumEntry(s, 0);
  // Stryker disable next-line MethodExpression: a rounding-level threshold: with min(m, n) it still lies far below every singular value not zero by rounding
  const nonzero = gt(s, mul(Math.max(m, n) * Number.EPSILON, big));
  return reshape(where(nonzero, div(1, where(nonzero, s, 1)), 0), [1, k]);
}

/** True for a plain value that is exactly zero everywhere (such terms are skipped, not multiplied). */
// Stryker disable all: isZero only picks a shortcut. A mutant answering false takes the general formula, where a zero
// cotangent's terms are exactly zero (F and 1/s finite); one answering true for a nonzero cotangent drops terms the
// U and V gradient tests check (tried by hand: `some` for `every` fails 2 svd tests, `true` fails 9)
function isZero(x: Value): boolean {
  if (!isConcrete(x)) return false;
  return typeof x === "number" ? x === 0 : x.data.every((v) => v === 0);
}
// Stryker restore all

// dP = U^T dA V; dS = diag(dP); dU, dV as in the header (Townsend 2016)
const svdP: Primitive<undefined> = definePrimitive<undefined>({
  name: "linalg.svd",
  impl: ([a]) => {
    checkFinite(a, "svd");
    const { U, S, V } = svdKernel(asMat(a));
    const k = S.length;
    const packed = new Float64Array((U.rows + V.rows + 1) * k);
    packed.set(U.data, 0);
    packed.set(S, U.data.length);
    packed.set(V.data, U.data.length + k);
    return new Tensor(packed, [U.rows + V.rows + 1, k]);
  },
  jvp: ([a], [da], out) => {
    const [m, n] = shapeOf(a);
    const k = Math.min(m, n);
    const lead = leadingShape(da!, 2);
    const { U, S, V } = unpack(out, m, n, []);
    const dP = matmul(mT(U), matmul(da!, V));
    // Stryker disable next-line UnaryOperator: axis 1 is a matrix axis of dP (tangents reach a jvp rule with at most jacfwd's one batch axis), and dP ∘ I is diagonal: its rows and its columns sum alike
    const dS = sum(mul(dP, eye(k)), -1);
    const F = singularGapInverse(S, k);
    const row = reshape(S, [1, k]);
    const col = reshape(S, [k, 1]);
    let dU = matmul(U, mul(F, add(mul(dP, row), mul(col, mT(dP)))));
    let dV = matmul(V, mul(F, add(mul(col, dP), mul(mT(dP), row))));
    const inverse = reciprocalRow(S, k, m, n);
    // Stryker disable next-line ConditionalExpression,EqualityOperator: for m = k, U is square and orthogonal, so dA V - U Uᵀ dA V = 0: the term vanishes
    if (m > k) dU = add(dU, mul(sub(matmul(da!, V), matmul(U, dP)), inverse));
    // Stryker disable next-line ConditionalExpression,EqualityOperator: for n = k, V is square and orthogonal: the term vanishes
    if (n > k) dV = add(dV, mul(sub(matmul(mT(da!), U), matmul(V, mT(dP))), inverse));
    return concat([dU, reshape(dS, [...lead, 1, k]), dV], -2);
  },
  vjp: (g, [a], out) => {
    const [m, n] = shapeOf(a);
    const k = Math.min(m, n);
    const lead = leadingShape(g, 2);
    const { U, S, V } = unpack(out, m, n, []);
    const gs = unpack(g, m, n, lead);
    // the core k x k matrix M, then gA = U M V^T (+ the projections for tall or wide A)
    let core = mul(reshape(gs.S, [...lead, 1, k]), eye(k));
    const hasU = !isZero(gs.U);
    const hasV = !isZero(gs.V);
    // Stryker disable next-line ConditionalExpression: a shortcut (see isZero): the general formula gives the same
    if (!hasU && !hasV) return [matmul(mul(U, reshape(gs.S, [...lead, 1, k])), mT(V))]; // S only: U diag(gS) Vᵀ
    const F = singularGapInverse(S, k);
    const row = reshape(S, [1, k]);
    const col = reshape(S, [k, 1]);
    const inverse = reciprocalRow(S, k, m, n);
    let extra: Value | null = null;
    // Stryker disable next-line ConditionalExpression: a shortcut (see isZero)
    if (hasU) {
      const UtgU = matmul(mT(U), gs.U);
      const J = mul(F, UtgU);
      core = add(core, mul(add(J, mT(J)), row));
      // Stryker disable next-line ConditionalExpression,EqualityOperator: for m = k, I - U Uᵀ = 0: the term vanishes
      if (m > k) extra = matmul(mul(sub(gs.U, matmul(U, UtgU)), inverse), mT(V));
    }
    // Stryker disable next-line ConditionalExpression: a shortcut (see isZero)
    if (hasV) {
      const VtgV = matmul(mT(V), gs.V);
      const K = mul(F, VtgV);
      core = add(core, mul(col, add(K, mT(K))));
      // Stryker disable next-line ConditionalExpression,EqualityOperator: for n = k, I - V Vᵀ = 0: the term vanishes
      if (n > k) {
        const term = matmul(mul(U, inverse), mT(sub(gs.V, matmul(V, VtgV))));
        // Stryker disable next-line ConditionalExpression: m > k and n > k never hold together (k = min(m, n)): extra is still null here
        extra = extra === null ? term : add(extra, term);
      }
    }
    const ga = matmul(U, matmul(core, mT(V)));
    return [extra === null ? ga : add(ga, extra)];
  },
});

/**
 * Thin SVD A = U diag(S) V^T of any real matrix (tall, wide, square, rank-deficient): S
 * descending, U (m x k) and V (n x k) with orthonormal columns, k = min(m, n); all three are
 * differentiable (see the header for repeated and zero singular values). A stack [..., m, n]
 * gives U [..., m, k], S [..., k] and V [..., n, k].
 * @example const { U, S, V } = svd(tensor([[3, 0], [0, -2]]));  // S = [3, 2]
 */
export function svd(a: Value): { U: Value; S: Value; V: Value } {
  checkMatrix(a, "svd", false);
  if (isStack(a)) return overStack("svd", [a], [2], svd);
  const [m, n] = shapeOf(a);
  return unpack(bind(svdP, [a], undefined), m, n, []);
}
