/**
 * Arithmetic primitives (elementwise, broadcasting) and comparisons.
 * Each definition: the scalar function, then ∂out/∂x and ∂out/∂y, then the same rule in LaTeX
 * (the output, then each partial), which the step tables display.
 */
import { defineElementwise, unaryOp, binaryOp } from "./elementwise";
import { binary, group, unary } from "./latex";
import { log } from "./math";
import { where } from "./shape";

/**
 * x + y, elementwise (broadcasting). Rule: d(x + y) = dx + dy
 * @example add(tensor([1, 2]), 10)  // [11, 12]
 */
export const add = binaryOp(
  defineElementwise(
    "add",
    2,
    (x, y) => x + y,
    [() => 1, () => 1],
    binary((x, y) => `${x} + ${y}`, [() => "1", () => "1"]),
  ),
);
/**
 * x - y, elementwise (broadcasting). Rule: d(x - y) = dx - dy
 * @example sub(5, tensor([1, 2]))  // [4, 3]
 */
export const sub = binaryOp(
  defineElementwise(
    "sub",
    2,
    (x, y) => x - y,
    [() => 1, () => -1],
    binary((x, y) => `${x} - ${group(y)}`, [() => "1", () => "-1"]),
  ),
);
/**
 * x · y, elementwise (broadcasting). Rule: d(x y) = y dx + x dy
 * @example mul(0.5, tensor([2, 4]))  // [1, 2]
 */
export const mul = binaryOp(
  defineElementwise(
    "mul",
    2,
    (x, y) => x * y,
    [(_x, y) => y, (x) => x],
    binary((x, y) => `${group(x)} ${group(y)}`, [(_x, y) => y, (x) => x]),
  ),
);
/**
 * x / y, elementwise (broadcasting). Rule: d(x / y) = dx / y - (x / y²) dy = dx / y - out / y dy
 * @example div(1, tensor([2, 4]))  // [0.5, 0.25]
 */
export const div = binaryOp(
  defineElementwise(
    "div",
    2,
    (x, y) => x / y,
    [(_x, y) => div(1, y), (_x, y, out) => neg(div(out, y))],
    binary((x, y) => `\\frac{${x}}{${y}}`, [(_x, y) => `\\frac{1}{${y}}`, (x, y) => `-\\frac{${x}}{${y}^2}`]),
  ),
);
/**
 * -x, elementwise (broadcasting). Rule: d(-x) = -dx
 * @example neg(3)  // -3
 */
export const neg = unaryOp(
  defineElementwise(
    "neg",
    1,
    (x) => -x,
    [() => -1],
    unary((x) => `-${group(x)}`, () => "-1"),
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
  ),
);

/**
 * 1 where x > y, else 0 (not differentiable: a step function).
 * @example gt(tensor([1, 3]), 2)  // [0, 1]
 */
export const gt = binaryOp(defineElementwise("gt", 2, (x, y) => (x > y ? 1 : 0), null));
/**
 * 1 where x >= y, else 0.
 * @example ge(2, 2)  // 1
 */
export const ge = binaryOp(defineElementwise("ge", 2, (x, y) => (x >= y ? 1 : 0), null));
/**
 * 1 where x < y, else 0.
 * @example lt(1, 2)  // 1
 */
export const lt = binaryOp(defineElementwise("lt", 2, (x, y) => (x < y ? 1 : 0), null));
/**
 * 1 where x <= y, else 0.
 * @example le(3, 2)  // 0
 */
export const le = binaryOp(defineElementwise("le", 2, (x, y) => (x <= y ? 1 : 0), null));
/**
 * 1 where x == y, else 0.
 * @example eq(tensor([1, 2]), 2)  // [0, 1]
 */
export const eq = binaryOp(defineElementwise("eq", 2, (x, y) => (x === y ? 1 : 0), null));

/**
 * max(x, y), elementwise (broadcasting). Rule: d max(x, y) = [x > y] dx + [x < y] dy, split half and half on ties (as JAX does)
 * @example maximum(tensor([1, 5]), 3)  // [3, 5]
 */
export const maximum = binaryOp(
  defineElementwise(
    "maximum",
    2,
    // Stryker disable next-line EqualityOperator: at a tie x and y are the same number (up to the sign of a zero)
    (x, y) => (x > y || x !== x ? x : y),
    [(x, y) => add(gt(x, y), mul(0.5, eq(x, y))), (x, y) => add(lt(x, y), mul(0.5, eq(x, y)))],
    binary((x, y) => `\\max(${x}, ${y})`, [(x, y) => `[${x} > ${y}]`, (x, y) => `[${x} < ${y}]`]),
  ),
);
/**
 * min(x, y), elementwise (broadcasting). Rule: d min(x, y) = [x < y] dx + [x > y] dy, split half and half on ties
 * @example minimum(tensor([1, 5]), 3)  // [1, 3]
 */
export const minimum = binaryOp(
  defineElementwise(
    "minimum",
    2,
    // Stryker disable next-line EqualityOperator: at a tie x and y are the same number (up to the sign of a zero)
    (x, y) => (x < y || x !== x ? x : y),
    [(x, y) => add(lt(x, y), mul(0.5, eq(x, y))), (x, y) => add(gt(x, y), mul(0.5, eq(x, y)))],
    binary((x, y) => `\\min(${x}, ${y})`, [(x, y) => `[${x} < ${y}]`, (x, y) => `[${x} > ${y}]`]),
  ),
);
