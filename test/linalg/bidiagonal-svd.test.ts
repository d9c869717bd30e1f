import { describe, expect, it } from "vitest";
import { mat } from "../../lib/kernels/mat";
import { bidiagonalSvd } from "../../lib/linalg/bidiagonal-svd";
import { identityRows } from "../../lib/linalg/bidiagonal-steps";
import { maxAbsDiff, naiveProduct, orthogonalityError } from "./fixtures";

/** Runs bidiagonalSvd on (d, e) and checks B = U_B diag(S) V_B^T; returns S (unsorted). */
function expectValidBidiagonalSvd(d: number[], e: number[]): Float64Array {
  const n = d.length;
  const b = mat(n, n);
  for (let i = 0; i < n; i++) {
    b.data[i * n + i] = d[i];
    if (i + 1 < n) b.data[i * n + i + 1] = e[i];
  }
  const s = Float64Array.from(d);
  const ut = identityRows(n);
  const vt = identityRows(n);
  bidiagonalSvd(s, Float64Array.from(e), ut, vt);
  const us = mat(
    n,
    n,
    ut.data.map((x, k) => x * s[Math.floor(k / n)]),
  ); // row c of ut scaled by s[c]
  const rebuilt = naiveProduct(us, mat(n, n, vt.data), true, false); // U_B diag(s) V_B^T
  const scale = Math.max(...d.map(Math.abs), ...e.map(Math.abs));
  expect(maxAbsDiff(rebuilt.data, b.data) / scale).toBeLessThan(1e-14 * n);
  expect(orthogonalityError(mat(n, n, ut.data))).toBeLessThan(1e-14);
  expect(orthogonalityError(mat(n, n, vt.data))).toBeLessThan(1e-14);
  expect(Array.from(s).every((x) => x >= 0)).toBe(true);
  return s;
}

describe("bidiagonalSvd", () => {
  it("finds the golden ratio pair of [[1, 1], [0, 1]]", () => {
    const s = Array.from(expectValidBidiagonalSvd([1, 1], [1])).sort((x, y) => y - x);
    expect(s[0]).toBeCloseTo((1 + Math.sqrt(5)) / 2, 15);
    expect(s[1]).toBeCloseTo((Math.sqrt(5) - 1) / 2, 15);
  });

  it.each([
    ["down", 1],
    ["up", -1],
  ])("keeps relative accuracy on a graded bidiagonal (chasing %s)", (_, sign) => {
    // d and e graded over 1e-60; sign -1 reverses the grading, so the chase runs bottom to top.
    const n = 16;
    const grade = (i: number) => 10 ** (-4 * (sign > 0 ? i : n - 1 - i));
    const d = Array.from({ length: n }, (_, i) => grade(i));
    const e = Array.from({ length: n - 1 }, (_, i) => 0.5 * Math.sqrt(grade(i) * grade(i + 1)));
    const s = Array.from(expectValidBidiagonalSvd(d, e)).sort((x, y) => x - y);
    // The product of the singular values is |det B| = product of |d|, to a few eps relatively.
    const logDet = d.reduce((sum, x) => sum + Math.log(x), 0);
    const logProduct = s.reduce((sum, x) => sum + Math.log(x), 0);
    expect(Math.abs(logProduct - logDet)).toBeLessThan(1e-13 * n);
    expect(s[0]).toBeGreaterThan(1e-61);
  });

  it("deflates an exact zero on the diagonal (zero-shift steps) and keeps the zero", () => {
    const s = expectValidBidiagonalSvd([2, 0, 3, 1], [1, 1, 1]);
    expect(Math.min(...s)).toBe(0);
  });

  it("handles n = 1 and a diagonal matrix with negative entries", () => {
    expect(Array.from(expectValidBidiagonalSvd([-3], []))).toEqual([3]);
    expect(Array.from(expectValidBidiagonalSvd([1, -2, 3], [0, 0]))).toEqual([1, 2, 3]);
  });
});
