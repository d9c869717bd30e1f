/**
 * Elementary functions (elementwise). Each line: the scalar function, then ∂out/∂x
 * written with adlab's own operations, so it can be differentiated again.
 */
import { defineElementwise, unaryOp } from "./elementwise";
import { add, sub, mul, div, neg } from "./arith";

// d exp(x) = exp(x) dx
export const exp = unaryOp(defineElementwise("exp", 1, Math.exp, [(_x, _y, out) => out]));
// d log(x) = dx / x
export const log = unaryOp(defineElementwise("log", 1, Math.log, [(x) => div(1, x)]));
// d log(1 + x) = dx / (1 + x)
export const log1p = unaryOp(defineElementwise("log1p", 1, Math.log1p, [(x) => div(1, add(1, x))]));
// d (exp(x) - 1) = exp(x) dx
export const expm1 = unaryOp(defineElementwise("expm1", 1, Math.expm1, [(_x, _y, out) => add(out, 1)]));
// d sqrt(x) = dx / (2 sqrt(x))
export const sqrt = unaryOp(defineElementwise("sqrt", 1, Math.sqrt, [(_x, _y, out) => div(0.5, out)]));
// d sin(x) = cos(x) dx
export const sin = unaryOp(defineElementwise("sin", 1, Math.sin, [(x) => cos(x)]));
// d cos(x) = -sin(x) dx
export const cos = unaryOp(defineElementwise("cos", 1, Math.cos, [(x) => neg(sin(x))]));
// d tanh(x) = (1 - tanh²(x)) dx
export const tanh = unaryOp(defineElementwise("tanh", 1, Math.tanh, [(_x, _y, out) => sub(1, mul(out, out))]));
// d |x| = sign(x) dx   (0 at x = 0, as JAX)
export const abs = unaryOp(defineElementwise("abs", 1, Math.abs, [(x) => sign(x)]));
/** -1, 0 or 1 (not differentiable: piecewise constant). */
export const sign = unaryOp(defineElementwise("sign", 1, (x) => (x > 0 ? 1 : x < 0 ? -1 : x), null));
