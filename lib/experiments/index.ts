export type { Experiment, RunOptions, Series, SweepResult } from "./experiment";
export { runLive, sweepFigure } from "./experiment";
export * as experiments from "./catalog";
