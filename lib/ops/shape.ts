/**
 * Shape primitives: reshape, transpose, broadcastTo, slicing, concatenation, gather, where.
 * They only move numbers around, so each rule is the same move applied to the tangent, or its
 * adjoint move applied to the cotangent. Tangents and cotangents may carry leading batch axes
 * (`lead`), so rules address trailing axes.
 */
import * as T from "../tensor/layout";
import { zip3 } from "../tensor/elementwise";
import { zeros, asTensor } from "../tensor/create";
import { sizeOf, normalizeAxis, formatShape, sameShape, checkShape } from "../tensor/shape";
import { ShapeError } from "../tensor/errors";
import { type Primitive, definePrimitive, bind } from "../core/primitive";
import { type Value, checkValue, shapeOf, undifferentiated } from "../core/value";
import { leadingShape } from "../core/batch";
import { expand } from "../core/broadcast";
import { checkArray, checkInteger, describe } from "../core/args";

type SliceSpec = T.SliceSpec;
const full = (d: number): SliceSpec => ({ start: 0, stop: d, step: 1 });
const fullSpecs = (lead: readonly number[]): SliceSpec[] => lead.map(full);
const shifted = (axes: readonly number[], by: number): number[] => axes.map((a) => a + by);

// d reshape(x) = reshape(dx)
const reshapeP: Primitive<{ shape: readonly number[] }> = definePrimitive<{ shape: readonly number[] }>({
  name: "reshape",
  impl: ([x], { shape }) => T.reshape(asTensor(x), shape),
  jvp: ([x], [dx], _out, { shape }) => reshape(dx!, [...leadingShape(dx!, shapeOf(x).length), ...shape]),
  vjp: (g, [x], _out, { shape }) => [reshape(g, [...leadingShape(g, shape.length), ...shapeOf(x)])],
});

/**
 * Gives `x` a new shape with the same number of elements; one entry may be -1.
 * @example reshape(arange(6), [2, -1]).shape  // [2, 3]
 */
export function reshape(x: Value, shape: readonly number[]): Value {
  checkValue(x, "reshape", 0);
  checkArray(shape, "reshape", "shape");
  const from = shapeOf(x);
  const resolved = resolveShape(from, shape);
  if (sameShape(from, resolved)) return x;
  return bind(reshapeP, [x], { shape: resolved });
}

function resolveShape(from: readonly number[], shape: readonly number[]): number[] {
  const n = sizeOf(from);
  const known = shape.reduce((p, d) => (d === -1 ? p : p * d), 1);
  const out = shape.map((d) => (d === -1 ? (known === 0 ? 0 : n / known) : d));
  if (sizeOf(out) !== n || out.some((d) => !Number.isInteger(d) || d < 0) || shape.filter((d) => d === -1).length > 1) {
    throw new ShapeError(`reshape: cannot reshape ${formatShape(from)} (${n} elements) into ${formatShape(shape)}`);
  }
  return out;
}

// d transpose(x) = transpose(dx)
const transposeP: Primitive<{ perm: readonly number[] }> = definePrimitive<{ perm: readonly number[] }>({
  name: "transpose",
  impl: ([x], { perm }) => T.transpose(asTensor(x), perm),
  jvp: ([x], [dx], _out, { perm }) => permute(dx!, shapeOf(x).length, perm),
  vjp: (g, _p, out, { perm }) => [permute(g, shapeOf(out).length, inversePerm(perm))],
});

function permute(t: Value, rank: number, perm: readonly number[]): Value {
  const lead = leadingShape(t, rank).length;
  // Stryker disable next-line ConditionalExpression: Array.from of length 0 is [] too
  return bind(transposeP, [t], {
    perm: [...(lead === 0 ? [] : Array.from({ length: lead }, (_, i) => i)), ...shifted(perm, lead)],
  });
}

function inversePerm(perm: readonly number[]): number[] {
  // Stryker disable next-line ArrayDeclaration: the size is a hint: every slot is set below
  const inv = new Array<number>(perm.length);
  perm.forEach((p, i) => (inv[p] = i));
  return inv;
}

/**
 * Permutes the axes of `x` (default: reverses them, so a matrix is transposed).
 * @example transpose(tensor([[1, 2], [3, 4]]))  // [[1, 3], [2, 4]]
 */
export function transpose(x: Value, perm?: readonly number[]): Value {
  checkValue(x, "transpose", 0);
  const rank = shapeOf(x).length;
  const p =
    perm === undefined
      ? Array.from({ length: rank }, (_, i) => rank - 1 - i)
      : checkArray<number>(perm, "transpose", "perm");
  if (p.length !== rank || new Set(p.map((a) => normalizeAxis(a, rank, "transpose"))).size !== rank) {
    throw new ShapeError(
      `transpose: perm [${p.join(", ")}] is not a permutation of the ${rank} axes of ${formatShape(shapeOf(x))}`,
    );
  }
  // Stryker disable next-line StringLiteral: the check above normalised the same axes and refused bad ones with its own message
  const norm = p.map((a) => normalizeAxis(a, rank, "transpose"));
  return norm.every((a, i) => a === i) ? x : bind(transposeP, [x], { perm: norm });
}

/**
 * Repeats `x` along new leading axes and axes of length 1 (NumPy broadcasting), without copying rules.
 * @example broadcastTo(tensor([1, 2]), [3, 2]).shape  // [3, 2]
 */
export function broadcastTo(x: Value, shape: readonly number[]): Value {
  checkValue(x, "broadcastTo", 0);
  checkShape(shape, "broadcastTo");
  const from = shapeOf(x);
  if (sameShape(from, shape)) return x;
  const fits =
    from.length <= shape.length && from.every((d, i) => d === 1 || d === shape[shape.length - from.length + i]);
  if (!fits) throw new ShapeError(`broadcastTo: cannot broadcast shape ${formatShape(from)} to ${formatShape(shape)}`);
  return expand(x, from, shape);
}

// d x[s] = dx[s]
const sliceP: Primitive<{ specs: readonly SliceSpec[] }> = definePrimitive<{ specs: readonly SliceSpec[] }>({
  name: "slice",
  impl: ([x], { specs }) => T.slice(asTensor(x), specs),
  jvp: ([x], [dx], _out, { specs }) =>
    bind(sliceP, [dx!], { specs: [...fullSpecs(leadingShape(dx!, shapeOf(x).length)), ...specs] }),
  vjp: (g, [x], out, { specs }) => {
    const lead = leadingShape(g, shapeOf(out).length);
    return [bind(padP, [g], { shape: [...lead, ...shapeOf(x)], specs: [...fullSpecs(lead), ...specs] })];
  },
});

// the adjoint of slicing: zeros with the slice filled in; d pad(x) = pad(dx)
const padP: Primitive<{ shape: readonly number[]; specs: readonly SliceSpec[] }> = definePrimitive<{
  shape: readonly number[];
  specs: readonly SliceSpec[];
}>({
  name: "slicePad",
  impl: ([x], { shape, specs }) => T.sliceAdjoint(asTensor(x), shape, specs),
  jvp: ([x], [dx], _out, { shape, specs }) => {
    const lead = leadingShape(dx!, shapeOf(x).length);
    return bind(padP, [dx!], { shape: [...lead, ...shape], specs: [...fullSpecs(lead), ...specs] });
  },
  vjp: (g, _p, out, { specs }) => [
    bind(sliceP, [g], { specs: [...fullSpecs(leadingShape(g, shapeOf(out).length)), ...specs] }),
  ],
});

/** One axis of a slice: an index, or [start, stop, step?] with Python semantics (negatives count from the end). */
export type SliceArg = number | readonly [(number | null)?, (number | null)?, (number | null)?] | null;

/**
 * Python-style slicing: one entry per leading axis; a number picks an index and drops the axis,
 * a triple [start, stop, step] keeps it, null keeps the whole axis.
 * @example slice(tensor([[1, 2, 3], [4, 5, 6]]), [null, [1]])  // [[2, 3], [5, 6]]
 */
export function slice(x: Value, index: readonly SliceArg[]): Value {
  return sliced(x, index, "slice");
}

function sliced(x: Value, index: readonly SliceArg[], op: string): Value {
  checkValue(x, op, 0);
  checkArray(index, op, "the index");
  const shape = shapeOf(x);
  if (index.length > shape.length) {
    throw new ShapeError(`${op}: ${index.length} indices for a value of shape ${formatShape(shape)}`);
  }
  const specs: SliceSpec[] = [];
  const kept: number[] = [];
  index.forEach((ix, axis) => {
    const d = shape[axis];
    if (typeof ix === "number") {
      const i = ix < 0 ? ix + d : ix;
      if (!Number.isInteger(ix) || i < 0 || i >= d) {
        throw new ShapeError(`${op}: index ${ix} is out of bounds for axis ${axis} of size ${d}`);
      }
      specs.push({ start: i, stop: i + 1, step: 1 });
    } else {
      const triple = ix ?? [];
      if (
        !Array.isArray(triple) ||
        triple.length > 3 ||
        !triple.every((v) => v === null || v === undefined || Number.isInteger(v))
      ) {
        throw new TypeError(
          `${op}: entry ${axis} of the index must be an integer, null or [start, stop, step] of integers, got ${describe(ix)}`,
        );
      }
      const [start, stop, step] = triple;
      const spec = T.normalizeSlice(d, start ?? undefined, stop ?? undefined, step ?? undefined);
      specs.push(spec);
      kept.push(T.sliceLength(spec));
    }
  });
  const sliced = specs.every((s, i) => s.start === 0 && s.stop === shape[i] && s.step === 1)
    ? x
    : bind(sliceP, [x], { specs });
  return reshape(sliced, [...kept, ...shape.slice(index.length)]);
}

/**
 * The element (or sub-tensor) at the given indices; a full index gives a plain number.
 * @example getItem(tensor([[1, 2], [3, 4]]), 1, 0)  // 3
 */
export function getItem(x: Value, ...indices: number[]): Value {
  indices.forEach((i, k) => checkInteger(i, "getItem", `index ${k + 1}`));
  return sliced(x, indices, "getItem");
}

// d concat(xs) = concat(dxs), zeros standing in for constant pieces
const concatP: Primitive<{ axis: number }> = definePrimitive<{ axis: number }>({
  name: "concat",
  impl: (xs, { axis }) => T.concat(xs.map(asTensor), axis),
  jvp: (xs, dxs, _out, { axis }) => {
    const k = dxs.findIndex((t) => t !== null);
    const lead = leadingShape(dxs[k]!, shapeOf(xs[k]).length);
    const parts = dxs.map((t, i) => t ?? zeros([...lead, ...shapeOf(xs[i])]));
    return bind(concatP, parts, { axis: axis + lead.length });
  },
  vjp: (g, xs, out, { axis }, ctx) => {
    const lead = leadingShape(g, shapeOf(out).length);
    let offset = 0;
    return xs.map((x, i) => {
      const d = shapeOf(x)[axis];
      const specs = [
        ...fullSpecs(lead),
        ...shapeOf(out).slice(0, axis).map(full),
        { start: offset, stop: offset + d, step: 1 },
      ];
      offset += d;
      return ctx.needs[i] ? bind(sliceP, [g], { specs }) : null;
    });
  },
});

/**
 * Joins tensors along an existing axis.
 * @example concat([tensor([1, 2]), tensor([3])], 0)  // [1, 2, 3]
 */
export function concat(xs: readonly Value[], axis = 0): Value {
  checkArray(xs, "concat", "xs");
  if (xs.length === 0) throw new ShapeError("concat: needs at least one value");
  xs.forEach((x, i) => checkValue(x, "concat", i));
  const rank = shapeOf(xs[0]).length;
  if (rank === 0) throw new ShapeError("concat: cannot join numbers along an axis; use stack");
  const a = normalizeAxis(axis, rank, "concat");
  return xs.length === 1 ? xs[0] : bind(concatP, xs, { axis: a });
}

/**
 * Stacks values of equal shape along a new axis (numbers become a vector).
 * @example stack([1, 2, 3])  // Tensor [1, 2, 3]
 */
export function stack(xs: readonly Value[], axis = 0): Value {
  checkArray(xs, "stack", "xs");
  if (xs.length === 0) throw new ShapeError("stack: needs at least one value");
  xs.forEach((x, i) => checkValue(x, "stack", i));
  const shape = shapeOf(xs[0]);
  xs.forEach((x, i) => {
    if (!sameShape(shapeOf(x), shape)) {
      throw new ShapeError(`stack: value ${i} has shape ${formatShape(shapeOf(x))}, value 0 has ${formatShape(shape)}`);
    }
  });
  const a = normalizeAxis(axis, shape.length + 1, "stack");
  const expanded = [...shape.slice(0, a), 1, ...shape.slice(a)];
  return bind(
    concatP,
    xs.map((x) => reshape(x, expanded)),
    { axis: a },
  );
}

/**
 * Splits `x` along an axis into a list of values (numbers for a vector).
 * @example unstack(tensor([1, 2]))  // [1, 2]
 */
export function unstack(x: Value, axis = 0): Value[] {
  checkValue(x, "unstack", 0);
  const shape = shapeOf(x);
  const a = normalizeAxis(axis, shape.length, "unstack");
  // Stryker disable next-line ArrowFunction: slice reads undefined as null, the whole axis
  return Array.from({ length: shape[a] }, (_, i) => slice(x, [...shape.slice(0, a).map(() => null), i]));
}

// d take(x, idx) = take(dx, idx)
const gatherP: Primitive<{ indices: readonly number[]; axis: number }> = definePrimitive<{
  indices: readonly number[];
  axis: number;
}>({
  name: "gather",
  impl: ([x], { indices, axis }) => T.gather(asTensor(x), indices, axis),
  jvp: ([x], [dx], _out, { indices, axis }) =>
    bind(gatherP, [dx!], { indices, axis: axis + leadingShape(dx!, shapeOf(x).length).length }),
  vjp: (g, [x], out, { indices, axis }) => {
    const lead = leadingShape(g, shapeOf(out).length);
    return [bind(scatterP, [g], { indices, axis: axis + lead.length, shape: [...lead, ...shapeOf(x)] })];
  },
});

// the adjoint of gather: zeros with the rows added in at `indices`
const scatterP: Primitive<{ indices: readonly number[]; axis: number; shape: readonly number[] }> = definePrimitive<{
  indices: readonly number[];
  axis: number;
  shape: readonly number[];
}>({
  name: "scatterAdd",
  impl: ([g], { indices, axis, shape }) => T.scatterAdd(asTensor(g), indices, axis, shape),
  jvp: ([g], [dg], _out, { indices, axis, shape }) => {
    const lead = leadingShape(dg!, shapeOf(g).length);
    return bind(scatterP, [dg!], { indices, axis: axis + lead.length, shape: [...lead, ...shape] });
  },
  vjp: (g, _p, out, { indices, axis }) => [
    bind(gatherP, [g], { indices, axis: axis + leadingShape(g, shapeOf(out).length).length }),
  ],
});

/**
 * Picks entries along an axis by index (repeats allowed; negatives count from the end).
 * @example take(tensor([10, 20, 30]), [2, 0])  // [30, 10]
 */
export function take(x: Value, indices: readonly number[], axis = 0): Value {
  checkValue(x, "take", 0);
  checkArray<unknown>(indices, "take", "indices").forEach((i, k) => checkInteger(i, "take", `index ${k + 1}`));
  const a = normalizeAxis(axis, shapeOf(x).length, "take");
  const d = shapeOf(x)[a];
  const outside = indices.find((i) => i < -d || i >= d);
  if (outside !== undefined) throw new ShapeError(`take: index ${outside} is out of bounds for axis ${a} of size ${d}`);
  return bind(gatherP, [x], { indices: [...indices], axis: a });
}

// d where(c, x, y) = where(c, dx, dy); the condition is not differentiated
const whereP: Primitive<undefined> = definePrimitive<undefined>({
  name: "where",
  impl: ([c, x, y]) => {
    const [tc, tx, ty] = [c, x, y].map(asTensor);
    return zip3(tc, tx, ty, (ci, xi, yi) => (ci !== 0 ? xi : yi), "where");
  },
  jvp: ([c, x, y], [, dx, dy], out) => {
    // each tangent repeated to the output's shape (batch axes in front)
    const side = (d: Value | null, p: Value) => (d === null ? 0 : expand(d, shapeOf(p), shapeOf(out)));
    return bind(whereP, [undifferentiated(c), side(dx, x), side(dy, y)], undefined);
  },
  vjp: (g, [c]) => [
    null,
    bind(whereP, [undifferentiated(c), g, 0], undefined),
    bind(whereP, [undifferentiated(c), 0, g], undefined),
  ],
});

/**
 * Elementwise choice: x where the condition is non-zero, else y (broadcasting all three).
 * The gradient flows only into the branch that was taken.
 * @example where(gt(x, 0), x, 0)   // relu
 */
export function where(condition: Value, x: Value, y: Value): Value {
  // Stryker disable next-line ConditionalExpression,StringLiteral: a shortcut for plain numbers: the general path gives the same number
  if (typeof condition === "number" && typeof x === "number" && typeof y === "number") return condition !== 0 ? x : y;
  checkValue(condition, "where", 0);
  checkValue(x, "where", 1);
  checkValue(y, "where", 2);
  return bind(whereP, [undifferentiated(condition), x, y], undefined);
}
