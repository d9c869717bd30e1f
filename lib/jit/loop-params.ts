/**
 * The parameters of a loop primitive (lib/jit/loop.ts) and what they say about its inputs and outputs:
 * inputs [...carry, ...scanned xs, ...consts], outputs [...carry, ...stacked ys].
 */
import { shapeOf } from "../core/value";
import type { Atom, Program } from "./program";
import { stackedShape } from "./rows";

/** A loop: its body and range, and how its inputs and outputs are grouped. */
export interface Loop {
  /** One step: inputs [i, ...carry, ...x rows, ...consts], outputs [...carry, ...y rows]. */
  readonly body: Program;
  readonly lower: number;
  readonly upper: number;
  /** How many leaves the carry has. */
  readonly carries: number;
  /** Per scanned input, the axis its rows run along (0, or behind a tangent's or cotangent's batch axes). */
  readonly xAxes: readonly number[];
  /** Per stacked output, the axis its rows are stacked along. */
  readonly yAxes: readonly number[];
}

export interface LoopParams extends Loop {
  /** Which output the primitive returns: the carry's leaves, then the stacked outputs. */
  readonly k: number;
}

export interface LoopVjpParams extends Loop {
  /** The outputs whose cotangents the primitive takes, after the loop's inputs, in this order. */
  readonly seeds: readonly number[];
  /**
   * The step's pullback for those outputs: inputs [i, ...carry, ...x rows, ...consts, ...cotangent of the new
   * carry, ...the cotangents of the seeds' y rows, ...the consts' cotangents so far], outputs [...cotangent of
   * the carry, ...the x rows' cotangents, ...the consts' cotangents with this step's added].
   */
  readonly pullback: Program;
  /** Which input's cotangent the primitive returns. */
  readonly j: number;
}

/** A loop's own parameters, without which output or input a binding is about. */
export const loopOf = (p: Loop): Loop => ({
  body: p.body,
  lower: p.lower,
  upper: p.upper,
  carries: p.carries,
  xAxes: p.xAxes,
  yAxes: p.yAxes,
});

/** How many inputs a loop takes (carry, xs, consts). */
export const inputCount = (p: Loop) => p.body.inputs.length - 1;

/** The loop's inputs in their groups: the carry, the scanned inputs, the consts. */
export function groups<T>(p: Loop, args: readonly T[]): { carry: T[]; xs: T[]; consts: T[] } {
  const [nc, nx] = [p.carries, p.xAxes.length];
  return {
    carry: args.slice(0, nc),
    xs: args.slice(nc, nc + nx),
    consts: args.slice(nc + nx, p.body.inputs.length - 1),
  };
}

export const atomShape = (a: Atom): readonly number[] => (a.kind === "var" ? a.shape : shapeOf(a.value));

/** Consecutive pieces of `xs` of the sizes given. */
export function split<T>(xs: readonly T[], sizes: readonly number[]): T[][] {
  let start = 0;
  return sizes.map((n) => {
    start += n;
    return xs.slice(start - n, start);
  });
}

/** The shape of output k: a carry leaf's, or the rows of a stacked output stacked. */
export function outShape(p: Loop, k: number): readonly number[] {
  if (k < p.carries) return p.body.inputs[1 + k].shape;
  const m = k - p.carries;
  return stackedShape(atomShape(p.body.outputs[k]), p.yAxes[m], p.upper - p.lower);
}
