/**
 * Arithmetic primitives (elementwise, broadcasting) and comparisons.
 * Each line: the scalar function, then ∂out/∂x and ∂out/∂y.
 */
import { defineElementwise, unaryOp, binaryOp } from "./elementwise";
import { log } from "./math";

// d(x + y) = dx + dy
export const add = binaryOp(defineElementwise("add", 2, (x, y) => x + y, [() => 1, () => 1]));
// d(x - y) = dx - dy
export const sub = binaryOp(defineElementwise("sub", 2, (x, y) => x - y, [() => 1, () => -1]));
// d(x y) = y dx + x dy
export const mul = binaryOp(defineElementwise("mul", 2, (x, y) => x * y, [(_x, y) => y, (x) => x]));
// d(x / y) = dx / y - (x / y²) dy = dx / y - out / y dy
export const div = binaryOp(
  defineElementwise("div", 2, (x, y) => x / y, [(_x, y) => div(1, y), (_x, y, out) => neg(div(out, y))]),
);
// d(-x) = -dx
export const neg = unaryOp(defineElementwise("neg", 1, (x) => -x, [() => -1]));
// d(x^y) = y x^(y-1) dx + x^y log(x) dy   (the dy term needs x > 0)
export const pow = binaryOp(
  defineElementwise("pow", 2, Math.pow, [(x, y) => mul(y, pow(x, sub(y, 1))), (x, _y, out) => mul(out, log(x))]),
);

/** 1 where x > y, else 0 (not differentiable: a step function). */
export const gt = binaryOp(defineElementwise("gt", 2, (x, y) => (x > y ? 1 : 0), null));
/** 1 where x >= y, else 0. */
export const ge = binaryOp(defineElementwise("ge", 2, (x, y) => (x >= y ? 1 : 0), null));
/** 1 where x < y, else 0. */
export const lt = binaryOp(defineElementwise("lt", 2, (x, y) => (x < y ? 1 : 0), null));
/** 1 where x <= y, else 0. */
export const le = binaryOp(defineElementwise("le", 2, (x, y) => (x <= y ? 1 : 0), null));
/** 1 where x == y, else 0. */
export const eq = binaryOp(defineElementwise("eq", 2, (x, y) => (x === y ? 1 : 0), null));

// d max(x, y) = [x > y] dx + [x < y] dy, split half and half on ties (as JAX does)
export const maximum = binaryOp(
  defineElementwise("maximum", 2, (x, y) => (x > y || x !== x ? x : y), [
    (x, y) => add(gt(x, y), mul(0.5, eq(x, y))),
    (x, y) => add(lt(x, y), mul(0.5, eq(x, y))),
  ]),
);
// d min(x, y) = [x < y] dx + [x > y] dy, split half and half on ties
export const minimum = binaryOp(
  defineElementwise("minimum", 2, (x, y) => (x < y || x !== x ? x : y), [
    (x, y) => add(lt(x, y), mul(0.5, eq(x, y))),
    (x, y) => add(gt(x, y), mul(0.5, eq(x, y))),
  ]),
);
