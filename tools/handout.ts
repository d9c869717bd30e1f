/**
 * `npm run handout [-- names]`: the student copies of the notebooks, made by nbgrader's
 * generate_assignment (with the project's nbgrader_config.py): each solution region becomes the
 * stub `// YOUR CODE HERE` + `throw new Error("not answered yet")`, hidden tests are removed,
 * visible tests stay (students get their feedback), outputs are cleared and test cells locked.
 * The copies go to build/handout/; the notebooks themselves are untouched.
 */
import fs from "node:fs";
import path from "node:path";
import { runAsCli } from "./cli";
import { projectRoot } from "./project";
import { requireProjectPython } from "./python";
import { generateAssignment } from "./nbgrader";
import { resolveNotebooks } from "./run-notebooks";

export const handoutDir = path.join(projectRoot, "build", "handout");

/**
 * Writes the student copies of `files` into `outDir` (through an nbgrader course beside it) and
 * returns their paths.
 * @example await writeHandouts(["notebooks/02-forward-mode.ipynb"], "build/handout")
 */
export async function writeHandouts(files: readonly string[], outDir: string): Promise<string[]> {
  const release = await generateAssignment(requireProjectPython(), `${outDir}-course`, files);
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(outDir, { recursive: true });
  return files.map((file) => {
    const target = path.join(outDir, path.basename(file));
    fs.copyFileSync(path.join(release, path.basename(file)), target);
    return target;
  });
}

runAsCli(import.meta.url, "npm run handout", async (args) => {
  for (const written of await writeHandouts(resolveNotebooks(args), handoutDir))
    console.log(`wrote ${path.relative(projectRoot, written)}`);
  return 0;
});
