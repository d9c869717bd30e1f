/**
 * Slow, obviously-correct references for the tensor tests: index arithmetic with division,
 * one element at a time, and fast-check generators of broadcast-compatible shapes.
 */
import fc from "fast-check";
import { Tensor } from "../../lib/tensor";

/** Multi-index of a flat row-major position. */
export function unravel(flat: number, shape: readonly number[]): number[] {
  const index = new Array<number>(shape.length);
  for (let d = shape.length - 1; d >= 0; d--) {
    index[d] = flat % shape[d];
    flat = Math.floor(flat / shape[d]);
  }
  return index;
}

/** Flat row-major position of a multi-index. */
export function ravel(index: readonly number[], shape: readonly number[]): number {
  return index.reduce((flat, i, d) => flat * shape[d] + i, 0);
}

/** Element of x read at an index of a larger broadcast shape (NumPy rules). */
export function broadcastGet(x: Tensor, outIndex: readonly number[]): number {
  const lead = outIndex.length - x.rank;
  const own = x.shape.map((d, i) => (d === 1 ? 0 : outIndex[lead + i]));
  return x.data[ravel(own, x.shape)];
}

export function sizeOfShape(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** Sum of elementwise products, for adjointness checks <Ax, g> = <x, A*g>. */
export function dot(a: Tensor, b: Tensor): number {
  let s = 0;
  for (let i = 0; i < a.size; i++) s += a.data[i] * b.data[i];
  return s;
}

/** A shape of rank 0..maxRank with dims 0..maxDim (0 only if allowed). */
export function shapeArb(maxRank = 4, maxDim = 4, minDim = 1): fc.Arbitrary<number[]> {
  return fc.array(fc.integer({ min: minDim, max: maxDim }), { maxLength: maxRank });
}

/** Tensor of the given shape with small integer values, so sums are exact in float64. */
export function intTensor(shape: readonly number[], seed: number): Tensor {
  const data = new Float64Array(sizeOfShape(shape));
  let s = seed * 7919 + 1;
  for (let i = 0; i < data.length; i++) {
    s = (s * 1103515245 + 12345) % 2147483648;
    data[i] = (s % 19) - 9;
  }
  return new Tensor(data, shape);
}

/** A shape that broadcasts to `shape`: some leading axes dropped, some axes set to 1. */
export function broadcastableTo(shape: readonly number[]): fc.Arbitrary<number[]> {
  return fc
    .tuple(
      fc.integer({ min: 0, max: shape.length }),
      fc.array(fc.boolean(), { minLength: shape.length, maxLength: shape.length }),
    )
    .map(([drop, ones]) => shape.slice(drop).map((d, i) => (ones[drop + i] ? 1 : d)));
}

/** A shape, another that broadcasts to it, and a seed for their values. */
export const bigAndSmallArb: fc.Arbitrary<[number[], number[], number]> = shapeArb(4, 3).chain((big) =>
  fc.tuple(fc.constant(big), broadcastableTo(big), fc.integer()),
);

/** Pairs of shapes that broadcast together, with their broadcast shape. */
export const broadcastPairArb: fc.Arbitrary<{ a: number[]; b: number[]; out: number[] }> = shapeArb(4, 4).chain((out) =>
  fc.tuple(broadcastableTo(out), broadcastableTo(out)).map(([a, b]) => ({ a, b, out })),
);

/** Fixed seed so failures reproduce. */
export const FC = { seed: 20261128, numRuns: 200 };
