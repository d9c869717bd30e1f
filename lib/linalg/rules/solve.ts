/**
 * Linear solves and the inverse as differentiable primitives, on the LU kernels of lu.ts.
 *
 * The solve primitive computes x = op(A)^{-1} b, op = identity or transpose, so its own
 * cotangent rule (a solve with A^T) is the same primitive with the flag flipped. Its forward
 * pass stashes the LU factors; a plain backward pass solves with them in O(n^2) instead of
 * factoring again. Cotangents watched by an outer transformation (grad of grad) or carrying
 * batch axes go through adlab's own ops, so every rule can be differentiated again.
 */
import { Tensor } from "../../tensor/tensor";
import { ShapeError } from "../../tensor/errors";
import { formatShape } from "../../tensor/shape";
import { type Primitive, type Saved, definePrimitive, bind } from "../../core/primitive";
import { type Value, checkValue, shapeOf } from "../../core/value";
import { leadingShape } from "../../core/batch";
import { neg, sub } from "../../ops/arith";
import { matmul } from "../../ops/matmul";
import { reshape, transpose } from "../../ops/shape";
import { type LUFactors, luFactor, luSolve } from "../lu";
import { identity, mat } from "../../kernels/mat";
import { matmul as matmulKernel } from "../../kernels/matmul";
import { SingularMatrixError } from "../errors";
import { asMat, checkFinite, checkMatrix, fromMat, mT } from "./common";
import { isStack, overStack } from "./stacked";
import { warnIfIllConditioned, warnIfIllConditionedLU } from "../condition";

interface SolveParams {
  /** Solve with A^T instead of A. */
  readonly transposed: boolean;
  /** Warn when A is ill conditioned: the user's solve does, the rules' own solves with the same A do not. */
  readonly warn: boolean;
}

/** Factors A, naming `op` when it is exactly singular. */
function factorOrThrow(a: Tensor, op: string): LUFactors {
  checkFinite(a, op);
  const f = luFactor(asMat(a));
  if (f.zeroPivot >= 0) throw new SingularMatrixError(op, f.zeroPivot);
  return f;
}

/** op(A)^{-1} b on concrete values, b a vector [n] or a matrix [n, k]. */
function solveWith(f: LUFactors, b: Tensor, transposed: boolean): Tensor {
  if (b.rank === 1) return new Tensor(luSolve(f, b.data, transposed), b.shape);
  return fromMat(luSolve(f, mat(b.shape[0], b.shape[1], b.data), transposed));
}

// x = op(A)^{-1} b:  dx = op(A)^{-1} (db - op(dA) x)
const solveP: Primitive<SolveParams> = definePrimitive<SolveParams>({
  name: "linalg.solve",
  impl: ([a, b], { transposed, warn }, saved: Saved) => {
    checkFinite(b, "solve (right-hand side)");
    const f = factorOrThrow(a as Tensor, "solve");
    if (warn) warnIfIllConditionedLU("solve", asMat(a as Tensor), f);
    saved.factors = f;
    return solveWith(f, b as Tensor, transposed);
  },
  jvp: ([a, b], [da, db], x, { transposed }) => {
    const bRank = shapeOf(b).length;
    const dAx = da === null ? null : matmul(transposed ? mT(da) : da, x);
    const rhs = db === null ? neg(dAx!) : dAx === null ? db : sub(db, dAx);
    // Stryker disable next-line BooleanLiteral: this rule runs inside the user's solve call, so a warning here has the forward solve's call site and is dropped as a repeat
    return solveMany(a, rhs, transposed, bRank, false);
  },
  // gb = op(A)^{-T} g (the forward factors reused when g is plain);  g_op(A) = -gb x^T
  vjp: (g, [a, b], x, { transposed }, ctx) => {
    const bRank = shapeOf(b).length;
    const factors = ctx.saved?.factors as LUFactors | undefined;
    const plain = factors !== undefined && g instanceof Tensor && g.rank === bRank;
    if (plain) {
      const gb = solveWith(factors, g, !transposed);
      return [ctx.needs[0] ? negatedOuter(transposed ? (x as Tensor) : gb, transposed ? gb : (x as Tensor)) : null, gb];
    }
    const gb = solveMany(a, g, !transposed, bRank, false);
    // Stryker disable next-line ConditionalExpression: a shortcut: the engine drops the cotangent of an argument that needs none
    if (!ctx.needs[0]) return [null, gb];
    const lead = leadingShape(gb, bRank);
    const gbm = bRank === 1 ? reshape(gb, [...lead, shapeOf(gb)[lead.length], 1]) : gb;
    const xm = bRank === 1 ? reshape(x, [shapeOf(x)[0], 1]) : x;
    const ga = transposed ? neg(matmul(xm, mT(gbm))) : neg(matmul(gbm, mT(xm)));
    return [ga, gb];
  },
});

/** -p q^T on plain values, p and q of shape [n] or [n, k] (the plain pullback's gA, in one pass over n x n). */
function negatedOuter(p: Tensor, q: Tensor): Tensor {
  const n = p.shape[0];
  const k = p.rank === 1 ? 1 : p.shape[1];
  const out = matmulKernel(mat(n, k, p.data), mat(n, k, q.data), false, true);
  // Stryker disable next-line EqualityOperator: index length lies beyond the array, whose writes are dropped
  for (let i = 0; i < out.data.length; i++) out.data[i] = -out.data[i];
  return fromMat(out);
}

/**
 * op(A)^{-1} rhs where rhs is [...lead, n] (bRank 1) or [...lead, n, k] (bRank 2): the batch axes
 * are moved behind the right-hand sides' columns so one factorisation serves them all.
 */
function solveMany(a: Value, rhs: Value, transposed: boolean, bRank: number, warn: boolean): Value {
  const shape = shapeOf(rhs);
  const lead = shape.length - bRank;
  // Stryker disable next-line ConditionalExpression: a shortcut: with no batch axes the moves below are identities
  if (lead === 0) return bind(solveP, [a, rhs], { transposed, warn });
  const perm = [...Array.from({ length: bRank }, (_, i) => lead + i), ...Array.from({ length: lead }, (_, i) => i)];
  const moved = transpose(rhs, perm);
  const movedShape = shapeOf(moved);
  const x = bind(solveP, [a, reshape(moved, [movedShape[0], -1])], { transposed, warn });
  const back = perm.map((_, i) => perm.indexOf(i));
  return transpose(reshape(x, movedShape), back);
}

/**
 * x = A^{-1} b for a square matrix A and b a vector [n] or a matrix [n, k] of right-hand sides,
 * by one LU factorisation (which the backward pass reuses). Stacks work as in NumPy: A may be
 * [..., n, n] and b [..., n, k] (batch axes broadcast; a b of rank 1 is one vector for every A);
 * a single A with a stack of b is still factorised once.
 * @example solve(tensor([[2, 0], [0, 4]]), tensor([2, 4]))  // [1, 1]
 */
export function solve(a: Value, b: Value): Value {
  checkMatrix(a, "solve", true);
  checkValue(b, "solve", 1);
  const n = shapeOf(a)[shapeOf(a).length - 1];
  const sb = shapeOf(b);
  const bRank = sb.length === 1 ? 1 : 2;
  // Stryker disable next-line ConditionalExpression: for a number b, sb[-2] is undefined, which is not n either
  if (sb.length === 0 || sb[sb.length - bRank] !== n) {
    throw new ShapeError(
      `solve: A is ${formatShape(shapeOf(a))}, so b must be [${n}], [${n}, k] or a stack [..., ${n}, k], got ${formatShape(sb)}`,
    );
  }
  if (isStack(a)) return overStack("solve", [a, b], [2, bRank], solve);
  return solveMany(a, b, false, bRank, true);
}

// d(A^{-1}) = -A^{-1} dA A^{-1}
const invP: Primitive<undefined> = definePrimitive<undefined>({
  name: "linalg.inv",
  impl: ([a]) => {
    const t = a as Tensor;
    const out = luSolve(factorOrThrow(t, "inv"), identity(t.shape[0]));
    warnIfIllConditioned("inv", asMat(t), out);
    return fromMat(out);
  },
  jvp: (_p, [da], out) => neg(matmul(out, matmul(da!, out))),
  // gA = -A^{-T} g A^{-T}
  vjp: (g, _p, out) => [neg(matmul(mT(out), matmul(g, mT(out))))],
});

/**
 * A^{-1} of a square matrix (or of each matrix of a stack [..., n, n]); a clear
 * SingularMatrixError when A is exactly singular.
 * @example inv(tensor([[2, 0], [0, 4]]))  // [[0.5, 0], [0, 0.25]]
 */
export function inv(a: Value): Value {
  checkMatrix(a, "inv", true);
  return isStack(a) ? overStack("inv", [a], [2], inv) : bind(invP, [a], undefined);
}
