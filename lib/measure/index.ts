export type { Timing, TimeitOptions } from "./timeit";
export { timeit } from "./timeit";
export { crossover, logLogSlope } from "./fit";
export type { PullbackTimeOptions } from "./time-pullback";
export { timePullback } from "./time-pullback";
