import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { notebookProblems, projectNotebooks, stripNotebook } from "../../tools/notebook-hygiene";
import { projectRoot } from "../../tools/project";

function readNotebook(file: string): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, unknown>;
}

const dirtyFixture = path.join(projectRoot, "test", "fixtures", "dirty.ipynb");

describe("notebook hygiene", () => {
  it("finds the notebooks, starting with the welcome notebook", () => {
    expect(projectNotebooks().map((file) => path.basename(file))).toContain("00-welcome.ipynb");
  });

  it.each(projectNotebooks().map((file) => [path.relative(projectRoot, file), file]))(
    "%s is committed clean (run `npm run notebooks:clean` if this fails)",
    (_name, file) => {
      expect(notebookProblems(readNotebook(file))).toEqual([]);
    },
  );

  it("reports outputs, execution counts and a foreign kernel in a dirty notebook", () => {
    const problems = notebookProblems(readNotebook(dirtyFixture)).join("\n");
    expect(problems).toMatch(/cell 1 has outputs/);
    expect(problems).toMatch(/cell 1 has execution_count 3/);
    expect(problems).toMatch(/metadata\.kernelspec/);
    expect(problems).toMatch(/language_info/);
  });

  it("reports what is not nbformat 4", () => {
    expect(notebookProblems({ nbformat: 3, metadata: {}, worksheets: [] }).join("\n")).toMatch(/nbformat is 3.*no cells array/s);
    expect(notebookProblems([])).toEqual(["not a JSON object"]);
  });

  it("strips a dirty notebook clean without touching its sources", () => {
    const dirty = readNotebook(dirtyFixture);
    const stripped = stripNotebook(dirty);
    expect(notebookProblems(stripped)).toEqual([]);
    expect((stripped.cells as { source: unknown }[]).map((cell) => cell.source)).toEqual(
      (dirty.cells as { source: unknown }[]).map((cell) => cell.source),
    );
  });

  it("requires the one import line and nothing else from lib/", () => {
    const withCode = (source: string) => ({
      nbformat: 4, nbformat_minor: 4, metadata: stripNotebook(readNotebook(dirtyFixture)).metadata,
      cells: [{ cell_type: "code", source, metadata: {}, outputs: [], execution_count: null }],
    });
    expect(notebookProblems(withCode('import * as ad from "./lib";\nad.grad(ad.sin)(0);'))).toEqual([]);
    expect(notebookProblems(withCode('import * as ad from "./lib/index";')).join()).toMatch(/does not load the library with/);
    expect(notebookProblems(withCode('import * as ad from "./lib";\nimport { plot } from "./lib/display";')).join()).toMatch(/imports from lib\/ other than/);
  });
});
