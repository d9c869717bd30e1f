import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeHandouts } from "../../tools/handout";
import { notebookProblems, projectNotebooks } from "../../tools/notebook-hygiene";

type Cell = {
  cell_type: string;
  source: string | string[];
  metadata: { nbgrader?: { solution?: boolean; grade?: boolean } };
};
const text = (cell: Cell) => [cell.source].flat().join("");
const read = (file: string) => JSON.parse(fs.readFileSync(file, "utf8")) as { cells: Cell[] };

/** The lines of the notebook's cells inside the regions between two markers, and the lines outside them. */
function regions(cells: Cell[], begin: string, end: string): { inside: string[]; outside: string[] } {
  const split = { inside: [] as string[], outside: [] as string[] };
  for (const cell of cells) {
    let inside = false;
    for (const line of text(cell).split("\n")) {
      if (line.includes(begin) || line.includes(end)) inside = line.includes(begin);
      else (inside ? split.inside : split.outside).push(line.trim());
    }
  }
  return split;
}

/** The lines inside the regions that say something (ten characters or more) and stand nowhere outside them. */
function distinctive(cells: Cell[], begin: string, end: string): string[] {
  const { inside, outside } = regions(cells, begin, end);
  return inside.filter((line) => line.length >= 10 && !outside.includes(line));
}

describe("npm run handout (nbgrader's generate_assignment)", () => {
  const files = projectNotebooks();
  const handouts = new Map<string, { cells: Cell[] }>();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "handout-"));

  beforeAll(async () => {
    for (const written of await writeHandouts(files, path.join(work, "handout")))
      handouts.set(path.basename(written), read(written));
  }, 300_000);

  afterAll(() => {
    fs.rmSync(work, { recursive: true, force: true });
  });

  it.each(files.map((file) => ({ file, name: path.basename(file) })))(
    "$name: no solution text, no hidden tests, every visible test, a stub in every answer cell",
    ({ file, name }) => {
      const instructor = read(file).cells;
      const handout = handouts.get(name)!;
      const handoutLines = new Set(
        handout.cells.flatMap((cell) =>
          text(cell)
            .split("\n")
            .map((line) => line.trim()),
        ),
      );
      const solutions = distinctive(instructor, "BEGIN SOLUTION", "END SOLUTION");
      const hidden = distinctive(instructor, "BEGIN HIDDEN TESTS", "END HIDDEN TESTS");
      expect(solutions.length).toBeGreaterThan(0);
      expect(hidden.length).toBeGreaterThan(0);
      expect(solutions.filter((line) => handoutLines.has(line))).toEqual([]);
      expect(hidden.filter((line) => handoutLines.has(line))).toEqual([]);
      const handoutText = handout.cells.map(text).join("\n");
      expect(handoutText).not.toMatch(/BEGIN SOLUTION|END SOLUTION|HIDDEN TESTS/);
      const answers = handout.cells.filter((c) => c.metadata.nbgrader?.solution);
      expect(answers.length).toBe(instructor.filter((c) => c.metadata.nbgrader?.solution).length);
      for (const cell of answers)
        expect(text(cell)).toMatch(/\/\/ YOUR CODE HERE\n\s*throw new Error\("not answered yet"\);/);
      const tests = handout.cells.filter((c) => c.metadata.nbgrader?.grade).map(text);
      expect(tests.length).toBeGreaterThan(0);
      for (const test of tests) expect(test).toMatch(/^ad\.exercises\.check\(/);
      expect(notebookProblems(handout)).toEqual([]);
    },
  );
});
