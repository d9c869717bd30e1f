/**
 * Strided iteration shared by broadcasting, reductions, transpose and slicing.
 *
 * A StridedWalk visits an N-d index space row by row, keeping for each operand the flat offset
 * where the current innermost run starts. Callers write the innermost loop themselves
 * (`for j < inner: ... offsets[k] + j * innerStrides[k]`), so the per-element work is a tight loop
 * with no division or modulo; the odometer only runs once per row.
 */

export class StridedWalk {
  /** Length of each innermost run. */
  readonly inner: number;
  /** Number of runs (rows) to visit: inner * rows = number of index points. */
  readonly rows: number;
  /** Stride of each operand along the innermost run. */
  readonly innerStrides: number[];
  /** Flat offset of each operand at the start of the current run; updated by next(). */
  readonly offsets: number[];
  private readonly outerDims: number[];
  private readonly outerStrides: number[][];
  private readonly counters: number[];

  /**
   * `strides[k]` are operand k's strides over `shape` (0 repeats an operand along an axis);
   * `base[k]` is its starting offset (default 0). Axes of length 1 are dropped and axes that
   * every operand walks contiguously are merged, so inner runs are as long as possible.
   * @example
   *   const w = new StridedWalk([2, 3], [[3, 1], [0, 1]]); // x[2,3] with a broadcast row
   *   for (let r = 0; r < w.rows; r++, w.next()) { const [ix, iy] = w.offsets; ... }
   */
  constructor(shape: readonly number[], strides: readonly (readonly number[])[], base?: readonly number[]) {
    const ops = strides.length;
    const dims: number[] = [];
    const merged: number[][] = [];
    for (let k = 0; k < ops; k++) merged.push([]);
    let size = 1;
    for (let d = 0; d < shape.length; d++) {
      size *= shape[d];
      if (shape[d] === 1) continue;
      const last = dims.length - 1;
      // Axis d continues axis `last` when stepping `last` once equals stepping d through its whole length.
      let continues = last >= 0;
      for (let k = 0; k < ops && continues; k++) continues = merged[k][last] === strides[k][d] * shape[d];
      if (continues) dims[last] *= shape[d];
      else dims.push(shape[d]);
      for (let k = 0; k < ops; k++) {
        if (continues) merged[k][last] = strides[k][d];
        else merged[k].push(strides[k][d]);
      }
    }
    const innerAxis = dims.length - 1;
    this.inner = innerAxis >= 0 ? dims[innerAxis] : 1;
    this.rows = size === 0 ? 0 : size / this.inner;
    this.outerDims = dims.slice(0, Math.max(innerAxis, 0));
    this.counters = new Array<number>(this.outerDims.length).fill(0);
    this.innerStrides = [];
    this.outerStrides = [];
    this.offsets = [];
    for (let k = 0; k < ops; k++) {
      this.innerStrides.push(innerAxis >= 0 ? merged[k][innerAxis] : 0);
      this.outerStrides.push(merged[k].slice(0, Math.max(innerAxis, 0)));
      this.offsets.push(base ? base[k] : 0);
    }
  }

  /** Moves every operand's offset to the start of the next run (odometer over the outer axes). */
  next(): void {
    const { outerDims, outerStrides, counters, offsets } = this;
    for (let d = outerDims.length - 1; d >= 0; d--) {
      for (let k = 0; k < offsets.length; k++) offsets[k] += outerStrides[k][d];
      if (++counters[d] < outerDims[d]) return;
      counters[d] = 0;
      for (let k = 0; k < offsets.length; k++) offsets[k] -= outerStrides[k][d] * outerDims[d];
    }
  }
}
