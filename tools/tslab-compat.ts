/**
 * Compiles lib/ the way the notebook kernel does (.jupyter/kernels/adlab/compiled-lib.cjs): with
 * tslab's bundled TypeScript 5.0.4 and the options tslab fixes (target and lib ES2022, Node10
 * resolution, not strict, declarations emitted). Code that the modern compiler accepts but tslab
 * rejects (`[].toSorted()`, `NoInfer`, an unexported type in an exported signature) fails here
 * instead of in a reader's notebook.
 */
import { createRequire } from "node:module";
import path from "node:path";
import { runAsCli } from "./cli";
import { localKernelDir, projectRoot } from "./project";

const require = createRequire(import.meta.url);
// tslab's compiler and the kernel's own compile step, both CommonJS modules.
const tslabTs = require("@tslab/typescript-for-tslab") as { version: string };
const { compileProblems } = require(path.join(localKernelDir, "compiled-lib.cjs")) as {
  compileProblems: (ts: unknown, dir: string, outDir: string | null) => string[];
};

/** The TypeScript version the notebooks compile with. */
export const tslabTypeScriptVersion = tslabTs.version;

/**
 * Problems the kernel's compiler reports for the .ts files under `dir` (one formatted line each);
 * empty when all compile.
 * @example tslabCompatProblems(path.join(projectRoot, "lib")) // [] when lib/ is tslab-safe
 */
export function tslabCompatProblems(dir: string): string[] {
  return compileProblems(tslabTs, dir, null);
}

runAsCli(import.meta.url, "tslab-compat", (args) => {
  if (args.length > 1) throw new Error("usage: npm run tslab-compat [-- folder]  (default: lib/)");
  const dir = path.resolve(args[0] ?? path.join(projectRoot, "lib"));
  const problems = tslabCompatProblems(dir);
  for (const problem of problems) console.error(problem);
  const verdict = problems.length === 0 ? "compiles" : `does NOT compile (${problems.length} problem(s) above)`;
  console.log(
    `tslab-compat: ${path.relative(projectRoot, dir) || "."}/ ${verdict} with tslab's TypeScript ${tslabTypeScriptVersion} (lib es2022)`,
  );
  return problems.length === 0 ? 0 : 1;
});
