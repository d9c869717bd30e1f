/**
 * The packed matrix product on wasm memory: C += s op(A) op(B) with s = +1 or -1, where op is the
 * identity or the transpose, every matrix row-major with its own row stride (so a block of a
 * larger matrix, like the LU's trailing block, is used in place).
 *
 * The layout is lib/kernels/matmul.ts's (GotoBLAS): op(B) is packed into strips of 4 columns and
 * op(A) into strips of 4 rows per block of K, zero-padded at ragged edges, and a 4 x 4 micro-kernel
 * keeps its 16 sums in 8 f64x2 registers for a whole K block. Every entry is summed in the same
 * order as the JavaScript kernel (products over a K block in increasing p from 0, then added to C),
 * with a separate multiply and add (baseline SIMD has no fused multiply-add), so both give the
 * same numbers. The sign is applied while packing A; negating is exact, so the sums only change sign.
 */

/**
 * K block: a 4-row strip of packed A (4 x 256 doubles = 8 KB) stays in L1 while a row of
 * micro-kernels passes along C (whose rows are then written contiguously). The JavaScript kernel
 * blocks K alike, so both add the same partial sums in the same order.
 */
const KC = 256;
/** M block: the packed A block (64 x 256 doubles = 128 KB) stays in L2. */
const MC = 64;

/** Bytes of workspace `gemm` needs for an n-column product: packed A block, packed B, one edge tile. */
export function gemmWorkspace(n: i32): i32 {
  return (MC * KC + KC * roundUp4(n) + 16) * 8;
}

/**
 * C (m x n, row stride ldc) += s op(A) op(B), op(A) m x k, op(B) k x n. A is stored m x k with
 * stride lda, or k x m when `transA` (likewise B). `negate` picks s = -1. `work` points at
 * `gemmWorkspace(n)` free bytes. Strides are in doubles, pointers in bytes.
 */
export function gemm(
  m: i32,
  n: i32,
  k: i32,
  a: usize,
  lda: i32,
  transA: bool,
  b: usize,
  ldb: i32,
  transB: bool,
  c: usize,
  ldc: i32,
  negate: bool,
  work: usize,
): void {
  const packedA = work;
  const packedB = packedA + <usize>(MC * KC * 8);
  const tile = packedB + <usize>(KC * roundUp4(n) * 8);
  const sign: f64 = negate ? -1 : 1;
  for (let pc = 0; pc < k; pc += KC) {
    const kc = min(KC, k - pc);
    packB(packedB, b, ldb, transB, pc, kc, n);
    for (let ic = 0; ic < m; ic += MC) {
      const mc = min(MC, m - ic);
      packA(packedA, a, lda, transA, ic, mc, pc, kc, sign);
      for (let i = 0; i < mc; i += 4) {
        const stripA = packedA + <usize>(i * kc * 8);
        for (let j = 0; j < n; j += 4) {
          const out = c + <usize>(((ic + i) * ldc + j) * 8);
          const stripB = packedB + <usize>(j * kc * 8);
          const rows = min(4, mc - i);
          const cols = min(4, n - j);
          if (rows === 4 && cols === 4) microKernel(kc, stripA, stripB, out, ldc);
          else edgeKernel(kc, stripA, stripB, out, ldc, rows, cols, tile);
        }
      }
    }
  }
}

function roundUp4(n: i32): i32 {
  return (n + 3) & ~3;
}

/** packed[(strip * kc + p) * 4 + r] = s op(A)[ic + 4 strip + r, pc + p], zero past row ic + mc. */
function packA(packed: usize, a: usize, lda: i32, transA: bool, ic: i32, mc: i32, pc: i32, kc: i32, sign: f64): void {
  for (let i = 0; i < mc; i += 4) {
    const strip = packed + <usize>(i * kc * 8);
    for (let r = 0; r < 4; r++) {
      let to = strip + <usize>(r * 8);
      if (i + r >= mc) {
        for (let p = 0; p < kc; p++, to += 32) store<f64>(to, 0);
      } else if (transA) {
        // op(A)[row, pc + p] = A[pc + p, row]: down a column of the stored matrix
        let from = a + <usize>((pc * lda + ic + i + r) * 8);
        for (let p = 0; p < kc; p++, to += 32, from += <usize>(lda * 8)) store<f64>(to, sign * load<f64>(from));
      } else {
        let from = a + <usize>(((ic + i + r) * lda + pc) * 8);
        for (let p = 0; p < kc; p++, to += 32, from += 8) store<f64>(to, sign * load<f64>(from));
      }
    }
  }
}

/** packed[(strip * kc + p) * 4 + c] = op(B)[pc + p, 4 strip + c], zero past column n. */
function packB(packed: usize, b: usize, ldb: i32, transB: bool, pc: i32, kc: i32, n: i32): void {
  for (let j = 0; j < n; j += 4) {
    const strip = packed + <usize>(j * kc * 8);
    if (!transB && j + 4 <= n) {
      // four contiguous entries of a row of B per p: two vector copies
      let from = b + <usize>((pc * ldb + j) * 8);
      let to = strip;
      for (let p = 0; p < kc; p++, to += 32, from += <usize>(ldb * 8)) {
        v128.store(to, v128.load(from));
        v128.store(to, v128.load(from, 16), 16);
      }
      continue;
    }
    for (let col = 0; col < 4; col++) {
      let to = strip + <usize>(col * 8);
      if (j + col >= n) {
        for (let p = 0; p < kc; p++, to += 32) store<f64>(to, 0);
      } else if (transB) {
        // op(B)[pc + p, col] = B[col, pc + p]: along a row of the stored matrix
        let from = b + <usize>(((j + col) * ldb + pc) * 8);
        for (let p = 0; p < kc; p++, to += 32, from += 8) store<f64>(to, load<f64>(from));
      } else {
        let from = b + <usize>((pc * ldb + j + col) * 8);
        for (let p = 0; p < kc; p++, to += 32, from += <usize>(ldb * 8)) store<f64>(to, load<f64>(from));
      }
    }
  }
}

/**
 * The 4 x 4 block at `out` += (4 x kc strip of A)(kc x 4 strip of B): row r of the block is two
 * f64x2 sums, each step adds a[r] (splat) times b[0..1] and b[2..3].
 */
function microKernel(kc: i32, pa: usize, pb: usize, out: usize, ldc: i32): void {
  let c00 = f64x2.splat(0),
    c01 = f64x2.splat(0),
    c10 = f64x2.splat(0),
    c11 = f64x2.splat(0);
  let c20 = f64x2.splat(0),
    c21 = f64x2.splat(0),
    c30 = f64x2.splat(0),
    c31 = f64x2.splat(0);
  for (let p = 0; p < kc; p++, pa += 32, pb += 32) {
    const b0 = v128.load(pb);
    const b1 = v128.load(pb, 16);
    let a = v128.load64_splat(pa);
    c00 = f64x2.add(c00, f64x2.mul(a, b0));
    c01 = f64x2.add(c01, f64x2.mul(a, b1));
    a = v128.load64_splat(pa, 8);
    c10 = f64x2.add(c10, f64x2.mul(a, b0));
    c11 = f64x2.add(c11, f64x2.mul(a, b1));
    a = v128.load64_splat(pa, 16);
    c20 = f64x2.add(c20, f64x2.mul(a, b0));
    c21 = f64x2.add(c21, f64x2.mul(a, b1));
    a = v128.load64_splat(pa, 24);
    c30 = f64x2.add(c30, f64x2.mul(a, b0));
    c31 = f64x2.add(c31, f64x2.mul(a, b1));
  }
  const stride = <usize>(ldc * 8);
  v128.store(out, f64x2.add(v128.load(out), c00));
  v128.store(out, f64x2.add(v128.load(out, 16), c01), 16);
  out += stride;
  v128.store(out, f64x2.add(v128.load(out), c10));
  v128.store(out, f64x2.add(v128.load(out, 16), c11), 16);
  out += stride;
  v128.store(out, f64x2.add(v128.load(out), c20));
  v128.store(out, f64x2.add(v128.load(out, 16), c21), 16);
  out += stride;
  v128.store(out, f64x2.add(v128.load(out), c30));
  v128.store(out, f64x2.add(v128.load(out, 16), c31), 16);
}

/** A block clipped to rows x cols: the full 4 x 4 sums go to `tile` first, then only the valid part to C. */
function edgeKernel(kc: i32, pa: usize, pb: usize, out: usize, ldc: i32, rows: i32, cols: i32, tile: usize): void {
  memory.fill(tile, 0, 128);
  microKernel(kc, pa, pb, tile, 4);
  for (let r = 0; r < rows; r++) {
    for (let col = 0; col < cols; col++) {
      const to = out + <usize>((r * ldc + col) * 8);
      store<f64>(to, load<f64>(to) + load<f64>(tile + <usize>((r * 4 + col) * 8)));
    }
  }
}
