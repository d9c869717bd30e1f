/**
 * Operations built from primitives (no rules of their own: their derivatives come from the
 * primitives they are made of). Written to be numerically stable.
 */
import { type Value, checkValue, shapeOf } from "../core/value";
import { checkBoolean } from "../core/args";
import { normalizeAxes } from "../tensor/shape";
import { stopGradient } from "../core/stop-gradient";
import { add, sub, mul, gt, lt } from "./arith";
import { abs, exp, log, sqrt, tanh } from "./math";
import { where } from "./shape";
import { sum, max } from "./reduce";

/**
 * The logistic function 1 / (1 + e^{-x}), computed as (1 + tanh(x/2)) / 2 so it never overflows.
 * @example sigmoid(0)  // 0.5
 */
export function sigmoid(x: Value): Value {
  checkValue(x, "sigmoid", 0);
  return mul(0.5, add(1, tanh(mul(0.5, x))));
}

/**
 * max(x, 0), with derivative 0 at x = 0 (the convention of JAX and PyTorch).
 * @example relu(tensor([-1, 2]))  // [0, 2]
 */
export function relu(x: Value): Value {
  checkValue(x, "relu", 0);
  return mul(x, gt(x, 0));
}

/**
 * x², elementwise.
 * @example square(3)  // 9
 */
export function square(x: Value): Value {
  checkValue(x, "square", 0);
  return mul(x, x);
}

/**
 * log Σ exp(x) over all or the given axes, shifted by the maximum so large inputs don't overflow.
 * @example logsumexp(tensor([1000, 1000]))  // 1000.693...
 */
export function logsumexp(x: Value, axis?: number | readonly number[], keepdims = false): Value {
  checkValue(x, "logsumexp", 0);
  checkBoolean(keepdims, "logsumexp", "keepdims");
  const shape = shapeOf(x);
  // log of an empty sum: -∞ (and no maximum to shift by)
  if (normalizeAxes(axis, shape.length, "logsumexp").some((a) => shape[a] === 0))
    return sub(sum(x, axis, keepdims), Infinity);
  // an infinite maximum would give x - m = ∞ - ∞ = NaN; shifting by 0 there gives log(0) = -∞ or log(∞) = ∞
  const top = stopGradient(max(x, axis, true));
  const m = where(lt(abs(top), Infinity), top, 0);
  const s = log(sum(exp(sub(x, m)), axis, true));
  const out = add(s, m);
  return keepdims ? out : sum(out, axis);
}

/**
 * Softmax along an axis (default: the last), stable for large inputs.
 * @example softmax(tensor([0, 0]))  // [0.5, 0.5]
 */
export function softmax(x: Value, axis = -1): Value {
  checkValue(x, "softmax", 0);
  normalizeAxes(axis, shapeOf(x).length, "softmax");
  return exp(logSoftmax(x, axis));
}

/**
 * log softmax along an axis (default: the last): x - logsumexp(x).
 * @example logSoftmax(tensor([0, 0]))  // [-0.693, -0.693]
 */
export function logSoftmax(x: Value, axis = -1): Value {
  checkValue(x, "logSoftmax", 0);
  normalizeAxes(axis, shapeOf(x).length, "logSoftmax");
  return sub(x, logsumexp(x, axis, true));
}

/**
 * Euclidean norm of all entries (the Frobenius norm of a matrix). Its gradient at 0 is NaN, as in JAX.
 * @example norm(tensor([3, 4]))  // 5
 */
export function norm(x: Value): Value {
  checkValue(x, "norm", 0);
  return sqrt(sum(mul(x, x)));
}
