/**
 * The shapes shared by every contestant of the benchmarks: plain float64 data in, plain data out,
 * so that adlab, the hand-written baselines and the peers are fed and checked alike.
 */

/** A row-major matrix of float64 values: entry (i, j) is `data[i * cols + j]`. */
export interface Matrix {
  rows: number;
  cols: number;
  data: Float64Array;
}

/** What a timed run returns: a number, an array, or a list of them (checked after flattening). */
export type Output = number | ArrayLike<number> | Output[];

/** A timed closure built once per case size: inputs are converted before, never inside, `run`. */
export type Run = () => Output;

/** Parameters of the 784-128-10 perceptron: `w1` is 784x128, `w2` is 128x10 (inputs times weights). */
export interface MlpParams {
  w1: Matrix;
  b1: Float64Array;
  w2: Matrix;
  b2: Float64Array;
}

/** One batch of the perceptron case: `x` is batch x 784, `labels[i]` the class of row i. */
export interface MlpBatch {
  x: Matrix;
  labels: Int32Array;
}

/**
 * The entries adlab provides for the cases, each a factory: it receives the inputs, converts them to
 * adlab's own types outside the timing, and returns the closure that is timed. A missing entry prints
 * "adlab: n/a". Each output must equal the plain baseline's output (same order, same layout).
 *
 * @example
 * // in test/bench/adlab.ts, once lib/core has reverse mode:
 * chainReverse: (x0, steps) => () => valueAndDerivative((x) => chain(x, steps), x0),
 */
export interface AdlabEntries {
  /** Case 1: [x_T, dx_T/dx_0] of the chain x <- sin(x) * 1.0001 + 0.5 x by reverse mode (record + backward). */
  chainReverse?: (x0: number, steps: number) => Run;
  /**
   * Case 1, the chain run elementwise on a [2] tensor (both entries x0) by reverse mode: the same
   * [x_T, dx_T/dx_0], read off the first entry. Its time per op against chainReverse's is the cost
   * of a tensor op on a tiny tensor over an op on a number.
   */
  chainReverseTiny?: (x0: number, steps: number) => Run;
  /** Case 2: the same [x_T, dx_T/dx_0] by forward mode. */
  chainForward?: (x0: number, steps: number) => Run;
  /** Case 11 (issue 14): x_T of the chain written with foriLoop, by jit(f). */
  chainJit?: (x0: number, steps: number) => Run;
  /** Case 11: [x_T, dx_T/dx_0] by jit of the JVP of the foriLoop chain. */
  chainJitJvp?: (x0: number, steps: number) => Run;
  /** Case 11: dx_T/dx_0 by jit(grad(f)) (forward sweep storing residuals, backward sweep). */
  chainJitGrad?: (x0: number, steps: number) => Run;
  /** Case 11: [x_T, dx_T/dx_0] by valueAndGrad of the foriLoop chain, not compiled. */
  chainLoopGrad?: (x0: number, steps: number) => Run;
  /** Case 3: the product a b, row-major data. */
  matmul?: (a: Matrix, b: Matrix) => Run;
  /** Case 4: Jacobian (m x n, row-major) of x -> A x at x by m reverse passes (one VJP per output). */
  jacobianReverseLoop?: (a: Matrix, x: Float64Array) => Run;
  /** Case 4: the same Jacobian by n forward passes (one JVP per input). */
  jacobianForwardLoop?: (a: Matrix, x: Float64Array) => Run;
  /** Case 4: the same Jacobian by a batched (vectorised) jacrev. */
  jacrev?: (a: Matrix, x: Float64Array) => Run;
  /** Case 4: the same Jacobian by a batched (vectorised) jacfwd. */
  jacfwd?: (a: Matrix, x: Float64Array) => Run;
  /** Case 5: mean softmax cross-entropy of tanh MLP on the batch: [loss]. */
  mlpForward?: (params: MlpParams, batch: MlpBatch) => Run;
  /** Case 5: [loss, dW1, db1, dW2, db2] (gradients in the parameters' layouts). */
  mlpForwardBackward?: (params: MlpParams, batch: MlpBatch) => Run;
  /** Case 6: x = A^-1 b. */
  solveForward?: (a: Matrix, b: Float64Array) => Run;
  /** Case 6: [x, dL/dA, dL/db] for L = <g, x> (one record + one backward). */
  solveForwardBackward?: (a: Matrix, b: Float64Array, g: Float64Array) => Run;
  /** Case 7: singular values of A (m >= n, thin SVD), descending. */
  svdForward?: (a: Matrix) => Run;
  /** Case 7: [S, dL/dA] for L = sum(S). */
  svdBackwardS?: (a: Matrix) => Run;
  /** Case 7: [S, dL/dA] for L = sum_i u_i^T B v_i = trace(U^T B V) (invariant to the signs of u_i, v_i). */
  svdBackwardUV?: (a: Matrix, b: Matrix) => Run;
  /**
   * Case 8: [dL/dx0, dL/dW] for L = sum(x_L), x_{k+1} = tanh(W x_k), without (`segment` = 0) or with
   * checkpoints every `segment` layers. `peakBytes` reports the tape's peak memory of the last run.
   */
  checkpointChain?: (w: Matrix, x0: Float64Array, layers: number, segment: number) => { run: Run; peakBytes(): number };
}
