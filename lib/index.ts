/**
 * adlab: automatic differentiation you can read, run and teach.
 *
 * The one public entry: notebooks do `import * as ad from "./lib";`.
 * - Values: numbers and float64 `Tensor`s (lib/tensor), mixed freely with broadcasting.
 * - Operations (lib/ops): elementwise maths, reductions, shapes, matmul, linear algebra.
 * - Transforms (lib/transforms): grad, valueAndGrad, jvp, vjp, jacfwd, jacrev, jacobian,
 *   hessian, hvp, checkpoint, customVjp, customJvp.
 * - Checking (lib/check): finite differences `fd`, `checkGrads`.
 * - The engines (lib/core): dual numbers (forward.ts), the tape (tape.ts, reverse.ts).
 * - Exercises (lib/exercises): the checks of the notebooks' test cells, as `ad.exercises`.
 */
export const version = "0.1.0";

export { Tensor, isTensor, type NestedArray } from "./tensor/tensor";
export { tensor, zeros, ones, full, eye, arange, linspace, scalar } from "./tensor/create";
export { Rng, rng, randn, rand } from "./tensor/random";
export { ShapeError, DomainError } from "./tensor/errors";

export type { Value, Concrete } from "./core/value";
export { dual, type Dual } from "./core/forward";
export { setDebugNans, withDebugNans, setFastPaths, withReferencePath } from "./core/debug";
export { setWarningHandler, type AdlabWarning, type WarningHandler } from "./core/warnings";
export { stopGradient } from "./core/stop-gradient";
export { primal } from "./core/tree";
export { toNumber } from "./core/to-number";
export { tapeMemory, resetTapeMemory } from "./core/tape";
export { primitives } from "./core/primitive";
export { traceScalar, type TraceOptions } from "./core/trace-scalar";

export { add, sub, mul, div, neg, maximum, minimum, gt, ge, lt, le, eq } from "./ops/arith";
export { exp, log, log1p, expm1, sqrt, sin, cos, tanh, abs, sign, pow } from "./ops/math";
export { sum, max, mean } from "./ops/reduce";
export {
  reshape,
  transpose,
  broadcastTo,
  slice,
  getItem,
  concat,
  stack,
  unstack,
  take,
  where,
  type SliceArg,
} from "./ops/shape";
export { matmul, dot } from "./ops/matmul";
export { solve, inv } from "./linalg/rules/solve";
export { det, slogdet } from "./linalg/rules/det";
export { svd } from "./linalg/rules/svd";
export { cholesky } from "./linalg/rules/cholesky";
export { eigh } from "./linalg/rules/eigh";
export { sigmoid, relu, square, logsumexp, softmax, logSoftmax, norm } from "./ops/derived";

export { grad, valueAndGrad, vjp } from "./transforms/vjp";
export { jvp } from "./transforms/jvp";
export { jacfwd, jacrev, jacobian, hessian, hvp, type JacobianOptions } from "./transforms/jacobian";
export { customVjp, customJvp, checkpoint } from "./transforms/custom";
export { jit, jitSource } from "./jit/jit";
export { foriLoop, scan, type ScanOptions } from "./jit/scan";
export { cond } from "./jit/cond";
export { makeProgram, evalProgram, ConcretizationError, type Program } from "./jit/program";

export { fd, type FdOptions, type FdResult, type FdMethod } from "./check/fd";
export { checkGrads, GradCheckError, type CheckOptions, type Mode } from "./check/check-grads";

// Measuring: timings with their spread, and the numbers a sentence about a curve is computed from.
export * from "./measure";

// Notebook display (plots, live plots, progress, step tables, graphs); the core never imports it.
export * from "./display";

// The checks the notebooks' exercises run in their test cells (ad.exercises.check(...)).
export * as exercises from "./exercises";

// The series' measured figures (each sweep once, for notebooks and for npm run figures).
export * from "./experiments";
