import { describe, expect, it } from "vitest";
import { mat } from "../../lib/kernels/mat";
import { bidiagonalize, formVectors } from "../../lib/linalg/bidiagonal";
import { maxAbsDiff, naiveProduct, orthogonalityError, randomMat } from "./fixtures";

/** A's n columns of length m, as bidiagonalize wants them. */
function byColumns(a: ReturnType<typeof randomMat>): Float64Array {
  const out = new Float64Array(a.rows * a.cols);
  for (let i = 0; i < a.rows; i++) for (let j = 0; j < a.cols; j++) out[j * a.rows + i] = a.data[i * a.cols + j];
  return out;
}

describe("bidiagonalize + formVectors", () => {
  it.each([
    [7, 5],
    [40, 40],
    [70, 35],
    [3, 1],
    [2, 2],
  ])("A = Q_L B Q_R^T for a random %ix%i", (m, n) => {
    const a = randomMat(m, n, m * 100 + n);
    const b = bidiagonalize(byColumns(a), m, n);
    // With U_B = V_B = I, formVectors gives the thin Q_L and Q_R themselves.
    const identity = (k: number) => new Float64Array(k * k).map((_, i) => (i % (k + 1) === 0 ? 1 : 0));
    const vb = identity(n);
    const ql = mat(m, n, formVectors(b, identity(n), vb, m, n));
    const qr = mat(n, n, vb);
    const bidiagonal = mat(n, n);
    for (let i = 0; i < n; i++) {
      bidiagonal.data[i * n + i] = b.d[i];
      if (i + 1 < n) bidiagonal.data[i * n + i + 1] = b.e[i];
    }
    const rebuilt = naiveProduct(naiveProduct(ql, bidiagonal), qr, false, true);
    expect(maxAbsDiff(rebuilt.data, a.data)).toBeLessThan(1e-14 * m);
    expect(orthogonalityError(ql)).toBeLessThan(1e-14);
    expect(orthogonalityError(qr)).toBeLessThan(1e-14);
  });
});
