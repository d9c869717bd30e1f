/**
 * The instructor's answers, read from the notebooks' answer cells (nbgrader solution cells) and
 * run here without a kernel: the checks are tested against the very code the notebooks hold, and
 * the wrong answers of the tests are small changes to it, not copies of it.
 */
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import * as ad from "../../lib";
import { projectRoot } from "../../tools/project";

type Cell = { cell_type: string; source: string | string[]; metadata: { nbgrader?: { solution?: boolean } } };

/**
 * Every function and class the answer cells of `notebook` declare, evaluated in order with `ad` in scope.
 * @example const { gradientOfL } = solutionsOf("02-forward-mode");
 */
export function solutionsOf(notebook: string): Record<string, any> {
  const file = path.join(projectRoot, "notebooks", `${notebook}.ipynb`);
  const cells = (JSON.parse(fs.readFileSync(file, "utf8")) as { cells: Cell[] }).cells;
  const source = cells
    .filter((cell) => cell.metadata.nbgrader?.solution === true)
    .map((cell) => [cell.source].flat().join(""))
    .join("\n");
  const names = [...source.matchAll(/^(?:function|class|const)\s+(\w+)/gm)].map((match) => match[1]);
  const js = ts.transpileModule(source, { compilerOptions: { target: ts.ScriptTarget.ES2022 } }).outputText;
  return new Function("ad", `"use strict";\n${js}\nreturn { ${names.join(", ")} };`)(ad);
}

/** What the nbgrader stub does when it is called. */
export const stub = (): never => {
  throw new Error("not answered yet");
};
