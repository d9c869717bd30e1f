/**
 * The rows of a scan: step r reads row r of each scanned input (the slice at index r along its step axis)
 * and writes row r of each stacked output. An entry (o, r, q) of a tensor of shape [...before, n, ...after]
 * sits at (o·n + r)·inner + q, inner the size of `after`: a row is `outer` runs of `inner` entries.
 */
import { Tensor } from "../tensor/tensor";
import type { Concrete, Value } from "../core/value";
import { slice, stack } from "../ops/shape";

const size = (shape: readonly number[]) => shape.reduce((n, d) => n * d, 1);

/** A shape without its axis `axis` (the shape of a row). */
export const rowShape = (shape: readonly number[], axis: number) => [...shape.slice(0, axis), ...shape.slice(axis + 1)];

/** A shape with `n` rows inserted at `axis` (the shape of the stacked rows). */
export const stackedShape = (row: readonly number[], axis: number, n: number) => [
  ...row.slice(0, axis),
  n,
  ...row.slice(axis),
];

/** Row r of x along `axis`: a Tensor, or a number when no axis is left. */
export function readRow(x: Tensor, axis: number, r: number): Concrete {
  const { shape, data } = x;
  const n = shape[axis];
  const inner = size(shape.slice(axis + 1));
  const outer = size(shape.slice(0, axis));
  if (shape.length === 1) return data[r];
  const row = new Float64Array(outer * inner);
  for (let o = 0; o < outer; o++) row.set(data.subarray((o * n + r) * inner, (o * n + r + 1) * inner), o * inner);
  return new Tensor(row, rowShape(shape, axis));
}

/** Writes y into row r along `axis` of `data`, a tensor of shape `shape` being filled. */
export function writeRow(data: Float64Array, shape: readonly number[], axis: number, r: number, y: Concrete): void {
  const n = shape[axis];
  const inner = size(shape.slice(axis + 1));
  const outer = size(shape.slice(0, axis));
  const from = typeof y === "number" ? [y] : y.data;
  for (let o = 0; o < outer; o++) {
    for (let q = 0; q < inner; q++) data[(o * n + r) * inner + q] = from[o * inner + q];
  }
}

/** Row r of a value along `axis` through `bind` (traced values too): the reference of `readRow`. */
export const rowOf = (x: Value, axis: number, r: number): Value =>
  slice(x, [...Array.from({ length: axis }, () => null), r]);

/** Rows stacked along `axis` through `bind`; zeros of the stacked shape when there are none. */
export function stackRows(rows: readonly Value[], axis: number, row: readonly number[]): Value {
  if (rows.length === 0) return new Tensor(new Float64Array(0), stackedShape(row, axis, 0));
  return stack(rows, axis);
}
