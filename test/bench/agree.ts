/**
 * The correctness check of the benchmarks: a contestant's output must equal the reference's, entry
 * by entry, up to a tolerance scaled by the reference's magnitude. A mismatch throws, never warns.
 */
import type { Output } from "./contract";

/**
 * Flattens an output (number, array, or nested list of them) into one list of numbers.
 * @example flatten([1, new Float64Array([2, 3])]); // [1, 2, 3]
 */
export function flatten(output: Output): number[] {
  if (typeof output === "number") return [output];
  const values: number[] = [];
  if (Array.isArray(output) && output.some((item) => typeof item !== "number")) {
    for (const item of output as Output[]) for (const value of flatten(item)) values.push(value);
    return values;
  }
  const array = output as ArrayLike<number>;
  for (let i = 0; i < array.length; i++) values.push(array[i]);
  return values;
}

/**
 * Throws an Error named "Disagreement" unless `candidate` has the reference's length and
 * max |candidate - reference| <= tolerance * max(1, max |reference|), with no NaN anywhere.
 * @example assertAgrees([1, 2], [1, 2 + 1e-13], 1e-12); // passes
 */
export function assertAgrees(reference: Output, candidate: Output, tolerance: number): void {
  const expected = flatten(reference);
  const actual = flatten(candidate);
  const fail = (message: string): never => {
    const error = new Error(message);
    error.name = "Disagreement";
    throw error;
  };
  if (expected.length !== actual.length) fail(`output has ${actual.length} numbers, the reference ${expected.length}`);
  let scale = 1;
  for (const value of expected) scale = Math.max(scale, Math.abs(value));
  let worst = 0;
  let worstIndex = 0;
  for (let i = 0; i < expected.length; i++) {
    const gap = Math.abs(actual[i] - expected[i]);
    if (Number.isNaN(gap)) fail(`output has NaN at entry ${i} (${actual[i]} vs ${expected[i]})`);
    if (gap > worst) {
      worst = gap;
      worstIndex = i;
    }
  }
  if (worst > tolerance * scale) {
    fail(
      `output differs from the reference at entry ${worstIndex}: ${actual[worstIndex]} vs ${expected[worstIndex]} ` +
        `(gap ${worst.toExponential(2)} > ${tolerance} x ${scale.toPrecision(3)})`,
    );
  }
}
