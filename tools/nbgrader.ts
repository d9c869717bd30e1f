/**
 * nbgrader as the handout and grading tools use it: a course folder under build/ whose source/
 * holds the instructor notebooks as one assignment, and nbgrader's commands run from the project
 * root (so nbgrader reads the project's nbgrader_config.py: the TypeScript stub, the kernel, the
 * time limit) with `--CourseDirectory.root` pointing at that folder.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { projectRoot } from "./project";
import { jupyterEnv } from "./python";

/** The assignment name the tools give the notebooks in their course folders. */
export const assignment = "series";

/** What an nbgrader command did: its exit code (null when stopped by the time limit) and its log. */
export interface NbgraderRun {
  code: number | null;
  log: string;
  timedOut: boolean;
}

/**
 * Runs `python -m nbgrader <args>` on the course at `courseRoot`; `limitSeconds` stops it (with
 * its kernels) when it runs longer, which per-cell time limits should make rare.
 * @example await nbgrader(python, ["autograde", "series", "--student", "ada"], "build/grades/course", 600)
 */
export function nbgrader(
  python: string,
  args: string[],
  courseRoot: string,
  limitSeconds = 3600,
): Promise<NbgraderRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(python, ["-m", "nbgrader", ...args, `--CourseDirectory.root=${courseRoot}`], {
      cwd: projectRoot,
      env: jupyterEnv(python),
      stdio: ["ignore", "pipe", "pipe"],
      // Its own process group, so the time limit stops the kernels nbgrader started too.
      detached: true,
    });
    let log = "";
    child.stdout.on("data", (chunk) => (log += chunk));
    child.stderr.on("data", (chunk) => (log += chunk));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      process.kill(-child.pid!, "SIGKILL");
    }, limitSeconds * 1000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code: timedOut ? null : code, log, timedOut });
    });
  });
}

/** The tail of a log, for an error message. */
export const logTail = (log: string, lines = 30) => log.trim().split("\n").slice(-lines).join("\n");

/**
 * A fresh course folder at `courseRoot` with `notebooks` as the assignment's source, and nbgrader's
 * generate_assignment run on it: release/ then holds the student copies, gradebook.db the tests.
 * Returns the folder of the student copies.
 */
export async function generateAssignment(
  python: string,
  courseRoot: string,
  notebooks: readonly string[],
): Promise<string> {
  fs.rmSync(courseRoot, { recursive: true, force: true });
  const source = path.join(courseRoot, "source", assignment);
  fs.mkdirSync(source, { recursive: true });
  for (const file of notebooks) fs.copyFileSync(file, path.join(source, path.basename(file)));
  const run = await nbgrader(python, ["generate_assignment", assignment, "--force"], courseRoot);
  if (run.code !== 0) throw new Error(`nbgrader generate_assignment failed:\n${logTail(run.log)}`);
  return path.join(courseRoot, "release", assignment);
}
