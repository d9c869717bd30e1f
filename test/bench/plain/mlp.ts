/**
 * The 784-128-10 perceptron of case 5 by hand: tanh hidden layer, softmax cross-entropy averaged
 * over the batch, forward and backward written out with the tiled matmul.
 */
import type { Matrix, MlpBatch, MlpParams } from "../contract";
import { transpose } from "../data";
import { matmulTiled } from "./matmul";

/** Adds `bias` to every row of `a`, in place. */
function addRows(a: Matrix, bias: Float64Array): Matrix {
  for (let i = 0; i < a.rows; i++) for (let j = 0; j < a.cols; j++) a.data[i * a.cols + j] += bias[j];
  return a;
}

/** Column sums of `a`: the gradient of a bias added to every row. */
function columnSums(a: Matrix): Float64Array {
  const out = new Float64Array(a.cols);
  for (let i = 0; i < a.rows; i++) for (let j = 0; j < a.cols; j++) out[j] += a.data[i * a.cols + j];
  return out;
}

/**
 * Hidden activations, logits' softmax-minus-one-hot over the batch (dL/dlogits) and the mean loss.
 * log-softmax subtracts the row maximum first so exp never overflows.
 */
function forwardPass(
  { w1, b1, w2, b2 }: MlpParams,
  { x, labels }: MlpBatch,
): { hidden: Matrix; dLogits: Matrix; loss: number } {
  const hidden = addRows(matmulTiled(x, w1), b1);
  for (let k = 0; k < hidden.data.length; k++) hidden.data[k] = Math.tanh(hidden.data[k]);
  const logits = addRows(matmulTiled(hidden, w2), b2);
  const { rows: batch, cols: classes } = logits;
  const dLogits = new Float64Array(batch * classes);
  let loss = 0;
  for (let i = 0; i < batch; i++) {
    let max = -Infinity;
    for (let j = 0; j < classes; j++) max = Math.max(max, logits.data[i * classes + j]);
    let sum = 0;
    for (let j = 0; j < classes; j++) sum += Math.exp(logits.data[i * classes + j] - max);
    const logSum = max + Math.log(sum);
    loss += logSum - logits.data[i * classes + labels[i]];
    // d loss / d logits = (softmax - onehot) / batch
    for (let j = 0; j < classes; j++)
      dLogits[i * classes + j] = Math.exp(logits.data[i * classes + j] - logSum) / batch;
    dLogits[i * classes + labels[i]] -= 1 / batch;
  }
  return { hidden, dLogits: { rows: batch, cols: classes, data: dLogits }, loss: loss / batch };
}

/**
 * [mean cross-entropy] of the batch.
 * @example mlpForward(params, batch); // [2.31...]
 */
export function mlpForward(params: MlpParams, batch: MlpBatch): number[] {
  return [forwardPass(params, batch).loss];
}

/**
 * [loss, dW1, db1, dW2, db2]: the backward pass reuses the hidden activations (tanh' = 1 - h^2).
 * @example const [loss, dW1] = mlpForwardBackward(params, batch);
 */
export function mlpForwardBackward(
  params: MlpParams,
  batch: MlpBatch,
): [number, Float64Array, Float64Array, Float64Array, Float64Array] {
  const { hidden, dLogits, loss } = forwardPass(params, batch);
  const dW2 = matmulTiled(transpose(hidden), dLogits);
  const dHidden = matmulTiled(dLogits, transpose(params.w2));
  for (let k = 0; k < dHidden.data.length; k++) dHidden.data[k] *= 1 - hidden.data[k] * hidden.data[k];
  const dW1 = matmulTiled(transpose(batch.x), dHidden);
  return [loss, dW1.data, columnSums(dHidden), dW2.data, columnSums(dLogits)];
}
