// adlab's benchmark entries compute what the plain baselines compute (small sizes, no timing):
// so the numbers in the benchmark table are for correct code.
import { describe, expect, it } from "vitest";
import { adlab } from "./adlab";
import { assertAgrees } from "./agree";
import { randomMatrix, randomVector, transpose } from "./data";
import { ChainTape, chainDual } from "./plain/chain";
import { matmulNaive, matmulTiled } from "./plain/matmul";
import { jacobianForwardLoop, jacobianReverseLoop } from "./plain/jacobian";
import { mlpForward, mlpForwardBackward } from "./plain/mlp";
import { luFactor, luSolve, solveBackward } from "./plain/lu";
import { svdJacobi, svdBackward, svdBackwardS } from "./plain/svd";
import { LayerChain } from "./plain/layers";

describe("adlab's benchmark entries agree with the plain baselines", () => {
  it("scalar chain, both modes", () => {
    assertAgrees(new ChainTape(401).valueAndDerivative(0.3, 100), adlab.chainReverse!(0.3, 100)(), 1e-12);
    assertAgrees(new ChainTape(401).valueAndDerivative(0.3, 100), adlab.chainReverseTiny!(0.3, 100)(), 1e-12);
    assertAgrees(chainDual(0.3, 100), adlab.chainForward!(0.3, 100)(), 1e-12);
    const [value, derivative] = chainDual(0.3, 100);
    assertAgrees(value, adlab.chainJit!(0.3, 100)(), 1e-12);
    assertAgrees([value, derivative], adlab.chainJitJvp!(0.3, 100)(), 1e-12);
    assertAgrees(derivative, adlab.chainJitGrad!(0.3, 100)(), 1e-12);
    assertAgrees([value, derivative], adlab.chainLoopGrad!(0.3, 100)(), 1e-12);
  });
  it("matmul and the four Jacobian routes", () => {
    const [a, b] = [randomMatrix(7, 5, 1), randomMatrix(5, 9, 2)];
    assertAgrees(matmulNaive(a, b).data, adlab.matmul!(a, b)(), 1e-12);
    const [A, x] = [randomMatrix(6, 4, 3), randomVector(4, 4)];
    for (const entry of [adlab.jacobianReverseLoop!, adlab.jacrev!])
      assertAgrees(jacobianReverseLoop(A, x), entry(A, x)(), 1e-12);
    for (const entry of [adlab.jacobianForwardLoop!, adlab.jacfwd!])
      assertAgrees(jacobianForwardLoop(A), entry(A, x)(), 1e-12);
  });
  it("MLP loss and gradients", () => {
    const params = {
      w1: randomMatrix(12, 8, 5, 0.3),
      b1: randomVector(8, 6),
      w2: randomMatrix(8, 3, 7, 0.3),
      b2: randomVector(3, 8),
    };
    const batch = { x: randomMatrix(5, 12, 9), labels: Int32Array.from([0, 2, 1, 1, 0]) };
    assertAgrees(mlpForward(params, batch), adlab.mlpForward!(params, batch)(), 1e-12);
    assertAgrees(mlpForwardBackward(params, batch), adlab.mlpForwardBackward!(params, batch)(), 1e-10);
  });
  it("solve forward and backward", () => {
    const [a, b, g] = [randomMatrix(6, 6, 10), randomVector(6, 11), randomVector(6, 12)];
    const factors = luFactor(a);
    const x = luSolve(factors, b);
    const [dA, db] = solveBackward(factors, x, g);
    assertAgrees(x, adlab.solveForward!(a, b)(), 1e-10);
    assertAgrees([x, dA, db], adlab.solveForwardBackward!(a, b, g)(), 1e-10);
  });
  it("SVD values, the gradient of their sum and of tr(Uᵀ B V)", () => {
    const [a, b] = [randomMatrix(8, 5, 13), randomMatrix(8, 5, 16)];
    const plain = svdJacobi(a);
    assertAgrees(plain.s, adlab.svdForward!(a)(), 1e-10);
    assertAgrees([plain.s, svdBackwardS(plain, new Float64Array(5).fill(1)).data], adlab.svdBackwardS!(a)(), 1e-10);
    // dL/dU = B V, dL/dV = Bᵀ U
    const ofUV = svdBackward(
      plain,
      matmulTiled(b, plain.v),
      new Float64Array(5),
      matmulTiled(transpose(b), plain.u),
    ).data;
    assertAgrees([plain.s, ofUV], adlab.svdBackwardUV!(a, b)(), 1e-10);
  });
  it("checkpointed and plain layer chains give the gradients of the plain baseline", () => {
    const [w, x0] = [randomMatrix(6, 6, 14, 0.4), randomVector(6, 15)];
    const reference = new LayerChain(w, 12, 0).gradient(x0);
    for (const segment of [0, 4]) assertAgrees(reference, adlab.checkpointChain!(w, x0, 12, segment).run(), 1e-12);
  });
  it("the checkpoint memory figure: one layer's tape per layer without checkpoints, far less per segment with them", () => {
    const [w, x0] = [randomMatrix(6, 6, 14, 0.4), randomVector(6, 15)];
    const peak = (layers: number, segment: number) => {
      const entry = adlab.checkpointChain!(w, x0, layers, segment);
      entry.run();
      const plain = new LayerChain(w, layers, segment);
      plain.gradient(x0);
      expect(entry.peakBytes(), "the tape holds at least the activations").toBeGreaterThanOrEqual(plain.peakBytes);
      return entry.peakBytes();
    };
    const [all12, all24, all36] = [12, 24, 36].map((layers) => peak(layers, 0));
    const perLayer = (all24 - all12) / 12;
    expect(all36 - all24).toBe(all24 - all12); // every layer costs the same
    expect(perLayer).toBeGreaterThan(0);
    const perSegment = (peak(24, 4) - peak(12, 4)) / 3;
    expect(perSegment).toBeGreaterThan(0);
    expect(perSegment).toBeLessThan(perLayer); // a segment of 4 layers keeps less than one layer did
  });
});
