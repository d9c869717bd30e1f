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
    "%s is committed clean and readable (outputs: `npm run notebooks:clean`; lines and the opening cell: by hand)",
    (_name, file) => {
      expect(notebookProblems(readNotebook(file))).toEqual([]);
    },
  );

  it("reports outputs, execution counts and a foreign kernel in a dirty notebook", () => {
    const problems = notebookProblems(readNotebook(dirtyFixture)).join("\n");
    expect(problems).toMatch(/cell 2 has outputs/);
    expect(problems).toMatch(/cell 2 has execution_count 3/);
    expect(problems).toMatch(/metadata\.kernelspec/);
    expect(problems).toMatch(/language_info/);
  });

  it("reports what is not nbformat 4", () => {
    expect(notebookProblems({ nbformat: 3, metadata: {}, worksheets: [] }).join("\n")).toMatch(
      /nbformat is 3.*no cells array/s,
    );
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

  const opening = {
    cell_type: "markdown",
    source: "# A notebook\n\nLecture sections: §2 Finite differences",
    metadata: {},
  };
  const withCode = (source: string, first: unknown = opening) => ({
    nbformat: 4,
    nbformat_minor: 4,
    metadata: stripNotebook(readNotebook(dirtyFixture)).metadata,
    cells: [first, { cell_type: "code", source, metadata: {}, outputs: [], execution_count: null }],
  });

  it("requires code lines of at most 90 characters, counting characters, not bytes", () => {
    const line = (length: number) => `const s = "${"σ".repeat(length - 13)}";`;
    expect(line(90)).toHaveLength(90);
    expect(notebookProblems(withCode(`import * as ad from "./lib";\n${line(90)}`))).toEqual([]);
    expect(notebookProblems(withCode(`import * as ad from "./lib";\n${line(91)}`)).join()).toMatch(
      /cell 2 line 2 has 91 characters \(at most 90\)/,
    );
  });

  it("requires an opening markdown cell naming the lecture sections", () => {
    const code = 'import * as ad from "./lib";';
    expect(notebookProblems(withCode(code, { ...opening, source: "**Lecture sections:** §3 and §5.4" }))).toEqual([]);
    for (const first of [
      { ...opening, source: "# A notebook" },
      { ...opening, cell_type: "raw" },
      { ...opening, source: "Lecture sections: forward mode" },
    ]) {
      expect(notebookProblems(withCode(code, first)).join()).toMatch(
        /does not open with a markdown cell naming its lecture sections/,
      );
    }
  });

  it("requires the one import line and nothing else from lib/", () => {
    expect(notebookProblems(withCode('import * as ad from "./lib";\nad.grad(ad.sin)(0);'))).toEqual([]);
    expect(notebookProblems(withCode('import * as ad from "./lib/index";')).join()).toMatch(
      /does not load the library with/,
    );
    expect(
      notebookProblems(withCode('import * as ad from "./lib";\nimport { plot } from "./lib/display";')).join(),
    ).toMatch(/imports from lib\/ other than/);
  });
});
