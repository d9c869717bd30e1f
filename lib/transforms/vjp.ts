/**
 * Reverse-mode transforms: vjp, grad, valueAndGrad.
 */
import { ones } from "../tensor/create";
import { formatShape, sameShape } from "../tensor/shape";
import { type Value, shapeOf, sizeOfValue } from "../core/value";
import { type TapeTrace, TapeVar, zerosLike } from "../core/reverse";
import { newTapeTrace } from "../fast";
import { type Tree, type Flat, flatten, sameStructure } from "../core/tree";
import { argnumList, checkFunction } from "../core/args";

/** A recorded function: its output and a pullback taking cotangents with optional batch axes. */
export interface Recorded {
  readonly out: any;
  readonly outFlat: Flat;
  readonly outLeaves: readonly Value[];
  pull(cotangents: readonly Value[], lead: readonly number[]): Value[][];
  /** For a transform that owns the recording: its tape's arrays go to the next tape (no more pulls). */
  recycle(): void;
  readonly trace: TapeTrace;
}

/** Runs f with every leaf of every argument watched, and returns what a pullback needs. */
export function record(f: (...args: any[]) => any, primals: readonly Tree[], what: string): Recorded {
  const flats = primals.map((p, i) => flatten(p, `${what}: argument ${i + 1}`));
  const trace = newTapeTrace();
  const vars = flats.map((fl) => fl.leaves.map((l) => trace.input(l)));
  let outFlat: Flat;
  try {
    outFlat = flatten(f(...flats.map((fl, i) => fl.rebuild(vars[i]))), `${what}: output of f`);
  } catch (error) {
    trace.tape.recycle(); // an error in f must not keep its tape's memory
    throw error;
  } finally {
    trace.ended = what;
  }
  const outLeaves = outFlat.leaves.map((o) => trace.lower(o));
  return {
    out: outFlat.rebuild(outLeaves),
    outFlat,
    outLeaves,
    trace,
    pull(cotangents, lead) {
      // Stryker disable next-line ArrayDeclaration: a stray seed at a non-numeric index is never read by the sweep, which walks the tape by number
      const seeds: [number, Value][] = [];
      outFlat.leaves.forEach((o, k) => {
        if (o instanceof TapeVar && o.trace === trace) seeds.push([o.index, cotangents[k]]);
      });
      try {
        const read = trace.backward(seeds, lead);
        return vars.map((vs) => vs.map((v) => read(v.index) ?? zerosLike(v.primal, lead)));
      } finally {
        trace.tape.release();
      }
    },
    recycle: () => trace.tape.recycle(),
  };
}

/**
 * Evaluates f and returns its output with a pullback: `pullback(ct)` returns ⟨ct, ∂f/∂x_i⟩ for
 * each primal x_i (Jᵀ ct), one gradient per primal, shaped like the primal.
 * @example
 * const [y, pullback] = vjp((x) => mul(x, x), tensor([1, 2]));
 * pullback(tensor([1, 1]))  // [Tensor [2, 4]]
 */
export function vjp(f: (...args: any[]) => any, ...primals: Tree[]): [any, (cotangent: Tree) => any[]] {
  checkFunction(f, "vjp");
  const rec = record(f, primals, "vjp");
  // Stryker disable next-line StringLiteral,ArithmeticOperator: record() above flattened the primals already and refused bad ones with its own message
  const flats = primals.map((p, i) => flatten(p, `vjp: argument ${i + 1}`));
  const pullback = (cotangent: Tree) => {
    const flat = flatten(cotangent, "pullback: cotangent");
    sameStructure(rec.outFlat, flat, "pullback: the cotangent", "the output of f");
    const cts = flat.leaves;
    cts.forEach((c, k) => {
      if (!sameShape(shapeOf(c), shapeOf(rec.outLeaves[k]))) {
        throw new TypeError(
          `pullback: cotangent ${k + 1} has shape ${formatShape(shapeOf(c))} but the output has shape ${formatShape(shapeOf(rec.outLeaves[k]))}`,
        );
      }
    });
    return rec.pull(cts, []).map((g, i) => flats[i].rebuild(g));
  };
  return [rec.out, pullback];
}

/**
 * Like `grad`, but returns [value, gradient].
 * @example valueAndGrad((x) => mul(x, x))(3)  // [9, 6]
 */
export function valueAndGrad(f: (...args: any[]) => any, argnums: number | readonly number[] = 0) {
  return gradient(f, argnums, "valueAndGrad");
}

/**
 * The gradient of a scalar function with respect to argument `argnums` (default 0) or, for an
 * array of indices, to each of them. Arguments may be numbers, tensors, or arrays/objects of them.
 * @example
 * grad((x) => sin(x))(0)                         // 1
 * grad((w, b) => sum(mul(w, b)), [0, 1])(w, b)   // [b, w]
 */
export function grad(f: (...args: any[]) => any, argnums: number | readonly number[] = 0) {
  const vg = gradient(f, argnums, "grad");
  return (...args: any[]): any => vg(...args)[1];
}

/** [value, gradient] of f with respect to the arguments `argnums`; `what` names the transform in messages. */
function gradient(f: (...args: any[]) => any, argnums: number | readonly number[], what: string) {
  checkFunction(f, what);
  argnumList(argnums, Infinity, what);
  return (...args: any[]): [any, any] => {
    const nums = argnumList(argnums, args.length, what);
    const rec = record(
      (...xs: any[]) => {
        const full = [...args];
        nums.forEach((k, i) => (full[k] = xs[i]));
        return f(...full);
      },
      nums.map((k) => args[k]),
      what,
    );
    try {
      const out = rec.outLeaves;
      if (out.length !== 1 || sizeOfValue(out[0]) !== 1) {
        const got = out.length !== 1 ? `${out.length} outputs` : `shape ${formatShape(shapeOf(out[0]))}`;
        throw new TypeError(
          `${what}: f must return a scalar (a number or a size-1 tensor), got ${got}; use jacrev or vjp for non-scalar outputs`,
        );
      }
      const shape = shapeOf(out[0]);
      // Stryker disable next-line ConditionalExpression,EqualityOperator: for a size-1 output, 1 and ones(shape) are one cotangent up to broadcasting, which the engine undoes (see the [1, 1] test)
      const grads = rec
        .pull([shape.length === 0 ? 1 : ones(shape)], [])
        .map((g, i) => flatten(args[nums[i]], what).rebuild(g));
      return [out[0], typeof argnums === "number" ? grads[0] : grads];
    } finally {
      rec.recycle();
    }
  };
}
