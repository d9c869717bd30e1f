/**
 * numpy (float64, OpenBLAS/LAPACK) as a benchmark peer, from the project's Python environment
 * (<root>/.venv, made by `npm run setup`): the limit a native BLAS reaches on this machine, beside
 * adlab in the same run. Each size runs numpy_peer.py once in a child process, which times the
 * operation itself the way the harness does (so numpy takes no part in the round robin) and
 * returns its result for the usual check. BLAS threads are fixed through the environment.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { projectRoot } from "../../../tools/project";
import { projectPython, venvDir } from "../../../tools/python";
import type { Missing } from "../case";
import type { Matrix } from "../contract";
import type { Budget, Contestant } from "../harness";

const PYTHON = projectPython() ?? path.join(venvDir, "bin", "python");
const PEER = fileURLToPath(new URL("numpy_peer.py", import.meta.url));
const SCRATCH = path.join(projectRoot, "build", "bench", "numpy");

export type NumpyOperation = "matmul" | "solve" | "svd";

const versions = new Map<string, string | null>();

/** numpy's version in `python`, or null (after one line on stderr saying what is missing). */
function numpyVersion(python: string): string | null {
  if (!versions.has(python)) {
    const probe = fs.existsSync(python)
      ? spawnSync(python, ["-c", "import numpy; print(numpy.__version__)"], { encoding: "utf8" })
      : undefined;
    versions.set(python, probe?.status === 0 ? probe.stdout.trim() : null);
    if (versions.get(python) === null) console.error(`bench: numpy peer n/a: ${missingReason(python)}`);
  }
  return versions.get(python) ?? null;
}

function missingReason(python: string): string {
  const where = path.relative(projectRoot, python);
  return fs.existsSync(python) ? `${where} cannot import numpy (run npm run setup)` : `no ${where} (run npm run setup)`;
}

/**
 * A numpy contestant doing `operation` on the inputs `build` gives for a size, on `threads` BLAS
 * threads; "n/a" with the reason when the project's Python (or `python`) or its numpy is missing.
 * @example numpyContestant("numpy", "matmul", 1, FULL_BUDGET, (n) => [randomMatrix(n, n, 1), randomMatrix(n, n, 2)]);
 */
export function numpyContestant(
  name: string,
  operation: NumpyOperation,
  threads: number,
  budget: Budget,
  build: (size: number) => (Matrix | Float64Array)[],
  python = PYTHON,
): Contestant | Missing {
  const numpy = numpyVersion(python);
  if (numpy === null) return { name, missing: missingReason(python) };
  const blasThreads = String(threads);
  const env = {
    ...process.env,
    OPENBLAS_NUM_THREADS: blasThreads,
    MKL_NUM_THREADS: blasThreads,
    OMP_NUM_THREADS: blasThreads,
  };
  return {
    name,
    precision: "float64",
    note: `numpy ${numpy}, ${threads} BLAS thread${threads === 1 ? "" : "s"}, timed in its own process`,
    setup(size) {
      fs.mkdirSync(SCRATCH, { recursive: true });
      const inputs = build(size).map((input, i) => {
        const file = path.join(SCRATCH, `input-${i}.f64`);
        const [data, shape] =
          input instanceof Float64Array ? [input, [input.length]] : [input.data, [input.rows, input.cols]];
        fs.writeFileSync(file, data);
        return [file, shape];
      });
      const output = path.join(SCRATCH, "output.f64");
      const job = JSON.stringify({ operation, inputs, output, budget });
      const done = spawnSync(python, [PEER, job], { encoding: "utf8", env });
      if (done.status !== 0) throw new Error(`numpy_peer.py failed: ${done.stderr.trim().split("\n").pop()}`);
      const bytes = fs.readFileSync(output);
      const result = new Float64Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
      return { run: () => result, selfTimed: JSON.parse(done.stdout) };
    },
  };
}
