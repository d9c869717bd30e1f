/** Shared helpers for the linear-algebra rule tests: seeded inputs and a closeness check. */
import { expect } from "vitest";
import * as ad from "../../../lib";
import type { Value } from "../../../lib";

/** A seeded n x n matrix with eigenvalues pushed away from 0 (well conditioned). */
export function wellConditioned(n: number, seed: number): ad.Tensor {
  return ad.add(ad.rng(seed).randn([n, n]), ad.mul(n, ad.eye(n))) as ad.Tensor;
}

/** The float64 data of a plain value. */
export function values(x: Value): Float64Array {
  return typeof x === "number" ? Float64Array.of(x) : (x as ad.Tensor).data;
}

/** Asserts same length and max |x - y| <= tol * max(1, max|y|). */
export function expectClose(x: Value, y: Value, tol = 1e-10): void {
  const a = values(x);
  const b = values(y);
  expect(a.length).toBe(b.length);
  let worst = 0;
  let scale = 1;
  b.forEach((v, i) => ((worst = Math.max(worst, Math.abs(a[i] - v))), (scale = Math.max(scale, Math.abs(v)))));
  expect(worst).toBeLessThanOrEqual(tol * scale);
}
