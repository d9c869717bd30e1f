/**
 * Elementary functions (elementwise). Each definition: the scalar function, then ∂out/∂x
 * written with adlab's own operations (so it can be differentiated again), then the same rule in
 * LaTeX (the output, then ∂out/∂x), which the step tables display.
 */
import { defineElementwise, unaryOp, binaryOp } from "./elementwise";
import { binary, group, unary } from "./latex";
import { add, sub, mul, div, neg, eq, ge } from "./arith";
import { where } from "./shape";

/**
 * eˣ, elementwise (broadcasting). Rule: d exp(x) = exp(x) dx
 * @example exp(0)  // 1
 */
export const exp = unaryOp(
  defineElementwise(
    "exp",
    1,
    Math.exp,
    [(_x, _y, out) => out],
    unary(
      (x) => `e^{${x}}`,
      (x) => `e^{${x}}`,
    ),
    (x) => `Math.exp(${x})`,
  ),
);
/**
 * the natural logarithm, elementwise (broadcasting). Rule: d log(x) = dx / x
 * @example log(tensor([1, Math.E]))  // [0, 1]
 */
export const log = unaryOp(
  defineElementwise(
    "log",
    1,
    Math.log,
    [(x) => div(1, x)],
    unary(
      (x) => `\\log ${group(x)}`,
      (x) => `\\frac{1}{${x}}`,
    ),
    (x) => `Math.log(${x})`,
  ),
);
/**
 * log(1 + x), accurate for small x, elementwise (broadcasting). Rule: d log(1 + x) = dx / (1 + x)
 * @example log1p(1e-20)  // 1e-20 (log(1 + x) would round to 0)
 */
export const log1p = unaryOp(
  defineElementwise(
    "log1p",
    1,
    Math.log1p,
    [(x) => div(1, add(1, x))],
    unary(
      (x) => `\\log(1 + ${x})`,
      (x) => `\\frac{1}{1 + ${x}}`,
    ),
    (x) => `Math.log1p(${x})`,
  ),
);
/**
 * eˣ - 1, accurate for small x, elementwise (broadcasting). Rule: d (exp(x) - 1) = exp(x) dx
 * @example expm1(1e-20)  // 1e-20
 */
export const expm1 = unaryOp(
  defineElementwise(
    "expm1",
    1,
    Math.expm1,
    [(_x, _y, out) => add(out, 1)],
    unary(
      (x) => `e^{${x}} - 1`,
      (x) => `e^{${x}}`,
    ),
    (x) => `Math.expm1(${x})`,
  ),
);
/**
 * √x, elementwise (broadcasting). Rule: d sqrt(x) = dx / (2 sqrt(x))
 * @example sqrt(tensor([4, 9]))  // [2, 3]
 */
export const sqrt = unaryOp(
  defineElementwise(
    "sqrt",
    1,
    Math.sqrt,
    [(_x, _y, out) => div(0.5, out)],
    unary(
      (x) => `\\sqrt{${x}}`,
      (x) => `\\frac{1}{2\\sqrt{${x}}}`,
    ),
    (x) => `Math.sqrt(${x})`,
  ),
);
/**
 * sin x, elementwise (broadcasting). Rule: d sin(x) = cos(x) dx
 * @example grad(sin)(0)  // cos(0) = 1
 */
export const sin = unaryOp(
  defineElementwise(
    "sin",
    1,
    Math.sin,
    [(x) => cos(x)],
    unary(
      (x) => `\\sin ${group(x)}`,
      (x) => `\\cos ${group(x)}`,
    ),
    (x) => `Math.sin(${x})`,
  ),
);
/**
 * cos x, elementwise (broadcasting). Rule: d cos(x) = -sin(x) dx
 * @example cos(0)  // 1
 */
export const cos = unaryOp(
  defineElementwise(
    "cos",
    1,
    Math.cos,
    [(x) => neg(sin(x))],
    unary(
      (x) => `\\cos ${group(x)}`,
      (x) => `-\\sin ${group(x)}`,
    ),
    (x) => `Math.cos(${x})`,
  ),
);
/**
 * tanh x, elementwise (broadcasting). Rule: d tanh(x) = (1 - tanh²(x)) dx
 * @example tanh(0)  // 0
 */
export const tanh = unaryOp(
  defineElementwise(
    "tanh",
    1,
    Math.tanh,
    [(_x, _y, out) => sub(1, mul(out, out))],
    unary(
      (x) => `\\tanh ${group(x)}`,
      (x) => `1 - \\tanh^2 ${group(x)}`,
    ),
    (x) => `Math.tanh(${x})`,
  ),
);
/**
 * |x|, elementwise (broadcasting). Rule: d |x| = sign(x) dx   (0 at x = 0, as JAX)
 * @example abs(tensor([-2, 3]))  // [2, 3]
 */
export const abs = unaryOp(
  defineElementwise(
    "abs",
    1,
    Math.abs,
    [(x) => sign(x)],
    unary(
      (x) => `\\lvert ${x} \\rvert`,
      (x) => `\\operatorname{sign} ${group(x)}`,
    ),
    (x) => `Math.abs(${x})`,
  ),
);
/**
 * -1, 0 or 1 (not differentiable: piecewise constant).
 * @example sign(tensor([-2, 0, 3]))  // [-1, 0, 1]
 */
export const sign = unaryOp(
  defineElementwise(
    "sign",
    1,
    (x) => (x > 0 ? 1 : x < 0 ? -1 : x),
    null,
    undefined,
    (x) => `(${x} > 0 ? 1 : ${x} < 0 ? -1 : ${x})`,
  ),
);

/**
 * x^y, elementwise (broadcasting). Rule: d(x^y) = y x^(y-1) dx + x^y log(x) dy   (the dy term needs x >= 0)
 * At x = 0 both terms meet 0 · ∞; as in JAX, PyTorch and autograd, x^0 = 1 has derivative 0 there,
 * and so has 0^y (y >= 0) in y. x is set to 1 at those points inside the rule, so that the rule's
 * own derivatives (higher orders: d²x/dx² at 0, d³x²/dx³ at 0) stay finite too.
 * @example pow(tensor([2, 3]), 2)  // [4, 9]
 */
export const pow = binaryOp(
  defineElementwise(
    "pow",
    2,
    Math.pow,
    [
      (x, y) => mul(y, pow(where(mul(eq(x, 0), eq(y, 0)), 1, x), sub(y, 1))),
      (x, y, out) => mul(out, log(where(mul(eq(x, 0), ge(y, 0)), 1, x))),
    ],
    binary(
      (x, y) => `${group(x)}^{${y}}`,
      [(x, y) => `${group(y)} ${group(x)}^{${y} - 1}`, (x, y) => `${group(x)}^{${y}} \\log ${group(x)}`],
    ),
    (x, y) => `Math.pow(${x}, ${y})`,
  ),
);
