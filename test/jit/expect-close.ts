// Comparing what jit and the loops compute with what the uncompiled transforms compute: trees of numbers and
// Tensors, entry by entry.
import { expect } from "vitest";
import * as ad from "../../lib";

/** The numbers of a tree of numbers and Tensors, in order. */
export const numbers = (x: unknown): number[] => {
  if (typeof x === "number") return [x];
  if (ad.isTensor(x)) return Array.from(x.data);
  if (Array.isArray(x)) return x.flatMap(numbers);
  return Object.values(x as object).flatMap(numbers);
};

/** got equals want entry by entry within rtol relative (NaN where want is NaN). */
export function expectClose(got: unknown, want: unknown, rtol = 1e-12): void {
  const [g, w] = [numbers(got), numbers(want)];
  expect(g.length).toBe(w.length);
  g.forEach((v, i) => {
    if (Number.isNaN(w[i])) expect(v).toBeNaN();
    else expect(Math.abs(v - w[i])).toBeLessThanOrEqual(rtol * Math.abs(w[i]) + 1e-300);
  });
}
