/**
 * adlab's contestants for the benchmark cases, one entry per case (see `AdlabEntries` for the
 * signatures and what each returns). Inputs are converted to tensors outside the timed closures.
 */
import * as ad from "../../lib";
import type { Value } from "../../lib";
import type { AdlabEntries, Matrix } from "./contract";

const tensorOf = (m: Matrix) => new ad.Tensor(m.data, [m.rows, m.cols]);
const vectorOf = (v: Float64Array) => new ad.Tensor(v, [v.length]);
const dataOf = (v: Value) => (v as ad.Tensor).data;

function chain(x: Value, steps: number): Value {
  for (let i = 0; i < steps; i++) x = ad.add(ad.mul(ad.sin(x), 1.0001), ad.mul(0.5, x));
  return x;
}

/** The same chain as one foriLoop primitive: traced once, compiled by jit (issue 14). */
const loopChain = (steps: number) => (x: Value) =>
  ad.foriLoop(0, steps, (_i, y: Value) => ad.add(ad.mul(ad.sin(y), 1.0001), ad.mul(0.5, y)), x);

function mlpLoss(x: ad.Tensor, onehot: ad.Tensor) {
  return ([w1, b1, w2, b2]: Value[]) => {
    const hidden = ad.tanh(ad.add(ad.matmul(x, w1), b1));
    const logits = ad.add(ad.matmul(hidden, w2), b2);
    return ad.neg(ad.div(ad.sum(ad.mul(onehot, ad.logSoftmax(logits))), x.shape[0]));
  };
}

function mlpInputs(
  params: Parameters<NonNullable<AdlabEntries["mlpForward"]>>[0],
  batch: Parameters<NonNullable<AdlabEntries["mlpForward"]>>[1],
) {
  const x = tensorOf(batch.x);
  const classes = params.b2.length;
  const onehot = ad.zeros([batch.x.rows, classes]);
  batch.labels.forEach((c, i) => (onehot.data[i * classes + c] = 1));
  const p = [tensorOf(params.w1), vectorOf(params.b1), tensorOf(params.w2), vectorOf(params.b2)];
  return { loss: mlpLoss(x, onehot), p };
}

export const adlab: AdlabEntries = {
  chainReverse: (x0, steps) => () => ad.valueAndGrad((x: Value) => chain(x, steps))(x0) as [number, number],
  chainReverseTiny: (x0, steps) => {
    const x = ad.tensor([x0, x0]);
    return () => {
      const [value, gradient] = ad.valueAndGrad((v: Value) => ad.sum(chain(v, steps)))(x);
      return [(value as number) / 2, dataOf(gradient)[0]];
    };
  },
  chainForward: (x0, steps) => () => ad.jvp((x: Value) => chain(x, steps), [x0], [1]) as [number, number],
  chainJit: (x0, steps) => {
    const f = ad.jit(loopChain(steps));
    return () => f(x0) as number;
  },
  chainJitJvp: (x0, steps) => {
    const f = ad.jit((x: Value) => ad.jvp(loopChain(steps), [x], [1]));
    return () => f(x0) as [number, number];
  },
  chainJitGrad: (x0, steps) => {
    const f = ad.jit(ad.grad(loopChain(steps)));
    return () => f(x0) as number;
  },
  chainLoopGrad: (x0, steps) => () => ad.valueAndGrad(loopChain(steps))(x0) as [number, number],
  matmul: (a, b) => {
    const [ta, tb] = [tensorOf(a), tensorOf(b)];
    return () => dataOf(ad.matmul(ta, tb));
  },
  jacobianReverseLoop: (a, x) => {
    const [A, v] = [tensorOf(a), vectorOf(x)];
    return () => dataOf(ad.jacrev((u: Value) => ad.matmul(A, u), { batched: false })(v));
  },
  jacobianForwardLoop: (a, x) => {
    const [A, v] = [tensorOf(a), vectorOf(x)];
    return () => dataOf(ad.jacfwd((u: Value) => ad.matmul(A, u), { batched: false })(v));
  },
  jacrev: (a, x) => {
    const [A, v] = [tensorOf(a), vectorOf(x)];
    return () => dataOf(ad.jacrev((u: Value) => ad.matmul(A, u))(v));
  },
  jacfwd: (a, x) => {
    const [A, v] = [tensorOf(a), vectorOf(x)];
    return () => dataOf(ad.jacfwd((u: Value) => ad.matmul(A, u))(v));
  },
  mlpForward: (params, batch) => {
    const { loss, p } = mlpInputs(params, batch);
    return () => [loss(p) as number];
  },
  mlpForwardBackward: (params, batch) => {
    const { loss, p } = mlpInputs(params, batch);
    return () => {
      const [value, grads] = ad.valueAndGrad(loss)(p) as [number, Value[]];
      return [value, ...grads.map(dataOf)];
    };
  },
  solveForward: (a, b) => {
    const [A, B] = [tensorOf(a), vectorOf(b)];
    return () => dataOf(ad.solve(A, B));
  },
  solveForwardBackward: (a, b, g) => {
    const [A, B, G] = [tensorOf(a), vectorOf(b), vectorOf(g)];
    return () => {
      const [x, pullback] = ad.vjp((m: Value, v: Value) => ad.solve(m, v), A, B);
      const [gA, gb] = pullback(G) as Value[];
      return [dataOf(x), dataOf(gA), dataOf(gb)];
    };
  },
  svdForward: (a) => {
    const A = tensorOf(a);
    return () => dataOf(ad.svd(A).S);
  },
  svdBackwardS: (a) => {
    const A = tensorOf(a);
    return () => {
      const [S, pullback] = ad.vjp((m: Value) => ad.svd(m).S, A);
      return [dataOf(S), dataOf(pullback(ad.ones((S as ad.Tensor).shape))[0])];
    };
  },
  svdBackwardUV: (a, b) => {
    const [A, B] = [tensorOf(a), tensorOf(b)];
    // L = trace(Uᵀ B V), returned with S so one recording gives both
    const lossAndS = (m: Value) => {
      const { U, S, V } = ad.svd(m);
      return [ad.sum(ad.mul(U, ad.matmul(B, V))), S];
    };
    return () => {
      const [[, S], pullback] = ad.vjp(lossAndS, A) as [[number, ad.Tensor], (ct: unknown) => Value[]];
      return [dataOf(S), dataOf(pullback([1, ad.zeros(S.shape)])[0])];
    };
  },
  checkpointChain: (w, x0, layers, segment) => {
    const [W, x] = [tensorOf(w), vectorOf(x0)];
    const layer = (v: Value, m: Value) => ad.tanh(ad.matmul(m, v));
    const block = (v: Value, m: Value) => {
      for (let i = 0; i < segment; i++) v = layer(v, m);
      return v;
    };
    const saved = ad.checkpoint(block);
    const loss = (v: Value, m: Value) => {
      if (segment === 0) for (let i = 0; i < layers; i++) v = layer(v, m);
      else for (let i = 0; i < layers; i += segment) v = saved(v, m);
      return ad.sum(v);
    };
    let peak = 0;
    return {
      run: () => {
        ad.resetTapeMemory();
        const base = ad.tapeMemory().live;
        const [gx, gW] = ad.grad(loss, [0, 1])(x, W) as Value[];
        peak = ad.tapeMemory().peak - base;
        return [dataOf(gx), dataOf(gW)];
      },
      peakBytes: () => peak,
    };
  },
};
