/**
 * Which of adlab's modes a student's code used. Some exercises are about doing by hand what the
 * library does (dual numbers, a tape, a backward pass): using grad or jvp there would pass the
 * value checks without the work. Every transform starts at least one trace (lib/core/value.ts
 * counts them by kind), so running the code between two readings of the counts tells.
 */
import { transformsStarted } from "../core/value";
import { answerOf, wrong } from "./answers";

/** The transforms `run` started, by kind, and what it returned. */
export function watchTransforms<T>(run: () => T): { value: T; forward: number; reverse: number } {
  const before = transformsStarted();
  const value = run();
  const after = transformsStarted();
  return { value, forward: after.forward - before.forward, reverse: after.reverse - before.reverse };
}

/**
 * Calls the student's code (as answerOf does) and fails when it used adlab's forward or reverse mode.
 * @example const grads = byHand("your backward pass", () => backprop(params, X, Y));
 */
export function byHand<T>(what: string, run: () => T): T {
  const { value, forward, reverse } = watchTransforms(() => answerOf(what, run));
  if (reverse > 0)
    wrong(`${what} used adlab's reverse mode (grad, vjp, ...); this exercise asks you to do that work yourself`);
  if (forward > 0)
    wrong(`${what} used adlab's forward mode (jvp, dual, ...); this exercise asks you to do that work yourself`);
  return value;
}
