/**
 * Triangular solves op(T) X = B on wasm memory, X overwritten in place: lib/linalg/triangular.ts's
 * many-right-hand-side loops with each row operation done two entries at a time (f64x2). Entries
 * see the same operations in the same order as there, so both give the same numbers.
 */

/**
 * X (n x r, row stride ldx) = op(T)^{-1} X, where T is the chosen triangle of the n x n matrix at
 * `t` (row stride ldt), with ones on its diagonal when `unit`. The caller has checked that the
 * diagonal has no zero. Strides in doubles, pointers in bytes.
 */
export function trsm(
  n: i32,
  t: usize,
  ldt: i32,
  x: usize,
  r: i32,
  ldx: i32,
  lower: bool,
  unit: bool,
  transpose: bool,
): void {
  // T^T of a lower T is upper, so it is solved from the bottom up (and vice versa).
  const upward = lower === transpose;
  for (let step = 0; step < n; step++) {
    const i = upward ? n - 1 - step : step;
    const rowI = x + <usize>(i * ldx * 8);
    const from = lower ? 0 : i + 1;
    const to = lower ? i : n;
    if (transpose) {
      // column form: x_i is final; remove T[i, j] x_i from the rows j still open
      if (!unit) divideRow(rowI, entry(t, ldt, i, i), r);
      for (let j = from; j < to; j++) subtractScaledRow(x + <usize>(j * ldx * 8), entry(t, ldt, i, j), rowI, r);
    } else {
      // row form: x_i = (b_i - sum_j T[i, j] x_j) / T[i, i] over the already solved j
      for (let j = from; j < to; j++) subtractScaledRow(rowI, entry(t, ldt, i, j), x + <usize>(j * ldx * 8), r);
      if (!unit) divideRow(rowI, entry(t, ldt, i, i), r);
    }
  }
}

@inline function entry(t: usize, ldt: i32, i: i32, j: i32): f64 {
  return load<f64>(t + <usize>((i * ldt + j) * 8));
}

/** dst[0 .. r) -= alpha src[0 .. r) */
export function subtractScaledRow(dst: usize, alpha: f64, src: usize, r: i32): void {
  if (alpha === 0) return;
  const scale = f64x2.splat(alpha);
  let c = 0;
  for (; c + 2 <= r; c += 2) {
    const at = <usize>(c * 8);
    v128.store(dst + at, f64x2.sub(v128.load(dst + at), f64x2.mul(scale, v128.load(src + at))));
  }
  if (c < r) {
    const at = <usize>(c * 8);
    store<f64>(dst + at, load<f64>(dst + at) - alpha * load<f64>(src + at));
  }
}

/** row[0 .. r) /= divisor (a division, not a reciprocal product: one rounding instead of two) */
export function divideRow(row: usize, divisor: f64, r: i32): void {
  const d = f64x2.splat(divisor);
  let c = 0;
  for (; c + 2 <= r; c += 2) v128.store(row + <usize>(c * 8), f64x2.div(v128.load(row + <usize>(c * 8)), d));
  if (c < r) store<f64>(row + <usize>(c * 8), load<f64>(row + <usize>(c * 8)) / divisor);
}
