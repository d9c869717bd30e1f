import { describe, it, expect } from "vitest";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { handoutOf, writeHandouts, solutionTag } from "../../tools/handout";
import { projectNotebooks, notebookProblems } from "../../tools/notebook-hygiene";

const tagsOf = (nb: Record<string, unknown>) =>
  (nb.cells as { metadata?: { tags?: string[] } }[]).flatMap((c) => c.metadata?.tags ?? []);

describe("handouts", () => {
  it("drop the solution cells and keep everything else, clean", () => {
    const notebook = {
      nbformat: 4, nbformat_minor: 4, metadata: {},
      cells: [
        { cell_type: "code", source: "const answer = undefined;", metadata: {}, outputs: [{ output_type: "stream" }], execution_count: 3 },
        { cell_type: "code", source: "assert.equal(answer, 42);", metadata: { tags: [solutionTag] }, outputs: [], execution_count: null },
      ],
    };
    const handout = handoutOf(notebook);
    expect((handout.cells as { source: string }[]).map((c) => c.source)).toEqual(["const answer = undefined;"]);
    expect((handout.cells as { outputs: unknown[] }[])[0].outputs).toEqual([]);
  });

  it("of the series: every notebook but the welcome ends with an exercise's answer cell and its solution", () => {
    for (const file of projectNotebooks()) {
      const cells = JSON.parse(fs.readFileSync(file, "utf8")).cells as { cell_type: string; source: string | string[]; metadata?: { tags?: string[] } }[];
      const last = cells[cells.length - 1];
      const welcome = path.basename(file) === "00-welcome.ipynb";
      expect(last.metadata?.tags ?? [], file).toEqual(welcome ? [] : [solutionTag]);
      if (!welcome) expect([cells[cells.length - 2].cell_type, [cells[cells.length - 2].source].flat().join("")], file).toEqual(["code", expect.stringMatching(/^\/\/ Exercise \d+:/)]);
    }
  });

  it("of the series keep every exercise's answer cell and no solution", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "handout-"));
    const files = projectNotebooks();
    const written = writeHandouts(files, dir);
    expect(written).toHaveLength(files.length);
    for (const [i, file] of written.entries()) {
      const handout = JSON.parse(fs.readFileSync(file, "utf8"));
      const original = JSON.parse(fs.readFileSync(files[i], "utf8"));
      expect(tagsOf(handout)).not.toContain(solutionTag);
      expect(handout.cells.length).toBe(original.cells.length - tagsOf(original).filter((t) => t === solutionTag).length);
      expect(notebookProblems(handout)).toEqual([]);
    }
  });
});
