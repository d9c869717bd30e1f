/**
 * Finite differences: the derivative approximated from function values alone.
 * The forward difference (f(x + h e_k) - f(x)) / h costs d + 1 evaluations with error O(h);
 * the central difference (f(x + h e_k) - f(x - h e_k)) / 2h costs 2d with error O(h²). Rounding
 * adds an error of order eps/h, which is why the default steps are sqrt(eps) and cbrt(eps),
 * scaled by max(|x_k|, 1).
 */
import { Tensor } from "../tensor/tensor";
import { type Value, type Concrete, shapeOf, concreteOf, checkResult, checkValue } from "../core/value";
import { checkFunction, checkOptions } from "../core/args";

export type FdMethod = "forward" | "backward" | "central";

export interface FdOptions {
  /** Default "central". */
  readonly method?: FdMethod;
  /** A fixed step h; default sqrt(eps)·max(|x_k|, 1) (one-sided) or cbrt(eps)·max(|x_k|, 1) (central). */
  readonly step?: number;
}

export interface FdResult {
  /** The approximate Jacobian, shape [...outShape, ...inShape] (the derivative/gradient for scalar cases). */
  readonly value: Value;
  /** How many times f was evaluated: d + 1 one-sided, 2d central. */
  readonly evals: number;
}

function flat(x: Concrete): Float64Array {
  return typeof x === "number" ? Float64Array.of(x) : x.data;
}

/**
 * Approximates the Jacobian of f at x (a number or Tensor) by finite differences.
 * @example fd((x) => mul(x, x), 3).value                        // ≈ 6
 * @example fd((x) => sin(x), 1, { method: "forward", step: 1e-4 }).evals   // 2
 */
export function fd(f: (x: Value) => Value, x: Value, options: FdOptions = {}): FdResult {
  checkFunction(f, "fd");
  checkOptions(options, "fd");
  const { method = "central", step } = options ?? {};
  if (method !== "central" && method !== "forward" && method !== "backward") {
    throw new TypeError(`fd: method must be "forward", "backward" or "central", got ${JSON.stringify(method)}`);
  }
  if (step !== undefined && !(typeof step === "number" && step > 0 && step < Infinity)) {
    throw new RangeError(`fd: step must be a positive finite number, got ${String(step)}`);
  }
  checkValue(x, "fd", 1);
  const x0 = concreteOf(x);
  const inShape = shapeOf(x0);
  const base = flat(x0);
  const d = base.length;
  let evals = 0;
  let outShape: readonly number[] = [];
  const at = (k: number, delta: number): Float64Array => {
    const xs = base.slice();
    // Stryker disable next-line ConditionalExpression: k < 0 comes with delta 0 (f at x itself), and a typed array ignores xs[-1]
    if (k >= 0) xs[k] += delta;
    evals++;
    const out = concreteOf(checkResult(f(inShape.length === 0 ? xs[0] : new Tensor(xs, inShape)), "fd"));
    outShape = shapeOf(out);
    return flat(out).slice();
  };
  // Stryker disable next-line UnaryOperator: any index with delta 0 is f at x itself
  const f0 = method === "central" ? null : at(-1, 0);
  const columns: Float64Array[] = [];
  for (let k = 0; k < d; k++) {
    const h =
      step ??
      (method === "central" ? Math.cbrt(Number.EPSILON) : Math.sqrt(Number.EPSILON)) * Math.max(Math.abs(base[k]), 1);
    // Stryker disable next-line ConditionalExpression,EqualityOperator: h > 0 always holds (a step option is checked positive; eps·max(|x|, 1) > 0): only h = Infinity is left
    if (!(h > 0 && h < Infinity))
      throw new RangeError(`fd: x holds ${base[k]} at ${k}, so no finite step fits; give a finite x`);
    const [hi, lo, width] =
      method === "central"
        ? [at(k, h), at(k, -h), 2 * h]
        : method === "forward"
          ? [at(k, h), f0!, h]
          : [f0!, at(k, -h), h];
    columns.push(hi.map((v, i) => (v - lo[i]) / width));
  }
  const m = columns.length > 0 ? columns[0].length : 1;
  const jac = new Float64Array(m * d);
  columns.forEach((c, k) => c.forEach((v, i) => (jac[i * d + k] = v)));
  const shape = [...outShape, ...inShape];
  return { value: shape.length === 0 ? jac[0] : new Tensor(jac, shape), evals };
}
