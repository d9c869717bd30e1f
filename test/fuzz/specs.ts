/**
 * How to call each export of lib/index.ts (and the methods of the objects some return): the
 * kind of each argument, and the call. The fuzz test requires a spec for every export, so a new
 * export is fuzzed as soon as it is added.
 */
import fc from "fast-check";
import * as os from "node:os";
import * as path from "node:path";
import * as ad from "../../lib";
import type { Value } from "../../lib";
import { type Kind, JUNK, kinds, optional, sinSum } from "./kinds";

export interface Spec {
  /** One kind per argument. */
  readonly args: readonly Kind[];
  readonly call: (...args: any[]) => unknown;
  /** Names an error message may use instead of the export's own (default: the export's name). */
  readonly names?: readonly string[];
  /** Only arguments that must be refused are tried (anything else would start Chromium). */
  readonly onlyBad?: boolean;
}

const k = kinds;
const kind = (valid: fc.Arbitrary<unknown>, bad: readonly unknown[], odd: readonly unknown[] = []): Kind => ({
  valid,
  bad,
  odd,
});
const except = (...keep: unknown[]) => JUNK.filter((j) => !keep.includes(j));

const six = kind(
  fc.constant(
    ad.tensor([
      [1, 2, 3],
      [4, 5, 6],
    ]),
  ),
  k.value.bad,
  k.value.odd,
);
const index = kind(fc.constantFrom(0, 1, -1), [...JUNK, 1.5, NaN, 100, [0]]);
const nested = kind(
  fc.constantFrom<unknown>(
    [1, 2],
    [
      [1, 2],
      [3, 4],
    ],
    3,
    new Float64Array([1, 2]),
  ),
  [...except(), [1, "2"], [[1], [2, 3]], [[1, 2], 3], [null]],
  [[NaN], []],
);
const float64 = kind(fc.constant(new Float64Array(6)), [...JUNK, [1, 2, 3, 4, 5, 6], new Float32Array(6)]);
const positiveCount = kind(fc.constantFrom(1, 5), [...JUNK, 0, -1, 1.5, NaN, Infinity]);
const text = kind(fc.constantFrom("step", "loss"), [], [...JUNK]);
const handler = kind(
  fc.constantFrom<unknown>(null, "console", () => undefined),
  except(null, () => 1).filter((j) => typeof j !== "function"),
);
const sink = kind(
  fc.constantFrom<unknown>(null, () => undefined),
  except(null).filter((j) => typeof j !== "function"),
);
const thunk = kind(
  fc.constant(() => ad.log(2)),
  except().filter((j) => typeof j !== "function"),
);
/** A carry or operand: an array or object is a tree the function given must take, so only junk leaves are bad. */
const leafOperand = kind(
  k.value.valid,
  JUNK.filter((j) => !(typeof j === "object" && j !== null && Object.getPrototypeOf(j) === Object.prototype)),
);
const SAME = Symbol("the primal itself");
const tangent = kind(fc.constant(SAME), [...JUNK, { w: 1 }, [1, 2, 3]], [ad.zeros([7])]);
const cotangent = kind(fc.constant(1), [...JUNK, ad.zeros([3]), [1]], [NaN]);
const sinOf = (x: Value) => ad.sin(x);
const vectorFn = kind(
  fc.constantFrom(sinOf, (x: Value) => ad.mul(x, x)),
  k.fn.bad,
);
const bwd = kind(
  fc.constant((g: Value, _out: Value, x: Value) => [ad.mul(g, ad.cos(x))]),
  [
    ...k.fn.bad,
    () => [ad.zeros([7])],
    () => "x",
    () => [1, 2],
    () => [ad.zeros([2, 3, 4])],
    () => [null, null],
    () => ["a"],
  ],
);
const jvpRule = kind(
  fc.constant(([x]: Value[], [dx]: Value[]) => ad.mul(ad.cos(x), dx)),
  [...k.fn.bad, () => ad.zeros([7]), () => "x", () => null, () => [1], () => ad.zeros([2, 3, 4])],
);
const twoInputs = kind(
  fc.constant((w1: Value, w2: Value) => ad.add(ad.mul(w1, w2), ad.sin(w1))),
  k.fn.bad,
);
const inputs = kind(fc.constantFrom({ w1: 2, w2: 3 }), [
  ...JUNK,
  { w1: "2", w2: 3 },
  {},
  { w1: ad.tensor([1]), w2: 3 },
  [2, 3],
]);
const traceOptions = kind(fc.constantFrom(undefined, { wrt: "w2" }, { output: "y" }), [
  ...k.options.bad,
  { wrt: "w9" },
  { wrt: 1 },
  { output: 3 },
]);
const fdOptions = kind(fc.constantFrom(undefined, {}, { method: "forward" }, { step: 1e-4 }), [
  ...k.options.bad,
  { step: Infinity },
  { step: NaN },
  { step: 0 },
  { step: "1" },
  { method: "x" },
]);
const checkArgs = kind(fc.constantFrom([0.3], [ad.tensor([0.2, 0.5])]), [...JUNK, [null], [[1, 2]], ["a"], 0.3]);
const checkOptions = kind(fc.constantFrom(undefined, { order: 1 }, { modes: ["rev"] }), [
  ...k.options.bad,
  { order: 3 },
  { modes: ["x"] },
  { modes: "fwd" },
  { rtol: "1" },
  { seed: 1.5 },
]);
const timeitOptions = kind(fc.constantFrom(undefined, { samples: 3, minSampleMs: 0 }, { warmup: 1, samples: 1 }), [
  ...k.options.bad,
  { samples: 0 },
  { samples: 1.5 },
  { warmup: 0 },
  { minSampleMs: NaN },
  { minSampleMs: "1" },
]);
const recordPullback = kind(
  fc.constant(() => {
    const [, pull] = ad.vjp(ad.sin, 0.3);
    return () => pull(1);
  }),
  [...except().filter((j) => typeof j !== "function"), () => 3],
);
const pullbackOptions = kind(fc.constantFrom(undefined, { samples: 2, minSampleMs: 0 }), [
  ...k.options.bad,
  { samples: 0 },
  { samples: 1.5 },
  { minSampleMs: NaN },
  { minSampleMs: "1" },
]);
const tinyExperiment: ad.Experiment = {
  name: "tiny",
  title: "Tiny",
  columns: ["x", "y"],
  seriesNames: ["y"],
  layout: {},
  run: (options) => {
    options?.onPoint?.(0, 1, 1, 1, 1);
    return { series: [{ name: "y", x: [1], y: [1] }], findings: {} };
  },
};
const experiment = kind(fc.constant(tinyExperiment), [
  ...JUNK,
  {},
  { ...tinyExperiment, run: 1 },
  { ...tinyExperiment, columns: "x" },
  { ...tinyExperiment, name: 3 },
  { ...tinyExperiment, seriesNames: [1] },
]);
const liveRunOptions = kind(fc.constantFrom(undefined, {}, { quick: true }), [...k.options.bad, { quick: 1 }]);
const sweepResult = kind(fc.constant({ series: [{ name: "y", x: [1], y: [1] }], findings: {} }), [
  ...JUNK,
  {},
  { series: "x" },
  { series: [{ name: 1, x: [], y: [] }] },
  { series: [{ name: "y", x: [1, 2], y: [1] }] },
]);
const series = kind(fc.constant([1, 2, 4]), [...JUNK, [1, 2], [1, NaN, 3], [1, Infinity, 3], [1, "2", 3]]);
const positives = kind(series.valid, [...series.bad, [0, 1, 2], [-1, 2, 3]]);
const jacOptions = kind(fc.constantFrom(undefined, {}, { batched: false }), [
  ...k.options.bad,
  { argnums: 1.5 },
  { argnums: 3 },
  { batched: 1 },
  { argnums: "0" },
]);

// display
const traces = kind(fc.constantFrom<unknown>([{ x: [1, 2], y: [3, 4] }], [{ y: ad.tensor([1, 2, 3]), name: "t" }]), [
  ...JUNK,
  [null],
  [{ x: [1, 2], y: [1] }],
  [{}],
  [{ y: [] }],
  [{ y: "abc" }],
  [{ y: ad.zeros([2, 2]) }],
  [1],
]);
const layout = kind(fc.constantFrom<unknown>(undefined, {}, { title: "t", xaxis: { title: "x", type: "log" } }), [
  ...k.options.bad,
  { title: 3 },
  { xaxis: 1 },
]);
// an empty trace is refused by figure() but drawn by live plots, which start empty
const aFigure = kind(
  fc.constant(ad.figure([{ x: [1, 2], y: [3, 4] }])),
  [...JUNK, { data: null, layout: {} }, { data: [], layout: 1 }, [1], { data: [1], layout: {} }],
  [{ data: [{ y: [] }], layout: {} }],
);
const showOptions = kind(fc.constantFrom(undefined, {}, { height: 300 }), [
  ...k.options.bad,
  { height: "big" },
  { height: -1 },
]);
const lines = kind(
  fc.constantFrom<unknown>([{ name: "a", x: [1, 2], y: [3, 4] }], [{ x: ad.tensor([1, 2]), y: ad.tensor([1, 4]) }]),
  [...JUNK, [null], [{ x: [1], y: [1, 2] }], [{ x: "ab", y: [1, 2] }], [{ y: [1] }], [1]],
);
const lineOptions = kind(fc.constantFrom(undefined, { logX: true, title: "t" }), [
  ...k.options.bad,
  { logX: "yes" },
  { title: 1 },
]);
const liveTraces = kind(
  fc.constantFrom<unknown>(undefined, [{ name: "train" }], [{ x: [1], y: [2] }]),
  [...except(undefined), [null], [{ x: [1, 2], y: [1] }], [{ y: "abc" }], [1]],
  [[{}]],
);
const liveOptions = kind(fc.constantFrom(undefined, { intervalMs: 0 }), [
  ...k.options.bad,
  { intervalMs: -1 },
  { intervalMs: "1" },
  { height: "x" },
]);
const scalarTrace = kind(fc.constant(ad.traceScalar((a, b) => ad.mul(ad.sin(a), b), { w1: 1, w2: 2 })), [
  ...JUNK,
  { nodes: null },
  { nodes: [], output: "L" },
  { nodes: [1], output: "L" },
  [1],
]);
const mode = kind(fc.constantFrom("forward", "reverse"), [...JUNK, "sideways", 1]);
/** The function scalarTrace was made from (the program helpers need both), or one with other steps. */
const tracedFn = kind(
  fc.constant((a: Value, b: Value) => ad.mul(ad.sin(a), b)),
  [...k.fn.bad, (a: Value, b: Value) => ad.add(a, b), (a: Value) => ad.cos(a), () => 1],
);
const graphOptions = kind(fc.constantFrom(undefined, {}, { maxNodes: 50 }), [
  ...k.options.bad,
  { maxNodes: -1 },
  { maxNodes: "9" },
]);
const items = kind(fc.constantFrom<unknown>([ad.figure([{ y: [1, 2] }]), "<b>x</b>"]), [
  ...JUNK,
  [null],
  [1],
  [{ data: 1 }],
]);
/** Where writeHtml writes while fuzzed (the test removes it). */
export const PAGE_FOLDER = path.join(os.tmpdir(), `adlab-fuzz-${process.pid}`);
const file = kind(fc.constant(path.join(PAGE_FOLDER, "page.html")), [
  ...JUNK.filter((j) => typeof j !== "string"),
  "",
  1,
]);
const pageOptions = kind(fc.constantFrom(undefined, { title: "t", plotly: "beside" }), [
  ...k.options.bad,
  { plotly: "cdn" },
  { title: 1 },
]);
const imageOptions = kind(fc.constantFrom(undefined, {}), [...k.options.bad, { format: "gif" }, { width: "x" }]);
const traceIndex = kind(fc.constant(0), [...JUNK, 5, -1, 1.5]);
const points = kind(
  fc.constantFrom<unknown>(1, [1, 2], ad.tensor([1, 2])),
  [...JUNK, [[1]], [{}]],
  [NaN, [NaN], ["a"], [null]],
);

const unary = (f: (x: Value) => Value): Spec => ({ args: [k.value], call: f });
const binary = (f: (x: Value, y: Value) => Value): Spec => ({ args: [k.value, k.value], call: f });
const matrixOp = (f: (a: Value) => unknown): Spec => ({ args: [k.matrix], call: f });

export const specs: Record<string, Spec> = {
  // values
  Tensor: {
    args: [float64, kind(fc.constantFrom([2, 3], [6], [3, 1, 2]), k.shape.bad, [[5], [0]])],
    call: (d, s) => new ad.Tensor(d, s),
  },
  isTensor: { args: [k.any], call: ad.isTensor },
  tensor: {
    args: [nested, kind(fc.constant(undefined), [...except(undefined), [7], [1.5]], [[2, 1], [4]])],
    call: ad.tensor,
  },
  zeros: { args: [k.shape], call: ad.zeros },
  ones: { args: [k.shape], call: ad.ones },
  full: { args: [k.shape, k.number], call: ad.full },
  eye: { args: [k.count, kind(fc.constantFrom(undefined, 2), [...except(undefined), -1, 1.5])], call: ad.eye },
  arange: {
    args: [k.number, optional(k.number), kind(fc.constantFrom(undefined, 0.5), [...except(undefined), 0], [NaN])],
    call: (a, b, c) => ad.arange(a, b, c),
  },
  linspace: { args: [k.number, k.number, k.count], call: ad.linspace },
  scalar: { args: [k.number], call: ad.scalar },
  Rng: { args: [k.seed], call: (s) => new ad.Rng(s) },
  rng: { args: [k.seed], call: ad.rng },
  randn: { args: [k.shape, k.seed], call: ad.randn },
  rand: { args: [k.shape, k.seed, optional(k.number), optional(k.number)], call: ad.rand },
  "Rng.randn": { args: [k.shape], call: (s) => ad.rng(1).randn(s), names: ["randn"] },
  "Rng.rand": {
    args: [k.shape, optional(k.number), optional(k.number)],
    call: (s, lo, hi) => ad.rng(1).rand(s, lo, hi),
    names: ["rand"],
  },
  "Rng.int": { args: [positiveCount], call: (n) => ad.rng(1).int(n), names: ["int"] },
  "Tensor.item": {
    args: [k.value],
    call: (t) => (t instanceof ad.Tensor ? t.item() : ad.scalar(t).item()),
    names: ["item", "scalar"],
  },
  ShapeError: { args: [k.any], call: (m) => new ad.ShapeError(m) },
  DomainError: { args: [k.any], call: (m) => new ad.DomainError(m) },
  GradCheckError: { args: [k.any], call: (m) => new ad.GradCheckError(m) },
  // engines, switches and checks
  dual: { args: [k.value, k.value], call: (p, t) => ad.mul(ad.dual(p, t), 2), names: ["dual", "mul"] },
  setDebugNans: { args: [k.bool], call: (on) => (ad.setDebugNans(on), ad.setDebugNans(false)) },
  withDebugNans: { args: [thunk], call: ad.withDebugNans, names: ["withDebugNans", "log"] },
  setFastPaths: { args: [k.bool], call: (on) => (ad.setFastPaths(on), ad.setFastPaths(true)) },
  withReferencePath: { args: [thunk], call: ad.withReferencePath, names: ["withReferencePath", "log"] },
  setWarningHandler: { args: [handler], call: (h) => ad.setWarningHandler(ad.setWarningHandler(h)) },
  stopGradient: unary(ad.stopGradient),
  primal: { args: [k.any], call: ad.primal },
  tapeMemory: { args: [], call: ad.tapeMemory },
  resetTapeMemory: { args: [], call: ad.resetTapeMemory },
  primitives: { args: [], call: ad.primitives },
  traceScalar: { args: [twoInputs, inputs, traceOptions], call: ad.traceScalar },
  // elementwise
  add: binary(ad.add),
  sub: binary(ad.sub),
  mul: binary(ad.mul),
  div: binary(ad.div),
  pow: binary(ad.pow),
  maximum: binary(ad.maximum),
  minimum: binary(ad.minimum),
  gt: binary(ad.gt),
  ge: binary(ad.ge),
  lt: binary(ad.lt),
  le: binary(ad.le),
  eq: binary(ad.eq),
  neg: unary(ad.neg),
  exp: unary(ad.exp),
  log: unary(ad.log),
  log1p: unary(ad.log1p),
  expm1: unary(ad.expm1),
  sqrt: unary(ad.sqrt),
  sin: unary(ad.sin),
  cos: unary(ad.cos),
  tanh: unary(ad.tanh),
  abs: unary(ad.abs),
  sign: unary(ad.sign),
  // reductions and shapes
  sum: { args: [k.value, k.axes, optional(k.bool)], call: ad.sum },
  max: { args: [k.value, k.axes, optional(k.bool)], call: ad.max },
  mean: { args: [k.value, k.axes, optional(k.bool)], call: ad.mean },
  reshape: { args: [six, k.newShape], call: ad.reshape },
  transpose: { args: [six, k.perm], call: ad.transpose },
  broadcastTo: {
    args: [
      k.vector,
      kind(fc.constantFrom([2, 3], [3]), k.shape.bad, [
        [3, 2],
        [0, 3],
      ]),
    ],
    call: ad.broadcastTo,
  },
  slice: { args: [six, k.sliceIndex], call: ad.slice },
  getItem: { args: [six, index, index], call: ad.getItem },
  concat: { args: [k.values, k.axis], call: ad.concat },
  stack: { args: [k.values, k.axis], call: ad.stack },
  unstack: { args: [six, k.axis], call: ad.unstack },
  take: { args: [k.vector, k.indices, k.axis], call: ad.take },
  where: { args: [k.value, k.value, k.value], call: ad.where },
  // products and linear algebra
  matmul: { args: [k.matrix, k.vector], call: ad.matmul },
  dot: { args: [k.vector, k.vector], call: ad.dot },
  solve: { args: [k.matrix, k.vector], call: ad.solve },
  inv: matrixOp(ad.inv),
  det: matrixOp(ad.det),
  slogdet: matrixOp(ad.slogdet),
  svd: matrixOp(ad.svd),
  cholesky: matrixOp(ad.cholesky),
  eigh: matrixOp(ad.eigh),
  // derived
  sigmoid: unary(ad.sigmoid),
  relu: unary(ad.relu),
  square: unary(ad.square),
  norm: unary(ad.norm),
  logsumexp: { args: [k.value, k.axes, optional(k.bool)], call: ad.logsumexp },
  softmax: { args: [k.value, k.axes], call: ad.softmax },
  logSoftmax: { args: [k.value, k.axes], call: ad.logSoftmax },
  // transforms
  grad: { args: [k.treeFn, k.argnums, k.tree], call: (f, n, x) => ad.grad(f, n)(x) },
  valueAndGrad: { args: [k.treeFn, k.argnums, k.tree], call: (f, n, x) => ad.valueAndGrad(f, n)(x) },
  vjp: { args: [k.treeFn, k.tree, cotangent], call: (f, x, ct) => ad.vjp(f, x)[1](ct), names: ["vjp", "pullback"] },
  jvp: { args: [k.treeFn, k.tree, tangent], call: (f, x, t) => ad.jvp(f, [x], [t === SAME ? x : t]) },
  hvp: { args: [k.treeFn, k.tree, tangent], call: (f, x, t) => ad.hvp(f)(x, t === SAME ? x : t) },
  jacfwd: { args: [vectorFn, jacOptions, k.value], call: (f, o, x) => ad.jacfwd(f, o)(x) },
  jacrev: { args: [vectorFn, jacOptions, k.value], call: (f, o, x) => ad.jacrev(f, o)(x) },
  jacobian: {
    args: [
      vectorFn,
      kind(
        fc.constantFrom(undefined, {}),
        jacOptions.bad.filter((o) => !(o && typeof o === "object" && "batched" in o)),
      ),
      k.value,
    ],
    call: (f, o, x) => ad.jacobian(f, o)(x),
  },
  hessian: {
    args: [k.fn, kind(fc.constantFrom(undefined, {}), [...k.options.bad, { argnums: 2 }]), k.value],
    call: (f, o, x) => ad.hessian(f, o)(x),
  },
  customVjp: {
    args: [vectorFn, bwd, k.value],
    call: (f, b, x) => ad.grad((v: Value) => ad.sum(ad.customVjp(f, b)(v)))(x),
    names: ["customVjp", "grad"],
  },
  customJvp: {
    args: [vectorFn, jvpRule, k.value],
    call: (f, r, x) => ad.jvp(ad.customJvp(f, r), [x], [x]),
    names: ["customJvp", "jvp"],
  },
  checkpoint: {
    args: [vectorFn, k.value],
    call: (f, x) => ad.grad((v: Value) => ad.sum(ad.checkpoint(f)(v)))(x),
    names: ["checkpoint", "grad"],
  },
  // jit
  jit: { args: [k.treeFn, k.tree], call: (f, x) => ad.jit(f)(x) },
  jitSource: { args: [k.treeFn, k.tree], call: (f, x) => ad.jitSource(f)(x) },
  makeProgram: { args: [k.treeFn, k.tree], call: (f, x) => ad.makeProgram(f)(x) },
  evalProgram: {
    args: [
      kind(fc.constant(ad.makeProgram(sinOf)(ad.zeros([2]))), [...JUNK, {}, { inputs: [] }]),
      kind(fc.constant([ad.tensor([1, 2])]), [...JUNK, [], [1], [ad.zeros([3])], ["a"], [null]]),
    ],
    call: ad.evalProgram,
  },
  foriLoop: {
    args: [
      kind(fc.constantFrom(0, 2), [...JUNK, 0.5, NaN]),
      kind(fc.constantFrom(3, 5), [...JUNK, 1.5, Infinity]),
      kind(
        fc.constant((_i: Value, x: Value) => ad.sin(x)),
        [...k.fn.bad, () => "x", () => ad.zeros([7]), (i: Value) => (i as number) + 1],
      ),
      leafOperand,
    ],
    call: ad.foriLoop,
  },
  scan: {
    args: [
      kind(
        fc.constant((c: Value, x: Value) => [ad.sin(c), x]),
        [...k.fn.bad, () => 1, () => [1], (c: Value) => [ad.zeros([7]), c], (c: Value) => [c, "x"]],
      ),
      leafOperand,
      kind(fc.constantFrom<unknown>(ad.tensor([1, 2, 3]), [ad.zeros([2, 2])]), [
        ...JUNK,
        3,
        [ad.zeros([2]), ad.zeros([3])],
      ]),
      kind(fc.constantFrom<unknown>(undefined, {}, { reverse: true }), [null, "1", 1n, { steps: 1 }, { length: 1.5 }]),
    ],
    call: ad.scan,
  },
  cond: {
    args: [
      kind(fc.constantFrom(0, 1), [...JUNK, ad.zeros([2])]),
      kind(fc.constant(sinOf), k.fn.bad),
      kind(fc.constant(sinOf), k.fn.bad),
      leafOperand,
    ],
    call: ad.cond,
  },
  ConcretizationError: { args: [k.any], call: (m) => new ad.ConcretizationError(m) },
  fd: { args: [k.fn, k.value, fdOptions], call: ad.fd },
  checkGrads: { args: [kind(fc.constant(sinOf), k.fn.bad), checkArgs, checkOptions], call: ad.checkGrads },
  // measuring
  timeit: { args: [thunk, timeitOptions], call: ad.timeit },
  logLogSlope: { args: [positives, positives], call: ad.logLogSlope },
  crossover: { args: [series, series, series], call: ad.crossover },
  toNumber: {
    args: [
      kind(fc.constantFrom<unknown>(2, ad.tensor([3]), ad.tensor([[4]])), [...JUNK, ad.tensor([1, 2]), ad.zeros([0])]),
    ],
    call: ad.toNumber,
  },
  timePullback: { args: [recordPullback, pullbackOptions], call: ad.timePullback },
  // the series' experiments
  runLive: { args: [experiment, liveRunOptions], call: ad.runLive },
  sweepFigure: { args: [experiment, sweepResult], call: ad.sweepFigure },
  // display
  figure: { args: [traces, layout], call: ad.figure },
  checkFigure: { args: [aFigure], call: ad.checkFigure },
  figureSummary: { args: [aFigure], call: ad.figureSummary },
  figureBundle: { args: [aFigure, showOptions], call: ad.figureBundle },
  figureHtml: { args: [aFigure, showOptions], call: ad.figureHtml },
  renderFigureImage: { args: [aFigure, imageOptions], call: ad.renderFigureImage, onlyBad: true },
  plot: { args: [traces, layout, showOptions], call: ad.plot },
  showFigure: { args: [aFigure, showOptions], call: ad.showFigure },
  showFigureWithImage: { args: [aFigure, imageOptions], call: ad.showFigureWithImage, onlyBad: true },
  lineFigure: { args: [lines, lineOptions], call: ad.lineFigure },
  linePlot: { args: [lines, lineOptions], call: ad.linePlot },
  LivePlot: {
    args: [layout, liveTraces, liveOptions],
    call: (l, t, o) => new ad.LivePlot(l, t, o).close(),
    names: ["livePlot"],
  },
  livePlot: { args: [layout, liveTraces, liveOptions], call: (l, t, o) => ad.livePlot(l, t, o).close() },
  "LivePlot.extend": {
    args: [traceIndex, points, points],
    call: (i, x, y) => ad.livePlot({}, [{ name: "loss" }], { intervalMs: 0 }).extend(i, x, y),
    names: ["livePlot"],
  },
  "LivePlot.addTrace": {
    args: [
      kind(fc.constantFrom(undefined, {}, { name: "a" }, { x: [1], y: [2] }), [
        ...except(undefined).filter((j) => !(j && Object.getPrototypeOf(j) === Object.prototype)),
        { x: [1], y: [] },
        { y: "ab" },
      ]),
    ],
    call: (t) => ad.livePlot({}, [], { intervalMs: 0 }).addTrace(t),
    names: ["livePlot"],
  },
  Progress: {
    args: [positiveCount, text, kind(fc.constantFrom(undefined, {}), k.options.bad)],
    call: (n, l, o) => new ad.Progress(n, l, o),
    names: ["progress"],
  },
  progress: { args: [positiveCount, text, kind(fc.constantFrom(undefined, {}), k.options.bad)], call: ad.progress },
  "Progress.tick": {
    args: [kind(fc.constantFrom(undefined, 1), [...except(undefined), -1, 1.5, NaN])],
    call: (n) => ad.progress(5, "p").tick(n),
    names: ["progress"],
  },
  forwardTable: { args: [scalarTrace], call: ad.forwardTable },
  reverseTable: { args: [scalarTrace], call: ad.reverseTable },
  showSteps: { args: [scalarTrace, mode], call: ad.showSteps },
  adjointSource: { args: [tracedFn, scalarTrace], call: ad.adjointSource },
  tangentSource: { args: [tracedFn, scalarTrace], call: ad.tangentSource },
  graphDot: { args: [scalarTrace, graphOptions], call: ad.graphDot },
  graphSummary: { args: [scalarTrace], call: ad.graphSummary },
  graphSvg: { args: [scalarTrace, graphOptions], call: ad.graphSvg },
  showGraph: { args: [scalarTrace, graphOptions], call: ad.showGraph },
  GraphTooLargeError: { args: [k.any, k.any, k.any], call: (a, b, c) => new ad.GraphTooLargeError(a, b, c) },
  writeHtml: { args: [file, items, pageOptions], call: ad.writeHtml },
  setDisplaySink: { args: [sink], call: (s) => (ad.setDisplaySink(s), ad.setDisplaySink(() => undefined)) },
};

/**
 * Exports that are not functions to call. `exercises` is the namespace of the notebooks' checks;
 * they take students' answers, wrong ones on purpose, and test/exercises/ tests them.
 * `experiments` holds the series' sweeps: test/experiments/ runs each, and each refuses bad options.
 */
export const constants = new Set(["version", "DEFAULT_MAX_GRAPH_NODES", "exercises", "experiments"]);

export { sinSum, SAME };
