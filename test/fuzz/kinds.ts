/**
 * The kinds of argument adlab's public functions take, each with values that must work
 * (`valid`), values that must be refused with an error (`bad`), and values outside the usual
 * that may either work or be refused (`odd`: NaN and infinities give IEEE results, a tensor of
 * another shape may broadcast).
 */
import fc from "fast-check";
import * as ad from "../../lib";
import type { Value } from "../../lib";

export interface Kind {
  readonly valid: fc.Arbitrary<unknown>;
  readonly bad: readonly unknown[];
  readonly odd?: readonly unknown[];
}

/** Junk that no argument of adlab takes. */
export const JUNK: readonly unknown[] = [
  null,
  undefined,
  "1",
  "abc",
  true,
  {},
  Symbol("s"),
  1n,
  () => 1,
  Promise.resolve(1),
  new Date(0),
];
const NON_FINITE = [NaN, Infinity, -Infinity];
const RAGGED = [
  [1, 2],
  [[1], [1, 2]],
  [1, "2"],
  [[1, 2], [3]],
];

const small = fc.constantFrom(-1.5, -0.3, 0.7, 2);
const vector = fc.constantFrom(ad.tensor([0.5, -1, 2]), ad.tensor([1.5, 0.25, -0.75]));
const value = fc.oneof(
  small,
  vector,
  fc.constant(
    ad.tensor([
      [1, 2, 3],
      [0.5, -2, 1],
    ]),
  ),
);

/** Leaves summed after sin: works on any tree of values. */
export function sinSum(tree: unknown): Value {
  const leaves: Value[] = [];
  const walk = (t: unknown): void => {
    if (Array.isArray(t)) t.forEach(walk);
    else if (
      t !== null &&
      typeof t === "object" &&
      !(t instanceof ad.Tensor) &&
      Object.getPrototypeOf(t) === Object.prototype
    )
      Object.values(t).forEach(walk);
    else leaves.push(t as Value);
  };
  walk(tree);
  return leaves.reduce<Value>((s, l) => ad.add(s, ad.sum(ad.mul(ad.sin(l), l))), 0);
}

const params = fc.constantFrom<unknown>(
  { w: ad.tensor([0.5, -1]), b: 0.3 },
  {
    layer: {
      W: ad.tensor([
        [1, 2],
        [3, 4],
      ]),
      b: ad.tensor([0.1, 0.2]),
    },
    scale: 2,
  },
  [ad.tensor([1, 2]), 0.5],
);

const SCALAR_FN = [(x: Value) => ad.sum(ad.sin(x)), (x: Value) => ad.sum(ad.mul(x, x))];

export const kinds = {
  value: {
    valid: value,
    bad: [...JUNK, ...RAGGED],
    odd: [...NON_FINITE, ad.zeros([7]), ad.zeros([0]), ad.zeros([2, 1, 3])],
  },
  positive: {
    valid: fc.constantFrom(0.5, 2, ad.tensor([1, 2, 3])),
    bad: [...JUNK, ...RAGGED],
    odd: [...NON_FINITE, -1, ad.zeros([7])],
  },
  vector: { valid: vector, bad: [...JUNK, ...RAGGED], odd: [...NON_FINITE, ad.zeros([7]), ad.zeros([3, 3]), 2] },
  matrix: {
    valid: fc.constantFrom(
      ad.tensor([
        [4, 1, 0],
        [1, 3, 1],
        [0, 1, 5],
      ]),
      ad.tensor([
        [2, 0.5, 0.1],
        [0.5, 3, 0.2],
        [0.1, 0.2, 4],
      ]),
    ),
    bad: [...JUNK, ...RAGGED],
    odd: [
      ...NON_FINITE,
      ad.zeros([3, 3]),
      ad.zeros([2, 3]),
      ad.zeros([3]),
      ad.tensor([
        [NaN, 1],
        [1, 1],
      ]),
      ad.zeros([0, 0]),
      ad.ones([2, 3, 3]),
    ],
  },
  values: {
    valid: fc.constantFrom([ad.tensor([1, 2]), ad.tensor([3, 4])], [1, 2, 3]),
    bad: [...JUNK, [null], [1, "a"], [[1, 2]]],
    odd: [[], [ad.zeros([2]), ad.zeros([3])], [ad.zeros([2]), 1]],
  },
  shape: {
    valid: fc.constantFrom([2, 3], [4], [], [1, 2, 2]),
    bad: [...JUNK, [2, -1], [1.5], [NaN], [Infinity], ["2"], [[2]], [1e10, 1e10], 3, ad.tensor([2, 3])],
    odd: [[0], [0, 3]],
  },
  newShape: {
    valid: fc.constantFrom([3, 2], [-1], [6], [2, -1]),
    bad: [...JUNK, [4], [1.5, 4], [-2, 3], [-1, -1], ["6"], 6],
    odd: [],
  },
  axis: {
    valid: fc.constantFrom(0, -1, undefined),
    bad: [...JUNK.filter((j) => j !== undefined), 1.5, NaN, 100, -100, [0]],
    odd: [1, 2],
  },
  axes: {
    valid: fc.constantFrom(0, -1, [0], undefined),
    bad: [...JUNK.filter((j) => j !== undefined), 1.5, NaN, 100, [0, 0], [0.5], ["0"], ad.tensor([0])],
    odd: [1, [0, 1], []],
  },
  perm: {
    valid: fc.constantFrom(undefined, [1, 0]),
    bad: [...JUNK.filter((j) => j !== undefined), [0], [0, 0], [0, 1.5], ["1", "0"], 1],
    odd: [[0, 1]],
  },
  indices: {
    valid: fc.constantFrom([0], [2, 0, 1]),
    bad: [...JUNK, [0.5], [100], ["0"], [null], 0, ad.tensor([0])],
    odd: [[-1], []],
  },
  sliceIndex: {
    valid: fc.constantFrom([null, [0, 2]], [1], [[0, 1]]),
    bad: [...JUNK.filter((j) => j !== null), [100], [[0, 1, 0]], [["a"]], [1.5], 0],
    odd: [[], [[null, null, -1]]],
  },
  count: { valid: fc.constantFrom(0, 1, 3), bad: [...JUNK, -1, 1.5, NaN, Infinity, 1e10, "3"], odd: [] },
  seed: { valid: fc.constantFrom(0, 42, -7), bad: [...JUNK, 1.5, NaN, Infinity, 2 ** 60, "1"], odd: [] },
  number: { valid: fc.constantFrom(0, 1.5, -2), bad: [...JUNK, [1], ad.tensor([1])], odd: NON_FINITE },
  bool: { valid: fc.boolean(), bad: [...JUNK.filter((j) => j !== true), 1, 0, "true"], odd: [] },
  fn: {
    valid: fc.constantFrom(...SCALAR_FN),
    bad: [...JUNK.filter((j) => typeof j !== "function"), 1, [(x: Value) => x]],
    odd: [],
  },
  treeFn: { valid: fc.constant(sinSum), bad: [...JUNK.filter((j) => typeof j !== "function"), 1], odd: [] },
  tree: {
    valid: fc.oneof(value, params),
    bad: [...JUNK.filter((j) => !isEmptyObject(j)), { w: null }, [1, "a"], { w: [1, 2, "3"] }, new Map()],
    odd: [...NON_FINITE, [], {}],
  },
  argnums: {
    valid: fc.constantFrom(0, [0]),
    bad: [...JUNK.filter((j) => j !== undefined), 1.5, -1, 5, [], [0.5], ["0"]],
    odd: [],
  },
  options: {
    valid: fc.constantFrom(undefined, {}),
    bad: [...JUNK.filter((j) => j !== undefined && typeof j !== "object"), 1, "x", null, [], true],
    odd: [],
  },
  any: { valid: fc.constantFrom<unknown>(1, "x", null, ad.tensor([1])), bad: [], odd: [...JUNK] },
  none: { valid: fc.constant(undefined), bad: [], odd: [...JUNK] },
} satisfies Record<string, Kind>;

export type KindName = keyof typeof kinds;

function isEmptyObject(x: unknown): boolean {
  return (
    x !== null && typeof x === "object" && Object.getPrototypeOf(x) === Object.prototype && Object.keys(x).length === 0
  );
}

/** The same kind for an argument that may be left out: undefined is then valid. */
export function optional(kind: Kind): Kind {
  return {
    valid: fc.oneof(fc.constant(undefined), kind.valid),
    bad: kind.bad.filter((b) => b !== undefined),
    odd: kind.odd,
  };
}
