/**
 * `npm test`: every check in one go — strict type-check (TypeScript 5.9), tslab compatibility
 * (TypeScript 5.0.4), formatting and lint (Biome), the vitest suite (with the real-browser tests of
 * the notebooks), and the headless run of every notebook. All steps run even after a failure, so
 * one report shows everything; the last line is `N passed, N failed, N skipped` (tests, notebooks,
 * and the two compile checks and the lint, one each). A skipped test is a check that did not run: under CI (CI=1, set
 * by .ci/run) it
 * fails the run, so a machine missing what a test needs cannot pass by skipping it.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { runAsCli } from "./cli";
import { projectRoot } from "./project";
import { buildDir } from "./run-notebooks";

/** How many checks inside a step passed, failed and were skipped. */
export interface Tally {
  passed: number;
  failed: number;
  skipped: number;
}

/** One step of the test run: an npm script, and how to count the checks in the report it writes. */
export interface Step {
  script: string;
  args: string[];
  report?: { file: string; count: (report: unknown) => Tally };
}

const vitestReport = path.join(projectRoot, "build", "vitest.json");

export const steps: Step[] = [
  { script: "typecheck", args: [] },
  { script: "tslab-compat", args: [] },
  { script: "lint", args: [] },
  {
    script: "test:unit",
    args: ["--reporter=default", "--reporter=json", `--outputFile.json=${vitestReport}`],
    report: {
      file: vitestReport,
      count: (report) => {
        const counts = report as {
          numPassedTests: number;
          numFailedTests: number;
          numPendingTests: number;
          numTodoTests: number;
        };
        return {
          passed: counts.numPassedTests,
          failed: counts.numFailedTests,
          skipped: counts.numPendingTests + counts.numTodoTests,
        };
      },
    },
  },
  {
    script: "notebooks",
    args: [],
    report: {
      file: path.join(buildDir, "timings.json"),
      count: (report) => {
        const statuses = Object.values(report as Record<string, { status: string }>).map((entry) => entry.status);
        return {
          passed: statuses.filter((s) => s === "ok").length,
          failed: statuses.filter((s) => s !== "ok").length,
          skipped: 0,
        };
      },
    },
  },
];

/** The step's counts from its report; a step without one (or that crashed before writing it) counts as one check. */
export function tallyStep(step: Step, exitCode: number): Tally {
  const counted =
    step.report && fs.existsSync(step.report.file)
      ? step.report.count(JSON.parse(fs.readFileSync(step.report.file, "utf8")))
      : null;
  if (counted === null)
    return exitCode === 0 ? { passed: 1, failed: 0, skipped: 0 } : { passed: 0, failed: 1, skipped: 0 };
  // A non-zero exit without a failing entry (e.g. vitest's unhandled error) is still a failure.
  return exitCode !== 0 && counted.failed === 0 ? { ...counted, failed: 1 } : counted;
}

/**
 * The closing line and whether the run failed: any failure does, and under CI any skipped check too.
 * @example verdict({ passed: 10, failed: 0, skipped: 1 }, true) // { line: "10 passed, 0 failed, 1 skipped (not
 *    allowed under CI)", failed: true }
 */
export function verdict(total: Tally, underCi: boolean): { line: string; failed: boolean } {
  const skipsFail = underCi && total.skipped > 0;
  const line = `${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped${skipsFail ? " (not allowed under CI)" : ""}`;
  return { line, failed: total.failed > 0 || skipsFail };
}

runAsCli(import.meta.url, "npm test", () => {
  const lines: string[] = [];
  const total: Tally = { passed: 0, failed: 0, skipped: 0 };
  for (const step of steps) {
    if (step.report) fs.rmSync(step.report.file, { force: true });
    console.log(`\n=== npm run ${step.script}`);
    const npm = process.platform === "win32" ? "npm.cmd" : "npm";
    const run = spawnSync(npm, ["run", "--silent", step.script, "--", ...step.args], {
      cwd: projectRoot,
      stdio: "inherit",
    });
    const exitCode = run.status ?? 1;
    const tally = tallyStep(step, exitCode);
    lines.push(
      `${exitCode === 0 ? "ok  " : "FAIL"}  ${step.script}: ${tally.passed} passed, ${tally.failed} failed, ${tally.skipped} skipped`,
    );
    total.passed += tally.passed;
    total.failed += tally.failed;
    total.skipped += tally.skipped;
  }
  const result = verdict(total, Boolean(process.env.CI) && process.env.CI !== "0");
  console.log(`\n${lines.join("\n")}\n${result.line}`);
  return result.failed ? 1 : 0;
});
