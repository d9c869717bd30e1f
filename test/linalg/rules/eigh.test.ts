import { describe, expect, it } from "vitest";
import * as ad from "../../../lib";
import type { Value } from "../../../lib";
import { expectClose, values } from "./helpers";

const { eigh } = ad;

/** B + B^T from a seeded B. */
function symmetric(n: number, seed: number): ad.Tensor {
  const b = ad.rng(seed).randn([n, n]);
  return ad.add(b, ad.transpose(b)) as ad.Tensor;
}

/** (X + X^T) / 2: keeps finite differences on the symmetric matrices. */
const sym = (x: Value) => ad.mul(0.5, ad.add(x, ad.transpose(x)));

/** Q diag(lambda) Q^T with a seeded orthogonal Q: a symmetric matrix with chosen eigenvalues. */
function withEigenvalues(lambda: number[], seed: number): ad.Tensor {
  const q = eigh(symmetric(lambda.length, seed)).vectors;
  return sym(ad.matmul(ad.mul(q, ad.tensor(lambda)), ad.transpose(q))) as ad.Tensor;
}

/**
 * gA = sym(V (F o (V^T gV)) V^T) for a loss <gV, V>, with F_ij = 1 / (λ_j - λ_i) but 0 where |λ_j - λ_i| <= 1e-12
 * max|λ| (repeated: the documented convention).
 */
function conventionalGradient(a: ad.Tensor, gV: Value): Value {
  const { values: lambda, vectors: v } = eigh(a);
  const l = Array.from(values(lambda));
  const big = Math.max(...l.map(Math.abs));
  const F = ad.tensor(
    l.map((li, i) => l.map((lj, j) => (i !== j && Math.abs(lj - li) > 1e-12 * big ? 1 / (lj - li) : 0))),
  );
  return sym(ad.matmul(v, ad.matmul(ad.mul(F, ad.matmul(ad.transpose(v), gV)), ad.transpose(v))));
}

describe("eigh primitive", () => {
  it("reconstructs A = V diag(values) V^T with orthonormal V", () => {
    const a = symmetric(6, 1);
    const { values: lambda, vectors: v } = eigh(a);
    expect((lambda as ad.Tensor).shape).toEqual([6]);
    expectClose(ad.matmul(ad.mul(v, lambda), ad.transpose(v)), a, 1e-13);
    expectClose(ad.matmul(ad.transpose(v), v), ad.eye(6), 1e-13);
  });

  it("passes checkGrads at order 1 for values, vectors and a loss on both (distinct eigenvalues)", () => {
    for (const seed of [0, 1]) {
      const x = symmetric(4, seed + 30);
      const w = ad.rng(seed + 40).randn([4, 4]);
      const parts = (y: Value) => eigh(sym(y));
      ad.checkGrads((y) => parts(y).values, [x], { order: 1, seed });
      ad.checkGrads((y) => parts(y).vectors, [x], { order: 1, seed });
      const loss = (y: Value) => {
        const { values: lambda, vectors: v } = parts(y);
        return ad.add(ad.sum(ad.sin(lambda)), ad.sum(ad.mul(w, v)));
      };
      ad.checkGrads(loss, [x], { order: 1, seed });
    }
  });

  it("gives exactly V diag(dL/dvalues) V^T for a loss on the values alone", () => {
    const a = symmetric(5, 2);
    const w = ad.tensor([0.5, -2, 3, 1, -1]);
    const { values: lambda, vectors: v } = eigh(a);
    const g = ad.grad((x: Value) => ad.sum(ad.mul(w, ad.square(eigh(x).values))))(a);
    expectClose(g, ad.matmul(ad.mul(v, ad.mul(2, ad.mul(w, lambda))), ad.transpose(v)), 1e-13);
  });

  it("keeps a values-only gradient exact and finite at repeated eigenvalues (identity, zero, a double pair)", () => {
    const w = ad.tensor([1, -2, 3, 0.5]);
    for (const a of [
      ad.eye(4),
      ad.zeros([4, 4]),
      withEigenvalues([2, 2, -1, 5], 7),
      withEigenvalues([3, 3, 3, 3], 8),
    ]) {
      const { vectors: v } = eigh(a);
      const g = ad.grad((x: Value) => ad.sum(ad.mul(w, eigh(x).values)))(a);
      expectClose(g, ad.matmul(ad.mul(v, w), ad.transpose(v)), 1e-13);
    }
    // the trace: sum of eigenvalues, gradient I even where all of them coincide
    expectClose(ad.grad((x: Value) => ad.sum(eigh(x).values))(ad.eye(3)), ad.eye(3), 1e-15);
  });

  it("drops the undefined vector terms at repeated eigenvalues: finite, and eigenspace projectors stay exact", () => {
    const a = withEigenvalues([1, 3, 3, -2], 9); // ascending: -2, 1, 3, 3
    const w = ad.rng(3).randn([4, 4]);
    expectClose(ad.grad((x: Value) => ad.sum(ad.mul(w, eigh(x).vectors)))(a), conventionalGradient(a, w), 1e-9);
    // the same formula where every gap is defined, however small (a gap of 1e-6 is no tie)
    // ... and where the largest |λ| makes a gap of 1e-7 a tie (the smallest |λ| would not)
    for (const lambda of [
      [1, 3, 4, -2],
      [1, 3, 3 + 1e-6, -2],
      [1e-3, 1e6, 1e6 + 1e-7, 2],
    ]) {
      const distinct = withEigenvalues(lambda, 9);
      expectClose(
        ad.grad((x: Value) => ad.sum(ad.mul(w, eigh(x).vectors)))(distinct),
        conventionalGradient(distinct, w),
        1e-9,
      );
    }
    // the projector onto the eigenspace of the double eigenvalue 3 is smooth; its derivative never uses F for the 3-3
    // gap
    const projector = (x: Value) => {
      const top = ad.slice(eigh(sym(x)).vectors, [null, [2, 4]]);
      return ad.matmul(top, ad.transpose(top));
    };
    ad.checkGrads(projector, [a], { order: 1 });
  });

  it("passes checkGrads at order 2 in both modes for values, vectors and a loss on both (distinct eigenvalues)", () => {
    const x = withEigenvalues([-1.5, 0.5, 2, 4], 31);
    const w = ad.rng(41).randn([4, 4]);
    const parts = (y: Value) => eigh(sym(y));
    ad.checkGrads((y) => parts(y).values, [x], { order: 2, rtol: 1e-4 });
    ad.checkGrads((y) => ad.add(ad.sum(ad.sin(parts(y).values)), ad.sum(ad.mul(w, parts(y).vectors))), [x], {
      order: 2,
      rtol: 1e-4,
    });
  });

  it("agrees between jacfwd and jacrev (batched tangents and cotangents)", () => {
    const a = symmetric(4, 5);
    for (const part of ["values", "vectors"] as const) {
      const f = (x: Value) => eigh(x)[part];
      expectClose(ad.jacfwd(f)(a), ad.jacrev(f)(a), 1e-10);
    }
  });

  it("rejects bad input with clear errors", () => {
    expect(() => eigh(ad.ones([2, 3]))).toThrow(
      /eigh: expected a square matrix or a stack \[\.\.\., n, n\], got shape \[2, 3\]/,
    );
    expect(() =>
      eigh(
        ad.tensor([
          [Infinity, 0],
          [0, 1],
        ]),
      ),
    ).toThrow(/eigh: .*entry \(0, 0\) is Infinity/);
    expect(() =>
      eigh(
        ad.tensor([
          [1, 5],
          [0, 1],
        ]),
      ),
    ).toThrow(/eigh: expected a symmetric matrix.*entry \(0, 1\) = 5/);
  });
});
