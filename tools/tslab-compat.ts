/**
 * Compiles lib/ the way the notebook kernel does: with tslab's bundled TypeScript 5.0.4 and the
 * options tslab fixes in tslab/dist/converter.js (target and lib ES2022, Node10 resolution, not
 * strict, declarations emitted). Code that the modern compiler accepts but tslab rejects
 * (`[].toSorted()`, `NoInfer`, an unexported type in an exported signature) fails here instead of in
 * a reader's notebook.
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type * as TypeScript from "typescript";
import { runAsCli } from "./cli";
import { projectRoot } from "./project";

// tslab's compiler, loaded by package name (a CommonJS module, hence require).
const tslabTs = createRequire(import.meta.url)("@tslab/typescript-for-tslab") as typeof TypeScript;

/** The TypeScript version the notebooks compile with. */
export const tslabTypeScriptVersion = tslabTs.version;

/** tslab's compiler options (converter.js, Node >= 18 branch) minus those that only matter for cells. */
function tslabOptions(rootDir: string): TypeScript.CompilerOptions {
  return {
    module: tslabTs.ModuleKind.ESNext,
    moduleResolution: tslabTs.ModuleResolutionKind.Node10,
    esModuleInterop: true,
    target: tslabTs.ScriptTarget.ES2022,
    lib: ["lib.es2022.d.ts"],
    declaration: true,
    experimentalDecorators: true,
    resolveJsonModule: true,
    skipLibCheck: true,
    rootDir,
    outDir: path.join(rootDir, "outDir"),
  };
}

/** Every .ts file below `dir`, sorted, so reports are stable. */
export function typeScriptFilesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((name) => name.endsWith(".ts"))
    .map((name) => path.join(dir, name))
    .sort();
}

/**
 * Problems tslab would report for `files` (one formatted line each); empty when all compile.
 * @example tslabCompatProblems(typeScriptFilesUnder("lib")) // [] when lib/ is tslab-safe
 */
export function tslabCompatProblems(files: string[], rootDir: string = projectRoot): string[] {
  const program = tslabTs.createProgram(files, tslabOptions(rootDir));
  // Emitting (into nowhere) is what surfaces declaration errors, which tslab hits because it emits .d.ts.
  const emitted = program.emit(undefined, () => undefined);
  const diagnostics = [...tslabTs.getPreEmitDiagnostics(program), ...emitted.diagnostics];
  const host: TypeScript.FormatDiagnosticsHost = {
    getCanonicalFileName: (name) => name,
    getCurrentDirectory: () => rootDir,
    getNewLine: () => "\n",
  };
  return [...new Set(diagnostics.map((diagnostic) => tslabTs.formatDiagnostic(diagnostic, host).trim()))];
}

runAsCli(import.meta.url, "tslab-compat", (args) => {
  const files = args.length > 0 ? args.map((file) => path.resolve(file)) : typeScriptFilesUnder(path.join(projectRoot, "lib"));
  const problems = tslabCompatProblems(files);
  for (const problem of problems) console.error(problem);
  const verdict = problems.length === 0 ? "compile" : `do NOT compile (${problems.length} problem(s) above)`;
  console.log(`tslab-compat: ${files.length} file(s) ${verdict} with tslab's TypeScript ${tslabTypeScriptVersion} (lib es2022)`);
  return problems.length === 0 ? 0 : 1;
});
