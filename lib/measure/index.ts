export type { Timing, TimeitOptions } from "./timeit";
export { timeit } from "./timeit";
export { crossover, logLogSlope } from "./fit";
