/**
 * One case per differentiable operation, for the tests that run every primitive through the
 * transforms: the function, the registered primitives it exercises, argument shapes (scalars,
 * vectors, matrices, broadcast pairs and stacks of different batch ranks) and each argument's
 * domain. A new primitive needs a case here: test/ops/primitives.test.ts records which primitives
 * the engines differentiate while the cases are checked, and fails on a registered one left out.
 */
import * as ad from "../../lib";
import type { Value } from "../../lib";
import { unbroadcast } from "../../lib/core/broadcast";
import { addAny } from "../../lib/core/add-any";
import { scale } from "../../lib/fast/scale";

export type Domain = readonly [number, number];
export interface Case {
  f: (...xs: Value[]) => Value;
  shapes: readonly (readonly (readonly number[])[])[];
  domains: readonly Domain[];
  /**
   * For stopGradient, whose derivative differs from finite differences by design: f with its
   * stopped values frozen at the point `at`. f's derivatives at `at` must equal this function's,
   * which finite differences check.
   */
  frozenAt?: (...at: Value[]) => (...xs: Value[]) => Value;
}

export const ANY: Domain = [-2, 2];
export const POS: Domain = [0.5, 2.5];
const pairs = [
  [[], []],
  [[3], [3]],
  [
    [3, 2],
    [1, 2],
  ],
  [[2, 3], []],
  [[4], [2, 4]],
] as const;
const singles = [[[]], [[4]], [[2, 3]]] as const;
const matrices = [[[3, 4]], [[2, 2, 3]]] as const;

/** A value of `shape` with entries uniform in `domain`, away from 0 by at least `gap` when the domain straddles it. */
export function sample(rng: ad.Rng, shape: readonly number[], [lo, hi]: Domain): Value {
  const x = rng.rand(shape, lo, hi);
  if (lo < 0 && hi > 0) x.data.forEach((v, i) => (x.data[i] = Math.abs(v) < 0.2 ? v + Math.sign(v || 1) * 0.3 : v));
  return shape.length === 0 ? x.data[0] : x;
}

/** The pullback of `f` at zeros of `shape`: a linear function of the cotangent. */
const pullback = (f: (x: Value) => Value, shape: readonly number[]) => (g: Value) =>
  ad.vjp(f, ad.zeros(shape))[1](g)[0];

export const cases: Record<string, Case> = {
  add: { f: ad.add, shapes: pairs, domains: [ANY, ANY] },
  sub: { f: ad.sub, shapes: pairs, domains: [ANY, ANY] },
  mul: { f: ad.mul, shapes: pairs, domains: [ANY, ANY] },
  div: { f: ad.div, shapes: pairs, domains: [ANY, POS] },
  pow: { f: ad.pow, shapes: pairs, domains: [POS, ANY] },
  maximum: { f: ad.maximum, shapes: pairs, domains: [ANY, ANY] },
  minimum: { f: ad.minimum, shapes: pairs, domains: [ANY, ANY] },
  // each comparison with its own weight, so none can stand in for another
  comparisons: {
    f: (x, y) =>
      ad.mul(
        x,
        ad.add(
          ad.add(ad.mul(2, ad.ge(x, y)), ad.mul(3, ad.le(x, y))),
          ad.add(ad.add(ad.mul(5, ad.gt(x, y)), ad.mul(7, ad.lt(x, y))), ad.mul(11, ad.eq(x, y))),
        ),
      ),
    shapes: pairs,
    domains: [ANY, ANY],
  },
  neg: { f: ad.neg, shapes: singles, domains: [ANY] },
  exp: { f: ad.exp, shapes: singles, domains: [ANY] },
  log: { f: ad.log, shapes: singles, domains: [POS] },
  log1p: { f: ad.log1p, shapes: singles, domains: [[-0.5, 2]] },
  expm1: { f: ad.expm1, shapes: singles, domains: [ANY] },
  sqrt: { f: ad.sqrt, shapes: singles, domains: [POS] },
  sin: { f: ad.sin, shapes: singles, domains: [ANY] },
  cos: { f: ad.cos, shapes: singles, domains: [ANY] },
  tanh: { f: ad.tanh, shapes: singles, domains: [ANY] },
  abs: { f: ad.abs, shapes: singles, domains: [ANY] },
  sign: { f: (x) => ad.mul(ad.sin(x), ad.sign(x)), shapes: singles, domains: [ANY] },
  stopGradient: {
    f: (x) => ad.mul(x, ad.stopGradient(ad.sin(x))),
    shapes: singles,
    domains: [ANY],
    frozenAt: (at) => (x) => ad.mul(x, ad.sin(at)),
  },
  sumAll: { f: (x) => ad.sum(ad.mul(x, x)), shapes: matrices, domains: [ANY] },
  sumAxis: { f: (x) => ad.sum(ad.sin(x), -1), shapes: matrices, domains: [ANY] },
  sumKeep: { f: (x) => ad.mul(ad.sum(x, 0, true), x), shapes: matrices, domains: [ANY] },
  max: { f: (x) => ad.mul(ad.max(x, -1), ad.max(ad.sin(x))), shapes: matrices, domains: [ANY] },
  // max's gradient is the primitive argmaxMask (no derivative of its own), differentiated twice here, times sin(x)
  maxGradient: {
    f: (x) => ad.mul(ad.grad((y: Value) => ad.sum(ad.max(y, -1)))(x), ad.sin(x)),
    shapes: matrices,
    domains: [ANY],
  },
  reshape: { f: (x) => ad.sin(ad.reshape(x, [-1])), shapes: matrices, domains: [ANY] },
  transpose: { f: (x) => ad.mul(ad.transpose(x), ad.transpose(ad.sin(x))), shapes: matrices, domains: [ANY] },
  // the engine's own linear maps: summing a broadcast cotangent back, adding cotangents, scaling by a partial
  unbroadcast: { f: (x) => ad.sin(unbroadcast(x, [2, 3, 4], [3, 1])), shapes: [[[2, 3, 4]]], domains: [ANY] },
  unbroadcastLeading: { f: (x) => ad.sin(unbroadcast(x, [2, 3], [])), shapes: [[[2, 3]]], domains: [ANY] },
  addAny: {
    f: (x, y) => ad.sin(addAny(x, y)),
    shapes: [
      [[], []],
      [[3], [3]],
      [
        [2, 3],
        [2, 3],
      ],
    ],
    domains: [ANY, ANY],
  },
  scale: { f: (x) => scale(ad.sin(x), 1.5), shapes: singles, domains: [ANY] },
  // a branch inside jit (a traced pred): the primitive cond, both branches' derivatives
  cond: {
    f: (x, y) =>
      ad.jit((a: Value, b: Value) =>
        ad.cond(
          ad.gt(ad.sum(a), 0),
          (u: Value, v: Value) => ad.mul(ad.sin(u), v),
          (u: Value, v: Value) => ad.sub(ad.mul(u, u), v),
          a,
          b,
        ),
      )(x, y),
    shapes: [
      [[], []],
      [[3], [3]],
      [[2, 3], []],
    ],
    domains: [ANY, ANY],
  },
  // jit's primitive: a compiled program, its JVP and VJP derived programs (traced again at order 2)
  // a loop and its reverse sweep (foriLoopVjp); a two-leaf carry, the counter i used in the body
  foriLoop: {
    f: (x, y) =>
      ad.foriLoop(1, 4, (i, [a, b]) => [ad.add(ad.mul(ad.sin(a), b), ad.mul(i, 0.1)), ad.mul(b, ad.cos(a))], [
        x,
        y,
      ] as Value[])[0],
    shapes: [
      [[], []],
      [[3], [3]],
      [
        [2, 3],
        [2, 3],
      ],
    ],
    domains: [ANY, ANY],
  },
  // the loop's reverse sweep differentiated again (its rules: the sweep unrolled)
  foriLoopVjp: {
    f: (x) => {
      const loop = (z: Value) => ad.foriLoop(0, 3, (_i, a) => ad.mul(ad.sin(a), ad.add(a, 1)), z);
      const ones = ad.add(ad.mul(ad.stopGradient(x), 0), 1); // x's shape, a constant
      return ad.vjp(loop, x)[1](ones)[0];
    },
    shapes: singles,
    domains: [ANY],
  },
  // a scan over rows (the second case: rows of a matrix), a weight the body closes over, stacked outputs
  scan: {
    f: (xs, w) => {
      const body = (c: Value, x: Value) => [ad.add(ad.mul(ad.sin(c), w), x), ad.mul(c, x)] as const;
      const [c, ys] = ad.scan(body, ad.mul(w, 0.3), xs);
      return ad.add(ys, c);
    },
    shapes: [
      [[3], []],
      [[2, 3], [3]],
    ],
    domains: [ANY, ANY],
  },
  jitCall: {
    // a jit per call: one jitted function called with every shape would warn that it compiles again
    f: (x, y) => ad.jit((a: Value, b: Value) => ad.div(ad.sin(ad.mul(a, b)), b))(x, y),
    shapes: pairs,
    domains: [ANY, POS],
  },
  broadcastTo: { f: (x) => ad.sin(ad.broadcastTo(x, [2, 3, 4])), shapes: [[[3, 1]], [[4]]], domains: [ANY] },
  slice: {
    f: (x) =>
      ad.mul(
        ad.slice(x, [
          [0, 2],
          [null, null, -1],
        ]),
        ad.slice(x, [[1]]),
      ),
    shapes: matrices,
    domains: [ANY],
  },
  getItem: {
    f: (x) => ad.mul(ad.getItem(x, 1, 0), ad.getItem(x, 0, 2)),
    shapes: [[[3, 4]], [[2, 3, 4]]],
    domains: [ANY],
  },
  concat: {
    f: (x, y) => ad.sin(ad.concat([x, ad.mul(x, y)], -1)),
    shapes: [
      [
        [2, 3],
        [2, 3],
      ],
      [[3], [3]],
    ],
    domains: [ANY, ANY],
  },
  stack: {
    f: (x, y) => ad.mul(ad.stack([x, y, ad.mul(x, y)], -1), 2),
    shapes: [
      [[], []],
      [[3], [3]],
    ],
    domains: [ANY, ANY],
  },
  // the adjoints of slice and take (slicePad, scatterAdd) as functions of the cotangent, so that their own rules are
  // checked
  sliceAdjoint: {
    f: (g) =>
      pullback(
        (x) =>
          ad.slice(x, [
            [0, 2],
            [null, null, -1],
          ]),
        [3, 4],
      )(g),
    shapes: [[[2, 4]]],
    domains: [ANY],
  },
  takeAdjoint: { f: (g) => pullback((x) => ad.take(x, [2, 0, 2], -1), [3, 4])(g), shapes: [[[3, 3]]], domains: [ANY] },
  take: { f: (x) => ad.sin(ad.take(x, [2, 0, 2], -1)), shapes: matrices, domains: [ANY] },
  where: { f: (x, y) => ad.where(ad.gt(x, 0), ad.mul(x, y), ad.sin(y)), shapes: pairs, domains: [ANY, ANY] },
  matmul: {
    f: ad.matmul,
    shapes: [
      [
        [3, 4],
        [4, 2],
      ],
      [[3, 4], [4]],
      [[4], [4, 2]],
      [[4], [4]],
      [
        [2, 3, 4],
        [4, 2],
      ],
      [
        [3, 4],
        [2, 4, 1],
      ],
      [
        [2, 1, 3, 4],
        [3, 4, 2],
      ],
    ],
    domains: [ANY, ANY],
  },
  matmulT: {
    f: (x, y) => ad.matmul(ad.transpose(x), ad.transpose(y)),
    shapes: [
      [
        [4, 3],
        [2, 4],
      ],
    ],
    domains: [ANY, ANY],
  },
};

/** The last two axes swapped (a matrix or a stack of them). */
const mT = (a: Value) => {
  const r = (a as ad.Tensor).shape.length; // tracers have a shape too
  return ad.transpose(
    a,
    Array.from({ length: r }, (_, i) => (i < r - 2 ? i : 2 * r - 3 - i)),
  );
};
/** Diagonally dominant for entries in ANY: well conditioned, never singular. */
const wellPosed = (a: Value) => ad.add(a, ad.mul(6, ad.eye(3)));
/** Symmetric with eigenvalues at least 0.4 apart (Gershgorin discs of radius 1.2 around 0, 4, 8). */
const separated = (a: Value) =>
  ad.add(
    ad.mul(0.15, ad.add(a, mT(a))),
    ad.tensor([
      [0, 0, 0],
      [0, 4, 0],
      [0, 0, 8],
    ]),
  );
/** Singular values near 5, 3 and 1, at least 0.6 apart. */
const spread = (a: Value) =>
  ad.add(
    ad.mul(0.1, a),
    ad.tensor([
      [5, 0, 0],
      [0, 3, 0],
      [0, 0, 1],
      [0, 0, 0],
    ]),
  );
const squares = [[[3, 3]], [[2, 3, 3]]] as const;
/** Well conditioned and not symmetric (a transpose left out shows). */
const FIXED_A = ad.tensor([
  [4, 1, -1],
  [0.5, 3, 2],
  [-1, 0, 5],
]);

/** The linear-algebra primitives, each on inputs kept inside its domain. */
export const linalgCases: Record<string, Case> = {
  solve: {
    f: (a, b) => ad.solve(wellPosed(a), b),
    shapes: [
      [[3, 3], [3]],
      [
        [3, 3],
        [3, 2],
      ],
      [[2, 3, 3], [3]],
      [
        [3, 3],
        [2, 3, 1],
      ],
    ],
    domains: [ANY, ANY],
  },
  // solve's pullback as a function of A and of the cotangent g: the rule takes its own path (reusing the forward
  // factors) only when A is plain and g a plain unbatched tensor, which differentiating in a alone or g alone each
  // breaks
  solvePullback: {
    f: (a, g) => {
      const [ga, gb] = ad.vjp((m: Value, b: Value) => ad.solve(ad.add(m, FIXED_A), b), a, ad.tensor([1, -2, 0.5]))[1](
        g,
      );
      return ad.add(ad.sum(ad.mul(ga, ga), -1), ad.mul(gb, gb));
    },
    shapes: [[[3, 3], [3]]],
    domains: [[-0.5, 0.5], ANY],
  },
  inv: { f: (a) => ad.inv(wellPosed(a)), shapes: squares, domains: [ANY] },
  det: { f: (a) => ad.det(wellPosed(a)), shapes: squares, domains: [ANY] },
  // det's gradient, the cofactor matrix adj(A)^T: a primitive of its own (lib/linalg/rules/det.ts), differentiated
  // twice here (det at order 3)
  detGradient: { f: (a) => ad.grad(ad.det)(wellPosed(a)), shapes: [[[3, 3]]], domains: [ANY] },
  slogdet: { f: (a) => ad.slogdet(wellPosed(a)).logabsdet, shapes: squares, domains: [ANY] },
  cholesky: {
    f: (a) => ad.cholesky(ad.add(ad.matmul(a, mT(a)), ad.mul(3, ad.eye(3)))),
    shapes: squares,
    domains: [ANY],
  },
  eighValues: { f: (a) => ad.eigh(separated(a)).values, shapes: squares, domains: [ANY] },
  eighVectors: { f: (a) => ad.eigh(separated(a)).vectors, shapes: [[[3, 3]]], domains: [ANY] },
  svdS: { f: (a) => ad.svd(spread(a)).S, shapes: [[[4, 3]]], domains: [ANY] },
  svdUV: {
    f: (a) => ad.add(ad.sum(ad.svd(spread(a)).U, 0), ad.sum(ad.svd(spread(a)).V, 0)),
    shapes: [[[4, 3]]],
    domains: [ANY],
  },
};
