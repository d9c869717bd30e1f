export type { Experiment, RunOptions, Series, SweepResult } from "./experiment";
export { runLive } from "./experiment";
export * as experiments from "./catalog";
