/**
 * Jacobians and Hessians. jacfwd pushes the n basis tangents, jacrev pulls the m basis
 * cotangents; by default the whole basis goes through at once (a batch on a leading axis, like
 * JAX's vmap); `{ batched: false }` loops one basis vector at a time (the notebooks compare the two).
 * The result has shape [...outShape, ...inShape].
 */
import { Tensor } from "../tensor/tensor";
import { eye } from "../tensor/create";
import { checkShape } from "../tensor/shape";
import { checkFunction, checkInteger, checkOptions, describe } from "../core/args";
import { type Value, shapeOf, sizeOfValue, checkValue } from "../core/value";
import { reshape, transpose, stack } from "../ops/shape";
import { pushForward, singleOutput } from "./jvp";
import { record, grad } from "./vjp";
import type { Tree } from "../core/tree";

export interface JacobianOptions {
  /** Which argument to differentiate (default 0); it must be a number or a Tensor. */
  readonly argnums?: number;
  /** Push/pull the whole basis at once (default true) or loop over basis vectors. */
  readonly batched?: boolean;
}

/**
 * The basis of a space of `shape` stacked on a leading axis: [n, ...shape]; `what` names the transform if it is too
 * large.
 */
function basis(shape: readonly number[], what: string): Tensor {
  const n = shape.reduce((p, d) => p * d, 1);
  checkShape([n, ...shape], what);
  return new Tensor(eye(n).data, [n, ...shape]);
}

/** The k-th basis vector of a space of `shape` (not a scalar: those take the one-pass paths). */
function unit(shape: readonly number[], k: number): Value {
  const data = new Float64Array(shape.reduce((p, d) => p * d, 1));
  data[k] = 1;
  return new Tensor(data, shape);
}

function bindArg(f: (...args: any[]) => any, args: readonly any[], k: number, what: string) {
  if (!Number.isInteger(k) || k < 0 || k >= args.length)
    throw new RangeError(`${what}: argnums ${k} is out of range for ${args.length} argument(s)`);
  checkValue(args[k], what, k);
  return (x: Value) => {
    const all = [...args];
    all[k] = x;
    return f(...all);
  };
}

/**
 * Jacobian by forward mode: n JVPs for n inputs.
 * @example jacfwd((x) => matmul(A, x))(x)  // equals A
 */
export function jacfwd(f: (...args: any[]) => any, options: JacobianOptions = {}) {
  const { argnums, batched } = jacobianOptions(f, options, "jacfwd");
  return (...args: any[]): Value => forwardJacobian(f, args, argnums, batched, "jacfwd");
}

/** The options of a Jacobian transform, checked: argnums an integer (default 0), batched a boolean (default true). */
function jacobianOptions(f: unknown, options: JacobianOptions, what: string): Required<JacobianOptions> {
  checkFunction(f, what);
  checkOptions(options, what);
  const { argnums = 0, batched = true } = options ?? {};
  checkInteger(argnums, what, "argnums");
  if (typeof batched !== "boolean")
    throw new TypeError(`${what}: batched must be true or false, got ${describe(batched)}`);
  return { argnums, batched };
}

function forwardJacobian(
  f: (...args: any[]) => any,
  args: readonly any[],
  argnums: number,
  batched: boolean,
  what: string,
): Value {
  const g = bindArg(f, args, argnums, what);
  const x: Value = args[argnums];
  const inShape = shapeOf(x);
  const n = sizeOfValue(x);
  const columnsOf = (t: Value, outShape: readonly number[]) =>
    reshape(transpose(reshape(t, [n, -1])), [...outShape, ...inShape]);
  // Stryker disable next-line ConditionalExpression: a shortcut: the basis path gives a scalar input the same Jacobian
  if (inShape.length === 0) return singleOutput(pushForward(g, [x], [1], [], what)[1], what);
  if (batched || n === 0) {
    const [out, t] = pushForward(g, [x], [basis(inShape, what)], [n], what);
    return columnsOf(t, shapeOf(singleOutput(out, what)));
  }
  const columns: Value[] = [];
  // Stryker disable next-line ArrayDeclaration: set by the first pass of the loop (n >= 1 here) before it is read
  let outShape: readonly number[] = [];
  for (let j = 0; j < n; j++) {
    const [out, t] = pushForward(g, [x], [unit(inShape, j)], [], what);
    outShape = shapeOf(singleOutput(out, what));
    // Stryker disable next-line ConditionalExpression,EqualityOperator: outShape is the same at every j: one check is enough, and f has already made an output of that size
    if (j === 0) checkShape([...outShape, ...inShape], what);
    columns.push(t);
  }
  return columnsOf(stack(columns), outShape);
}

/**
 * Jacobian by reverse mode: m VJPs for m outputs, from one recording of f.
 * @example jacrev((x) => matmul(A, x))(x)  // equals A
 */
export function jacrev(f: (...args: any[]) => any, options: JacobianOptions = {}) {
  const { argnums, batched } = jacobianOptions(f, options, "jacrev");
  return (...args: any[]): Value => reverseJacobian(f, args, argnums, batched, "jacrev");
}

function reverseJacobian(
  f: (...args: any[]) => any,
  args: readonly any[],
  argnums: number,
  batched: boolean,
  what: string,
): Value {
  const g = bindArg(f, args, argnums, what);
  const x: Value = args[argnums];
  const rec = record(g, [x], what);
  try {
    const outShape = shapeOf(singleOutput(rec.out, what));
    const m = sizeOfValue(rec.out);
    // Stryker disable next-line ConditionalExpression: a shortcut: the basis path gives a scalar output the same gradient
    if (outShape.length === 0) return rec.pull([1], [])[0][0];
    checkShape([...outShape, ...shapeOf(x)], what);
    if (batched || m === 0) return reshape(rec.pull([basis(outShape, what)], [m])[0][0], [...outShape, ...shapeOf(x)]);
    const rows: Value[] = [];
    for (let i = 0; i < m; i++) rows.push(rec.pull([unit(outShape, i)], [])[0][0]);
    return reshape(stack(rows), [...outShape, ...shapeOf(x)]);
  } finally {
    rec.recycle();
  }
}

/**
 * Jacobian, choosing the mode from the sizes: reverse when there are no more outputs than
 * inputs (m ≤ n), forward otherwise.
 * @example jacobian((x) => matmul(A, x))(x)
 */
export function jacobian(f: (...args: any[]) => any, options: { argnums?: number } = {}) {
  const { argnums } = jacobianOptions(f, options, "jacobian");
  return (...args: any[]): Value => {
    const m = sizeOfValue(singleOutput(bindArg(f, args, argnums, "jacobian")(args[argnums]), "jacobian"));
    const n = sizeOfValue(args[argnums]);
    // Stryker disable next-line BooleanLiteral: batched or looped give the same Jacobian; batched is the faster
    return m <= n
      ? reverseJacobian(f, args, argnums, true, "jacobian")
      : forwardJacobian(f, args, argnums, true, "jacobian");
  };
}

/**
 * Hessian of a scalar function: forward over reverse (jacfwd of jacrev).
 * @example hessian((x) => sum(mul(x, x)))(tensor([1, 2]))  // 2 I
 */
export function hessian(f: (...args: any[]) => any, options: { argnums?: number } = {}) {
  const { argnums } = jacobianOptions(f, options, "hessian");
  const gradient = jacrev(f, { argnums });
  // Stryker disable next-line BooleanLiteral: batched or looped give the same Hessian; batched is the faster
  return (...args: any[]): Value => forwardJacobian(gradient, args, argnums, true, "hessian");
}

/**
 * Hessian-vector product H v, by forward-over-reverse, without ever forming H. x and v may be
 * parameter lists (v then has the same structure), and so is the result.
 * @example hvp((x) => sum(mul(x, mul(x, x))))(x, v)   // 6 x ⊙ v
 */
export function hvp(f: (x: any) => any) {
  checkFunction(f, "hvp");
  return (x: Tree, v: Tree): any => pushForward(grad(f), [x], [v], [], "hvp")[1];
}
