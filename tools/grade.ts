/**
 * `npm run grade -- <submissions> [--source folder] [--timeout S] [--limit S] [--out folder]`:
 * grades students' copies of the notebooks with nbgrader and writes grades.csv and summary.md to
 * build/grades/ (or --out; the folder is emptied first).
 *
 * <submissions> holds one folder per student with that student's notebooks (named as in
 * notebooks/, or as in --source). Each student is autograded by nbgrader in a fresh kernel per
 * notebook: its test cells are put back as the instructor wrote them (hidden tests included), a
 * cell may run --timeout seconds (default: nbgrader_config.py's), and a whole student --limit
 * seconds (default 1800). A test cell that fails scores 0, a deleted one is restored and run, a
 * notebook that cannot be read or whose run is stopped scores 0, and the summary says why.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { runAsCli } from "./cli";
import { projectRoot } from "./project";
import { requireProjectPython } from "./python";
import { assignment, generateAssignment, logTail, nbgrader } from "./nbgrader";
import { resolveNotebooks } from "./run-notebooks";

type Json = Record<string, any>;

/** One graded test cell of one student's notebook: a row of grades.csv. */
export interface GradeRow {
  student: string;
  notebook: string;
  exercise: string;
  points: number;
  max: number;
}

export const gradesDir = path.join(projectRoot, "build", "grades");

const gradeIdOf = (cell: Json): string | undefined => cell.metadata?.nbgrader?.grade_id;
const isTestCell = (cell: Json) => cell.metadata?.nbgrader?.grade === true && cell.cell_type === "code";

/**
 * The student's notebook with every answer and test cell of `release` that the student deleted
 * put back where it stood (after the cell before it): a deleted answer comes back as the stub, a
 * deleted test cell runs and scores what the answer earns. nbgrader itself would restore test
 * cells only behind a "# " line, which is not TypeScript.
 */
export function restoreDeletedCells(submission: Json, release: Json): { notebook: Json; restored: string[] } {
  const cells: Json[] = [...submission.cells];
  const present = new Set(cells.map(gradeIdOf).filter(Boolean));
  const restored: string[] = [];
  (release.cells as Json[]).forEach((cell, i) => {
    const id = gradeIdOf(cell);
    if (id === undefined || present.has(id)) return;
    const before = (release.cells as Json[])
      .slice(0, i)
      .map(gradeIdOf)
      .filter((g) => g !== undefined && present.has(g))
      .pop();
    const at = before === undefined ? 0 : cells.findIndex((c) => gradeIdOf(c) === before) + 1;
    cells.splice(at, 0, cell);
    present.add(id);
    restored.push(id);
  });
  return { notebook: { ...submission, cells }, restored };
}

/** The test cells of a source notebook: the exercises and their points. */
function testCells(file: string): { exercise: string; max: number }[] {
  const notebook = JSON.parse(fs.readFileSync(file, "utf8")) as Json;
  return (notebook.cells as Json[])
    .filter(isTestCell)
    .map((cell) => ({ exercise: gradeIdOf(cell)!, max: Number(cell.metadata.nbgrader.points) }));
}

/** Every row of the class: each student, each source notebook, each test cell, with the gradebook's score or 0. */
export function gradeTable(
  students: readonly string[],
  sources: readonly string[],
  scores: readonly Json[],
): GradeRow[] {
  const score = new Map(scores.map((s) => [`${s.student}/${s.notebook}/${s.cell}`, Number(s.score ?? 0)]));
  return students.flatMap((student) =>
    sources.flatMap((file) => {
      const notebook = path.basename(file, ".ipynb");
      return testCells(file).map(({ exercise, max }) => ({
        student,
        notebook,
        exercise,
        points: score.get(`${student}/${notebook}/${exercise}`) ?? 0,
        max,
      }));
    }),
  );
}

/** grades.csv: student, notebook, exercise, points, max points. */
export function gradesCsv(rows: readonly GradeRow[]): string {
  const quote = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const lines = rows.map((r) =>
    [r.student, r.notebook, r.exercise, String(r.points), String(r.max)].map(quote).join(","),
  );
  return ["student,notebook,exercise,points,max_points", ...lines].join("\n") + "\n";
}

/** summary.md: each student's points per notebook and in total, then what happened on the way. */
export function gradesSummary(rows: readonly GradeRow[], notes: readonly string[]): string {
  const students = [...new Set(rows.map((r) => r.student))];
  const notebooks = [...new Set(rows.map((r) => r.notebook))];
  const sum = (of: readonly GradeRow[], key: "points" | "max") => of.reduce((total, r) => total + r[key], 0);
  const cell = (of: readonly GradeRow[]) => `${sum(of, "points")} / ${sum(of, "max")}`;
  const table = [
    `| student | ${notebooks.join(" | ")} | total |`,
    `|---|${notebooks.map(() => "---:|").join("")}---:|`,
    ...students.map((s) => {
      const mine = rows.filter((r) => r.student === s);
      return `| ${s} | ${notebooks.map((n) => cell(mine.filter((r) => r.notebook === n))).join(" | ")} | ${cell(mine)} |`;
    }),
  ];
  const notesPart = notes.length > 0 ? ["", "## Notes", "", ...notes.map((n) => `- ${n}`)] : [];
  return ["# Grades", "", ...table, ...notesPart].join("\n") + "\n";
}

interface Options {
  submissions: string;
  sources: string[];
  timeout?: number;
  limit: number;
  out: string;
}

function parseArgs(args: string[]): Options {
  const value = (flag: string) => {
    const at = args.indexOf(flag);
    if (at < 0) return undefined;
    const [v] = args.splice(at, 2).slice(1);
    if (v === undefined) throw new Error(`${flag} needs a value`);
    return v;
  };
  const source = value("--source");
  const out = path.resolve(value("--out") ?? gradesDir);
  const timeout = value("--timeout");
  const limit = Number(value("--limit") ?? 1800);
  if (timeout !== undefined && !(Number(timeout) > 0))
    throw new Error(`--timeout needs a positive number of seconds, got ${timeout}`);
  if (!(limit > 0)) throw new Error("--limit needs a positive number of seconds");
  if (args.length !== 1)
    throw new Error("give the folder of submissions (one folder per student): npm run grade -- <folder>");
  const sources =
    source === undefined
      ? resolveNotebooks([])
      : fs
          .readdirSync(source)
          .filter((f) => f.endsWith(".ipynb"))
          .sort()
          .map((f) => path.resolve(source, f));
  return {
    submissions: path.resolve(args[0]),
    sources,
    timeout: timeout === undefined ? undefined : Number(timeout),
    limit,
    out,
  };
}

/** Copies each student's notebooks into the course's submitted/ folder, restored; returns the notes. */
function collect(
  submissions: string,
  students: string[],
  release: string,
  courseRoot: string,
  sources: string[],
): string[] {
  const notes: string[] = [];
  const names = new Set(sources.map((f) => path.basename(f)));
  for (const student of students) {
    const target = path.join(courseRoot, "submitted", student, assignment);
    fs.mkdirSync(target, { recursive: true });
    for (const file of fs.readdirSync(path.join(submissions, student)).sort()) {
      if (!file.endsWith(".ipynb")) continue;
      if (!names.has(file)) {
        notes.push(`${student}: ${file} is not a notebook of the assignment; not graded`);
        continue;
      }
      let submission: Json;
      try {
        submission = JSON.parse(fs.readFileSync(path.join(submissions, student, file), "utf8"));
        if (!Array.isArray(submission.cells)) throw new Error("no cells");
      } catch (error) {
        notes.push(`${student}: ${file} cannot be read as a notebook (${(error as Error).message}); it scores 0`);
        continue;
      }
      const { notebook, restored } = restoreDeletedCells(
        submission,
        JSON.parse(fs.readFileSync(path.join(release, file), "utf8")),
      );
      if (restored.length > 0) notes.push(`${student}: ${file}: deleted cells restored (${restored.join(", ")})`);
      fs.writeFileSync(path.join(target, file), JSON.stringify(notebook));
    }
    for (const name of names) {
      if (!fs.existsSync(path.join(target, name))) notes.push(`${student}: no ${name}; it scores 0`);
    }
  }
  return notes;
}

async function main(args: string[]): Promise<number> {
  const { submissions, sources, timeout, limit, out } = parseArgs([...args]);
  if (!fs.existsSync(submissions)) throw new Error(`no folder ${submissions}`);
  const students = fs
    .readdirSync(submissions)
    .filter((name) => fs.statSync(path.join(submissions, name)).isDirectory())
    .sort();
  if (students.length === 0)
    throw new Error(`${submissions} has no student folders (one folder per student, holding their notebooks)`);
  const python = requireProjectPython();
  fs.rmSync(out, { recursive: true, force: true });
  const courseRoot = path.join(out, "course");
  console.log(
    `grading ${students.length} student(s) on ${sources.length} notebook(s); nbgrader course in ${courseRoot}/`,
  );
  const release = await generateAssignment(python, courseRoot, sources);
  const notes = collect(submissions, students, release, courseRoot, sources);
  for (const student of students) {
    const started = Date.now();
    const extra = timeout === undefined ? [] : [`--Execute.timeout=${timeout}`];
    const run = await nbgrader(
      python,
      ["autograde", assignment, "--student", student, "--force", ...extra],
      courseRoot,
      limit,
    );
    const seconds = ((Date.now() - started) / 1000).toFixed(0);
    if (run.timedOut)
      notes.push(`${student}: grading stopped after ${limit} s (--limit); notebooks not finished score 0`);
    else if (run.code !== 0) notes.push(`${student}: nbgrader reported an error; see ${student}.log`);
    fs.writeFileSync(path.join(out, `${student}.log`), run.log);
    console.log(`${run.code === 0 ? "graded" : "FAILED"}  ${student}  ${seconds} s`);
    if (run.code !== 0 && !run.timedOut) console.log(logTail(run.log, 8));
  }
  const exported = spawnSync(
    python,
    [path.join(projectRoot, "tools", "gradebook.py"), `sqlite:///${path.join(courseRoot, "gradebook.db")}`, assignment],
    { encoding: "utf8" },
  );
  if (exported.status !== 0) throw new Error(`reading the gradebook failed:\n${exported.stderr}`);
  const rows = gradeTable(students, sources, JSON.parse(exported.stdout));
  fs.writeFileSync(path.join(out, "grades.csv"), gradesCsv(rows));
  const summary = gradesSummary(rows, notes);
  fs.writeFileSync(path.join(out, "summary.md"), summary);
  console.log(
    `\n${summary}\nwrote ${path.join(out, "grades.csv")} and summary.md; graded notebooks in ${path.join(courseRoot, "autograded")}/`,
  );
  return 0;
}

runAsCli(import.meta.url, "npm run grade", main);
