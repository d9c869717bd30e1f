// Every composition of two transforms (jacfwd, jacrev, jacobian, hessian, hvp, jvp, grad) on
// every primitive, at mixed batch ranks: second derivatives d/dx_j d/dx_i of sin(f(...)) against
// central differences of the reverse-mode Jacobian. Nested forward mode pushes a batch of
// tangents through rules whose own tangents are batched, which is where batch axes of different
// transforms and broadcast batch axes of the operands meet.
import { describe, it, expect } from "vitest";
import * as ad from "../../lib";
import type { Value } from "../../lib";
import { type Case, cases, linalgCases, sample } from "../ops/cases";

type Fn = (...xs: Value[]) => Value;
const all: Record<string, Case> = { ...cases, ...linalgCases };

const data = (x: Value): Float64Array => (typeof x === "number" ? Float64Array.of(x) : (x as ad.Tensor).data);
const shapeOf = (x: Value): readonly number[] => (typeof x === "number" ? [] : (x as ad.Tensor).shape);
const size = (s: readonly number[]) => s.reduce((p, d) => p * d, 1);
const replaced = (xs: readonly Value[], k: number, v: Value) => xs.map((x, i) => (i === k ? v : x));

/** d/dx_j of the reverse-mode Jacobian d/dx_i, by central differences: [...out, ...x_i, ...x_j]. */
function reference(F: Fn, xs: readonly Value[], i: number, j: number): Float64Array {
  const J = (ys: readonly Value[]) => data(ad.jacrev(F, { argnums: i })(...ys));
  const base = data(xs[j]);
  const n = base.length;
  const columns = Array.from({ length: n }, (_, k) => {
    const h = 1e-5 * Math.max(1, Math.abs(base[k]));
    const at = (s: number) => {
      const moved = Float64Array.from(base);
      moved[k] += s * h;
      return J(replaced(xs, j, shapeOf(xs[j]).length === 0 ? moved[0] : new ad.Tensor(moved, shapeOf(xs[j]))));
    };
    const [hi, lo] = [at(1), at(-1)];
    return hi.map((v, r) => (v - lo[r]) / (2 * h));
  });
  const out = new Float64Array(columns[0].length * n);
  columns.forEach((c, k) => c.forEach((v, r) => (out[r * n + k] = v)));
  return out;
}

/** Contracts a [p, q] row-major matrix with a vector of length q. */
function contractLast(m: Float64Array, v: Float64Array): Float64Array {
  const q = v.length;
  const out = new Float64Array(m.length / q);
  for (let r = 0; r < out.length; r++) for (let k = 0; k < q; k++) out[r] += m[r * q + k] * v[k];
  return out;
}

/** Contracts the middle axis of a [p, q, s] row-major array with a vector of length q. */
function contractMiddle(m: Float64Array, v: Float64Array, s: number): Float64Array {
  const q = v.length;
  const p = m.length / (q * s);
  const out = new Float64Array(p * s);
  for (let a = 0; a < p; a++)
    for (let k = 0; k < q; k++) for (let c = 0; c < s; c++) out[a * s + c] += m[(a * q + k) * s + c] * v[k];
  return out;
}

function expectClose(got: Value, want: Float64Array, what: string): void {
  const g = data(got);
  expect(g.length, `${what}: length`).toBe(want.length);
  let scale = 1;
  let worst = 0;
  want.forEach((w, r) => ((scale = Math.max(scale, Math.abs(w))), (worst = Math.max(worst, Math.abs(g[r] - w)))));
  expect(worst, `${what}: max error against central differences`).toBeLessThanOrEqual(2e-5 * scale);
}

describe("every composition of two transforms on every primitive, at mixed batch ranks", () => {
  for (const [name, c] of Object.entries(all)) {
    c.shapes.forEach((shapes, s) => {
      const rng = ad.rng(1000 + s);
      const xs = shapes.map((sh, k) => sample(rng, sh, c.domains[k]));
      const F: Fn = (...ys) => ad.sin(c.f(...ys));
      // stopGradient differs from finite differences by design: they check f with its stopped values frozen
      const frozen = c.frozenAt?.(...xs);
      const G: Fn = frozen === undefined ? F : (...ys) => ad.sin(frozen(...ys));
      const pairs =
        xs.length === 1
          ? [[0, 0]]
          : [
              [0, 0],
              [1, 1],
              [0, 1],
            ];
      for (const [i, j] of pairs) {
        it(`${name} ${shapes.map((sh) => `[${sh}]`).join(" ")}: d/dx${j + 1} d/dx${i + 1}`, () => {
          const want = reference(G, xs, i, j);
          const outSize = size(shapeOf(F(...xs)));
          const [ni, nj] = [size(shapeOf(xs[i])), size(shapeOf(xs[j]))];
          const u = ad.rng(7).randn(shapeOf(F(...xs)) as number[]);
          const v = ad.rng(8).randn(shapeOf(xs[i]) as number[]);
          const w = ad.rng(9).randn(shapeOf(xs[j]) as number[]);
          const [uv, vv, wv] = [u, v, w].map((t) => (t.shape.length === 0 ? t.data[0] : t));
          const scalarF: Fn = (...ys) => ad.sum(ad.mul(uv, F(...ys)));
          // d/dx_i along v, as a function of all arguments
          const along =
            (g: Fn): Fn =>
            (...ys) =>
              ad.jvp((y: Value) => g(...replaced(ys, i, y)), [ys[i]], [vv])[1];
          const outer = { argnums: j };
          const inner = { argnums: i };
          const full: [string, () => Value][] = [
            ["jacfwd(jacfwd)", () => ad.jacfwd(ad.jacfwd(F, inner), outer)(...xs)],
            ["jacfwd(jacrev)", () => ad.jacfwd(ad.jacrev(F, inner), outer)(...xs)],
            ["jacrev(jacfwd)", () => ad.jacrev(ad.jacfwd(F, inner), outer)(...xs)],
            ["jacrev(jacrev)", () => ad.jacrev(ad.jacrev(F, inner), outer)(...xs)],
            ["jacobian(jacobian)", () => ad.jacobian(ad.jacobian(F, inner), outer)(...xs)],
            [
              "jacfwd(jacfwd), unbatched",
              () => ad.jacfwd(ad.jacfwd(F, { ...inner, batched: false }), { ...outer, batched: false })(...xs),
            ],
          ];
          for (const [label, run] of full) expectClose(run(), want, label);
          // contractions of the [out, x_i, x_j] array with u (out), v (x_i) and w (x_j)
          const transposed = (m: Float64Array, p: number, q: number) =>
            new Float64Array((ad.transpose(ad.tensor(m, [p, q])) as ad.Tensor).data);
          const uT = contractLast(transposed(want, outSize, ni * nj), data(u)); // Σ_o u_o want[o, :, :], [x_i, x_j]
          const uTt = transposed(uT, ni, nj);
          const alongV = contractMiddle(want, data(v), nj);
          const alongVW = contractLast(alongV, data(w));
          const uVW = Float64Array.of(data(u).reduce((t, ur, r) => t + ur * alongVW[r], 0));
          const directional: [string, () => Value, Float64Array][] = [
            [
              "jvp(jacfwd)",
              () => ad.jvp((y: Value) => ad.jacfwd(F, inner)(...replaced(xs, j, y)), [xs[j]], [wv])[1],
              contractLast(want, data(w)),
            ],
            [
              "jvp(jacrev)",
              () => ad.jvp((y: Value) => ad.jacrev(F, inner)(...replaced(xs, j, y)), [xs[j]], [wv])[1],
              contractLast(want, data(w)),
            ],
            ["jacfwd(jvp)", () => ad.jacfwd(along(F), outer)(...xs), alongV],
            ["jacrev(jvp)", () => ad.jacrev(along(F), outer)(...xs), alongV],
            ["jvp(jvp)", () => ad.jvp((y: Value) => along(F)(...replaced(xs, j, y)), [xs[j]], [wv])[1], alongVW],
            [
              "grad(jvp)",
              () => ad.grad((...ys: Value[]) => ad.sum(ad.mul(uv, along(F)(...ys))), j)(...xs),
              contractLast(uTt, data(v)),
            ],
            [
              "jvp(grad)",
              () => ad.jvp((y: Value) => ad.grad(scalarF, i)(...replaced(xs, j, y)), [xs[j]], [wv])[1],
              contractLast(uT, data(w)),
            ],
            [
              "grad(grad·v)",
              () => ad.grad((...ys: Value[]) => ad.sum(ad.mul(vv, ad.grad(scalarF, i)(...ys))), j)(...xs),
              contractLast(uTt, data(v)),
            ],
          ];
          if (i === j) {
            const at = (y: Value) => scalarF(...replaced(xs, i, y));
            directional.push(["hessian", () => ad.hessian(scalarF, inner)(...xs), uT]);
            directional.push(["hvp", () => ad.hvp(at)(xs[i], wv), contractLast(uT, data(w))]);
            directional.push([
              "jvp(jvp), one argument",
              () => ad.jvp((y: Value) => ad.jvp(at, [y], [vv])[1], [xs[i]], [wv])[1],
              uVW,
            ]);
          }
          for (const [label, run, expected] of directional) expectClose(run(), expected, label);
        });
      }
    });
  }

  // third order: forward, reverse and mixed nestings agree (batch axes of three transforms at once)
  for (const [name, c] of Object.entries(all)) {
    // the last (most batched) shapes of at most 12 entries an argument: third derivatives grow as n³
    const small = c.shapes.filter((ss) => ss.every((sh) => size(sh) <= 12));
    const shapes = small.length > 0 ? small[small.length - 1] : c.shapes[0];
    it(`${name} ${shapes.map((sh) => `[${sh}]`).join(" ")}: third derivatives agree in every nesting`, () => {
      const xs = shapes.map((sh, k) => sample(ad.rng(77), sh, c.domains[k]));
      const F: Fn = (...ys) => ad.sum(ad.sin(c.f(...ys)));
      const last = xs.length - 1;
      const [fwd, rev] = [ad.jacfwd, ad.jacrev];
      // d/dx_a d/dx_b d/dx_c F: [x_c, x_b, x_a]
      const third = (t: [typeof fwd, typeof fwd, typeof fwd], [a, b, c]: number[]) =>
        t[0](t[1](t[2](F, { argnums: c }), { argnums: b }), { argnums: a })(...xs);
      const reverse = third([rev, rev, rev], [0, last, 0]);
      const orders: [string, Value, Value][] = [
        ["fwd fwd fwd", third([fwd, fwd, fwd], [0, last, 0]), reverse],
        ["fwd rev fwd", third([fwd, rev, fwd], [0, last, 0]), reverse],
        ["rev fwd rev", third([rev, fwd, rev], [0, last, 0]), reverse],
        [
          "jacfwd of hessian",
          ad.jacfwd(ad.hessian(F, { argnums: 0 }), { argnums: last })(...xs),
          third([rev, rev, rev], [last, 0, 0]),
        ],
      ];
      for (const [label, got, expected] of orders) {
        const [g, want] = [data(got), data(expected)];
        expect(g.length, label).toBe(want.length);
        want.forEach((v, r) =>
          expect(Math.abs(g[r] - v), `${label} at ${r}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(v))),
        );
      }
    });
  }
});
