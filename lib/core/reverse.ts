/**
 * Reverse mode: record on a tape, then sweep it backwards.
 *
 * While the function runs, every operation on a `TapeVar` is applied to the underlying values
 * and recorded as a step (core/tape.ts). The backward sweep visits the tape from the end, hands
 * each step's output cotangent to the primitive's VJP rule, sums what comes back to each
 * argument's shape (broadcasting undone once, here) and adds it into that argument's cotangent.
 * The sweep is a loop, not recursion, so a chain of millions of steps cannot overflow the stack.
 * Cotangents are values like any other: when an outer transformation watches them (grad of grad),
 * the sweep's own operations are recorded too, and differentiating again needs no extra code.
 *
 * This is the reference path. The fast layer (lib/fast) records scalar steps more cheaply and
 * sweeps them with numbers in a Float64Array; it must give the same results.
 */
import { Tensor } from "../tensor/tensor";
import { zeros } from "../tensor/create";
import { type Value, type Trace, Tracer, newLevel, shapeOf, canonical } from "./value";
import { type Primitive, bind } from "./primitive";
import { type RecordingTape, type Step, type Steps, Tape } from "./tape";
import { unbroadcast } from "./broadcast";
import { addAny } from "./add-any";

/** A value recorded on a tape. */
export class TapeVar extends Tracer {
  constructor(
    readonly trace: TapeTrace,
    readonly index: number,
    readonly primal: Value,
  ) {
    super();
  }
  toString(): string {
    return `TapeVar(v${this.index} = ${String(this.primal)})`;
  }
}

/** One reverse-mode transformation and its tape. */
export class TapeTrace implements Trace {
  readonly level = newLevel("reverse");
  readonly kind = "reverse";
  ended: string | null = null;
  /** Called for every recorded step (used to draw traced computations). */
  observer: ((index: number, prim: Primitive, args: readonly Value[], out: Value) => void) | null = null;

  constructor(readonly tape: RecordingTape = new Tape()) {}

  /** Starts watching an input. */
  input(x: Value): TapeVar {
    return new TapeVar(this, this.tape.leaf(x), x);
  }

  /** The value under a TapeVar of this trace (other values are constants here). */
  lower(x: Value): Value {
    return x instanceof TapeVar && x.trace === this ? x.primal : x;
  }

  /** The tape index of a TapeVar of this trace; -1 for a constant. */
  indexOf(x: Value): number {
    return x instanceof TapeVar && x.trace === this ? x.index : -1;
  }

  /** Applies the primitive to the underlying values and records the step. */
  process(prim: Primitive, args: readonly Value[], params: unknown): Value {
    const primals = args.map((a) => this.lower(a));
    const out = bind(prim, primals, params);
    if (prim.nondifferentiable) return out;
    const parents = args.map((a) => this.indexOf(a));
    return this.recorded(this.tape.step({ prim, primals, out, params, saved: undefined, parents }), prim, args, out);
  }

  /** A scalar step from the fast layer's scalar ops (lib/fast/scalar-ops.ts): recorded as any other. */
  scalarStep(
    _ia: number,
    _wa: number,
    _ib: number,
    _wb: number,
    prim: Primitive,
    a: Value,
    b: Value | undefined,
    _out: number,
  ): Value {
    return this.process(prim, b === undefined ? [a] : [a, b], undefined);
  }

  protected recorded(index: number, prim: Primitive, args: readonly Value[], out: Value): TapeVar {
    if (this.observer !== null) this.observer(index, prim, args, out);
    return new TapeVar(this, index, out);
  }

  /**
   * The backward sweep. `seeds` pairs output tape indices with their cotangents (which may carry
   * leading batch axes); returns a function reading the cotangent of an input's index (null when
   * nothing flowed into it).
   */
  backward(seeds: readonly [number, Value][], _lead: readonly number[]): (index: number) => Value | null {
    return backwardPass(this.tape, seeds);
  }
}

/**
 * The reverse sweep over recorded steps. A step's cotangent is complete once every later step has
 * passed its share back, which is why the tape is walked from the end; each cotangent is dropped
 * once its step has passed it on, so a long tape does not keep them all until the end.
 */
export function backwardPass(tape: Steps, seeds: readonly [number, Value][]): (index: number) => Value | null {
  const adj: (Value | undefined)[] = new Array(tape.length).fill(undefined);
  const send = (p: number, ct: Value) => {
    adj[p] = adj[p] === undefined ? ct : addAny(adj[p]!, ct);
  };
  for (const [i, s] of seeds) send(i, s);
  for (let i = tape.length - 1; i >= 0; i--) {
    const g = adj[i];
    const step = tape.stepAt(i);
    if (g === undefined || step === null) continue; // nothing flowed here, or an input (kept for the caller)
    adj[i] = undefined;
    applyRule(step, g, send);
  }
  return (i) => adj[i] ?? null;
}

/**
 * Runs one step's VJP rule on its output cotangent g and sends each argument its cotangent,
 * summed back to the argument's shape (a rule may answer with the output's broadcast shape).
 */
export function applyRule(step: Step, g: Value, send: (p: number, ct: Value) => void): void {
  const { prim, primals, out, params, saved, parents } = step;
  // Stryker disable next-line ConditionalExpression: needs lets a rule skip work: a cotangent computed anyway is dropped below
  const needs = parents.map((p) => p >= 0);
  const cts = prim.vjp(g, primals, out, params, { saved, needs });
  const leadRank = shapeOf(g).length - shapeOf(out).length;
  // Stryker disable next-line EqualityOperator: cts[parents.length] is undefined, which is skipped
  for (let k = 0; k < parents.length; k++) {
    const ct = cts[k] instanceof Tensor ? canonical(cts[k] as Tensor) : cts[k]; // a rank-0 tensor is a number
    if (parents[k] < 0 || ct === null || ct === undefined) continue;
    send(parents[k], unbroadcast(ct, shapeOf(ct).slice(leadRank), shapeOf(primals[k])));
  }
}

/** Zeros shaped like [...lead, ...shape of x] (a number when that shape is empty). */
export function zerosLike(x: Value, lead: readonly number[] = []): Value {
  const shape = [...lead, ...shapeOf(x)];
  return shape.length === 0 ? 0 : zeros(shape);
}
