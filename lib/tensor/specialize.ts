/**
 * Per-callback copies of the hot elementwise loops.
 *
 * Why: V8 optimizes a loop for the callbacks it has seen. Once a loop like zip's has called more
 * than four different callbacks (add, mul, div, max, ...), the calls stop being inlined and the
 * loop runs several times slower than a hand-written one. A copy of the loop built with `new Function`
 * has its own type feedback, so giving each callback (keyed by its source text) its own copy keeps
 * every copy monomorphic, as fast as a hand-written loop.
 *
 * Rules for a loop given to `specialized`: it must be self-contained (use only its parameters and
 * globals, no module-level names and no nested functions), because the copy is rebuilt from its
 * source text. Small tensors skip this: the cost of a call is not worth a lookup.
 */

/** Tensors with fewer elements use the shared loop. */
export const SPECIALIZE_FROM = 2048;
/** Bound on copies per loop, so a long session creating many distinct callbacks cannot grow without limit. */
const MAX_COPIES = 256;

/** Any function: a loop and its copies. */
type AnyFunction = (...args: any[]) => any;

const copies = new Map<AnyFunction, Map<string, AnyFunction>>();

/**
 * The copy of `loop` reserved for callbacks whose source text is `key` (made on first use).
 * @example specialized(zipLoop, f.toString())(out, a, b, f, "same", null)
 */
export function specialized<L extends AnyFunction>(loop: L, key: string): L {
  let byKey = copies.get(loop);
  if (byKey === undefined) {
    byKey = new Map();
    copies.set(loop, byKey);
  }
  let copy = byKey.get(key);
  if (copy === undefined) {
    if (byKey.size >= MAX_COPIES) return loop;
    // The numbered comment makes each source unique: V8 caches compiled sources, and two copies
    // from identical text would share one SharedFunctionInfo, hence the same feedback.
    copy = new Function(`return (${loop.toString()}); // copy ${byKey.size + 1}`)() as AnyFunction;
    byKey.set(key, copy);
  }
  return copy as L;
}
