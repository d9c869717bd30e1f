import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { steps, tallyStep, verdict, type Step } from "../../tools/test";

/** A step whose report is a JSON list of booleans (one per check). */
function stepWithReport(report: boolean[] | null): Step {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "adlab-tally-")), "report.json");
  if (report) fs.writeFileSync(file, JSON.stringify(report));
  const count = (parsed: unknown) => {
    const results = parsed as boolean[];
    return { passed: results.filter(Boolean).length, failed: results.filter((ok) => !ok).length, skipped: 0 };
  };
  return { script: "x", args: [], report: { file, count } };
}

describe("npm test tally", () => {
  it("counts the checks in a step's report", () => {
    expect(tallyStep(stepWithReport([true, true, false]), 1)).toEqual({ passed: 2, failed: 1, skipped: 0 });
  });

  it("counts a failing step without a report as one failure", () => {
    expect(tallyStep(stepWithReport(null), 1)).toEqual({ passed: 0, failed: 1, skipped: 0 });
    expect(tallyStep({ script: "typecheck", args: [] }, 2)).toEqual({ passed: 0, failed: 1, skipped: 0 });
  });

  it("never lets a non-zero exit pass, even when the report shows no failure", () => {
    expect(tallyStep(stepWithReport([true, true]), 1)).toEqual({ passed: 2, failed: 1, skipped: 0 });
  });

  it("counts a passing step without a report as one pass", () => {
    expect(tallyStep({ script: "typecheck", args: [] }, 0)).toEqual({ passed: 1, failed: 0, skipped: 0 });
  });

  it("reports skipped checks, and fails on them under CI only", () => {
    expect(verdict({ passed: 5, failed: 0, skipped: 2 }, false)).toEqual({
      line: "5 passed, 0 failed, 2 skipped",
      failed: false,
    });
    expect(verdict({ passed: 5, failed: 0, skipped: 2 }, true)).toEqual({
      line: "5 passed, 0 failed, 2 skipped (not allowed under CI)",
      failed: true,
    });
    expect(verdict({ passed: 5, failed: 1, skipped: 0 }, false).failed).toBe(true);
    expect(verdict({ passed: 5, failed: 0, skipped: 0 }, true).failed).toBe(false);
  });

  it("counts vitest's skipped and todo tests from its report", () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "adlab-tally-")), "vitest.json");
    fs.writeFileSync(
      file,
      JSON.stringify({ numPassedTests: 3, numFailedTests: 0, numPendingTests: 2, numTodoTests: 1 }),
    );
    const unit = steps.find((step) => step.script === "test:unit")!;
    expect(tallyStep({ ...unit, report: { ...unit.report!, file } }, 0)).toEqual({ passed: 3, failed: 0, skipped: 3 });
  });
});
