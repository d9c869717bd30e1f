/**
 * The reference sweep (`backwardPass` in core/reverse.ts) with numbers in a Float64Array.
 *
 * For concrete, unbatched cotangents the adjoint of a plain-number slot is a number: it lives in
 * a Float64Array, and a scalar slot passes g·wa and g·wb to its parents with two multiply-adds
 * and no call. Tensor adjoints and general steps go exactly as in the reference: the same
 * `applyRule`, the same `addAny`.
 */
import type { Tensor } from "../tensor/tensor";
import type { Value } from "../core/value";
import { applyRule } from "../core/reverse";
import { addAny } from "../core/add-any";
import { type SlotTape, NUMBER, GENERAL } from "./slot-tape";

function toNumber(x: Value): number {
  return typeof x === "number" ? x : (x as Tensor).data[0];
}

/** Concrete, unbatched sweep: numbers in a Float64Array, tensors in a sparse array. */
export function sweepPlain(tape: SlotTape, seeds: readonly [number, Value][]): (index: number) => Value | null {
  const n = tape.length;
  const adj = new Float64Array(n);
  const touched = new Uint8Array(n);
  // filled, so that V8 keeps a dense array (a large array with holes becomes a slow dictionary)
  // Stryker disable next-line ConditionalExpression,EqualityOperator,ArrayDeclaration: the array's layout is a speed matter (see above): any of them reads undefined where nothing was stored
  const tensors: (Value | undefined)[] = tape.records.length > 0 ? new Array(n).fill(undefined) : [];
  const { parentA, parentB, weightA, weightB, flags } = tape;
  const send = (p: number, ct: Value) => {
    touched[p] = 1;
    if (flags[p] & NUMBER) adj[p] += toNumber(ct);
    else tensors[p] = tensors[p] === undefined ? ct : addAny(tensors[p]!, ct);
  };
  for (const [i, s] of seeds) send(i, s);
  // Stryker disable next-line ArithmeticOperator,EqualityOperator: slots past the end are never touched, and slot 0 is an input (no parents)
  for (let i = n - 1; i >= 0; i--) {
    if (!touched[i]) continue;
    if ((flags[i] & GENERAL) === 0) {
      const g = adj[i];
      const a = parentA[i];
      const b = parentB[i];
      // Stryker disable next-line ConditionalExpression: a Float64Array drops writes at index -1 (a constant parent)
      if (a >= 0) {
        adj[a] += g * weightA[i];
        touched[a] = 1;
      }
      // Stryker disable next-line ConditionalExpression: as above
      if (b >= 0) {
        adj[b] += g * weightB[i];
        touched[b] = 1;
      }
    } else {
      const g = flags[i] & NUMBER ? adj[i] : tensors[i]!;
      tensors[i] = undefined;
      applyRule(tape.generalStep(i), g, send);
    }
  }
  return (i) => (!touched[i] ? null : flags[i] & NUMBER ? adj[i] : tensors[i]!);
}
