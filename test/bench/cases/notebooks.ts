/**
 * Case 9: the notebook series' total headless execution time, read from what the notebook runner
 * (`npm run notebooks`, tools/run-notebooks.ts) last wrote to build/notebooks/timings.json:
 * `{ "<path>": { "status": "ok", "seconds": 4.6 }, ... }`. Nothing is timed here.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { MS, type BenchCase } from "../case";

const TIMINGS = "build/notebooks/timings.json";

/** One line on the series (paths under notebooks/), or why there is none. */
function summary(): string {
  if (!existsSync(TIMINGS)) return `n/a: no ${TIMINGS} (run \`npm run notebooks\` first)`;
  const timings = JSON.parse(readFileSync(TIMINGS, "utf8")) as Record<string, { status: string; seconds: number }>;
  const series = Object.entries(timings).filter(([path]) => path.startsWith("notebooks/"));
  if (series.length === 0) return `n/a: the last notebook run (${TIMINGS}) ran no notebook under notebooks/`;
  const total = series.reduce((sum, [, t]) => sum + t.seconds, 0);
  const failed = series.filter(([, t]) => t.status !== "ok").length;
  const when = statSync(TIMINGS).mtime.toISOString().slice(0, 16).replace("T", " ");
  return `${total.toFixed(1)} s for ${series.length} notebooks (${failed} not ok), run of ${when} UTC`;
}

export const notebooks: BenchCase = {
  id: "9",
  name: "notebooks",
  title: "notebook series, headless",
  sizes: () => [],
  sizeLabel: () => "",
  work: () => 1,
  unit: MS,
  tolerance: { float64: 0, float32: 0 },
  contestants: async () => [],
  findings: () => [`case 9 notebook series total headless time: ${summary()}`],
};
