/**
 * The WebAssembly kernels on JavaScript arrays: operands are copied into the module's memory, the
 * kernel runs there, results are copied back (O(n^2) copies around O(n^3) work). Each returns
 * false (or null) when the kernels are switched off or unavailable, or the operands do not fit in
 * memory, and the caller then runs its JavaScript loops. Callers decide from the sizes whether the
 * copies pay; these functions take any size, so tests can compare both paths on small cases.
 */
import type { TriangularOptions } from "../mat";
import { doubles, reserve, wasmKernels } from "./module";
import { gemmOnBothCores, helperReady } from "./threads";

/**
 * out (m x n) = op(A) op(B) as `matmulInto` (lib/kernels/matmul.ts) defines it, in the module;
 * products large enough are split over two cores.
 * @example
 *   if (!matmulWasm(out, a, b, m, k, n, false, false)) matmulInto(out, a, b, m, k, n);
 */
export function matmulWasm(
  out: Float64Array,
  a: Float64Array,
  b: Float64Array,
  m: number,
  k: number,
  n: number,
  transA: boolean,
  transB: boolean,
): boolean {
  const kernels = wasmKernels();
  if (kernels === null) return false;
  const both = helperReady(kernels, m * n * k);
  // Each half of a split product has at most half of C's longer side (rounded up to 4), plus its own workspace.
  const work = both
    ? kernels.exports.gemmWorkspace(m >= n ? n : Math.ceil(n / 8) * 4)
    : kernels.exports.gemmWorkspace(n);
  const at = reserve(kernels, 8 * m * k, 8 * k * n, 8 * m * n, work, both ? work : 0);
  if (at === null) return false;
  const [pa, pb, pc, pw, pw2] = at;
  const memory = doubles(kernels);
  memory.set(a.subarray(0, m * k), pa / 8);
  memory.set(b.subarray(0, k * n), pb / 8);
  memory.fill(0, pc / 8, pc / 8 + m * n);
  const args = [m, n, k, pa, transA ? m : k, +transA, pb, transB ? k : n, +transB, pc, n, 0, pw] as const;
  if (both) gemmOnBothCores(kernels, [...args], pw2);
  else kernels.exports.gemm(...args);
  out.set(memory.subarray(pc / 8, pc / 8 + m * n));
  return true;
}

/**
 * P A = L U of the n x n matrix `a` (not modified) as `luFactor` (lib/linalg/lu.ts) computes it:
 * the packed factors, the row order, det(P) and the first zero pivot (-1 if none), or null.
 * @example
 *   const f = luFactorWasm(a.data, n, 32); // { lu, perm, sign: -1, zeroPivot: -1 }
 */
export function luFactorWasm(
  a: Float64Array,
  n: number,
  panelWidth: number,
): { lu: Float64Array; perm: Int32Array; sign: 1 | -1; zeroPivot: number } | null {
  const kernels = wasmKernels();
  if (kernels === null) return null;
  // perm (n int32) and info (sign, zero pivot) in one region
  const at = reserve(kernels, 8 * n * n, 4 * (n + 2), kernels.exports.luWorkspace(n, panelWidth));
  if (at === null) return null;
  const [pa, pPerm, pw] = at;
  const memory = doubles(kernels);
  memory.set(a.subarray(0, n * n), pa / 8);
  kernels.exports.luFactor(n, pa, pPerm, panelWidth, pPerm + 4 * n, pw);
  const ints = new Int32Array(memory.buffer, pPerm, n + 2);
  return {
    lu: memory.slice(pa / 8, pa / 8 + n * n),
    perm: ints.slice(0, n),
    sign: ints[n] === 1 ? 1 : -1,
    zeroPivot: ints[n + 1],
  };
}

/**
 * x (n x r) = op(T)^{-1} x in place, as `solveTriangularInPlace` (lib/linalg/triangular.ts) does
 * once it has checked the diagonal.
 * @example
 *   if (!solveTriangularWasm(t, n, x, r, { lower: true })) ...; // the JavaScript loops
 */
export function solveTriangularWasm(
  t: Float64Array,
  n: number,
  x: Float64Array,
  r: number,
  options: TriangularOptions,
): boolean {
  const kernels = wasmKernels();
  if (kernels === null) return false;
  const at = reserve(kernels, 8 * n * n, 8 * n * r);
  if (at === null) return false;
  const [pt, px] = at;
  const memory = doubles(kernels);
  memory.set(t.subarray(0, n * n), pt / 8);
  memory.set(x.subarray(0, n * r), px / 8);
  kernels.exports.trsm(
    n,
    pt,
    n,
    px,
    r,
    r,
    +options.lower,
    +(options.unitDiagonal === true),
    +(options.transpose === true),
  );
  x.set(memory.subarray(px / 8, px / 8 + n * r));
  return true;
}
