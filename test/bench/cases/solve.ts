/**
 * Case 6: x = A^-1 b for n = 100, 200, 400: forward alone and forward + backward for L = <g, x>,
 * interleaved. The backward pass should reuse the LU factors (two triangular solves and an outer
 * product, O(n^2)), so backward = (forward+backward) - forward should be small against the O(n^3) forward.
 */
import { ADLAB, MS, backwardShare, timeRatio, type BenchCase, type Results } from "../case";
import { randomMatrix, randomVector } from "../data";
import { FULL_BUDGET, QUICK_BUDGET } from "../harness";
import { luFactor, luSolve, solveBackward } from "../plain/lu";
import { array, jaxContestant, type JaxArray } from "../peers/jax";
import { numpyContestant } from "../peers/numpy";
import { absent, fromAdlab, perSize, plain, sameMode, slowAbove } from "./common";

/** A random matrix made diagonally heavier so every size is well conditioned. */
function inputs(n: number) {
  const a = randomMatrix(n, n, 61);
  for (let i = 0; i < n; i++) a.data[i * n + i] += Math.sqrt(n);
  return { a, b: randomVector(n, 62), g: randomVector(n, 63) };
}

const FORWARD = "forward";
const BOTH = "forward+backward";
/** adlab on its JavaScript kernels (the modes' names keep their last word, see `sameMode`). */
const ADLAB_JS = "adlab-js";

/** The plain outputs: x for the forward contestants, [x, dA, db] for the others. */
const expected = perSize((n) => {
  const { a, b, g } = inputs(n);
  const factors = luFactor(a);
  const x = luSolve(factors, b);
  return { [FORWARD]: x, [BOTH]: [x, ...solveBackward(factors, x, g)] };
});

export const solve: BenchCase = {
  id: "6",
  name: "solve",
  title: "solve",
  sizes: (quick: boolean) => (quick ? [100, 200] : [100, 200, 400]),
  sizeLabel: (n: number) => `n=${n}`,
  work: () => 1,
  unit: MS,
  tolerance: { float64: 1e-10, float32: 1e-4 },
  baseline: sameMode("plain"),
  adlab: sameMode(ADLAB),
  async contestants(quick) {
    return [
      plain(`plain ${FORWARD}`, (n) => {
        const { a, b } = inputs(n);
        return { run: () => luSolve(luFactor(a), b), expected: expected(n)[FORWARD] };
      }),
      plain(`plain ${BOTH}`, (n) => {
        const { a, b, g } = inputs(n);
        const run = () => {
          const factors = luFactor(a);
          const x = luSolve(factors, b);
          return [x, ...solveBackward(factors, x, g)];
        };
        return { run, expected: expected(n)[BOTH] };
      }),
      fromAdlab(
        "solveForward",
        (entry, n) => {
          const { a, b } = inputs(n);
          return { run: entry(a, b), expected: expected(n)[FORWARD] };
        },
        `${ADLAB} ${FORWARD}`,
      ),
      fromAdlab(
        "solveForwardBackward",
        (entry, n) => {
          const { a, b, g } = inputs(n);
          return { run: entry(a, b, g), expected: expected(n)[BOTH] };
        },
        `${ADLAB} ${BOTH}`,
      ),
      fromAdlab(
        "solveForward",
        (entry, n) => {
          const { a, b } = inputs(n);
          return { run: entry(a, b), expected: expected(n)[FORWARD] };
        },
        `${ADLAB_JS} ${FORWARD}`,
        "js",
      ),
      fromAdlab(
        "solveForwardBackward",
        (entry, n) => {
          const { a, b, g } = inputs(n);
          return { run: entry(a, b, g), expected: expected(n)[BOTH] };
        },
        `${ADLAB_JS} ${BOTH}`,
        "js",
      ),
      numpyContestant(`numpy ${FORWARD}`, "solve", 1, quick ? QUICK_BUDGET : FULL_BUDGET, (n) => {
        const { a, b } = inputs(n);
        return [a, b];
      }),
      absent("tfjs", "TensorFlow.js has no linear solve (tf.linalg: qr, gramSchmidt, bandPart)"),
      jaxContestant("wasm", FORWARD, "float64", (jax, n) => {
        const { a, b } = inputs(n);
        const [aJ, bJ] = [array(jax, a.data, [n, n]), array(jax, b, [n])];
        return {
          run: () => jax.numpy.linalg.solve(aJ.ref, bJ.ref).dataSync(),
          owned: [aJ, bJ],
          expected: expected(n)[FORWARD],
        };
      }),
      slowAbove(
        200,
        jaxContestant(
          "wasm",
          BOTH,
          "float64",
          (jax, n) => {
            const { a, b, g } = inputs(n);
            const [aJ, bJ, gJ] = [array(jax, a.data, [n, n]), array(jax, b, [n]), array(jax, g, [n])];
            return {
              run() {
                const [x, pullback] = jax.vjp(
                  (m: JaxArray, v: JaxArray) => jax.numpy.linalg.solve(m, v),
                  [aJ.ref, bJ.ref],
                );
                const [dA, db] = pullback(gJ.ref);
                pullback.dispose();
                return [x.dataSync(), dA.dataSync(), db.dataSync()];
              },
              owned: [aJ, bJ, gJ],
              expected: expected(n)[BOTH],
            };
          },
          "vjp",
        ),
      ),
    ];
  },
  targets: [
    ...[0, 1, 2].map((k) => ({
      text: `backward / forward at the ${["smallest", "middle", "largest"][k]} n <= 0.2`,
      measure: (results: Results) => share(results, ADLAB, results.sizes("6")[k]),
      limit: 0.2,
      atMost: true,
    })),
    {
      text: "forward (LU + two triangular solves) on JavaScript kernels / on wasm kernels at n = 400 >= 2.5",
      measure: timeRatio("6", `${ADLAB_JS} ${FORWARD}`, `${ADLAB} ${FORWARD}`, 400),
      limit: 2.5,
      atMost: false,
    },
    {
      text: "forward+backward on JavaScript kernels / on wasm kernels at n = 400 >= 2.5",
      measure: timeRatio("6", `${ADLAB_JS} ${BOTH}`, `${ADLAB} ${BOTH}`, 400),
      limit: 2.5,
      atMost: false,
    },
  ],
  findings: (results: Results) =>
    ["plain", ADLAB, ADLAB_JS, "jax-js-wasm"].flatMap((who) =>
      results.sizes("6").flatMap((n) => {
        const ratio = share(results, who, n);
        return ratio === undefined ? [] : [`case 6 backward / forward, ${who}, n=${n}: ${ratio.toFixed(3)}`];
      }),
    ),
};

/** Backward time over forward time of `who`'s contestants at size n. */
function share(results: Results, who: string, n: number | undefined): number | undefined {
  return backwardShare(results, "6", "6", `${who} ${FORWARD}`, `${who} ${BOTH}`, n);
}
