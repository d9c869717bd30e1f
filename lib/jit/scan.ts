/**
 * The loop functions, JAX's `fori_loop` and `scan`, both one `scan` primitive (lib/jit/loop.ts).
 *
 * The body is traced once on staged values (i is a traced number), so it must be written with adlab's
 * operations; a JavaScript branch on a traced value throws a ConcretizationError. Values of enclosing
 * transforms that the body closes over (a weight of an outer grad, a value of an outer jit) become inputs
 * of the loop, so derivatives reach them too.
 */
import { type Value, Tracer, shapeOf } from "../core/value";
import { Tensor } from "../tensor/tensor";
import { checkFunction, checkInteger, describe } from "../core/args";
import { type Flat, type Tree, flatten, sameStructure } from "../core/tree";
import { ShapeError } from "../tensor/errors";
import { formatShape, sameShape } from "../tensor/shape";
import { take } from "../ops/shape";
import { zerosLike } from "../core/reverse";
import { dce, exampleOf, traceProgram } from "./program";
import { bindLoop } from "./loop";
import { atomShape } from "./loop-params";
import { readRow, rowOf, stackRows } from "./rows";

const isValue = (x: unknown) => typeof x === "number" || x instanceof Tensor || x instanceof Tracer;

/** Throws unless the body kept the carry's structure and every leaf's shape. */
function checkCarry(carry: Flat, out: Flat, what: string): void {
  sameStructure(carry, out, `${what}: the body's new carry`, "the carry");
  out.leaves.forEach((o, m) => {
    if (!sameShape(shapeOf(o), shapeOf(carry.leaves[m]))) {
      throw new TypeError(
        `${what}: the body turns a carry of shape ${formatShape(shapeOf(carry.leaves[m]))} into ${formatShape(shapeOf(o))}; the shapes must stay the same`,
      );
    }
  });
}

/**
 * carry ← body(i, carry) for i = lower, ..., upper - 1 (JAX's fori_loop); returns the final carry.
 * The carry is a number, a Tensor, or arrays/objects of them; body must return the same structure
 * and shapes. Under grad the reverse sweep stores one carry a step.
 * @example
 * foriLoop(0, 3, (_i, x) => mul(x, 2), 1)                                    // 8
 * grad((x0) => foriLoop(0, 1e6, (_i, x) => add(mul(sin(x), 1.0001), mul(0.5, x)), x0))(0.3)
 */
export function foriLoop<C extends Tree>(lower: number, upper: number, body: (i: Value, carry: C) => C, init: C): C {
  checkInteger(lower, "foriLoop", "lower");
  checkInteger(upper, "foriLoop", "upper");
  checkFunction(body, "foriLoop", "body");
  const carry = flatten(init, "foriLoop: init");
  if (upper <= lower) return init;
  const step = (i: Value, ...leaves: Value[]) => {
    const out = flatten(body(i, carry.rebuild(leaves)), "foriLoop: the body's result");
    checkCarry(carry, out, "foriLoop");
    return out.leaves;
  };
  const { program, captured } = traceProgram(step, [lower, ...carry.leaves], "foriLoop", true);
  const params = { body: dce(program), lower, upper, carries: carry.leaves.length, xAxes: [], yAxes: [] };
  return carry.rebuild(bindLoop(params, [...carry.leaves, ...captured]));
}

/** What `scan` reads: xs's leaves, their number of rows, and how to rebuild a row's tree. */
function scannedInputs(xs: Tree | null | undefined, length: number | undefined): { xs: Flat | null; n: number } {
  if (length !== undefined) {
    checkInteger(length, "scan", "options.length");
    if (length < 0) throw new RangeError(`scan: options.length must be at least 0, got ${length}`);
  }
  if (xs === null || xs === undefined) {
    if (length === undefined) throw new TypeError("scan: give xs, or the number of steps as options.length");
    return { xs: null, n: length };
  }
  const flat = flatten(xs, "scan: xs");
  if (flat.leaves.length === 0) throw new TypeError("scan: xs has no values; pass null and options.length instead");
  const rows = flat.leaves.map((x, m) => {
    const shape = shapeOf(x);
    if (shape.length === 0)
      throw new ShapeError(`scan: xs leaf ${m + 1} is a number; scanned values need a leading axis`);
    return shape[0];
  });
  const n = length ?? rows[0];
  rows.forEach((d, m) => {
    if (d !== n) {
      throw new ShapeError(
        `scan: xs leaf ${m + 1} has ${d} rows (shape ${formatShape(shapeOf(flat.leaves[m]))}), ${length === undefined ? "leaf 1 has" : "options.length is"} ${n}`,
      );
    }
  });
  return { xs: flat, n };
}

/** Reverses a value's rows (axis 0). */
const reversed = (x: Value) =>
  take(
    x,
    Array.from({ length: shapeOf(x)[0] }, (_, r) => shapeOf(x)[0] - 1 - r),
  );

export interface ScanOptions {
  /** The number of steps: required when xs is null, else it must equal xs's rows. */
  readonly length?: number;
  /** Run from the last row to the first (ys keep xs's order). */
  readonly reverse?: boolean;
}

/**
 * [carry, y_r] = f(carry, x_r) for each row x_r of xs in turn (JAX's lax.scan); returns the final carry
 * and the y_r stacked along a new leading axis. xs is a Tensor, or arrays/objects of them with the same
 * number of rows, or null with `options.length` steps (f then gets undefined); y is a number, a Tensor or a
 * tree of them. f must return [carry, y] with the carry's structure and shapes. Under grad the reverse
 * sweep stores one carry a step; the xs' cotangents are stacked, those of values f closes over summed.
 * @example
 * scan((s, x) => [add(s, x), mul(s, x)], 0, tensor([1, 2, 3]))  // [6, Tensor [0, 2, 9]]
 * // a recurrent network: grad of the last state reaches W through every step
 * grad((W) => sum(scan((h, x) => [tanh(add(matmul(W, h), x)), 0], h0, xs)[0]))(W)
 */
export function scan<C extends Tree, X extends Tree, Y extends Tree>(
  f: (carry: C, x: X) => readonly [C, Y],
  init: C,
  xs: X | null | undefined,
  options: ScanOptions = {},
): [C, Y] {
  checkFunction(f, "scan", "f");
  if (options === null || typeof options !== "object") {
    throw new TypeError(`scan: options must be an object like { length, reverse }, got ${describe(options)}`);
  }
  const unknown = Object.keys(options).filter((key) => key !== "length" && key !== "reverse");
  if (unknown.length > 0) throw new TypeError(`scan: unknown option ${unknown.join(", ")} (known: length, reverse)`);
  if (options.reverse !== undefined && typeof options.reverse !== "boolean") {
    throw new TypeError(`scan: options.reverse must be true or false, got ${describe(options.reverse)}`);
  }
  const carry = flatten(init, "scan: init");
  const scanned = scannedInputs(xs, options.length);
  const leaves = (scanned.xs?.leaves ?? []).map(options.reverse === true ? reversed : (x: Value) => x);
  let ys: Flat | undefined;
  const step = (_i: Value, ...values: Value[]) => {
    const c = carry.rebuild(values.slice(0, carry.leaves.length));
    const x = scanned.xs === null ? undefined : scanned.xs.rebuild(values.slice(carry.leaves.length));
    const result = f(c, x as X);
    if (!Array.isArray(result) || result.length !== 2) {
      const got = Array.isArray(result)
        ? `an array of ${result.length}`
        : isValue(result)
          ? "one value"
          : describe(result);
      throw new TypeError(`scan: f must return [carry, y], got ${got}`);
    }
    const out = flatten(result[0], "scan: f's new carry");
    checkCarry(carry, out, "scan");
    ys = flatten(result[1], "scan: f's y");
    return [...out.leaves, ...ys.leaves];
  };
  // the rows of the examples (zeros when there are none) give the body's input shapes
  const rows = leaves.map((x) =>
    scanned.n > 0 ? readRow(exampleOf(x) as Tensor, 0, 0) : zerosLike(0, shapeOf(x).slice(1)),
  );
  const { program, captured } = traceProgram(step, [0, ...carry.leaves, ...rows], "scan", true);
  const nc = carry.leaves.length;
  const yShapes = program.outputs.slice(nc).map(atomShape);
  if (scanned.n === 0) {
    const empty = yShapes.map((s) => stackRows([], 0, s));
    return [init, ys!.rebuild(empty)];
  }
  const params = {
    body: dce(program),
    lower: 0,
    upper: scanned.n,
    carries: nc,
    xAxes: leaves.map(() => 0),
    yAxes: yShapes.map(() => 0),
  };
  const outs = bindLoop(params, [...carry.leaves, ...leaves, ...captured]);
  const stackedYs = outs.slice(nc).map(options.reverse === true ? reversed : (y: Value) => y);
  return [carry.rebuild(outs.slice(0, nc)), ys!.rebuild(stackedYs)];
}

/** The loop unrolled through bind: what foriLoop computes, step by step (for tests). */
export function foriLoopReference<C extends Tree>(
  lower: number,
  upper: number,
  body: (i: Value, carry: C) => C,
  init: C,
): C {
  const flat = flatten(init, "foriLoop: init");
  let carry = flat.leaves;
  for (let i = lower; i < upper; i++) carry = flatten(body(i, flat.rebuild(carry)), "foriLoop").leaves;
  return flat.rebuild(carry);
}

/** scan unrolled through bind, rows sliced and stacked by adlab's operations (for tests). */
export function scanReference<C extends Tree, X extends Tree, Y extends Tree>(
  f: (carry: C, x: X) => readonly [C, Y],
  init: C,
  xs: X | null | undefined,
  options: ScanOptions = {},
): [C, Y] {
  const scanned = scannedInputs(xs, options.length);
  const order = Array.from({ length: scanned.n }, (_, r) => (options.reverse === true ? scanned.n - 1 - r : r));
  let c = init;
  const yRows: Value[][] = [];
  let ys: Flat | undefined;
  for (const r of order) {
    const x = scanned.xs?.rebuild(scanned.xs.leaves.map((leaf) => rowOf(leaf, 0, r)));
    const [next, y] = f(c, x as X);
    c = next;
    ys = flatten(y, "scan");
    yRows[r] = ys.leaves;
  }
  if (ys === undefined) throw new TypeError("scanReference: no steps");
  return [
    c,
    ys.rebuild(
      ys.leaves.map((_, m) =>
        stackRows(
          yRows.map((row) => row[m]),
          0,
          shapeOf(ys!.leaves[m]),
        ),
      ),
    ),
  ];
}
