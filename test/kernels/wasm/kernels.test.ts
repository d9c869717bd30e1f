// The WebAssembly kernels against the JavaScript reference loops, called directly (no size
// threshold) on odd sizes, non-square shapes, transposed operands, subarrays, singular matrices.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { luFactor } from "../../../lib/linalg/lu";
import { mat } from "../../../lib/kernels/mat";
import { matmulInto } from "../../../lib/kernels/matmul";
import { solveTriangularInPlace } from "../../../lib/linalg/triangular";
import { luFactorWasm, matmulWasm, solveTriangularWasm } from "../../../lib/kernels/wasm/kernels";
import { useWasmKernels, wasmKernels } from "../../../lib/kernels/wasm/module";
import { randomMat } from "../../linalg/fixtures";

/** max |x - reference| / max(1, max |reference|): the agreement asked of both paths. */
function relativeGap(x: Float64Array, reference: Float64Array): number {
  expect(x.length).toBe(reference.length);
  let gap = 0;
  let scale = 1;
  for (let i = 0; i < x.length; i++) {
    gap = Math.max(gap, Math.abs(x[i] - reference[i]));
    scale = Math.max(scale, Math.abs(reference[i]));
  }
  return Number.isNaN(gap) ? Infinity : gap / scale;
}

/** `compute` with the JavaScript kernels only: the reference. */
function reference<T>(compute: () => T): T {
  const before = useWasmKernels(false);
  try {
    return compute();
  } finally {
    useWasmKernels(before);
  }
}

beforeAll(() => {
  expect(wasmKernels(), "kernels.wasm is built (npm run build:wasm)").not.toBeNull();
});

const odd = [1, 2, 3, 7, 33, 65, 130];

describe("matmulWasm", () => {
  const shapes: [number, number, number][] = [
    ...odd.map((n): [number, number, number] => [n, n, n]),
    [1, 7, 3],
    [3, 1, 7],
    [7, 3, 1],
    [2, 33, 65],
    [65, 2, 33],
    [130, 7, 2],
    [5, 300, 9],
    [9, 513, 6],
  ];
  for (const [m, k, n] of shapes) {
    for (const [transA, transB] of [
      [false, false],
      [true, false],
      [false, true],
      [true, true],
    ]) {
      it(`agrees with the JavaScript product for ${m}x${k}x${n}, transA=${transA}, transB=${transB}`, () => {
        const a = randomMat(transA ? k : m, transA ? m : k, m + 3 * k).data;
        const b = randomMat(transB ? n : k, transB ? k : n, n + 5 * k).data;
        const expected = reference(() => matmulInto(new Float64Array(m * n), a, b, m, k, n, transA, transB));
        const out = new Float64Array(m * n).fill(Number.NaN);
        expect(matmulWasm(out, a, b, m, k, n, transA, transB)).toBe(true);
        expect(relativeGap(out, expected)).toBeLessThanOrEqual(1e-12);
      });
    }
  }

  it("reads only the given sizes of longer (batch) arrays", () => {
    const a = randomMat(2 * 9, 5, 1).data;
    const b = randomMat(5, 6, 2).data;
    const out = new Float64Array(9 * 6);
    matmulWasm(out, a.subarray(45), b, 9, 5, 6, false, false);
    const expected = reference(() => matmulInto(new Float64Array(9 * 6), a.subarray(45), b, 9, 5, 6));
    expect(relativeGap(out, expected)).toBeLessThanOrEqual(1e-12);
  });

  it("declines when switched off, so the caller runs its own loops", () => {
    reference(() =>
      expect(matmulWasm(new Float64Array(4), new Float64Array(4), new Float64Array(4), 2, 2, 2, false, false)).toBe(
        false,
      ),
    );
  });
});

describe("luFactorWasm", () => {
  const cases: [string, number, number][] = [
    ...odd.map((n): [string, number, number] => ["random", n, 32]),
    ["random", 33, 5],
    ["random", 65, 64],
    ["ties", 40, 8],
    ["zero column", 37, 8],
    ["rank one", 20, 4],
  ];
  for (const [kind, n, width] of cases) {
    it(`gives the JavaScript factors, pivots and sign for a ${kind} ${n}x${n} matrix, panel width ${width}`, () => {
      const a = randomMat(n, n, n + width);
      // ties: equal |entries| everywhere
      if (kind === "ties") a.data.forEach((v, i) => (a.data[i] = Math.sign(v) * (1 + (i % 3))));
      if (kind === "zero column") for (let i = 0; i < n; i++) a.data[i * n + 11] = 0;
      if (kind === "rank one") a.data.forEach((_, i) => (a.data[i] = (1 + Math.floor(i / n)) * (1 + (i % n))));
      const expected = reference(() => luFactor(a, width));
      const f = luFactorWasm(a.data, n, width);
      if (f === null) throw new Error("luFactorWasm declined");
      expect([f.sign, f.zeroPivot]).toEqual([expected.sign, expected.zeroPivot]);
      expect(Array.from(f.perm)).toEqual(Array.from(expected.perm));
      expect(relativeGap(f.lu, expected.lu)).toBeLessThanOrEqual(1e-12);
      if (kind === "zero column" || kind === "rank one") expect(expected.zeroPivot).toBeGreaterThanOrEqual(0);
    });
  }
});

describe("solveTriangularWasm", () => {
  for (const lower of [true, false]) {
    for (const unitDiagonal of [true, false]) {
      for (const transpose of [false, true]) {
        const options = { lower, unitDiagonal, transpose };
        it(`agrees with the JavaScript solve for ${JSON.stringify(options)} on odd sizes`, () => {
          for (const n of [1, 2, 3, 7, 33, 65]) {
            for (const r of [1, 2, 3, 7]) {
              // the whole square filled: the kernel must read only the named triangle
              const t = randomMat(n, n, n * r).data;
              for (let i = 0; i < n; i++) t[i * n + i] = 4 + Math.abs(t[i * n + i]);
              const b = randomMat(n, r, n + r).data;
              const expected = b.slice();
              reference(() => solveTriangularInPlace(t, n, expected, r, options));
              const x = b.slice();
              expect(solveTriangularWasm(t, n, x, r, options)).toBe(true);
              expect(relativeGap(x, expected), `n=${n} r=${r}`).toBeLessThanOrEqual(1e-12);
            }
          }
        });
      }
    }
  }
});

describe("the wasm kernels through the library's entry points", () => {
  let before = true;
  beforeAll(() => {
    before = useWasmKernels(true);
  });
  afterAll(() => {
    useWasmKernels(before);
  });

  it("luFactor above the size threshold returns the reference factors", () => {
    const a = mat(70, 70, randomMat(70, 70, 9).data);
    const expected = reference(() => luFactor(a));
    const f = luFactor(a);
    expect(relativeGap(f.lu, expected.lu)).toBeLessThanOrEqual(1e-12);
    expect(Array.from(f.perm)).toEqual(Array.from(expected.perm));
  });
});
