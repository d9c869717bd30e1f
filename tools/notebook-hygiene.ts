/**
 * Notebook hygiene: committed notebooks are valid nbformat 4, select the adlab kernel, declare
 * TypeScript, and carry no outputs or execution counts (so diffs show only what an author wrote).
 * Code lines fit the page (at most 90 characters: longer ones are cut off at the right edge in
 * JupyterLab and in print), and each notebook opens by naming the lecture sections it mirrors.
 * `npm run notebooks:clean` strips outputs in place; without --fix the command only reports.
 */
import fs from "node:fs";
import path from "node:path";
import { runAsCli } from "./cli";
import { kernelDisplayName } from "./kernel";
import { kernelName, projectRoot } from "./project";

/** The notebook-level metadata every adlab notebook carries. */
export const notebookMetadata = {
  kernelspec: { name: kernelName, display_name: kernelDisplayName, language: "typescript" },
  language_info: {
    name: "typescript",
    file_extension: ".ts",
    mimetype: "text/typescript",
    // What tslab itself reports; classic Notebook reads it to highlight TypeScript.
    codemirror_mode: { mode: "typescript", name: "javascript", typescript: true },
  },
};

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isSource(value: unknown): boolean {
  return typeof value === "string" || (Array.isArray(value) && value.every((line) => typeof line === "string"));
}

function cellProblems(cell: unknown, number: number, needsId: boolean): string[] {
  const where = `cell ${number}`;
  if (!isObject(cell)) return [`${where} is not an object`];
  const problems: string[] = [];
  if (!["code", "markdown", "raw"].includes(cell.cell_type as string))
    problems.push(`${where} has cell_type ${JSON.stringify(cell.cell_type)}`);
  if (!isSource(cell.source)) problems.push(`${where} has no source text`);
  if (!isObject(cell.metadata)) problems.push(`${where} has no metadata object`);
  if (needsId && typeof cell.id !== "string") problems.push(`${where} has no id (required since nbformat 4.5)`);
  if (cell.cell_type === "code") {
    if (!Array.isArray(cell.outputs) || cell.outputs.length > 0) problems.push(`${where} has outputs`);
    if (cell.execution_count !== null)
      problems.push(`${where} has execution_count ${JSON.stringify(cell.execution_count)}`);
  }
  return problems;
}

/**
 * What is wrong with a parsed notebook; empty when it is clean.
 * @example notebookProblems(JSON.parse(fs.readFileSync("notebooks/00-welcome.ipynb", "utf8"))) // []
 */
export function notebookProblems(notebook: unknown): string[] {
  if (!isObject(notebook)) return ["not a JSON object"];
  const problems: string[] = [];
  if (notebook.nbformat !== 4 || typeof notebook.nbformat_minor !== "number") {
    problems.push(
      `nbformat is ${JSON.stringify(notebook.nbformat)}.${JSON.stringify(notebook.nbformat_minor)}, expected 4.x`,
    );
  }
  const metadata = isObject(notebook.metadata) ? notebook.metadata : {};
  const kernelspec = isObject(metadata.kernelspec) ? metadata.kernelspec : {};
  if (
    kernelspec.name !== kernelName ||
    kernelspec.display_name !== kernelDisplayName ||
    kernelspec.language !== "typescript"
  ) {
    problems.push(
      `metadata.kernelspec is ${JSON.stringify(metadata.kernelspec)}, expected ${JSON.stringify(notebookMetadata.kernelspec)}`,
    );
  }
  if (!isObject(metadata.language_info) || metadata.language_info.name !== "typescript") {
    problems.push('metadata.language_info.name must be "typescript"');
  }
  if (!Array.isArray(notebook.cells)) return [...problems, "no cells array"];
  const needsId = (notebook.nbformat_minor as number) >= 5;
  return problems.concat(
    notebook.cells.flatMap((cell, index) => cellProblems(cell, index + 1, needsId)),
    importProblems(notebook.cells),
    lineLengthProblems(notebook.cells),
    lectureProblems(notebook.cells),
  );
}

/** The longest code line a reader sees whole on the page. */
export const maxLineLength = 90;

function sourceText(cell: Json): string {
  return Array.isArray(cell.source) ? cell.source.join("") : (cell.source as string);
}

function lineLengthProblems(cells: unknown[]): string[] {
  return cells.flatMap((cell, index) => {
    if (!isObject(cell) || cell.cell_type !== "code" || !isSource(cell.source)) return [];
    return sourceText(cell)
      .split("\n")
      .flatMap((line, at) =>
        [...line].length > maxLineLength
          ? [
              `cell ${index + 1} line ${at + 1} has ${[...line].length} characters (at most ${maxLineLength}): ${line.trim().slice(0, 40)}…`,
            ]
          : [],
      );
  });
}

/** The opening line naming what a notebook mirrors, e.g. "Lecture sections: §2 Finite differences". */
export const lecturePattern = /^\*{0,2}Lecture sections?:\*{0,2} .*§\s*\d/m;

function lectureProblems(cells: unknown[]): string[] {
  const first = cells[0];
  const opens =
    isObject(first) &&
    first.cell_type === "markdown" &&
    isSource(first.source) &&
    lecturePattern.test(sourceText(first));
  return opens ? [] : ['does not open with a markdown cell naming its lecture sections ("Lecture sections: §2 …")'];
}

/** The one line every notebook loads the library with (the kernel runs in the project root). */
export const importLine = 'import * as ad from "./lib";';

/** Notebooks load the library with exactly `importLine` and import nothing else from lib/. */
function importProblems(cells: unknown[]): string[] {
  const code = cells.filter((c): c is Json => isObject(c) && c.cell_type === "code" && isSource(c.source));
  const text = code.map((c) => (Array.isArray(c.source) ? c.source.join("") : (c.source as string)));
  const libImports = text.flatMap((t) => t.match(/^\s*import\b.*["']\.\.?\/lib[^"']*["'].*$/gm) ?? []);
  if (code.length > 0 && !libImports.includes(importLine)) return [`does not load the library with \`${importLine}\``];
  const others = libImports.filter((line) => line.trim() !== importLine);
  return others.length > 0 ? [`imports from lib/ other than \`${importLine}\`: ${others.join("; ")}`] : [];
}

/**
 * A copy of `notebook` without outputs and execution counts, with adlab's metadata.
 * @example stripNotebook(executed).cells[0].outputs // []
 */
export function stripNotebook(notebook: Json): Json {
  const cells = (notebook.cells as Json[]).map((cell) =>
    cell.cell_type === "code" ? { ...cell, outputs: [], execution_count: null } : cell,
  );
  return { ...notebook, metadata: { ...(notebook.metadata as Json), ...notebookMetadata }, cells };
}

/** The notebooks under notebooks/, sorted by name. */
export function projectNotebooks(): string[] {
  const dir = path.join(projectRoot, "notebooks");
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((name) => name.endsWith(".ipynb") && !name.includes(".ipynb_checkpoints"))
    .map((name) => path.join(dir, name))
    .sort();
}

runAsCli(import.meta.url, "notebook hygiene", (args) => {
  const fix = args.includes("--fix");
  const files = args.filter((arg) => arg !== "--fix");
  let dirty = 0;
  for (const file of files.length > 0 ? files : projectNotebooks()) {
    const notebook = JSON.parse(fs.readFileSync(file, "utf8")) as Json;
    if (fix) fs.writeFileSync(file, JSON.stringify(stripNotebook(notebook), null, 1) + "\n");
    const problems = notebookProblems(fix ? stripNotebook(notebook) : notebook);
    for (const problem of problems) console.error(`${path.relative(process.cwd(), file)}: ${problem}`);
    if (problems.length > 0) dirty++;
  }
  if (dirty > 0 && !fix) console.error("Strip outputs with `npm run notebooks:clean`.");
  return dirty > 0 ? 1 : 0;
});
