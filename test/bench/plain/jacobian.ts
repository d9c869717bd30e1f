/**
 * The Jacobian of f(x) = A x (A is m x n) by hand, for case 4, the three ways a program can get it:
 * m vector-Jacobian products A^T u with u = e_i (reverse mode, one per output), n Jacobian-vector
 * products A v with v = e_j (forward mode, one per input), or knowing J = A and copying it.
 * The products are full matrix-vector products: they do not exploit that e_i is one-hot, as an AD
 * tool calling f's backward pass would not.
 */
import type { Matrix } from "../contract";

/** A v. */
export function matvec(a: Matrix, v: Float64Array): Float64Array {
  const out = new Float64Array(a.rows);
  for (let i = 0; i < a.rows; i++) {
    let sum = 0;
    for (let j = 0; j < a.cols; j++) sum += a.data[i * a.cols + j] * v[j];
    out[i] = sum;
  }
  return out;
}

/** A^T u, walking A by rows (contiguous). */
export function matvecTransposed(a: Matrix, u: Float64Array): Float64Array {
  const out = new Float64Array(a.cols);
  for (let i = 0; i < a.rows; i++) {
    const ui = u[i];
    for (let j = 0; j < a.cols; j++) out[j] += a.data[i * a.cols + j] * ui;
  }
  return out;
}

/**
 * J (m x n, row-major) of x -> A x by one evaluation then m products A^T e_i (row i of J).
 * @example jacobianReverseLoop(a, x); // equals a.data
 */
export function jacobianReverseLoop(a: Matrix, x: Float64Array): Float64Array {
  matvec(a, x); // the forward pass a reverse sweep starts from
  const jac = new Float64Array(a.rows * a.cols);
  const u = new Float64Array(a.rows);
  for (let i = 0; i < a.rows; i++) {
    u[i] = 1;
    jac.set(matvecTransposed(a, u), i * a.cols);
    u[i] = 0;
  }
  return jac;
}

/**
 * J (m x n, row-major) of x -> A x by n products A e_j (column j of J).
 * @example jacobianForwardLoop(a); // equals a.data
 */
export function jacobianForwardLoop(a: Matrix): Float64Array {
  const jac = new Float64Array(a.rows * a.cols);
  const v = new Float64Array(a.cols);
  for (let j = 0; j < a.cols; j++) {
    v[j] = 1;
    const column = matvec(a, v);
    for (let i = 0; i < a.rows; i++) jac[i * a.cols + j] = column[i];
    v[j] = 0;
  }
  return jac;
}
