/**
 * Case 10: a fresh notebook kernel the way a student meets it, each its own process: the kernel's
 * start (until it answers), the import cell `import * as ad from "./lib";`, and a first `ad.grad`.
 * Medians over fresh kernels (5, or 3 quick), timed by tools/kernel_timing.py through
 * jupyter_client in the project's Python, after lib/ is compiled for kernels as `npm run setup`
 * leaves it.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { ensureLocalKernel } from "../../../tools/kernel";
import { kernelName, projectRoot } from "../../../tools/project";
import { jupyterEnv, requireProjectPython } from "../../../tools/python";
import { MS, Results, type BenchCase, type Row } from "../case";
import { median } from "../../../lib/measure/timeit";

const ID = "10";
const PHASES = { start: "kernel start", import: "import cell", grad: "first grad" } as const;

/** Seconds per phase for each of `runs` fresh kernels. */
function timeFreshKernels(runs: number): Record<keyof typeof PHASES, number>[] {
  ensureLocalKernel();
  const python = requireProjectPython();
  const script = path.join(projectRoot, "tools", "kernel_timing.py");
  const run = spawnSync(python, [script, String(runs), kernelName], {
    cwd: projectRoot,
    env: jupyterEnv(python),
    encoding: "utf8",
  });
  if (run.status !== 0) throw new Error(`kernel timing failed:\n${run.stderr}`);
  return JSON.parse(run.stdout) as Record<keyof typeof PHASES, number>[];
}

export const kernel: BenchCase = {
  id: ID,
  name: "kernel",
  title: "fresh kernel: start, import, first grad",
  sizes: () => [1],
  sizeLabel: () => "fresh kernel",
  work: () => 1,
  unit: MS,
  tolerance: { float64: 0, float32: 0 },
  contestants: async () => [],
  async measured(quick) {
    const timings = timeFreshKernels(quick ? 3 : 5);
    return (Object.keys(PHASES) as (keyof typeof PHASES)[]).map((phase): Row => {
      const ms = timings.map((timing) => timing[phase] * 1000);
      const medianMs = median(ms);
      return {
        caseId: ID,
        caseTitle: kernel.title,
        size: 1,
        sizeLabel: `median of ${ms.length} fresh kernels`,
        contestant: PHASES[phase],
        status: "ok",
        unitLabel: MS.label,
        unitValue: medianMs,
        medianMs,
        minMs: Math.min(...ms),
        work: 1,
        samples: ms.length,
      };
    });
  },
  targets: [
    {
      text: "import cell / kernel start <= 0.3",
      measure: (results) => Results.ratio(results.ms(ID, 1, PHASES.import), results.ms(ID, 1, PHASES.start)),
      limit: 0.3,
      atMost: true,
    },
  ],
};
