/**
 * Blocked LU with partial pivoting on wasm memory, P A = L U in place: lib/linalg/lu.ts's algorithm
 * (LAPACK's getrf layout) step for step. A panel of columns is factored unblocked on a
 * column-major copy, so the pivot search and the eliminations run down contiguous memory; then
 * U12 = L11^{-1} A12 by the triangular solve and A22 -= L21 U12 by the packed product, both in
 * place in A. Same operations in the same order as the JavaScript reference, so the same pivots.
 */
import { gemm, gemmWorkspace } from "./gemm";
import { divideRow, subtractScaledRow, trsm } from "./triangular";

/**
 * Factors the n x n row-major matrix at `a` in place: L strictly below the diagonal (unit
 * diagonal implied), U on and above it. Writes the row order to `perm` (n i32s) and, at `info`,
 * det(P) (+1 or -1) and the first k with U[k, k] = 0 (or -1). `work` points at
 * `luWorkspace(n, panelWidth)` free bytes.
 */
export function luFactor(n: i32, a: usize, perm: usize, panelWidth: i32, info: usize, work: usize): void {
  for (let i = 0; i < n; i++) store<i32>(perm + <usize>(i * 4), i);
  store<i32>(info, 1);
  store<i32>(info, -1, 4);
  const columns = work;
  const gemmWork = work + <usize>(n * min(n, panelWidth) * 8);
  for (let k0 = 0; k0 < n; k0 += panelWidth) {
    const k1 = min(n, k0 + panelWidth);
    factorPanel(n, a, perm, info, k0, k1, columns);
    if (k1 < n) updateTrailing(n, a, k0, k1, gemmWork);
  }
}

/** Unblocked right-looking LU of columns [k0, k1) on a column-major copy of rows [k0, n). */
function factorPanel(n: i32, a: usize, perm: usize, info: usize, k0: i32, k1: i32, columns: usize): void {
  const height = n - k0;
  // columnAt(j) + i * 8 addresses the copy of A[i, j] for i >= k0
  for (let j = k0; j < k1; j++) {
    const column = columnAt(columns, height, k0, j);
    for (let i = k0; i < n; i++) store<f64>(column + <usize>(i * 8), load<f64>(a + <usize>((i * n + j) * 8)));
  }
  for (let k = k0; k < k1; k++) {
    const colK = columnAt(columns, height, k0, k);
    const p = argMaxAbs(colK, k, n);
    const pivot = load<f64>(colK + <usize>(p * 8));
    if (pivot === 0) {
      // The whole column below is zero: nothing to eliminate, U[k, k] = 0.
      if (load<i32>(info, 4) < 0) store<i32>(info, k, 4);
      continue;
    }
    if (p !== k) {
      swap(a + <usize>(p * n * 8), a + <usize>(k * n * 8), n);
      for (let j = k0; j < k1; j++) {
        const col = columnAt(columns, height, k0, j);
        const t = load<f64>(col + <usize>(p * 8));
        store<f64>(col + <usize>(p * 8), load<f64>(col + <usize>(k * 8)));
        store<f64>(col + <usize>(k * 8), t);
      }
      const t = load<i32>(perm + <usize>(p * 4));
      store<i32>(perm + <usize>(p * 4), load<i32>(perm + <usize>(k * 4)));
      store<i32>(perm + <usize>(k * 4), t);
      store<i32>(info, -load<i32>(info));
    }
    const below = colK + <usize>((k + 1) * 8);
    divideRow(below, pivot, n - k - 1);
    // Right-looking update inside the panel: column_j -= u_kj l_k below row k.
    for (let j = k + 1; j < k1; j++) {
      const colJ = columnAt(columns, height, k0, j);
      subtractScaledRow(colJ + <usize>((k + 1) * 8), load<f64>(colJ + <usize>(k * 8)), below, n - k - 1);
    }
  }
  for (let j = k0; j < k1; j++) {
    const column = columnAt(columns, height, k0, j);
    for (let i = k0; i < n; i++) store<f64>(a + <usize>((i * n + j) * 8), load<f64>(column + <usize>(i * 8)));
  }
}

/** After panel [k0, k1): U12 = L11^{-1} A12, then A22 -= L21 U12 (the O(n^3) part). */
function updateTrailing(n: i32, a: usize, k0: i32, k1: i32, work: usize): void {
  const width = k1 - k0;
  const rest = n - k1;
  const l11 = a + <usize>((k0 * n + k0) * 8);
  const u12 = a + <usize>((k0 * n + k1) * 8);
  trsm(width, l11, n, u12, rest, n, true, true, false);
  const l21 = a + <usize>((k1 * n + k0) * 8);
  const a22 = a + <usize>((k1 * n + k1) * 8);
  gemm(rest, rest, width, l21, n, false, u12, n, false, a22, n, true, work);
}

@inline function columnAt(columns: usize, height: i32, k0: i32, j: i32): usize {
  return columns + <usize>(((j - k0) * height - k0) * 8);
}

/** Index in [from, to) of the largest |x_i|, the first one on ties. */
function argMaxAbs(x: usize, from: i32, to: i32): i32 {
  let best = from;
  let bestAbs = abs(load<f64>(x + <usize>(from * 8)));
  for (let i = from + 1; i < to; i++) {
    const v = abs(load<f64>(x + <usize>(i * 8)));
    if (v > bestAbs) {
      best = i;
      bestAbs = v;
    }
  }
  return best;
}

/** Swaps count doubles at p and q. */
function swap(p: usize, q: usize, count: i32): void {
  let c = 0;
  for (; c + 2 <= count; c += 2) {
    const at = <usize>(c * 8);
    const t = v128.load(p + at);
    v128.store(p + at, v128.load(q + at));
    v128.store(q + at, t);
  }
  if (c < count) {
    const at = <usize>(c * 8);
    const t = load<f64>(p + at);
    store<f64>(p + at, load<f64>(q + at));
    store<f64>(q + at, t);
  }
}

/** Bytes of workspace `luFactor` needs: the panel's column-major copy and the product's workspace. */
export function luWorkspace(n: i32, panelWidth: i32): i32 {
  return n * min(n, panelWidth) * 8 + gemmWorkspace(n);
}
