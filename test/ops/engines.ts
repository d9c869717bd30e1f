/**
 * Which primitives the engines actually differentiate, measured rather than declared: the forward
 * engine (DualTrace) and the reverse engines (TapeTrace, and the fast layer's FastTapeTrace) are wrapped so that,
 * while `recording`
 * runs, each primitive they process is noted with the engine's name when its arguments are traced
 * by another transformation too. That is the case a second-order check needs: the rule's own
 * operations are then differentiated again (forward over forward, reverse over reverse, and mixes).
 */
import { DualTrace } from "../../lib/core/forward";
import { TapeTrace } from "../../lib/core/reverse";
import { FastTapeTrace } from "../../lib/fast/fast-trace";
import type { Primitive } from "../../lib/core/primitive";
import { type Value, Tracer } from "../../lib/core/value";

export type Engine = "forward" | "reverse";
/** Primitive name -> the engines that differentiated it at second order. */
export type Seen = Map<string, Set<Engine>>;

let active: Seen | null = null;

type Process = (this: DualTrace | TapeTrace, prim: Primitive, args: readonly Value[], params: unknown) => Value;

function watch(proto: { process: Process }, engine: Engine): void {
  const process = proto.process;
  proto.process = function (prim, args, params) {
    // an argument that is still traced once this trace's own layer is removed: an outer transformation watches the rule
    const nested = args.some(
      (a) =>
        (a instanceof Tracer && a.trace === this ? (a as unknown as { primal: Value }).primal : a) instanceof Tracer,
    );
    if (active !== null && nested) {
      if (!active.has(prim.name)) active.set(prim.name, new Set());
      active.get(prim.name)!.add(engine);
    }
    return process.call(this, prim, args, params);
  };
}
watch(DualTrace.prototype as { process: Process }, "forward");
watch(TapeTrace.prototype as { process: Process }, "reverse");
watch(FastTapeTrace.prototype as { process: Process }, "reverse"); // its own process: the same note

/** Runs `f` and returns what the engines differentiated at second order meanwhile. */
export function recording(f: () => void): Seen {
  const outer = active;
  const seen: Seen = new Map();
  active = seen;
  try {
    f();
  } finally {
    active = outer;
  }
  return seen;
}
