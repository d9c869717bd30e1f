// The exercises of the series, as cells: each is a statement (goal, lecture section, points), an
// nbgrader answer cell with a solution region, and a test cell with points, hidden tests and
// one ad.exercises.check, all in nbgrader's metadata.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { projectNotebooks } from "../../tools/notebook-hygiene";

type Cell = {
  cell_type: string;
  source: string | string[];
  metadata: {
    nbgrader?: { grade?: boolean; solution?: boolean; points?: number; grade_id?: string; locked?: boolean };
  };
};
const text = (cell: Cell) => [cell.source].flat().join("");

/** The exercises of one notebook: statement, answer and test cells, with the statement's number and points. */
function exercisesOf(file: string) {
  const cells = (JSON.parse(fs.readFileSync(file, "utf8")) as { cells: Cell[] }).cells;
  return cells.flatMap((cell, i) => {
    if (!cell.metadata.nbgrader?.grade) return [];
    const [statement, answer] = [cells[i - 2], cells[i - 1]];
    const heading = /^\*\*Exercise (\d+)\.(\d+) — [^*]+\*\* \((\d+) points?; lecture §[\d.]+/.exec(text(statement));
    return [{ statement, answer, test: cell, heading }];
  });
}

describe("the exercises of the series", () => {
  const all = projectNotebooks().map((file) => ({ name: path.basename(file, ".ipynb"), exercises: exercisesOf(file) }));

  it("are at least 24: one in 00, three or more in each of 01 to 06", () => {
    expect(all.reduce((n, nb) => n + nb.exercises.length, 0)).toBeGreaterThanOrEqual(24);
    for (const { name, exercises } of all)
      expect(exercises.length, name).toBeGreaterThanOrEqual(name.startsWith("00") ? 1 : 3);
  });

  it.each(all)(
    "$name: statement, answer cell and test cell in nbgrader's form, numbered in order",
    ({ name, exercises }) => {
      exercises.forEach(({ statement, answer, test, heading }, k) => {
        const where = `${name}, test cell ${test.metadata.nbgrader?.grade_id}`;
        expect(
          heading,
          `${where}: the statement starts "**Exercise N.M — title** (P points; lecture §…"`,
        ).not.toBeNull();
        const [, chapter, number, points] = heading!;
        expect([Number(chapter), Number(number)], where).toEqual([Number(name.slice(0, 2)), k + 1]);
        expect(test.metadata.nbgrader, where).toMatchObject({
          grade: true,
          solution: false,
          locked: true,
          points: Number(points),
        });
        expect(answer.metadata.nbgrader, where).toMatchObject({
          grade: false,
          solution: true,
          grade_id: `${test.metadata.nbgrader?.grade_id}-answer`,
        });
        expect(text(answer), where).toMatch(/\/\/ BEGIN SOLUTION[\s\S]*\/\/ END SOLUTION/);
        expect(text(test), where).toMatch(
          new RegExp(
            `^ad\\.exercises\\.check\\("Exercise ${chapter}\\.${number}", \\(\\) => \\{[\\s\\S]*// BEGIN HIDDEN TESTS[\\s\\S]*// END HIDDEN TESTS\\n\\}\\);$`,
          ),
        );
        for (const cell of [answer, test])
          expect(
            text(cell)
              .split("\n")
              .filter((line) => line.length > 90),
            where,
          ).toEqual([]);
        expect(text(statement), where).not.toMatch(/SOLUTION|HIDDEN TESTS/);
      });
    },
  );

  it("have grade ids unique across the series", () => {
    const ids = all.flatMap(({ exercises }) =>
      exercises.flatMap(({ answer, test }) => [answer.metadata.nbgrader?.grade_id, test.metadata.nbgrader?.grade_id]),
    );
    expect(new Set(ids).size).toBe(ids.length);
  });
});
