/**
 * The reverse-mode trace of the fast layer: the reference TapeTrace (core/reverse.ts) recording
 * into a slot tape, keeping what a primitive's forward computation saved for its VJP rule (the LU
 * factors of solve and det, so the backward pass does not factor again), and sweeping with numbers
 * in a Float64Array when it can.
 */
import type { Tensor } from "../tensor/tensor";
import { type Value, isConcrete } from "../core/value";
import { type Primitive, type Saved, bind, evaluate } from "../core/primitive";
import { TapeTrace, TapeVar, backwardPass } from "../core/reverse";
import { SlotTape } from "./slot-tape";
import { sweepPlain } from "./plain-sweep";

export class FastTapeTrace extends TapeTrace {
  declare readonly tape: SlotTape;
  /** Set when a step's inputs are watched by an outer transformation: cotangents may then be tracers too. */
  // Stryker disable next-line BooleanLiteral: true only gives up the plain sweep: the reference sweep gives the same numbers
  private watchedOutside = false;

  constructor() {
    super(new SlotTape());
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
    // Stryker disable next-line ConditionalExpression: a shortcut: recorded, the step's VJP answers null for every argument
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

  /** Records a scalar step (lib/fast/scalar-ops.ts) as a slot and returns its variable. */
  scalarStep(
    ia: number,
    wa: number,
    ib: number,
    wb: number,
    _prim: Primitive,
    _a: Value,
    _b: Value | undefined,
    out: number,
  ): TapeVar {
    // no observer call: observers watch reference traces only (traceScalar's)
    return new TapeVar(this, this.tape.scalar(ia, wa, ib, wb), out);
  }

  backward(seeds: readonly [number, Value][], lead: readonly number[]): (index: number) => Value | null {
    // Stryker disable next-line ConditionalExpression,ArrowFunction: answering false only gives up the plain sweep (the reference sweep gives the same numbers)
    const plain = !this.watchedOutside && lead.length === 0 && seeds.every(([, s]) => isConcrete(s));
    return plain ? sweepPlain(this.tape, seeds) : backwardPass(this.tape, seeds);
  }
}
