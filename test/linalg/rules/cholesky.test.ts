import { describe, expect, it } from "vitest";
import * as ad from "../../../lib";
import type { Value } from "../../../lib";
import { expectClose } from "./helpers";

const { cholesky } = ad;

/** B B^T + n I from a seeded B: symmetric positive definite. */
function spd(n: number, seed: number): ad.Tensor {
  const b = ad.rng(seed).randn([n, n]);
  return ad.add(ad.matmul(b, ad.transpose(b)), ad.mul(n, ad.eye(n))) as ad.Tensor;
}

/** B + B^T + c I: keeps finite differences on the symmetric matrices (c large enough for PD). */
const onSymmetric = (f: (a: Value) => Value, n: number) => (b: Value) =>
  f(ad.add(ad.add(b, ad.transpose(b)), ad.mul(4 * n, ad.eye(n))));

/** The diagonal of an n x n matrix. */
const diagonal = (x: Value, n: number) => ad.sum(ad.mul(x, ad.eye(n)), -1);

describe("cholesky primitive", () => {
  it("returns the lower-triangular L with L L^T = A", () => {
    const a = spd(5, 1);
    const l = cholesky(a) as ad.Tensor;
    expectClose(ad.matmul(l, ad.transpose(l)), a, 1e-13);
    for (let i = 0; i < 5; i++) for (let j = i + 1; j < 5; j++) expect(l.data[i * 5 + j]).toBe(0);
    expectClose(
      cholesky(
        ad.tensor([
          [4, 2],
          [2, 5],
        ]),
      ),
      ad.tensor([
        [2, 0],
        [1, 2],
      ]),
      0,
    );
  });

  it("passes checkGrads at order 2 (through a symmetric parametrisation)", () => {
    for (const seed of [0, 1]) {
      const b = ad.rng(seed + 10).randn([4, 4]);
      ad.checkGrads(onSymmetric(cholesky, 4), [b], { order: 2, seed });
      const w = ad.rng(seed + 20).randn([4, 4]);
      ad.checkGrads(
        onSymmetric((a) => ad.sum(ad.mul(w, ad.sin(cholesky(a)))), 4),
        [b],
        { order: 2, seed },
      );
    }
  });

  it("gives d sqrt(a) = da / (2 sqrt(a)) for 1x1 and the gradient A^{-1} of log det A = 2 sum log diag L", () => {
    expectClose(ad.grad((a: Value) => ad.sum(cholesky(a)))(ad.tensor([[9]])), ad.tensor([[1 / 6]]), 1e-15);
    const a = spd(5, 2);
    const logdet = (x: Value) => ad.mul(2, ad.sum(ad.log(diagonal(cholesky(x), 5))));
    expect(logdet(a)).toBeCloseTo(ad.slogdet(a).logabsdet as number, 12);
    expectClose(ad.grad(logdet)(a), ad.inv(a), 1e-12); // symmetric A: d log det A = tr(A^{-1} dA)
  });

  it("returns a symmetric gradient, Murray's sym(L^{-T} Φ(L^T gL) L^{-1})", () => {
    const a = spd(4, 3);
    const w = ad.rng(4).randn([4, 4]);
    const g = ad.grad((x: Value) => ad.sum(ad.mul(w, cholesky(x))))(a) as ad.Tensor;
    expectClose(g, ad.transpose(g), 0);
    const l = cholesky(a);
    const li = ad.inv(l);
    const phi = ad.tensor([
      [0.5, 0, 0, 0],
      [1, 0.5, 0, 0],
      [1, 1, 0.5, 0],
      [1, 1, 1, 0.5],
    ]);
    const p = ad.matmul(ad.transpose(li), ad.matmul(ad.mul(phi, ad.matmul(ad.transpose(l), w)), li));
    expectClose(g, ad.mul(0.5, ad.add(p, ad.transpose(p))), 1e-13);
  });

  it("agrees between jacfwd and jacrev (batched tangents and cotangents, the same symmetric convention)", () => {
    const a = spd(4, 5);
    expectClose(ad.jacfwd(cholesky)(a), ad.jacrev(cholesky)(a), 1e-12);
    const f = onSymmetric(cholesky, 3);
    const b = ad.rng(6).randn([3, 3]);
    expectClose(ad.jacfwd(f)(b), ad.jacrev(f)(b), 1e-12);
    // the Hessian against finite differences of the gradient
    const loss = onSymmetric((x) => ad.sum(cholesky(x)), 3);
    expectClose(ad.hessian(loss)(b), ad.fd(ad.grad(loss) as (x: Value) => Value, b).value, 1e-7);
  });

  it("rejects bad input with clear errors", () => {
    expect(() => cholesky(ad.ones([2, 3]))).toThrow(
      /cholesky: expected a square matrix or a stack \[\.\.\., n, n\], got shape \[2, 3\]/,
    );
    expect(() =>
      cholesky(
        ad.tensor([
          [1, NaN],
          [NaN, 1],
        ]),
      ),
    ).toThrow(/cholesky: .*entry \(0, 1\) is NaN/);
    expect(() =>
      cholesky(
        ad.tensor([
          [2, 1],
          [0, 2],
        ]),
      ),
    ).toThrow(/cholesky: expected a symmetric matrix.*entry \(0, 1\) = 1/);
    expect(() =>
      cholesky(
        ad.tensor([
          [1, 2],
          [2, 1],
        ]),
      ),
    ).toThrow(/cholesky: matrix is not positive definite \(pivot 1/);
  });
});
