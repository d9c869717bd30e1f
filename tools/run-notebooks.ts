/**
 * `npm run notebooks [-- [--timeout S] names-or-paths...]`: executes notebooks headlessly, each in a
 * fresh adlab kernel (execute_notebook.py, nbclient), writes the executed copies and timings.json to
 * build/notebooks/, prints each notebook's time, and for a failure the cell, its first lines and the
 * real error text. Exit code 1 when any notebook fails. Heavy cells read ADLAB_QUICK=1 to shrink.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { runAsCli } from "./cli";
import { ensureLocalKernel } from "./kernel";
import { projectNotebooks } from "./notebook-hygiene";
import { kernelName, projectRoot } from "./project";
import { jupyterEnv, requireProjectPython } from "./python";

/** What happened to one notebook; mirrors the verdict execute_notebook.py writes. */
export interface NotebookVerdict {
  status: "ok" | "cell-error" | "timeout" | "dead-kernel" | "kernel-start" | "no-kernel" | "invalid" | "hung";
  seconds: number;
  message?: string;
  cell?: number;
  source?: string;
  error?: string;
}

export const buildDir = path.join(projectRoot, "build", "notebooks");
const defaultTimeoutSeconds = 600;
// Extra time beyond the notebook budget before the runner gives up on Python itself.
const watchdogGraceSeconds = 120;

/**
 * The notebook files meant by `names`: paths as given, or names under notebooks/ with or without
 * ".ipynb"; all of notebooks/ when `names` is empty. Throws naming what was not found.
 * @example resolveNotebooks(["00-welcome"]) // ["<root>/notebooks/00-welcome.ipynb"]
 */
export function resolveNotebooks(names: string[]): string[] {
  if (names.length === 0) {
    const all = projectNotebooks();
    if (all.length === 0) throw new Error(`no notebooks under ${path.join(projectRoot, "notebooks")}`);
    return all;
  }
  return names.map((name) => {
    const candidates = [
      path.resolve(name),
      path.join(projectRoot, "notebooks", name),
      path.join(projectRoot, "notebooks", `${name}.ipynb`),
    ];
    const found = candidates.find((file) => file.endsWith(".ipynb") && fs.existsSync(file));
    if (!found) {
      const known = projectNotebooks().map((file) => path.basename(file, ".ipynb"));
      throw new Error(
        `no notebook "${name}" (looked for ${candidates.join(", ")}); notebooks/ has: ${known.join(", ") || "none"}`,
      );
    }
    return found;
  });
}

/** Runs execute_notebook.py on one notebook; a watchdog kills Python if even nbclient's timeout fails. */
function executeNotebook(python: string, file: string, timeoutSeconds: number): Promise<NotebookVerdict> {
  const executed = path.join(buildDir, path.basename(file));
  const resultFile = `${executed}.result.json`;
  fs.rmSync(resultFile, { force: true });
  const script = path.join(projectRoot, "tools", "execute_notebook.py");
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(python, [script, file, executed, resultFile, String(timeoutSeconds), kernelName], {
      cwd: projectRoot,
      env: jupyterEnv(python),
      stdio: ["ignore", "inherit", "inherit"],
    });
    const watchdog = setTimeout(() => child.kill("SIGKILL"), (timeoutSeconds + watchdogGraceSeconds) * 1000);
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      clearTimeout(watchdog);
      const seconds = (Date.now() - started) / 1000;
      if (fs.existsSync(resultFile)) {
        resolve(JSON.parse(fs.readFileSync(resultFile, "utf8")) as NotebookVerdict);
        fs.rmSync(resultFile);
      } else if (signal === "SIGKILL") {
        resolve({
          status: "hung",
          seconds,
          message: `nbclient did not return within ${timeoutSeconds + watchdogGraceSeconds} s; killed it`,
        });
      } else {
        resolve({
          status: "kernel-start",
          seconds,
          message: `the Python runner exited with ${signal ?? code} (see its messages above)`,
        });
      }
    });
  });
}

/** Stack frames inside Node's vm or tslab itself: noise for a reader looking for their own mistake. */
function isMachineryFrame(line: string): boolean {
  return /^\s+at .*(node:vm|node:internal|node_modules[\\/]tslab[\\/])/.test(line);
}

/** Lines describing a failure: what happened, which cell, the cell's first lines, the error text. */
export function describeFailure(file: string, verdict: NotebookVerdict): string[] {
  const lines = [`  ${path.relative(projectRoot, file)}: ${verdict.message ?? verdict.status}`];
  if (verdict.cell !== undefined) {
    lines.push(`  in cell ${verdict.cell}:`);
    const source = (verdict.source ?? "").split("\n");
    lines.push(...source.slice(0, 4).map((line) => `  | ${line}`), ...(source.length > 4 ? ["  | ..."] : []));
  }
  if (verdict.error || verdict.status === "cell-error") {
    const errorLines = (verdict.error || "(the kernel sent no error text)")
      .split("\n")
      .filter((line) => !isMachineryFrame(line));
    lines.push("  error:", ...errorLines.map((line) => `    ${line}`));
  }
  return lines;
}

async function main(args: string[]): Promise<number> {
  const timeoutAt = args.indexOf("--timeout");
  const timeoutSeconds = timeoutAt >= 0 ? Number(args[timeoutAt + 1]) : defaultTimeoutSeconds;
  if (!(timeoutSeconds > 0))
    throw new Error(`--timeout needs a positive number of seconds, got ${args[timeoutAt + 1]}`);
  const names = timeoutAt >= 0 ? [...args.slice(0, timeoutAt), ...args.slice(timeoutAt + 2)] : args;
  const files = resolveNotebooks(names);
  ensureLocalKernel();
  const python = requireProjectPython();
  fs.mkdirSync(buildDir, { recursive: true });
  console.log(
    `running ${files.length} notebook(s) with ${python}${process.env.ADLAB_QUICK === "1" ? " (ADLAB_QUICK=1)" : ""}`,
  );

  const timings: Record<string, { status: string; seconds: number }> = {};
  for (const file of files) {
    const verdict = await executeNotebook(python, file, timeoutSeconds);
    const name = path.relative(projectRoot, file);
    console.log(`${verdict.status === "ok" ? "ok  " : "FAIL"}  ${name}  ${verdict.seconds.toFixed(1)} s`);
    if (verdict.status !== "ok") console.log(describeFailure(file, verdict).join("\n"));
    timings[name] = { status: verdict.status, seconds: verdict.seconds };
  }
  fs.writeFileSync(path.join(buildDir, "timings.json"), JSON.stringify(timings, null, 2) + "\n");
  const failed = Object.values(timings).filter((timing) => timing.status !== "ok").length;
  const total = Object.values(timings).reduce((sum, timing) => sum + timing.seconds, 0);
  console.log(
    `notebooks: ${files.length - failed} passed, ${failed} failed in ${total.toFixed(1)} s; executed copies in ${path.relative(projectRoot, buildDir)}/`,
  );
  return failed > 0 ? 1 : 0;
}

runAsCli(import.meta.url, "npm run notebooks", main);
