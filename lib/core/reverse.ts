/**
 * Reverse mode: record on a tape, then sweep it backwards.
 *
 * While the function runs, every operation on a `TapeVar` is applied to the underlying values
 * and recorded. The backward sweep visits the tape from the end, handing each step's output
 * cotangent to the primitive's VJP rule (or, for scalar steps, multiplying by the stored
 * partials) and accumulating the results into the parents' cotangents. The sweep is a loop, not
 * recursion, so a chain of millions of steps cannot overflow the stack.
 *
 * When the cotangents are plain values and unbatched, scalar adjoints live in a Float64Array;
 * otherwise (a batch of cotangents, or cotangents that an outer transformation is watching, as
 * in grad of grad) the same sweep runs with adjoints as values, through adjoint operations.
 */
import { Tensor } from "../tensor/tensor";
import { zeros } from "../tensor/create";
import { type Value, type Trace, Tracer, newLevel, shapeOf, isConcrete } from "./value";
import { type Primitive, type Saved, bind, evaluate } from "./primitive";
import { Tape, NUMBER, GENERAL, INPUT, type GeneralStep } from "./tape";
import { unbroadcast } from "./batch";
import { add, mul } from "../ops/arith";

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
  readonly tape = new Tape();
  /** Set when a step's inputs are watched by an outer transformation: cotangents may then be tracers too. */
  // Stryker disable next-line BooleanLiteral: true only gives up the plain sweep, a fast path: the general sweep gives the same numbers
  private watchedOutside = false;
  /** Called for every recorded step (used to draw traced computations). */
  observer: ((index: number, prim: Primitive, args: readonly Value[], out: Value) => void) | null = null;

  /** Starts watching an input. */
  input(x: Value): TapeVar {
    return new TapeVar(this, this.tape.leaf(x), x);
  }

  /** The value under a TapeVar of this trace (other values are constants here). */
  lower(x: Value): Value {
    return x instanceof TapeVar && x.trace === this ? x.primal : x;
  }

  process(prim: Primitive, args: readonly Value[], params: unknown): Value {
    // Stryker disable next-line ArrayDeclaration: the size is a memory hint: the loop fills every slot
    const primals = new Array<Value>(args.length); // exact sizes: the tape keeps both arrays
    // Stryker disable next-line ArrayDeclaration: as above
    const parents = new Array<number>(args.length);
    let concrete = true;
    for (let k = 0; k < args.length; k++) {
      const a = args[k];
      const own = a instanceof TapeVar && a.trace === this;
      primals[k] = own ? a.primal : a;
      parents[k] = own ? a.index : -1;
      concrete &&= isConcrete(primals[k]);
    }
    if (prim.nondifferentiable) return bind(prim, primals, params);
    if (!concrete) {
      this.watchedOutside = true;
      const out = bind(prim, primals, params);
      return this.recorded(this.tape.step({ prim, primals, out, params, saved: undefined, parents }), prim, args, out);
    }
    const saved: Saved = {};
    const out = evaluate(prim, primals as readonly (number | Tensor)[], params, saved);
    // most primitives save nothing: the tape keeps no empty object for them
    let kept: Saved | undefined;
    for (const _ in saved) kept = saved;
    return this.recorded(this.tape.step({ prim, primals, out, params, saved: kept, parents }), prim, args, out);
  }

  /** Records a scalar step (see hot-path.ts) and returns its variable. */
  scalarStep(ia: number, wa: number, ib: number, wb: number, prim: Primitive, a: Value, b: Value | undefined, out: number): TapeVar {
    const index = this.tape.scalar(ia, wa, ib, wb);
    if (this.observer !== null) this.observer(index, prim, b === undefined ? [a] : [a, b], out);
    return new TapeVar(this, index, out);
  }

  private recorded(index: number, prim: Primitive, args: readonly Value[], out: Value): TapeVar {
    if (this.observer !== null) this.observer(index, prim, args, out);
    return new TapeVar(this, index, out);
  }

  /**
   * The backward sweep. `seeds` pairs output tape indices with their cotangents (which may carry
   * leading batch axes of shape `lead`); returns a function reading the cotangent of an input's
   * index (null when nothing flowed into it). Other cotangents are dropped once their step has
   * passed them on, so a long tape does not keep them all until the end of the sweep.
   */
  backward(seeds: readonly [number, Value][], lead: readonly number[]): (index: number) => Value | null {
    // Stryker disable next-line ConditionalExpression,ArrowFunction: answering false only gives up the plain sweep, a fast path (the general sweep gives the same numbers)
    const plain = !this.watchedOutside && lead.length === 0 && seeds.every(([, s]) => isConcrete(s));
    return plain ? sweepPlain(this.tape, seeds) : sweepValues(this.tape, seeds);
  }
}

function toNumber(x: Value): number {
  return typeof x === "number" ? x : (x as Tensor).data[0];
}

/** Concrete, unbatched sweep: numbers in a Float64Array, tensors in a sparse array. */
function sweepPlain(tape: Tape, seeds: readonly [number, Value][]): (index: number) => Value | null {
  const n = tape.length;
  const adj = new Float64Array(n);
  const touched = new Uint8Array(n);
  // filled, so that V8 keeps a dense array (a large array with holes becomes a slow dictionary)
  // Stryker disable next-line ConditionalExpression,EqualityOperator,ArrayDeclaration: the array's layout is a speed matter (see above): any of them reads undefined where nothing was stored
  const tensors: (Value | undefined)[] = tape.steps.length > 0 ? new Array(n).fill(undefined) : [];
  const { parentA, parentB, weightA, weightB, flags } = tape;
  const accumulate = (p: number, ct: Value) => {
    touched[p] = 1;
    if (flags[p] & NUMBER) adj[p] += toNumber(ct);
    else tensors[p] = tensors[p] === undefined ? ct : add(tensors[p]!, ct);
  };
  for (const [i, s] of seeds) accumulate(i, s);
  // Stryker disable next-line ArithmeticOperator,EqualityOperator: slots past the end are never touched, and slot 0 is always an input (a step's parents are recorded before it), which has no parent to send to
  for (let i = n - 1; i >= 0; i--) {
    if (!touched[i]) continue;
    if ((flags[i] & GENERAL) === 0) {
      const g = adj[i];
      const a = parentA[i];
      const b = parentB[i];
      // Stryker disable next-line ConditionalExpression: a constant's parent is -1, and a typed array drops writes at index -1 (the sweep reads slots 0 to n - 1 only)
      if (a >= 0) (adj[a] += g * weightA[i]), (touched[a] = 1);
      // Stryker disable next-line ConditionalExpression: as above
      if (b >= 0) (adj[b] += g * weightB[i]), (touched[b] = 1);
    } else {
      const g = flags[i] & NUMBER ? adj[i] : tensors[i]!;
      tensors[i] = undefined;
      applyRule(tape.generalStep(i), g, accumulate);
    }
  }
  return (i) => (!touched[i] ? null : flags[i] & NUMBER ? adj[i] : tensors[i]!);
}

/** General sweep: adjoints are values, combined with adjoint operations (differentiable again). */
function sweepValues(tape: Tape, seeds: readonly [number, Value][]): (index: number) => Value | null {
  const n = tape.length;
  // Stryker disable next-line ArrayDeclaration: the size is a speed matter (a dense array): an empty array reads undefined where nothing was stored too
  const adj: (Value | undefined)[] = new Array(n).fill(undefined);
  const { parentA, parentB, weightA, weightB, flags } = tape;
  const accumulate = (p: number, ct: Value) => {
    adj[p] = adj[p] === undefined ? ct : add(adj[p]!, ct);
  };
  for (const [i, s] of seeds) accumulate(i, s);
  // Stryker disable next-line ArithmeticOperator,EqualityOperator: slots past the end hold nothing, and slot 0 is always an input (a step's parents are recorded before it)
  for (let i = n - 1; i >= 0; i--) {
    const g = adj[i];
    if (g === undefined || flags[i] & INPUT) continue;
    adj[i] = undefined;
    const step = flags[i] & GENERAL ? tape.generalStep(i) : undefined;
    if (step === undefined) {
      // Stryker disable next-line ConditionalExpression: adj[-1] is a property outside the slots the sweep reads
      if (parentA[i] >= 0) accumulate(parentA[i], mul(g, weightA[i]));
      // Stryker disable next-line ConditionalExpression: as above
      if (parentB[i] >= 0) accumulate(parentB[i], mul(g, weightB[i]));
    } else {
      applyRule(step, g, accumulate);
    }
  }
  return (i) => adj[i] ?? null;
}

/** Runs one step's VJP rule and sends each argument its cotangent, summed back to the argument's shape. */
function applyRule(step: GeneralStep, g: Value, send: (p: number, ct: Value) => void): void {
  const { prim, primals, out, params, saved, parents } = step;
  // Stryker disable next-line ConditionalExpression: needs lets a rule skip work: a cotangent computed anyway is dropped below
  const needs = parents.map((p) => p >= 0);
  const cts = prim.vjp(g, primals, out, params, { saved, needs });
  const leadRank = shapeOf(g).length - shapeOf(out).length;
  // Stryker disable next-line EqualityOperator: cts[parents.length] is undefined, which is skipped
  for (let k = 0; k < parents.length; k++) {
    const ct = cts[k];
    // Stryker disable next-line ConditionalExpression: every rule returns one entry per argument (custom rules are checked for it, entries included), so a cotangent is never undefined
    if (parents[k] >= 0 && ct !== null && ct !== undefined) send(parents[k], unbroadcast(ct, leadRank, shapeOf(primals[k])));
  }
}

/** Zeros shaped like [...lead, ...shape of x] (a number when that shape is empty). */
export function zerosLike(x: Value, lead: readonly number[] = []): Value {
  const shape = [...lead, ...shapeOf(x)];
  return shape.length === 0 ? 0 : zeros(shape);
}
