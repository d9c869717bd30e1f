/**
 * Dense products on row-major Float64Arrays: C = op(A) op(B) and y = op(A) x, where op is the
 * identity or the transpose, read in place (no transpose is ever materialised).
 *
 * The matrix product packs op(A) into strips of 4 rows and op(B) into strips of 4 columns per
 * block of K (GotoBLAS layout), so the 4x4 register-blocked micro-kernel reads both operands
 * contiguously whatever the transposes; 16 accumulators stay in locals for a whole K block.
 * Packing also zero-pads ragged edges, so the micro-kernel has no edge cases.
 *
 * The same algorithm runs as a WebAssembly kernel with 128-bit SIMD (wasm/gemm.ts, same sums in the
 * same order, so the same numbers), split over two cores for large products; these loops are its
 * reference, and run when it is switched off or unavailable (lib/kernels/wasm/module.ts).
 */
import { ShapeError } from "../tensor/errors";
import { type Mat, mat, shapeText } from "./mat";
import { matmulWasm } from "./wasm/kernels";

/**
 * K block: a 4-wide strip of each operand (2 x 8 KB) stays in L1 across the micro-kernel loop.
 * wasm/gemm.ts blocks K alike, so both add the same partial sums in the same order.
 */
const KC = 256;
/** M block: the packed A block (64 x 256 doubles = 128 KB) stays in L2 while B strips stream by. */
const MC = 64;
/** Below this many multiply-adds, packing costs more than it saves. */
const SMALL_WORK = 4096;
/**
 * Below this many multiply-adds (a 6 x 6 x 6 product), copying the operands into wasm memory and
 * calling the kernel cost more than its faster loops save.
 */
const WASM_MIN_WORK = 216;

// Packing buffers are reused across calls (the kernels are synchronous, so never shared).
const packedA = new Float64Array(MC * KC);
let packedB = new Float64Array(KC * 64);
const edgeTile = new Float64Array(16);

/**
 * out (m x n) = op(A) op(B), where op(A) is m x k and op(B) is k x n. Without `transA`, `a` holds
 * A as m x k row-major; with it, `a` holds the k x m matrix whose transpose is used (same for b).
 * Pass `subarray`s to work on one matrix of a batch. Returns `out`.
 * @example
 *   // [[1, 2]] x [[3], [4]] = [[11]]
 *   matmulInto(new Float64Array(1), new Float64Array([1, 2]), new Float64Array([3, 4]), 1, 2, 1);
 *   // A^T B with A stored 2 x 3: matmulInto(out, a, b, 3, 2, n, true)
 */
export function matmulInto(
  out: Float64Array,
  a: Float64Array,
  b: Float64Array,
  m: number,
  k: number,
  n: number,
  transA = false,
  transB = false,
): Float64Array {
  checkLength("matmulInto", "a", a, m * k);
  checkLength("matmulInto", "b", b, k * n);
  checkLength("matmulInto", "out", out, m * n);
  // A vector on either side: no packing (it would copy the whole matrix for one pass over it).
  if (n === 1) return matvecInto(out, a, b, transA ? k : m, transA ? m : k, transA);
  if (m === 1) return transB ? matvecInto(out, b, a, n, k, false) : matvecInto(out, b, a, k, n, true);
  if (m * n * k >= WASM_MIN_WORK && matmulWasm(out, a, b, m, k, n, transA, transB)) return out;
  out.fill(0, 0, m * n);
  if (m * n * k <= SMALL_WORK) {
    addProductDirect(out, a, b, m, k, n, transA, transB);
    return out;
  }
  const stripsB = (n + 3) >> 2;
  if (packedB.length < KC * stripsB * 4) packedB = new Float64Array(KC * stripsB * 4);
  for (let pc = 0; pc < k; pc += KC) {
    const kc = Math.min(KC, k - pc);
    packB(b, k, n, pc, kc, transB);
    for (let ic = 0; ic < m; ic += MC) {
      const mc = Math.min(MC, m - ic);
      packA(a, m, k, ic, mc, pc, kc, transA);
      for (let rowStrip = 0; rowStrip * 4 < mc; rowStrip++) {
        const row = ic + rowStrip * 4;
        for (let colStrip = 0; colStrip < stripsB; colStrip++) {
          microKernel(
            out,
            n,
            row,
            colStrip * 4,
            Math.min(4, m - row),
            Math.min(4, n - colStrip * 4),
            rowStrip * kc * 4,
            colStrip * kc * 4,
            kc,
          );
        }
      }
    }
  }
  return out;
}

/**
 * A new matrix op(A) op(B).
 * @example
 *   matmul(matFromRows([[1, 2]]), matFromRows([[1, 2]]), false, true).data; // [5]  (A B^T)
 */
export function matmul(a: Mat, b: Mat, transA = false, transB = false): Mat {
  const [m, k] = transA ? [a.cols, a.rows] : [a.rows, a.cols];
  const [kb, n] = transB ? [b.cols, b.rows] : [b.rows, b.cols];
  if (k !== kb) {
    throw new ShapeError(
      `matmul: inner sizes differ: op(A) is ${m}x${k} (A ${shapeText(a)}${transA ? ", transposed" : ""}), ` +
        `op(B) is ${kb}x${n} (B ${shapeText(b)}${transB ? ", transposed" : ""})`,
    );
  }
  const out = mat(m, n);
  matmulInto(out.data, a.data, b.data, m, k, n, transA, transB);
  return out;
}

/**
 * out = op(A) x for A stored m x n row-major: A x (length m) or, with `transA`, A^T x (length n),
 * which is also the vector-matrix product x^T A. Returns `out`.
 * @example
 *   matvecInto(new Float64Array(2), new Float64Array([1, 2, 3, 4]), new Float64Array([1, 1]), 2, 2); // [3, 7]
 */
export function matvecInto(
  out: Float64Array,
  a: Float64Array,
  x: Float64Array,
  m: number,
  n: number,
  transA = false,
): Float64Array {
  checkLength("matvecInto", "a", a, m * n);
  checkLength("matvecInto", "x", x, transA ? m : n);
  checkLength("matvecInto", "out", out, transA ? n : m);
  if (transA) {
    // A^T x = sum_i x_i A[i, :]: row-wise axpys keep the reads contiguous.
    out.fill(0, 0, n);
    for (let i = 0; i < m; i++) {
      const xi = x[i];
      const row = i * n;
      for (let j = 0; j < n; j++) out[j] += xi * a[row + j];
    }
  } else {
    for (let i = 0; i < m; i++) {
      const row = i * n;
      let sum = 0;
      for (let j = 0; j < n; j++) sum += a[row + j] * x[j];
      out[i] = sum;
    }
  }
  return out;
}

/**
 * A new vector op(A) x.
 * @example
 *   matvec(matFromRows([[1, 2], [3, 4]]), new Float64Array([1, 0]), true); // [1, 2]  (A^T x)
 */
export function matvec(a: Mat, x: Float64Array, transA = false): Float64Array {
  const need = transA ? a.rows : a.cols;
  if (x.length !== need) {
    throw new ShapeError(
      `matvec: ${transA ? "A^T x" : "A x"} with A ${shapeText(a)} needs x of length ${need}, got ${x.length}`,
    );
  }
  return matvecInto(new Float64Array(transA ? a.cols : a.rows), a.data, x, a.rows, a.cols, transA);
}

function checkLength(op: string, name: string, array: Float64Array, need: number): void {
  if (array.length < need) {
    throw new ShapeError(`${op}: ${name} has ${array.length} entries, the sizes need ${need}`);
  }
}

/** out += op(A) op(B) by plain loops: for products too small to repay packing. */
function addProductDirect(
  out: Float64Array,
  a: Float64Array,
  b: Float64Array,
  m: number,
  k: number,
  n: number,
  transA: boolean,
  transB: boolean,
): void {
  for (let i = 0; i < m; i++) {
    for (let p = 0; p < k; p++) {
      const aip = transA ? a[p * m + i] : a[i * k + p];
      for (let j = 0; j < n; j++) out[i * n + j] += aip * (transB ? b[j * k + p] : b[p * n + j]);
    }
  }
}

/** packedA[(strip * kc + p) * 4 + r] = op(A)[ic + 4 strip + r, pc + p], zero past row m. */
function packA(
  a: Float64Array,
  m: number,
  k: number,
  ic: number,
  mc: number,
  pc: number,
  kc: number,
  transA: boolean,
): void {
  const strips = (mc + 3) >> 2;
  for (let strip = 0; strip < strips; strip++) {
    const base = strip * kc * 4;
    for (let r = 0; r < 4; r++) {
      const i = ic + strip * 4 + r;
      if (i >= ic + mc) {
        for (let p = 0; p < kc; p++) packedA[base + p * 4 + r] = 0;
      } else if (transA) {
        for (let p = 0; p < kc; p++) packedA[base + p * 4 + r] = a[(pc + p) * m + i];
      } else {
        const row = i * k + pc;
        for (let p = 0; p < kc; p++) packedA[base + p * 4 + r] = a[row + p];
      }
    }
  }
}

/** packedB[(strip * kc + p) * 4 + c] = op(B)[pc + p, 4 strip + c], zero past column n. */
function packB(b: Float64Array, k: number, n: number, pc: number, kc: number, transB: boolean): void {
  const strips = (n + 3) >> 2;
  for (let strip = 0; strip < strips; strip++) {
    const base = strip * kc * 4;
    for (let c = 0; c < 4; c++) {
      const j = strip * 4 + c;
      if (j >= n) {
        for (let p = 0; p < kc; p++) packedB[base + p * 4 + c] = 0;
      } else if (transB) {
        const row = j * k + pc;
        for (let p = 0; p < kc; p++) packedB[base + p * 4 + c] = b[row + p];
      } else {
        for (let p = 0; p < kc; p++) packedB[base + p * 4 + c] = b[(pc + p) * n + j];
      }
    }
  }
}

/** out[row.., col..] += (4 x kc strip of A)(kc x 4 strip of B), clipped to rows x cols. */
function microKernel(
  out: Float64Array,
  n: number,
  row: number,
  col: number,
  rows: number,
  cols: number,
  aBase: number,
  bBase: number,
  kc: number,
): void {
  const pa = packedA;
  const pb = packedB;
  let c00 = 0,
    c01 = 0,
    c02 = 0,
    c03 = 0;
  let c10 = 0,
    c11 = 0,
    c12 = 0,
    c13 = 0;
  let c20 = 0,
    c21 = 0,
    c22 = 0,
    c23 = 0;
  let c30 = 0,
    c31 = 0,
    c32 = 0,
    c33 = 0;
  for (let p = 0, ia = aBase, ib = bBase; p < kc; p++, ia += 4, ib += 4) {
    const a0 = pa[ia],
      a1 = pa[ia + 1],
      a2 = pa[ia + 2],
      a3 = pa[ia + 3];
    const b0 = pb[ib],
      b1 = pb[ib + 1],
      b2 = pb[ib + 2],
      b3 = pb[ib + 3];
    c00 += a0 * b0;
    c01 += a0 * b1;
    c02 += a0 * b2;
    c03 += a0 * b3;
    c10 += a1 * b0;
    c11 += a1 * b1;
    c12 += a1 * b2;
    c13 += a1 * b3;
    c20 += a2 * b0;
    c21 += a2 * b1;
    c22 += a2 * b2;
    c23 += a2 * b3;
    c30 += a3 * b0;
    c31 += a3 * b1;
    c32 += a3 * b2;
    c33 += a3 * b3;
  }
  if (rows === 4 && cols === 4) {
    let o = row * n + col;
    out[o] += c00;
    out[o + 1] += c01;
    out[o + 2] += c02;
    out[o + 3] += c03;
    o += n;
    out[o] += c10;
    out[o + 1] += c11;
    out[o + 2] += c12;
    out[o + 3] += c13;
    o += n;
    out[o] += c20;
    out[o + 1] += c21;
    out[o + 2] += c22;
    out[o + 3] += c23;
    o += n;
    out[o] += c30;
    out[o + 1] += c31;
    out[o + 2] += c32;
    out[o + 3] += c33;
    return;
  }
  const t = edgeTile;
  t[0] = c00;
  t[1] = c01;
  t[2] = c02;
  t[3] = c03;
  t[4] = c10;
  t[5] = c11;
  t[6] = c12;
  t[7] = c13;
  t[8] = c20;
  t[9] = c21;
  t[10] = c22;
  t[11] = c23;
  t[12] = c30;
  t[13] = c31;
  t[14] = c32;
  t[15] = c33;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) out[(row + r) * n + col + c] += t[r * 4 + c];
  }
}
