// The shape operations' refusals, message by message, and the values at their edges (negative
// indices, full slices, identity permutations): a notebook reader sees exactly these.
import { describe, it, expect } from "vitest";
import * as ad from "../../lib";

const data = (x: ad.Value) => Array.from((x as ad.Tensor).data);
const x23 = () =>
  ad.tensor([
    [1, 2, 3],
    [4, 5, 6],
  ]);

describe("reshape", () => {
  it("refuses shapes of another size, negative or fractional sizes, and two -1", () => {
    const message = (into: string) =>
      new RegExp(`^reshape: cannot reshape \\[2, 3\\] \\(6 elements\\) into \\[${into}\\]$`);
    expect(() => ad.reshape(x23(), [4])).toThrow(message("4"));
    expect(() => ad.reshape(x23(), [-2, -3])).toThrow(message("-2, -3"));
    expect(() => ad.reshape(x23(), [4, -1])).toThrow(message("4, -1")); // 6 / 4 is no size
    expect(() => ad.reshape(x23(), [-1, -1])).toThrow(message("-1, -1"));
    // two -1 that would both be 1 still make no shape: which axis is the inferred one is unsaid
    expect(() => ad.reshape(x23(), [-1, -1, 6])).toThrow(message("-1, -1, 6"));
    expect(() => ad.reshape(x23(), 6 as never)).toThrow(/^reshape: shape must be an array, got number$/);
    expect(ad.reshape(x23(), [3, -1])).toEqual(
      ad.tensor([
        [1, 2],
        [3, 4],
        [5, 6],
      ]),
    );
  });
});

describe("transpose", () => {
  it("refuses what is not a permutation, and names it", () => {
    expect(() => ad.transpose(x23(), [0, 0])).toThrow(
      /^transpose: perm \[0, 0\] is not a permutation of the 2 axes of \[2, 3\]$/,
    );
    expect(() => ad.transpose(x23(), [0])).toThrow(
      /^transpose: perm \[0\] is not a permutation of the 2 axes of \[2, 3\]$/,
    );
    // every axis named, but one twice: too long for a permutation of two axes
    expect(() => ad.transpose(x23(), [0, 1, 0])).toThrow(
      /^transpose: perm \[0, 1, 0\] is not a permutation of the 2 axes of \[2, 3\]$/,
    );
    expect(() => ad.transpose(x23(), [1, 0, -1])).toThrow(
      /^transpose: perm \[1, 0, -1\] is not a permutation of the 2 axes of \[2, 3\]$/,
    );
    expect(() => ad.transpose(x23(), [0, 2])).toThrow(/^transpose: axis 2 is out of range/);
    expect(() => ad.transpose(x23(), 1 as never)).toThrow(/^transpose: perm must be an array, got number$/);
  });
  it("takes negative axes, and gives the value back for the identity", () => {
    const x = x23();
    expect(ad.transpose(x, [0, 1])).toBe(x);
    expect(ad.transpose(x, [-2, -1])).toBe(x);
    expect(data(ad.transpose(x, [-1, 0]))).toEqual([1, 4, 2, 5, 3, 6]);
  });
});

describe("identity permutations, full slices, reshapes to the same shape and sums over no axes", () => {
  // The tape's bytes (lib/core/tape: 25 a step in blocks of 64, plus a general step's output) of
  // grad of f, after a reset: what grad recorded.
  const tapeBytes = (f: (x: ad.Value) => ad.Value) => {
    ad.resetTapeMemory();
    ad.grad(f)(x23());
    return ad.tapeMemory().peak;
  };
  it("record no step under grad: the tape holds what it holds without them", () => {
    const plain = tapeBytes((x) => ad.sum(x));
    expect(tapeBytes((x) => ad.sum(ad.transpose(x, [0, 1])))).toBe(plain);
    expect(tapeBytes((x) => ad.sum(ad.transpose(x, [-2, -1])))).toBe(plain);
    expect(tapeBytes((x) => ad.sum(ad.slice(x, [null, null])))).toBe(plain);
    expect(
      tapeBytes((x) =>
        ad.sum(
          ad.slice(x, [
            [0, 2],
            [-3, 3, 1],
          ]),
        ),
      ),
    ).toBe(plain);
    expect(tapeBytes((x) => ad.sum(ad.reshape(x, [2, -1])))).toBe(plain);
    expect(tapeBytes((x) => ad.sum(ad.sum(x, [])))).toBe(plain);
    // and a real permutation or slice does record one (the measure sees a step)
    expect(tapeBytes((x) => ad.sum(ad.transpose(x)))).toBeGreaterThan(plain);
    expect(tapeBytes((x) => ad.sum(ad.slice(x, [null, [1]])))).toBeGreaterThan(plain);
    expect(tapeBytes((x) => ad.sum(ad.reshape(x, [3, 2])))).toBeGreaterThan(plain);
    expect(tapeBytes((x) => ad.sum(ad.sum(x, [0])))).toBeGreaterThan(plain);
  });
  it("a slice from the first to the last index with a step other than 1 is no full slice", () => {
    expect(data(ad.slice(ad.tensor([1, 2, 3, 4]), [[null, null, 2]]))).toEqual([1, 3]);
    expect(data(ad.slice(ad.tensor([1, 2, 3]), [[0, 3, 2]]))).toEqual([1, 3]);
    expect(
      data(
        ad.slice(x23(), [
          [null, null, 2],
          [null, null, 2],
        ]),
      ),
    ).toEqual([1, 3]);
  });
});

describe("slice, getItem and take", () => {
  it("count negative indices from the end and refuse the rest by name", () => {
    expect(ad.getItem(x23(), -1, -3)).toBe(4);
    expect(() => ad.getItem(x23(), 2)).toThrow(/^getItem: index 2 is out of bounds for axis 0 of size 2$/);
    expect(() => ad.getItem(x23(), -3)).toThrow(/^getItem: index -3 is out of bounds for axis 0 of size 2$/);
    expect(() => ad.getItem(x23(), 0, 1.5)).toThrow(/^getItem: index 2 must be an integer, got 1\.5$/);
    expect(() => ad.slice(x23(), [0.5])).toThrow(/^slice: index 0\.5 is out of bounds for axis 0 of size 2$/);
    expect(() => ad.slice(x23(), 0 as never)).toThrow(/^slice: the index must be an array, got number$/);
    expect(() => ad.slice(x23(), [null, [0, 1, 1, 1]] as never)).toThrow(
      /^slice: entry 1 of the index must be an integer, null or \[start, stop, step\] of integers, got an array/,
    );
    expect(() => ad.slice(x23(), [null, [0.5]] as never)).toThrow(/^slice: entry 1 of the index must be/);
    expect(() => ad.slice(x23(), [null, "a"] as never)).toThrow(
      /^slice: entry 1 of the index must be .*, got string "a"$/,
    );
    expect(data(ad.slice(x23(), [null, [undefined, undefined, 2]] as never))).toEqual([1, 3, 4, 6]);
    expect(data(ad.slice(x23(), [null, [1]]))).toEqual([2, 3, 5, 6]);
    expect(
      data(
        ad.slice(x23(), [
          [0, 2],
          [0, 3, 1],
        ]),
      ),
    ).toEqual([1, 2, 3, 4, 5, 6]);
    expect(data(ad.take(x23(), [-1, 0], 1))).toEqual([3, 1, 6, 4]);
    expect(() => ad.take(x23(), [3], 1)).toThrow(/^take: index 3 is out of bounds for axis 1 of size 3$/);
    expect(() => ad.take(x23(), [0, -4], 1)).toThrow(/^take: index -4 is out of bounds for axis 1 of size 3$/);
    expect(() => ad.take(x23(), [0, 0.5])).toThrow(/^take: index 2 must be an integer, got 0\.5$/);
    expect(() => ad.take(x23(), 0 as never)).toThrow(/^take: indices must be an array, got number$/);
  });
});

describe("concat and stack", () => {
  it("refuse numbers along an axis and what is not an array; one value is returned as it is", () => {
    expect(() => ad.concat([1, 2])).toThrow(/^concat: cannot join numbers along an axis; use stack$/);
    expect(() => ad.concat(1 as never)).toThrow(/^concat: xs must be an array, got number$/);
    expect(() => ad.stack(1 as never)).toThrow(/^stack: xs must be an array, got number$/);
    const x = x23();
    expect(ad.concat([x], 1)).toBe(x);
    expect(ad.unstack(x, 1).map(data)).toEqual([
      [1, 4],
      [2, 5],
      [3, 6],
    ]);
  });
});

describe("reductions' options", () => {
  it("name keepdims and refuse an empty axis for max", () => {
    expect(() => ad.sum(x23(), 0, 1 as never)).toThrow(/^sum: keepdims must be true or false, got number$/);
    expect(() => ad.mean(x23(), 0, 1 as never)).toThrow(/^mean: keepdims must be true or false, got number$/);
    expect(() => ad.logsumexp(x23(), 0, 1 as never)).toThrow(/^logsumexp: keepdims must be true or false, got number$/);
    expect(() => ad.max(ad.zeros([2, 0]), 1)).toThrow(/^max: cannot reduce an empty axis/);
    expect(() => ad.max(ad.zeros([0, 2]))).toThrow(/^max: cannot reduce an empty axis/);
    expect(ad.mean(x23())).toBe(3.5);
    expect((ad.mean(x23(), 1) as ad.Tensor).shape).toEqual([2]);
    // along the last axis by default: rows [1, 3] / 4 and [1, 1] / 2
    const expected = [Math.log(1 / 4), Math.log(3 / 4), Math.log(1 / 2), Math.log(1 / 2)];
    data(
      ad.logSoftmax(
        ad.tensor([
          [0, Math.log(3)],
          [0, 0],
        ]),
      ),
    ).forEach((v, i) => expect(v).toBeCloseTo(expected[i], 14));
  });
});

describe("matmul, logsumexp, logSoftmax and the NaN check on plain numbers", () => {
  it("matmul names both shapes, and the batch axes that do not broadcast", () => {
    expect(() => ad.matmul(ad.zeros([2, 3]), ad.zeros([2, 3]))).toThrow(
      /^matmul: inner dimensions differ: \[2, 3\] @ \[2, 3\]$/,
    );
    expect(() => ad.matmul(ad.zeros([2, 2, 2]), ad.zeros([3, 2, 2]))).toThrow(
      /^matmul: shapes \[2\] and \[3\] cannot be broadcast/,
    );
  });
  it("the matmul primitive marks an operand it reads transposed with ᵀ in that message", () => {
    // only the rules bind it with ta or tb, and with shapes that fit; the registry reaches it directly
    const matmulP = ad.primitives().get("matmul")!;
    const product = (ta: boolean, tb: boolean) => () =>
      matmulP.impl([ad.zeros([2, 3]), ad.zeros([3, 2])], { ta, tb }, {});
    expect(product(true, false)).toThrow(/^matmul: inner dimensions differ: \[2, 3\]ᵀ @ \[3, 2\]$/);
    expect(product(false, true)).toThrow(/^matmul: inner dimensions differ: \[2, 3\] @ \[3, 2\]ᵀ$/);
    expect((product(true, true)() as ad.Tensor).shape).toEqual([3, 3]);
  });
  it("logsumexp over an empty set is -Infinity, even when only one of the axes is empty", () => {
    expect(ad.logsumexp(ad.zeros([0, 3]))).toBe(-Infinity);
  });
  it("logSoftmax works along the last axis by default, whatever the rank", () => {
    const x = ad.reshape(ad.tensor([0, Math.log(3), 0, 0]), [2, 1, 2]);
    const expected = [Math.log(1 / 4), Math.log(3 / 4), Math.log(1 / 2), Math.log(1 / 2)];
    data(ad.logSoftmax(x)).forEach((v, i) => expect(v).toBeCloseTo(expected[i], 14));
  });
  it("take accepts every index from -size to size - 1", () => {
    expect(data(ad.take(ad.tensor([1, 2, 3]), [-3, 2]))).toEqual([1, 3]);
  });
  it("the NaN check sees plain numbers too", () => {
    expect(() => ad.withDebugNans(() => ad.sqrt(-1))).toThrow(
      /^sqrt produced NaN from inputs without NaN \(input shapes: \[\]\)/,
    );
    expect(() => ad.withDebugNans(() => ad.sub(Infinity, Infinity))).toThrow(
      /^sub produced NaN from inputs without NaN \(input shapes: \[\], \[\]\)/,
    );
  });
});
