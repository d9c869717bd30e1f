import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { projectRoot } from "../../tools/project";
import { describeFailure, resolveNotebooks } from "../../tools/run-notebooks";

/** Runs `npm run notebooks -- args` the way a user does and returns its exit code and output. */
function runNotebooks(args: string[]): { status: number | null; output: string } {
  const run = spawnSync("npx", ["tsx", "tools/run-notebooks.ts", ...args], { cwd: projectRoot, encoding: "utf8" });
  return { status: run.status, output: run.stdout + run.stderr };
}

describe("notebook runner", () => {
  it("resolves names under notebooks/ with or without .ipynb, and paths as given", () => {
    const welcome = path.join(projectRoot, "notebooks", "00-welcome.ipynb");
    expect(resolveNotebooks(["00-welcome"])).toEqual([welcome]);
    expect(resolveNotebooks(["00-welcome.ipynb"])).toEqual([welcome]);
    expect(resolveNotebooks([welcome])).toEqual([welcome]);
  });

  it("names a notebook that does not exist and lists the ones that do", () => {
    expect(() => resolveNotebooks(["no-such-notebook"])).toThrow(/no notebook "no-such-notebook".*00-welcome/);
  });

  it("prints the failing cell, its first lines and the real error text", () => {
    const lines = describeFailure(path.join(projectRoot, "x.ipynb"), {
      status: "cell-error",
      seconds: 1,
      message: "a cell failed",
      cell: 2,
      source: "const a = 1;\nthrow new Error('bad');",
      error: "Error: bad\n    at evalmachine.<anonymous>:5:7\n    at Script.runInThisContext (node:vm:135:14)",
    });
    expect(lines.join("\n")).toMatch(
      /x\.ipynb: a cell failed\n {2}in cell 2:\n {2}\| const a = 1;\n {2}\| throw new Error\('bad'\);\n {2}error:\n {4}Error: bad\n {8}at evalmachine/,
    );
    expect(lines.join("\n")).not.toMatch(/node:vm/);
  });

  it("fails a notebook whose cell throws, with the real error text, and runs no cell after it", () => {
    const { status, output } = runNotebooks(["test/fixtures/failing-cell.ipynb"]);
    expect(status).toBe(1);
    expect(output).toMatch(/FAIL {2}test\/fixtures\/failing-cell\.ipynb/);
    expect(output).toMatch(/in cell 3:\n {2}\| const shape: number\[\] = \[2, 3\];/);
    expect(output).toMatch(/Error: fixture failure: cannot add shapes \[2,3\] and \[4\]/);
    expect(output).toMatch(/0 passed, 1 failed/);
    expect(output).not.toMatch(/cell after the failure ran/);
  }, 120_000);

  it("exits non-zero with one clear line for a missing notebook", () => {
    const { status, output } = runNotebooks(["missing-notebook"]);
    expect(status).toBe(1);
    expect(output.trim()).toMatch(/^npm run notebooks: no notebook "missing-notebook"/);
  }, 30_000);

  it("rejects a bad --timeout", () => {
    const { status, output } = runNotebooks(["--timeout", "soon", "00-welcome"]);
    expect(status).toBe(1);
    expect(output).toMatch(/--timeout needs a positive number of seconds, got soon/);
  }, 30_000);
});
