import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gradeTable, gradesCsv, gradesSummary, restoreDeletedCells, type GradeRow } from "../../tools/grade";
import { writeHandouts } from "../../tools/handout";
import { projectNotebooks } from "../../tools/notebook-hygiene";
import { projectRoot } from "../../tools/project";

type Json = Record<string, any>;
const cell = (id: string | null, source: string): Json => ({
  cell_type: "code",
  source,
  metadata: id === null ? {} : { nbgrader: { grade_id: id } },
});
const ids = (notebook: Json) => notebook.cells.map((c: Json) => c.metadata.nbgrader?.grade_id ?? c.source);
const read = (file: string): Json => JSON.parse(fs.readFileSync(file, "utf8"));
const text = (c: Json) => [c.source].flat().join("");

describe("grading, without a kernel", () => {
  it("puts deleted answer and test cells back after the cell before them", () => {
    const release = {
      cells: [
        cell(null, "setup"),
        cell("a", "stub a"),
        cell("a-tests", "check a"),
        cell("b", "stub b"),
        cell("b-tests", "check b"),
      ],
    };
    const submission = {
      cells: [cell(null, "setup"), cell("a", "answer a"), cell(null, "my helper"), cell("b-tests", "check b")],
    };
    const { notebook, restored } = restoreDeletedCells(submission, release);
    expect(ids(notebook)).toEqual(["setup", "a", "a-tests", "b", "my helper", "b-tests"]);
    expect(restored).toEqual(["a-tests", "b"]);
    expect(notebook.cells[1].source).toBe("answer a");
  });

  it("writes one row per student, notebook and exercise, and a summary with totals and notes", () => {
    const rows: GradeRow[] = [
      { student: "ada", notebook: "01", exercise: "ex-1", points: 2, max: 3 },
      { student: "ada", notebook: "02", exercise: "ex-2", points: 1, max: 1 },
      { student: "bob, jr", notebook: "01", exercise: "ex-1", points: 0, max: 3 },
      { student: "bob, jr", notebook: "02", exercise: "ex-2", points: 0, max: 1 },
    ];
    expect(gradesCsv(rows)).toBe(
      'student,notebook,exercise,points,max_points\nada,01,ex-1,2,3\nada,02,ex-2,1,1\n"bob, jr",01,ex-1,0,3\n"bob, jr",02,ex-2,0,1\n',
    );
    const summary = gradesSummary(rows, ["bob, jr: no 02.ipynb; it scores 0"]);
    expect(summary).toContain("| ada | 2 / 3 | 1 / 1 | 3 / 4 |");
    expect(summary).toContain("- bob, jr: no 02.ipynb; it scores 0");
  });

  it("gives every test cell of every source notebook a row, 0 where the gradebook has no score", () => {
    const fixture = path.join(projectRoot, "test", "fixtures", "exercises.ipynb");
    const rows = gradeTable(
      ["ada"],
      [fixture],
      [{ student: "ada", notebook: "exercises", cell: "double-tests", score: 2 }],
    );
    expect(rows.map((r) => `${r.exercise} ${r.points}/${r.max}`)).toEqual([
      "double-tests 2/2",
      "triple-tests 0/1",
      "square-tests 0/1",
      "negate-tests 0/1",
      "halve-tests 0/2",
      "cube-tests 0/1",
    ]);
  });
});

/**
 * A class of three: "perfect" hands in the instructor's copies of the fixture and of notebook 02,
 * "blank" the untouched handouts of the whole series, "mixed" answers some exercises right and
 * others wrong, kills the kernel in one answer cell, hangs in another and deletes a test cell.
 */
describe("npm run grade on a class of three (nbgrader autograde, real kernels)", () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "grade-"));
  const [source, handouts, submissions, out] = ["source", "handout", "class", "grades"].map((name) =>
    path.join(work, name),
  );
  const fixture = path.join(projectRoot, "test", "fixtures", "exercises.ipynb");
  const series = projectNotebooks();
  const graded = ["exercises.ipynb", "02-forward-mode.ipynb"];
  let run: { status: number | null; stdout: string; stderr: string };

  /** `notebook` with the answer cells in `answers` (by grade id) replaced and the cells in `deleted` removed. */
  function answered(notebook: Json, answers: Record<string, string>, deleted: string[] = []): Json {
    const cells = notebook.cells
      .filter((c: Json) => !deleted.includes(c.metadata.nbgrader?.grade_id))
      .map((c: Json) =>
        answers[c.metadata.nbgrader?.grade_id] === undefined
          ? c
          : { ...c, source: answers[c.metadata.nbgrader.grade_id] },
      );
    return { ...notebook, cells };
  }
  const write = (student: string, name: string, notebook: Json) => {
    fs.mkdirSync(path.join(submissions, student), { recursive: true });
    fs.writeFileSync(path.join(submissions, student, name), JSON.stringify(notebook));
  };
  const autograded = (student: string, name: string) =>
    read(path.join(out, "course", "autograded", student, "series", name));
  const outputOf = (notebook: Json, id: string) =>
    notebook.cells
      .find((c: Json) => c.metadata.nbgrader?.grade_id === id)
      .outputs.map((o: Json) => [o.text ?? o.evalue].flat().join(""))
      .join("");

  beforeAll(async () => {
    fs.mkdirSync(source);
    for (const file of [fixture, ...series]) fs.copyFileSync(file, path.join(source, path.basename(file)));
    await writeHandouts([fixture, ...series], handouts);
    for (const name of graded) write("perfect", name, read(path.join(source, name)));
    for (const name of fs.readdirSync(handouts)) write("blank", name, read(path.join(handouts, name)));
    const dual = text(
      read(path.join(source, "02-forward-mode.ipynb")).cells.find(
        (c: Json) => c.metadata.nbgrader?.grade_id === "ex-2-1-dual-class-answer",
      ),
    );
    write(
      "mixed",
      "exercises.ipynb",
      answered(
        read(path.join(handouts, "exercises.ipynb")),
        {
          "double-answer": "function double(x: number): number {\n  return x + x;\n}",
          "triple-answer": "function triple(x: number): number {\n  return 3 + x;\n}",
          "square-answer": "function square(x: number): number {\n  return x ** 2;\n}",
          "halve-answer": "function halve(x: number): number {\n  return x / 2;\n}\nwhile (true) {}",
          "negate-answer": "function negate(x: number): number {\n  return -x;\n}\nprocess.exit(1);",
          "cube-answer": "function cube(x: number): number {\n  return x ** 3;\n}",
        },
        ["square-tests"],
      ),
    );
    write(
      "mixed",
      "02-forward-mode.ipynb",
      answered(read(path.join(handouts, "02-forward-mode.ipynb")), {
        "ex-2-1-dual-class-answer": dual,
        "ex-2-2-gradient-with-duals-answer":
          "function gradientOfL(w1: number, w2: number): [number, number] {\n  return ad.grad(L, [0, 1])(w1, w2) as [number, number];\n}",
        "ex-2-3-forward-table-answer": [
          "function forwardSteps(x1: number, x2: number, dx1: number, dx2: number) {",
          "  const v1 = { value: Math.log(x1), tangent: dx1 / x1 };",
          "  const v2 = { value: x1 * x2, tangent: x2 * dx1 + x1 * dx2 };",
          "  const v3 = { value: v1.value + v2.value, tangent: v1.tangent + v2.tangent };",
          "  const v4 = { value: Math.sin(x2), tangent: -Math.cos(x2) * dx2 };",
          "  return { v1, v2, v3, v4, y: { value: v3.value - v4.value, tangent: v3.tangent - v4.tangent } };",
          "}",
        ].join("\n"),
      }),
    );
    run = spawnSync(
      "npx",
      ["tsx", "tools/grade.ts", submissions, "--source", source, "--timeout", "12", "--out", out],
      {
        cwd: projectRoot,
        env: { ...process.env, ADLAB_QUICK: "1" },
        encoding: "utf8",
      },
    );
  }, 1_200_000);

  afterAll(() => {
    fs.rmSync(work, { recursive: true, force: true });
  });

  it("writes exactly the expected table", () => {
    expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
    const mixed: Record<string, number> = {
      "double-tests": 2,
      "triple-tests": 0,
      "square-tests": 1,
      "halve-tests": 0,
      "negate-tests": 0,
      "cube-tests": 1,
      "ex-2-1-dual-class": 4,
      "ex-2-2-gradient-with-duals": 0,
      "ex-2-3-forward-table": 0,
    };
    const sources = fs
      .readdirSync(source)
      .sort()
      .map((name) => path.join(source, name));
    const expected = gradeTable(["blank", "mixed", "perfect"], sources, []).map((row) => ({
      ...row,
      points:
        row.student === "perfect" && graded.includes(`${row.notebook}.ipynb`)
          ? row.max
          : row.student === "mixed"
            ? (mixed[row.exercise] ?? 0)
            : 0,
    }));
    expect(fs.readFileSync(path.join(out, "grades.csv"), "utf8")).toBe(gradesCsv(expected));
  });

  it("runs every handout of the series to its end: each test cell says 'not answered yet'", () => {
    for (const name of fs.readdirSync(handouts)) {
      const notebook = autograded("blank", name);
      const tests = notebook.cells.filter((c: Json) => c.metadata.nbgrader?.grade);
      expect(tests.length, name).toBeGreaterThan(0);
      for (const test of tests)
        expect(
          outputOf(notebook, test.metadata.nbgrader.grade_id),
          `${name}: ${test.metadata.nbgrader.grade_id}`,
        ).toContain("not answered yet");
    }
  });

  it("grades past a wrong answer, a hang, a crash and a deleted test cell, and says what happened", () => {
    const exercises = autograded("mixed", "exercises.ipynb");
    expect(outputOf(exercises, "triple-tests")).toContain("triple(x) is not right");
    expect(outputOf(exercises, "halve-answer")).toMatch(/CellTimeoutError|interrupted/);
    expect(outputOf(exercises, "negate-answer")).toContain("the kernel died while this cell ran");
    expect(outputOf(exercises, "cube-tests")).toContain("✓ cube");
    const forward = autograded("mixed", "02-forward-mode.ipynb");
    expect(outputOf(forward, "ex-2-2-gradient-with-duals")).toContain("used adlab's reverse mode");
    expect(outputOf(forward, "ex-2-3-forward-table")).toContain("step v4.tangent has the wrong sign");
    const summary = fs.readFileSync(path.join(out, "summary.md"), "utf8");
    expect(summary).toContain("- mixed: exercises.ipynb: deleted cells restored (square-tests)");
    expect(summary).toContain("- perfect: no 01-finite-differences.ipynb; it scores 0");
    expect(summary).toMatch(/^\| perfect \| 0 \/ 1 \| 0 \/ 8 \| 9 \/ 9 \| .* \| 8 \/ 8 \| 17 \/ \d+ \|$/m);
  });
});
