/**
 * `npm run handout [-- names]`: student copies of the notebooks, for a course to hand out.
 * Each copy drops the cells tagged `solution` (and any outputs) and is written to build/handout/;
 * the exercises' answer cells stay, so students fill them in. The notebooks themselves are untouched.
 */
import fs from "node:fs";
import path from "node:path";
import { runAsCli } from "./cli";
import { projectRoot } from "./project";
import { projectNotebooks, stripNotebook } from "./notebook-hygiene";

type Json = Record<string, unknown>;

/** The tag that marks a solution cell. */
export const solutionTag = "solution";

/**
 * A copy of `notebook` without outputs and without the cells tagged `solution`.
 * @example handoutOf(JSON.parse(fs.readFileSync("notebooks/01-finite-differences.ipynb", "utf8")))
 */
export function handoutOf(notebook: Json): Json {
  const clean = stripNotebook(notebook);
  const cells = (clean.cells as Json[]).filter((cell) => {
    const tags = ((cell.metadata as Json | undefined)?.tags ?? []) as unknown[];
    return !tags.includes(solutionTag);
  });
  return { ...clean, cells };
}

/** Writes the handouts of `files` (default: every notebook) into `outDir`; returns the paths written. */
export function writeHandouts(files: readonly string[], outDir: string): string[] {
  fs.mkdirSync(outDir, { recursive: true });
  return files.map((file) => {
    const notebook = JSON.parse(fs.readFileSync(file, "utf8")) as Json;
    const target = path.join(outDir, path.basename(file));
    fs.writeFileSync(target, JSON.stringify(handoutOf(notebook), null, 1) + "\n");
    return target;
  });
}

runAsCli(import.meta.url, "npm run handout", (args) => {
  const all = projectNotebooks();
  const files = args.length === 0 ? all : args.map((name) => {
    const match = all.find((f) => path.basename(f, ".ipynb") === name || f.endsWith(name));
    if (match === undefined) throw new Error(`no notebook "${name}"; notebooks/ has: ${all.map((f) => path.basename(f, ".ipynb")).join(", ")}`);
    return match;
  });
  const outDir = path.join(projectRoot, "build", "handout");
  for (const written of writeHandouts(files, outDir)) console.log(`wrote ${path.relative(projectRoot, written)}`);
  return 0;
});
