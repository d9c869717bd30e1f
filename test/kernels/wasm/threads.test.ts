// The split of a product over two cores: the halves' arithmetic (on one thread), then the helper
// thread computing its half for real.
import { describe, expect, it } from "vitest";
import { matmulInto } from "../../../lib/kernels/matmul";
import { matmulWasm } from "../../../lib/kernels/wasm/kernels";
import { doubles, reserve, useWasmKernels, wasmKernels, type Kernels } from "../../../lib/kernels/wasm/module";
import {
  PARALLEL_MIN_WORK,
  gemmOnBothCores,
  helperReady,
  helperStarted,
  splitGemm,
  type GemmArgs,
} from "../../../lib/kernels/wasm/threads";
import { maxAbsDiff, randomMat } from "../../linalg/fixtures";

function kernels(): Kernels {
  const k = wasmKernels();
  if (k === null) throw new Error("kernels.wasm is not built (npm run build:wasm)");
  return k;
}

/** op(A) op(B) by the JavaScript kernel. */
function reference(
  a: Float64Array,
  b: Float64Array,
  m: number,
  k: number,
  n: number,
  transA: boolean,
  transB: boolean,
): Float64Array {
  const before = useWasmKernels(false);
  try {
    return matmulInto(new Float64Array(m * n), a, b, m, k, n, transA, transB);
  } finally {
    useWasmKernels(before);
  }
}

/** Operands copied into wasm memory and the arguments of one whole gemm on them (C zeroed). */
function setUp(m: number, k: number, n: number, transA: boolean, transB: boolean) {
  const kern = kernels();
  const a = randomMat(transA ? k : m, transA ? m : k, m + k).data;
  const b = randomMat(transB ? n : k, transB ? k : n, n + 2 * k).data;
  const work = kern.exports.gemmWorkspace(n);
  const [pa, pb, pc, pw, pw2] = reserve(kern, 8 * m * k, 8 * k * n, 8 * m * n, work, work) as number[];
  const memory = doubles(kern);
  memory.set(a, pa / 8);
  memory.set(b, pb / 8);
  memory.fill(0, pc / 8, pc / 8 + m * n);
  const args: GemmArgs = [m, n, k, pa, transA ? m : k, +transA, pb, transB ? k : n, +transB, pc, n, 0, pw];
  const result = () => doubles(kern).slice(pc / 8, pc / 8 + m * n);
  return { kern, args, helperWork: pw2, result, expected: reference(a, b, m, k, n, transA, transB) };
}

const shapes: [number, number, number][] = [
  [9, 5, 3],
  [3, 5, 9],
  [3, 7, 2],
  [2, 7, 3],
  [13, 7, 13],
  [37, 11, 22],
  [6, 300, 41],
];
const transposes: [boolean, boolean][] = [
  [false, false],
  [true, false],
  [false, true],
  [true, true],
];

describe("splitGemm", () => {
  for (const [m, k, n] of shapes) {
    for (const [transA, transB] of transposes) {
      it(`its two halves, one after the other, make the whole ${m}x${k}x${n} product (transA=${transA}, transB=${transB})`, () => {
        const { kern, args, helperWork, result, expected } = setUp(m, k, n, transA, transB);
        const halves = splitGemm(args, helperWork);
        // the cut falls on a tile boundary, along C's longer side
        const [cut, whole] = m >= n ? [halves[0][0], m] : [halves[0][1], n];
        expect(cut === whole || cut % 4 === 0).toBe(true);
        expect(cut).toBeGreaterThanOrEqual(whole / 2);
        expect(cut).toBeLessThanOrEqual(whole);
        for (const half of halves) kern.exports.gemm(...half);
        expect(maxAbsDiff(result(), expected)).toBeLessThanOrEqual(1e-12);
      });
    }
  }
});

describe("the helper thread", () => {
  it("computes its half of C while the main thread computes the other", async (context) => {
    if (!(await helperStarted(kernels()))) context.skip(); // one core, or ADLAB_THREADS=1
    for (const [transA, transB] of transposes) {
      const { kern, args, helperWork, result, expected } = setUp(70, 33, 45, transA, transB);
      gemmOnBothCores(kern, args, helperWork);
      expect(maxAbsDiff(result(), expected)).toBeLessThanOrEqual(1e-12);
    }
    // still in service: it reported no failure
    expect(helperReady(kernels(), PARALLEL_MIN_WORK)).toBe(true);
  });

  it("takes half of a product large enough to share, through matmulWasm", async (context) => {
    if (!(await helperStarted(kernels()))) context.skip();
    const side = Math.ceil(Math.cbrt(PARALLEL_MIN_WORK)) + 3;
    const a = randomMat(side, side, 1).data;
    const b = randomMat(side, side, 2).data;
    expect(helperReady(kernels(), side ** 3)).toBe(true);
    const out = new Float64Array(side * side);
    expect(matmulWasm(out, a, b, side, side, side, false, true)).toBe(true);
    expect(maxAbsDiff(out, reference(a, b, side, side, side, false, true))).toBeLessThanOrEqual(1e-12);
  });
});
