import { describe, expect, it } from "vitest";
import * as ad from "../../../lib";
import type { Value } from "../../../lib";
const { svd } = ad;
import { expectClose, values } from "./helpers";

const shapes = [
  [4, 4],
  [5, 3],
  [3, 5],
] as const;

/** Q diag(s) R^T with seeded random orthogonal Q (m x k) and R (n x k): a matrix with chosen singular values. */
function withSingularValues(m: number, n: number, s: readonly number[], seed: number): ad.Tensor {
  const q = svd(ad.rng(seed).randn([m, m])).U;
  const r = svd(ad.rng(seed + 1).randn([n, n])).U;
  const k = s.length;
  const qk = ad.slice(q, [null, [0, k]]);
  const rk = ad.slice(r, [null, [0, k]]);
  return ad.matmul(ad.mul(qk, ad.tensor(s)), ad.transpose(rk)) as ad.Tensor;
}

/**
 * Townsend's gradient of L(A) = <gU, U> + <gV, V>, written out with the documented conventions:
 * F_ij = 1 / (s_j² - s_i²) but 0 where |s_j² - s_i²| <= 1e-12 s_max² (repeated), and 1/s = 0
 * where s <= max(m, n) eps s_max (a zero singular value).
 */
function conventionalGradient(a: ad.Tensor, gU: Value, gV: Value): Value {
  const { U, S, V } = svd(a);
  const s = Array.from(values(S));
  const [m, n] = a.shape;
  const F = ad.tensor(
    s.map((si, i) =>
      s.map((sj, j) => (i !== j && Math.abs(sj * sj - si * si) > 1e-12 * s[0] * s[0] ? 1 / (sj * sj - si * si) : 0)),
    ),
  );
  const sPlus = ad.tensor(s.map((v) => (v > Math.max(m, n) * Number.EPSILON * s[0] ? 1 / v : 0)));
  const J = ad.mul(F, ad.matmul(ad.transpose(U), gU));
  const K = ad.mul(F, ad.matmul(ad.transpose(V), gV));
  const core = ad.add(
    ad.mul(ad.add(J, ad.transpose(J)), S),
    ad.mul(ad.reshape(S, [-1, 1]), ad.add(K, ad.transpose(K))),
  );
  const outsideU = ad.sub(ad.eye(m), ad.matmul(U, ad.transpose(U)));
  const outsideV = ad.sub(ad.eye(n), ad.matmul(V, ad.transpose(V)));
  return ad.add(
    ad.matmul(U, ad.matmul(core, ad.transpose(V))),
    ad.add(
      ad.matmul(ad.matmul(outsideU, ad.mul(gU, sPlus)), ad.transpose(V)),
      ad.matmul(ad.mul(U, sPlus), ad.matmul(ad.transpose(gV), outsideV)),
    ),
  );
}
const onUV = (gU: Value, gV: Value) => (x: Value) => ad.add(ad.sum(ad.mul(gU, svd(x).U)), ad.sum(ad.mul(gV, svd(x).V)));

describe("svd", () => {
  it.each(shapes)("reconstructs A = U diag(S) V^T for a %ix%i matrix", (m, n) => {
    const a = ad.rng(m * 10 + n).randn([m, n]);
    const { U, S, V } = svd(a);
    expect((S as ad.Tensor).shape).toEqual([Math.min(m, n)]);
    expectClose(ad.matmul(ad.mul(U, S), ad.transpose(V)), a);
  });

  it.each(shapes)("passes checkGrads at order 1 for U, S, V and a loss on all three (%ix%i)", (m, n) => {
    for (const seed of [0, 1]) {
      const a = ad.rng(seed + m * n).randn([m, n]);
      const k = Math.min(m, n);
      const wu = ad.rng(seed + 100).randn([m, k]);
      const wv = ad.rng(seed + 200).randn([n, k]);
      const parts = (x: Value) => svd(x);
      ad.checkGrads((x) => parts(x).U, [a], { order: 1, seed });
      ad.checkGrads((x) => parts(x).S, [a], { order: 1, seed });
      ad.checkGrads((x) => parts(x).V, [a], { order: 1, seed });
      const loss = (x: Value) => {
        const { U, S, V } = parts(x);
        return ad.add(ad.add(ad.sum(ad.mul(wu, U)), ad.sum(ad.sin(S))), ad.sum(ad.mul(wv, V)));
      };
      ad.checkGrads(loss, [a], { order: 1, seed });
    }
  });

  it.each(shapes)(
    "passes checkGrads at order 2 in both modes for a loss on U, S and V (%ix%i, separated singular values)",
    (m, n) => {
      const k = Math.min(m, n);
      const a = withSingularValues(m, n, [4, 2.5, 1, 0.5].slice(0, k), 3);
      const [wu, wv] = [ad.rng(4).randn([m, k]), ad.rng(5).randn([n, k])];
      const loss = (x: Value) => {
        const { U, S, V } = svd(x);
        return ad.add(ad.add(ad.sum(ad.mul(wu, U)), ad.sum(ad.sin(S))), ad.sum(ad.mul(wv, V)));
      };
      ad.checkGrads(loss, [a], { order: 2, rtol: 1e-4, atol: 1e-6 });
    },
  );

  it("agrees between jacfwd and jacrev (batched tangents and cotangents)", () => {
    const a = ad.rng(5).randn([4, 3]);
    for (const part of ["U", "S", "V"] as const) {
      const f = (x: Value) => svd(x)[part];
      expectClose(ad.jacfwd(f)(a), ad.jacrev(f)(a), 1e-9);
    }
  });

  it("gives the lecture's formula for a loss on S: dL/dW = U diag(dL/dS) V^T", () => {
    const a = ad.rng(6).randn([5, 3]);
    const w = ad.tensor([0.5, -2, 3]);
    const { U, S, V } = svd(a);
    const g = ad.grad((x: Value) => ad.sum(ad.mul(w, ad.square(svd(x).S))))(a);
    const dLdS = ad.mul(2, ad.mul(w, S));
    expectClose(g, ad.matmul(ad.mul(U, dLdS), ad.transpose(V)), 1e-13);
  });

  it("keeps an S-only gradient exact and finite for repeated and zero singular values", () => {
    const cases = [
      ad.eye(3),
      ad.zeros([3, 2]),
      withSingularValues(4, 3, [2, 2, 0], 7),
      withSingularValues(3, 5, [1, 0, 0], 8),
    ];
    for (const a of cases) {
      const { U, V } = svd(a);
      const g = ad.grad((x: Value) => ad.sum(svd(x).S))(a); // the nuclear norm: U V^T
      expectClose(g, ad.matmul(U, ad.transpose(V)), 1e-13);
    }
  });

  it("drops the undefined U/V terms at repeated singular values, which leaves subspace projectors exact", () => {
    // s1 = s2: u1 and u2 are not unique, but the projector onto their span is smooth and its
    // derivative never involves F_12, the entry set to 0 (header of lib/linalg/rules/svd.ts).
    const a = withSingularValues(4, 3, [3, 3, 1], 9);
    const projector = (x: Value) => {
      const top = ad.slice(svd(x).U, [null, [0, 2]]);
      return ad.matmul(top, ad.transpose(top));
    };
    ad.checkGrads(projector, [a], { order: 1, modes: ["fwd", "rev"] });
    const w = ad.rng(1).randn([4, 3]);
    expectClose(ad.grad(onUV(w, ad.zeros([3, 3])))(a), conventionalGradient(a, w, ad.zeros([3, 3])), 1e-9);
    const close = withSingularValues(4, 3, [3, 3 + 1e-6, 1], 9); // a gap of 1e-6 is no tie
    expectClose(ad.grad(onUV(w, ad.zeros([3, 3])))(close), conventionalGradient(close, w, ad.zeros([3, 3])), 1e-9);
    // the tie is relative to the largest singular value: at 3e6, a gap of 1e-6 is one
    const large = withSingularValues(4, 3, [3e6 + 1e-6, 3e6, 1e6], 9);
    expectClose(ad.grad(onUV(w, ad.zeros([3, 3])))(large), conventionalGradient(large, w, ad.zeros([3, 3])), 1e-9);
  });

  it("sets 1/s to 0 for zero singular values (the pseudo-inverse), where the U of a tall or the V of a wide matrix needs it", () => {
    const tall = withSingularValues(5, 3, [2, 1, 0], 10);
    const [wu, wv] = [ad.rng(2).randn([5, 3]), ad.rng(3).randn([3, 3])];
    expectClose(ad.grad(onUV(wu, wv))(tall), conventionalGradient(tall, wu, wv), 1e-9);
    const wide = withSingularValues(3, 5, [2, 1, 0], 11);
    const [wu2, wv2] = [ad.rng(4).randn([3, 3]), ad.rng(5).randn([5, 3])];
    expectClose(ad.grad(onUV(wu2, wv2))(wide), conventionalGradient(wide, wu2, wv2), 1e-9);
    // zero relative to the largest singular value: a rounding-level 1e-10 next to 2e6
    const large = withSingularValues(5, 3, [2e6, 1e6, 0], 10);
    expectClose(ad.grad(onUV(wu, wv))(large), conventionalGradient(large, wu, wv), 1e-9);
    // and at a full-rank point the written-out gradient is the one finite differences check
    const full = withSingularValues(5, 3, [2, 1, 0.5], 12);
    expectClose(ad.grad(onUV(wu, wv))(full), conventionalGradient(full, wu, wv), 1e-9);
  });

  it("rejects bad input with clear errors", () => {
    expect(() => svd(ad.ones([3]))).toThrow(/svd: expected a matrix or a stack \[\.\.\., m, n\], got shape \[3\]/);
    expect(() => svd(ad.tensor([[1, NaN]]))).toThrow(/svd: .*entry \(0, 1\) is NaN/);
  });
});
