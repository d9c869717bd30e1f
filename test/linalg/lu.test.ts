import { expect, it } from "vitest";
import { SingularMatrixError } from "../../lib/linalg/errors";
import { det, detFromLU, inv, luFactor, luSolve, slogdet, solve } from "../../lib/linalg/lu";
import { type Mat, identity, mat, matFromRows } from "../../lib/kernels/mat";
import { DomainError, ShapeError } from "../../lib/tensor/errors";
import { describeBothKernels, maxAbsDiff, naiveProduct, randomMat } from "./fixtures";

/** L (unit lower) and U unpacked from the LU array, and the rows of A in pivot order. */
function unpack(a: Mat, panelWidth?: number): { l: Mat; u: Mat; pa: Mat } {
  const f = luFactor(a, panelWidth);
  const n = f.n;
  const l = mat(n, n);
  const u = mat(n, n);
  const pa = mat(n, n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const v = f.lu[i * n + j];
      if (j < i) l.data[i * n + j] = v;
      else u.data[i * n + j] = v;
    }
    l.data[i * n + i] = 1;
    pa.data.set(a.data.subarray(f.perm[i] * n, f.perm[i] * n + n), i * n);
  }
  return { l, u, pa };
}

describeBothKernels("luFactor", () => {
  it.each([1, 2, 7, 50, 100])("reconstructs P A = L U with |L| <= 1 for n = %i", (n) => {
    const a = randomMat(n, n, n);
    const { l, u, pa } = unpack(a);
    expect(maxAbsDiff(naiveProduct(l, u).data, pa.data)).toBeLessThan(1e-12 * n);
    expect(Math.max(...Array.from(l.data).map(Math.abs))).toBeLessThanOrEqual(1);
  });

  it("leaves its input untouched", () => {
    const a = randomMat(5, 5, 1);
    const copy = a.data.slice();
    luFactor(a);
    expect(a.data).toEqual(copy);
  });

  it("rejects non-square and non-finite input with the shape and the entry", () => {
    expect(() => luFactor(randomMat(2, 3, 1))).toThrow(ShapeError);
    expect(() => luFactor(randomMat(2, 3, 1))).toThrow(/square.*2x3/);
    const bad = randomMat(3, 3, 1);
    bad.data[5] = Number.POSITIVE_INFINITY;
    expect(() => luFactor(bad)).toThrow(DomainError);
    expect(() => luFactor(bad)).toThrow(/\(1, 2\) is Infinity/);
  });
});

/** Largest |x_i - y_i| relative to max |y_i|. */
function relativeDiff(x: Float64Array, y: Float64Array): number {
  return maxAbsDiff(x, y) / Math.max(...Array.from(y).map(Math.abs));
}

describeBothKernels("blocked luFactor", () => {
  // panelWidth = n factors the whole matrix as one panel: the unblocked algorithm.
  it.each([
    [63, 32],
    [64, 32],
    [65, 32],
    [130, 32],
    [13, 5],
    [130, 64],
  ])("matches the unblocked factors for n = %i, panel width %i", (n, width) => {
    const a = randomMat(n, n, 100 + n);
    const blocked = luFactor(a, width);
    const unblocked = luFactor(a, n);
    expect(Array.from(blocked.perm)).toEqual(Array.from(unblocked.perm));
    expect(blocked.sign).toBe(unblocked.sign);
    expect(blocked.zeroPivot).toBe(-1);
    expect(relativeDiff(blocked.lu, unblocked.lu)).toBeLessThan(1e-12);
  });

  it("follows a pivot in every other row across panels", () => {
    // Column-diagonally-dominant D needs no pivoting, and its Schur complements stay so; with its
    // rows reversed, step k pivots on D's row k, found at the far end: n/2 swaps, perm reversed.
    const n = 70;
    const d = randomMat(n, n, 7);
    for (let j = 0; j < n; j++) d.data[j * n + j] = (j % 2 === 0 ? 1 : -1) * (2 * n + j);
    const reversed = mat(n, n);
    for (let i = 0; i < n; i++) reversed.data.set(d.data.subarray((n - 1 - i) * n, (n - i) * n), i * n);
    for (const width of [8, 32, n]) {
      const f = luFactor(reversed, width);
      expect(Array.from(f.perm)).toEqual(Array.from({ length: n }, (_, i) => n - 1 - i));
      expect(f.sign).toBe((n / 2) % 2 === 0 ? 1 : -1);
      const { l, u, pa } = unpack(reversed, width);
      expect(maxAbsDiff(naiveProduct(l, u).data, pa.data)).toBeLessThan(1e-10);
    }
  });

  it("records a zero pivot in a later panel and keeps factoring", () => {
    const n = 70;
    const a = randomMat(n, n, 8);
    for (let i = 0; i < n; i++) a.data[i * n + 40] = 0;
    for (const width of [16, 32, n]) {
      const f = luFactor(a, width);
      expect(f.zeroPivot).toBe(40);
      expect(detFromLU(f)).toBe(0);
      const { l, u, pa } = unpack(a, width);
      expect(maxAbsDiff(naiveProduct(l, u).data, pa.data)).toBeLessThan(1e-10);
    }
    expect(() => solve(a, new Float64Array(n))).toThrow(/index 40/);
  });

  it("rejects a panel width that is not a positive integer", () => {
    expect(() => luFactor(randomMat(3, 3, 1), 0)).toThrow(/panelWidth must be a positive integer, got 0/);
    expect(() => luFactor(randomMat(3, 3, 1), 2.5)).toThrow(DomainError);
  });
});

describeBothKernels("solve", () => {
  it("has a small residual for a vector and for many right-hand sides", () => {
    const a = randomMat(40, 40, 2);
    const b = randomMat(40, 3, 3);
    const x = solve(a, b);
    expect(maxAbsDiff(naiveProduct(a, x).data, b.data)).toBeLessThan(1e-10);
    const xv = solve(a, b.data.subarray(0, 40));
    expect(maxAbsDiff(naiveProduct(a, mat(40, 1, xv)).data, b.data.subarray(0, 40))).toBeLessThan(1e-10);
  });

  it("solves A^T x = b from the same factors", () => {
    const a = randomMat(30, 30, 4);
    const b = randomMat(30, 2, 5);
    const f = luFactor(a);
    const x = luSolve(f, b, true);
    expect(maxAbsDiff(naiveProduct(a, x, true).data, b.data)).toBeLessThan(1e-10);
    const xv = luSolve(f, b.data.subarray(0, 30), true);
    expect(maxAbsDiff(naiveProduct(a, mat(30, 1, xv), true).data, b.data.subarray(0, 30))).toBeLessThan(1e-10);
  });

  it("throws for an exactly singular matrix, naming the zero pivot", () => {
    // Row 1 = 2 row 0, and every elimination step is exact in binary, so U[2, 2] is exactly 0.
    const a = matFromRows([
      [1, 2, 3],
      [2, 4, 6],
      [1, 0, 1],
    ]);
    expect(() => solve(a, new Float64Array(3))).toThrow(SingularMatrixError);
    expect(() => solve(a, new Float64Array(3))).toThrow(/solve: matrix is singular.*index 2/);
    expect(() => inv(a)).toThrow(/inv: matrix is singular/);
    expect(luFactor(a).zeroPivot).toBe(2);
  });

  it("names the zero pivot of a zero column", () => {
    const a = matFromRows([
      [1, 0, 2],
      [3, 0, 4],
      [5, 0, 6],
    ]);
    expect(() => solve(a, new Float64Array(3))).toThrow(/index 1/);
  });

  it("rejects mismatched and non-finite right-hand sides", () => {
    expect(() => solve(randomMat(3, 3, 1), new Float64Array(4))).toThrow(/3x3.*length 4/);
    expect(() => solve(randomMat(3, 3, 1), randomMat(2, 2, 1))).toThrow(/3x3.*2x2/);
    expect(() => solve(randomMat(2, 2, 1), new Float64Array([1, NaN]))).toThrow(/right-hand side.*NaN/);
  });
});

describeBothKernels("inv", () => {
  it("gives A^{-1} A = I", () => {
    const a = randomMat(25, 25, 6);
    expect(maxAbsDiff(naiveProduct(inv(a), a).data, identity(25).data)).toBeLessThan(1e-10);
  });
});

describeBothKernels("det and slogdet", () => {
  it("is the product of the diagonal for a triangular matrix", () => {
    const t = matFromRows([
      [2, 5, 7],
      [0, -3, 1],
      [0, 0, 0.5],
    ]);
    expect(det(t)).toBeCloseTo(-3, 14);
  });

  it("is the sign of the permutation for a permutation matrix", () => {
    // Rows (2, 0, 3, 1): the cycle 0->2->3->1->0 of length 4 is odd.
    const p = matFromRows([
      [0, 0, 1, 0],
      [1, 0, 0, 0],
      [0, 0, 0, 1],
      [0, 1, 0, 0],
    ]);
    expect(det(p)).toBe(-1);
    expect(det(identity(4))).toBe(1);
  });

  it("matches the 2x2 formula and is multiplicative", () => {
    expect(
      det(
        matFromRows([
          [1, 2],
          [3, 4],
        ]),
      ),
    ).toBeCloseTo(-2, 14);
    const a = randomMat(6, 6, 7);
    const b = randomMat(6, 6, 8);
    expect(det(naiveProduct(a, b)) / (det(a) * det(b))).toBeCloseTo(1, 10);
  });

  it("is 0 for a singular matrix, and slogdet gives sign 0 and -Infinity", () => {
    const a = matFromRows([
      [1, 2],
      [2, 4],
    ]);
    expect(det(a)).toBe(0);
    expect(slogdet(a)).toEqual({ sign: 0, logabsdet: -Infinity });
  });

  it("keeps log|det| when det itself overflows", () => {
    const n = 40;
    const a = randomMat(n, n, 9);
    for (let i = 0; i < a.data.length; i++) a.data[i] *= 1e10; // det scales by 1e400
    const { sign, logabsdet } = slogdet(a);
    const unscaled = slogdet(randomMat(n, n, 9));
    expect(Math.abs(det(a))).toBe(Infinity);
    expect(sign).toBe(unscaled.sign);
    expect(logabsdet).toBeCloseTo(unscaled.logabsdet + n * Math.log(1e10), 9);
  });

  it("agrees between det and slogdet", () => {
    const a = randomMat(8, 8, 10);
    const { sign, logabsdet } = slogdet(a);
    expect(sign * Math.exp(logabsdet)).toBeCloseTo(detFromLU(luFactor(a)), 10);
  });
});
