/**
 * Matrix products. The primitive multiplies the last two axes, broadcasting any leading (batch)
 * axes, and can read either operand transposed in place; vectors are handled by the public
 * `matmul` with reshapes, so the rules only ever see matrices.
 */
import { Tensor } from "../tensor/tensor";
import { broadcastShapes, broadcastStrides, checkShape, sameShape, sizeOf, formatShape } from "../tensor/shape";
import { ShapeError } from "../tensor/errors";
import { matmulInto } from "../kernels/matmul";
import { type Primitive, definePrimitive, bind } from "../core/primitive";
import { type Value, checkValue, shapeOf } from "../core/value";
import { leadingShape } from "../core/batch";
import { add, mul } from "./arith";
import { reshape } from "./shape";
import { sum } from "./reduce";

interface Trans {
  readonly ta: boolean;
  readonly tb: boolean;
}

/** The [rows, cols] of op(x) for the last two axes. */
const dims = (s: readonly number[], t: boolean): [number, number] =>
  t ? [s[s.length - 1], s[s.length - 2]] : [s[s.length - 2], s[s.length - 1]];

function product(a: Tensor, b: Tensor, { ta, tb }: Trans): Tensor {
  const [m, k] = dims(a.shape, ta);
  const [k2, n] = dims(b.shape, tb);
  if (k !== k2) {
    throw new ShapeError(
      `matmul: inner dimensions differ: ${formatShape(a.shape)}${ta ? "ᵀ" : ""} @ ${formatShape(b.shape)}${tb ? "ᵀ" : ""}`,
    );
  }
  const batch = broadcastShapes(a.shape.slice(0, -2), b.shape.slice(0, -2), "matmul");
  checkShape([...batch, m, n], "matmul");
  const count = sizeOf(batch);
  const out = new Float64Array(count * m * n);
  // A batch against one matrix is a single product (this is what makes batched Jacobians fast):
  // stacked rows op(A_β) B = [A_1; A_2; ...] B, and stacked vectors A b_β = (b_βᵀ Aᵀ)ᵀ.
  // Stryker disable next-line ConditionalExpression,EqualityOperator,MethodExpression,UnaryOperator,BlockStatement: a fast path (the loop below gives the same product); with b one matrix the batch is a's, so the count test always holds
  if (b.shape.length === 2 && !ta && sizeOf(a.shape.slice(0, -2)) === count) {
    matmulInto(out, a.data, b.data, count * m, k, n, false, tb);
    return new Tensor(out, [...batch, m, n]);
  }
  // Stryker disable next-line ConditionalExpression,EqualityOperator,MethodExpression,UnaryOperator,BlockStatement: as above, with a one matrix and the batch b's
  if (a.shape.length === 2 && n === 1 && sizeOf(b.shape.slice(0, -2)) === count) {
    matmulInto(out, b.data, a.data, count, k, m, false, !ta);
    return new Tensor(out, [...batch, m, n]);
  }
  const sa = broadcastStrides(a.shape.slice(0, -2), batch);
  const sb = broadcastStrides(b.shape.slice(0, -2), batch);
  const index = new Array<number>(batch.length).fill(0);
  for (let i = 0; i < count; i++) {
    let oa = 0;
    let ob = 0;
    for (let d = 0; d < batch.length; d++) {
      oa += index[d] * sa[d];
      ob += index[d] * sb[d];
    }
    matmulInto(
      out.subarray(i * m * n, (i + 1) * m * n),
      a.data.subarray(oa * m * k, (oa + 1) * m * k),
      b.data.subarray(ob * k * n, (ob + 1) * k * n),
      m,
      k,
      n,
      ta,
      tb,
    );
    // Stryker disable next-line ConditionalExpression: at d = -1, ++index[-1] is NaN, which ends the loop all the same
    for (let d = batch.length - 1; d >= 0 && ++index[d] === batch[d]; d--) index[d] = 0;
  }
  return new Tensor(out, [...batch, m, n]);
}

/**
 * A tangent with unit axes between its batch axes and its operand's axes, so that the operand's
 * own batch axes line up with the other operand's when the two broadcast.
 */
function lineUp(t: Value, operandShape: readonly number[], rank: number): Value {
  const lead = leadingShape(t, operandShape.length);
  if (lead.length === 0 || operandShape.length >= rank) return t;
  return reshape(t, [...lead, ...new Array<number>(rank - operandShape.length).fill(1), ...operandShape]);
}

// d(op(x) op(y)) = op(dx) op(y) + op(x) op(dy). A tangent's batch axes stay in front.
const matmulP: Primitive<Trans> = definePrimitive<Trans>({
  name: "matmul",
  impl: ([x, y], t) => product(x as Tensor, y as Tensor, t),
  jvp: ([x, y], [dx, dy], out, t) => {
    const rank = shapeOf(out).length;
    const left = dx === null ? null : bind(matmulP, [lineUp(dx, shapeOf(x), rank), y], t);
    const right = dy === null ? null : bind(matmulP, [x, lineUp(dy, shapeOf(y), rank)], t);
    return left === null ? right : right === null ? left : add(left, right);
  },
  // with A = op(x), B = op(y): dA = g Bᵀ and dB = Aᵀ g, transposed back when x or y was read transposed
  vjp: (g, [x, y], _out, { ta, tb }, ctx) => [
    !ctx.needs[0]
      ? null
      : ta
        ? bind(matmulP, [y, g], { ta: tb, tb: true })
        : bind(matmulP, [g, y], { ta: false, tb: !tb }),
    !ctx.needs[1]
      ? null
      : tb
        ? bind(matmulP, [g, x], { ta: true, tb: ta })
        : bind(matmulP, [x, g], { ta: !ta, tb: false }),
  ],
});

/**
 * Matrix product with NumPy's rules: matrix @ matrix, matrix @ vector, vector @ matrix,
 * vector @ vector (a number), and leading batch axes broadcast.
 * @example matmul(tensor([[1, 2], [3, 4]]), tensor([1, 1]))  // [3, 7]
 */
export function matmul(x: Value, y: Value): Value {
  checkValue(x, "matmul", 0);
  checkValue(y, "matmul", 1);
  const sx = shapeOf(x);
  const sy = shapeOf(y);
  if (sx.length === 0 || sy.length === 0) {
    throw new ShapeError(
      `matmul: operands must have rank >= 1, got ${formatShape(sx)} and ${formatShape(sy)}; use mul for scalars`,
    );
  }
  const a = sx.length === 1 ? reshape(x, [1, sx[0]]) : x;
  const b = sy.length === 1 ? reshape(y, [sy[0], 1]) : y;
  // Stryker disable next-line ObjectLiteral: missing flags read as false
  const out = bind(matmulP, [a, b], { ta: false, tb: false });
  // Stryker disable next-line ConditionalExpression,EqualityOperator: a shortcut: for two matrices keep is the whole shape, a reshape to itself
  if (sx.length > 1 && sy.length > 1) return out;
  const so = shapeOf(out);
  const keep = so.slice(0, -2);
  if (sx.length > 1) keep.push(so[so.length - 2]);
  if (sy.length > 1) keep.push(so[so.length - 1]);
  return reshape(out, keep);
}

/**
 * Inner product of two vectors (or the sum of elementwise products of equal shapes).
 * @example dot(tensor([1, 2]), tensor([3, 4]))  // 11
 */
export function dot(x: Value, y: Value): Value {
  checkValue(x, "dot", 0);
  checkValue(y, "dot", 1);
  const [sx, sy] = [shapeOf(x), shapeOf(y)];
  if (!sameShape(sx, sy))
    throw new ShapeError(
      `dot: shapes ${formatShape(sx)} and ${formatShape(sy)} differ; dot takes two vectors (or values) of the same shape`,
    );
  // Stryker disable next-line ConditionalExpression,EqualityOperator: for two vectors matmul is the sum of the products
  return sx.length === 1 ? matmul(x, y) : sum(mul(x, y));
}
