/**
 * Reductions: sum and max over all or some axes, and the means built on them.
 */
import { asTensor } from "../tensor/create";
import { sumAxes, maxAxes, argmaxMask } from "../tensor/reduce";
import { normalizeAxes, sizeOf } from "../tensor/shape";
import { type Primitive, definePrimitive, bind } from "../core/primitive";
import { type Value, checkValue, shapeOf } from "../core/value";
import { leadingShape } from "../core/batch";
import { checkBoolean } from "../core/args";
import { reshape, broadcastTo } from "./shape";
import { mul, div } from "./arith";

interface AxesParams {
  readonly axes: readonly number[];
  readonly keepdims: boolean;
}

const shifted = (axes: readonly number[], by: number): number[] => axes.map((a) => a + by);

/** Spreads a reduced cotangent back over the reduced axes (the adjoint of summing). */
function spread(g: Value, xShape: readonly number[], outRank: number, { axes, keepdims }: AxesParams): Value {
  const lead = leadingShape(g, outRank);
  const kept = xShape.map((d, i) => (axes.includes(i) ? 1 : d));
  const gk = keepdims ? g : reshape(g, [...lead, ...kept]);
  return broadcastTo(gk, [...lead, ...xShape]);
}

// d sum(x) = sum(dx)
const sumP: Primitive<AxesParams> = definePrimitive<AxesParams>({
  name: "sum",
  impl: ([x], { axes, keepdims }) => sumAxes(asTensor(x), axes, keepdims),
  jvp: ([x], [dx], _out, p) =>
    bind(sumP, [dx!], { ...p, axes: shifted(p.axes, leadingShape(dx!, shapeOf(x).length).length) }),
  vjp: (g, [x], out, p) => [spread(g, shapeOf(x), shapeOf(out).length, p)],
});

/**
 * 1 at the first entry of each reduced slice that attains its max, 0 elsewhere (NaN counts as the max): where max's
 * rules send the whole derivative. A primitive without derivative (like JAX's argmax), so jit traces max's rules
 * as one equation that reads the data when the program runs, instead of reading it while tracing.
 */
const argmaxMaskP: Primitive<Pick<AxesParams, "axes">> = definePrimitive<Pick<AxesParams, "axes">>({
  name: "argmaxMask",
  nondifferentiable: true,
  impl: ([x], { axes }) => argmaxMask(asTensor(x), axes),
  jvp: () => null,
  // Stryker disable next-line ArrayDeclaration: never called: both engines skip a nondifferentiable primitive's rules
  vjp: () => [null],
});

// d max(x) = dx at the (first) argmax; the cotangent goes to that one entry
const maxP: Primitive<AxesParams> = definePrimitive<AxesParams>({
  name: "max",
  impl: ([x], { axes, keepdims }) => maxAxes(asTensor(x), axes, keepdims),
  jvp: ([x], [dx], _out, p) => {
    const mask = bind(argmaxMaskP, [x], { axes: p.axes });
    return bind(sumP, [mul(mask, dx!)], { ...p, axes: shifted(p.axes, leadingShape(dx!, shapeOf(x).length).length) });
  },
  vjp: (g, [x], out, p) => [
    mul(bind(argmaxMaskP, [x], { axes: p.axes }), spread(g, shapeOf(x), shapeOf(out).length, p)),
  ],
});

function reduceWith(
  prim: typeof sumP,
  name: string,
  x: Value,
  axis: number | readonly number[] | undefined,
  keepdims: boolean,
): Value {
  checkValue(x, name, 0);
  checkBoolean(keepdims, name, "keepdims");
  const shape = shapeOf(x);
  const axes = normalizeAxes(axis, shape.length, name);
  if (axes.length === 0) return x;
  if (name === "max" && axes.some((a) => shape[a] === 0))
    throw new RangeError(`max: cannot reduce an empty axis of shape [${shape}]`);
  return bind(prim, [x], { axes, keepdims });
}

/**
 * Sum over all axes (a number) or the given ones.
 * @example sum(tensor([[1, 2], [3, 4]]), 0)  // [4, 6]
 */
export function sum(x: Value, axis?: number | readonly number[], keepdims = false): Value {
  return reduceWith(sumP, "sum", x, axis, keepdims);
}

/**
 * Maximum over all axes or the given ones; its gradient goes to the first maximal entry.
 * @example max(tensor([1, 5, 3]))  // 5
 */
export function max(x: Value, axis?: number | readonly number[], keepdims = false): Value {
  return reduceWith(maxP, "max", x, axis, keepdims);
}

/**
 * Mean over all axes or the given ones.
 * @example mean(tensor([1, 2, 3]))  // 2
 */
export function mean(x: Value, axis?: number | readonly number[], keepdims = false): Value {
  checkValue(x, "mean", 0);
  checkBoolean(keepdims, "mean", "keepdims");
  const shape = shapeOf(x);
  const axes = normalizeAxes(axis, shape.length, "mean");
  const count = sizeOf(axes.map((a) => shape[a]));
  return div(sum(x, axes, keepdims), count);
}
