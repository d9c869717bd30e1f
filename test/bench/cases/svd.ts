/**
 * Case 7: thin SVD of a 200 x 100 matrix, interleaved: forward (singular values compared: U and V
 * are defined up to joint signs), forward + backward of L(S) = sum(S), and of
 * L(U,V) = trace(U^T B V) (invariant to those signs). A backward pass costs the difference.
 */
import { ADLAB, MS, backwardShare, type BenchCase, type Results } from "../case";
import { randomMatrix, transpose } from "../data";
import { matmulTiled } from "../plain/matmul";
import { svdBackward, svdBackwardS, svdJacobi, type Svd } from "../plain/svd";
import type { Matrix, Output } from "../contract";
import { FULL_BUDGET, QUICK_BUDGET } from "../harness";
import { array, jaxContestant } from "../peers/jax";
import { numpyContestant } from "../peers/numpy";
import { absent, fromAdlab, perSize, plain, sameMode } from "./common";

const [ROWS, COLS] = [200, 100];
const inputs = () => ({ a: randomMatrix(ROWS, COLS, 71), b: randomMatrix(ROWS, COLS, 72) });

const [FORWARD, OF_S, OF_UV] = ["forward", "L(S)", "L(U,V)"];

/** The plain outputs: S (forward), [S, dA] for L = sum(S), [S, dA] for L = tr(U^T B V). */
const expected = perSize(() => {
  const { a, b } = inputs();
  const factors = svdJacobi(a);
  return { [FORWARD]: factors.s, [OF_S]: backwardOfS(factors), [OF_UV]: backwardOfUV(factors, b) };
});

function backwardOfS(factors: Svd): Output {
  return [factors.s, svdBackwardS(factors, new Float64Array(COLS).fill(1)).data];
}

function backwardOfUV(factors: Svd, b: Matrix): Output {
  // dL/dU = B V, dL/dV = B^T U, dL/dS = 0
  const gU = matmulTiled(b, factors.v);
  const gV = matmulTiled(transpose(b), factors.u);
  return [factors.s, svdBackward(factors, gU, new Float64Array(COLS), gV).data];
}

export const svd: BenchCase = {
  id: "7",
  name: "svd",
  title: "SVD",
  sizes: () => [ROWS],
  sizeLabel: () => `${ROWS}x${COLS}`,
  work: () => 1,
  unit: MS,
  tolerance: { float64: 1e-9, float32: 1e-4 },
  baseline: sameMode("plain"),
  adlab: sameMode(ADLAB),
  async contestants(quick) {
    const { a, b } = inputs();
    return [
      plain(`plain ${FORWARD}`, () => ({ run: () => svdJacobi(a).s, expected: expected(ROWS)[FORWARD] })),
      plain(`plain ${OF_S}`, () => ({ run: () => backwardOfS(svdJacobi(a)), expected: expected(ROWS)[OF_S] })),
      plain(`plain ${OF_UV}`, () => ({ run: () => backwardOfUV(svdJacobi(a), b), expected: expected(ROWS)[OF_UV] })),
      fromAdlab("svdForward", (entry) => ({ run: entry(a), expected: expected(ROWS)[FORWARD] }), `${ADLAB} ${FORWARD}`),
      fromAdlab("svdBackwardS", (entry) => ({ run: entry(a), expected: expected(ROWS)[OF_S] }), `${ADLAB} ${OF_S}`),
      fromAdlab(
        "svdBackwardUV",
        (entry) => ({ run: entry(a, b), expected: expected(ROWS)[OF_UV] }),
        `${ADLAB} ${OF_UV}`,
      ),
      fromAdlab(
        "svdForward",
        (entry) => ({ run: entry(a), expected: expected(ROWS)[FORWARD] }),
        `adlab-js ${FORWARD}`,
        "js",
      ),
      numpyContestant(`numpy ${FORWARD}`, "svd", 1, quick ? QUICK_BUDGET : FULL_BUDGET, () => [a]),
      absent("tfjs", "TensorFlow.js has no SVD"),
      jaxContestant("wasm", FORWARD, "float64", (jax) => {
        const aJ = array(jax, a.data, [ROWS, COLS]);
        return {
          run: () => jax.numpy.linalg.svdvals(aJ.ref).dataSync(),
          owned: [aJ],
          expected: expected(ROWS)[FORWARD],
        };
      }),
      absent(
        "jax-js-wasm L(S), L(U,V)",
        'jax-js 0.1.25 has no derivative of svd ("JVP rule not implemented for jacobi_eigh")',
      ),
    ];
  },
  targets: [
    {
      text: "backward of L(S) / forward <= 0.2",
      measure: (r) => backwardShare(r, "7", "7", `${ADLAB} ${FORWARD}`, `${ADLAB} ${OF_S}`, ROWS),
      limit: 0.2,
      atMost: true,
    },
    {
      text: "backward of L(U, V) / forward <= 1",
      measure: (r) => backwardShare(r, "7", "7", `${ADLAB} ${FORWARD}`, `${ADLAB} ${OF_UV}`, ROWS),
      limit: 1,
      atMost: true,
    },
  ],
  findings: (results: Results) =>
    ["plain", ADLAB].flatMap((who) => {
      const [s, uv] = [OF_S, OF_UV].map((mode) =>
        backwardShare(results, "7", "7", `${who} ${FORWARD}`, `${who} ${mode}`, ROWS),
      );
      return s === undefined || uv === undefined
        ? []
        : [`case 7 backward / forward, ${who}: L(S) ${s.toFixed(3)}, L(U,V) ${uv.toFixed(3)}`];
    }),
};
