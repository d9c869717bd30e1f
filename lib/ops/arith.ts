/**
 * Arithmetic primitives (elementwise, broadcasting) and comparisons; x^y is in math.ts.
 * Each definition: the scalar function, then ∂out/∂x and ∂out/∂y, then the same rule in LaTeX
 * (the output, then each partial), which the step tables display.
 */
import { defineElementwise, unaryOp, binaryOp, add, mul } from "./elementwise";
import { binary, group, unary } from "./latex";

// add and mul are defined with the family (elementwise.ts), whose own rules use them
export { add, mul };

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
    (x, y) => `(${x} - ${y})`,
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
    (x, y) => `(${x} / ${y})`,
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
    unary(
      (x) => `-${group(x)}`,
      () => "-1",
    ),
    (x) => `(-${x})`,
  ),
);

/**
 * 1 where x > y, else 0 (not differentiable: a step function).
 * @example gt(tensor([1, 3]), 2)  // [0, 1]
 */
export const gt = binaryOp(
  defineElementwise(
    "gt",
    2,
    (x, y) => (x > y ? 1 : 0),
    null,
    undefined,
    (x, y) => `(${x} > ${y} ? 1 : 0)`,
  ),
);
/**
 * 1 where x >= y, else 0.
 * @example ge(2, 2)  // 1
 */
export const ge = binaryOp(
  defineElementwise(
    "ge",
    2,
    (x, y) => (x >= y ? 1 : 0),
    null,
    undefined,
    (x, y) => `(${x} >= ${y} ? 1 : 0)`,
  ),
);
/**
 * 1 where x < y, else 0.
 * @example lt(1, 2)  // 1
 */
export const lt = binaryOp(
  defineElementwise(
    "lt",
    2,
    (x, y) => (x < y ? 1 : 0),
    null,
    undefined,
    (x, y) => `(${x} < ${y} ? 1 : 0)`,
  ),
);
/**
 * 1 where x <= y, else 0.
 * @example le(3, 2)  // 0
 */
export const le = binaryOp(
  defineElementwise(
    "le",
    2,
    (x, y) => (x <= y ? 1 : 0),
    null,
    undefined,
    (x, y) => `(${x} <= ${y} ? 1 : 0)`,
  ),
);
/**
 * 1 where x == y, else 0.
 * @example eq(tensor([1, 2]), 2)  // [0, 1]
 */
export const eq = binaryOp(
  defineElementwise(
    "eq",
    2,
    (x, y) => (x === y ? 1 : 0),
    null,
    undefined,
    (x, y) => `(${x} === ${y} ? 1 : 0)`,
  ),
);

/**
 * max(x, y), elementwise (broadcasting). Rule: d max(x, y) = [x > y] dx + [x < y] dy, split half and half on ties (as
 * JAX does)
 * @example maximum(tensor([1, 5]), 3)  // [3, 5]
 */
export const maximum = binaryOp(
  defineElementwise(
    "maximum",
    2,
    // Stryker disable next-line EqualityOperator: at a tie x and y are the same number (up to the sign of a zero)
    (x, y) => (x > y || Number.isNaN(x) ? x : y),
    [(x, y) => add(gt(x, y), mul(0.5, eq(x, y))), (x, y) => add(lt(x, y), mul(0.5, eq(x, y)))],
    binary((x, y) => `\\max(${x}, ${y})`, [(x, y) => `[${x} > ${y}]`, (x, y) => `[${x} < ${y}]`]),
    (x, y) => `(${x} > ${y} || Number.isNaN(${x}) ? ${x} : ${y})`,
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
    (x, y) => (x < y || Number.isNaN(x) ? x : y),
    [(x, y) => add(lt(x, y), mul(0.5, eq(x, y))), (x, y) => add(gt(x, y), mul(0.5, eq(x, y)))],
    binary((x, y) => `\\min(${x}, ${y})`, [(x, y) => `[${x} < ${y}]`, (x, y) => `[${x} > ${y}]`]),
    (x, y) => `(${x} < ${y} || Number.isNaN(${x}) ? ${x} : ${y})`,
  ),
);
