import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { kernelSpec } from "../../tools/kernel";
import { notebookMetadata } from "../../tools/notebook-hygiene";
import { localKernelDir, projectRoot, withLocalJupyterPath } from "../../tools/project";
import { findNotebookPython } from "../../tools/python";

/** A throw-away project: a copy of the kernelspec, this project's node_modules, and `files`. */
function scratchProject(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "adlab-kernel-"));
  fs.cpSync(path.join(projectRoot, ".jupyter"), path.join(dir, ".jupyter"), { recursive: true });
  fs.symlinkSync(path.join(projectRoot, "node_modules"), path.join(dir, "node_modules"));
  for (const [name, code] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), code);
  }
  return dir;
}

/** Runs a one-cell notebook in the scratch project's kernel (started from its notebooks/ folder) and returns its stdout. */
function runCell(dir: string, code: string): string {
  const python = findNotebookPython();
  if (python === null) throw new Error("no Python with nbclient");
  const cell = { cell_type: "code", id: "c1", metadata: {}, source: code, outputs: [], execution_count: null };
  const notebook = { nbformat: 4, nbformat_minor: 5, metadata: notebookMetadata, cells: [cell] };
  fs.mkdirSync(path.join(dir, "notebooks"), { recursive: true });
  const file = path.join(dir, "notebooks", "scratch.ipynb");
  fs.writeFileSync(file, JSON.stringify(notebook));
  const script = path.join(projectRoot, "tools", "execute_notebook.py");
  const result = path.join(dir, "result.json");
  const run = spawnSync(python, [script, file, file, result, "120", "adlab"], {
    cwd: path.join(dir, "notebooks"),
    env: { ...withLocalJupyterPath(process.env), JUPYTER_PATH: path.join(dir, ".jupyter") },
    encoding: "utf8",
  });
  const verdict = JSON.parse(fs.readFileSync(result, "utf8")) as { status: string; error?: string };
  if (verdict.status !== "ok") throw new Error(`${verdict.status}: ${verdict.error ?? run.stderr}`);
  const executed = JSON.parse(fs.readFileSync(file, "utf8")) as { cells: { outputs: { text: string | string[] }[] }[] };
  return executed.cells[0]!.outputs.map((output) => [output.text].flat().join("")).join("");
}

describe("adlab kernelspec", () => {
  it("is committed exactly as the tool writes it", () => {
    const committed = JSON.parse(fs.readFileSync(path.join(localKernelDir, "kernel.json"), "utf8")) as unknown;
    expect(committed).toEqual(kernelSpec("relocatable"));
  });

  it("is relocatable: the committed spec names no absolute path", () => {
    expect(kernelSpec("relocatable").argv).toEqual(["node", "{resource_dir}/launch.cjs", "{connection_file}"]);
  });

  it("points a user-wide copy at this project's launcher with this node", () => {
    const [node, launcher] = kernelSpec("absolute").argv;
    expect(node).toBe(process.execPath);
    expect(launcher).toBe(path.join(localKernelDir, "launch.cjs"));
    expect(fs.existsSync(launcher ?? "")).toBe(true);
  });

  it("launcher refuses to start without a connection file, saying why", () => {
    const run = spawnSync(process.execPath, [path.join(localKernelDir, "launch.cjs")], { encoding: "utf8" });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/adlab kernel: no connection file given/);
  });

  it(
    "runs in the project root, loads folder imports and files that import each other, and sees edits after a restart",
    () => {
      const dir = scratchProject({
        "lib/index.ts": 'export * from "./pair/";\n',
        "lib/pair/index.ts": 'export { a } from "./a";\n',
        "lib/pair/a.ts": 'import { b } from "./b";\nexport const a = () => "a" + b();\nexport const tag = "A";\n',
        "lib/pair/b.ts": 'import { tag } from "./a";\nexport const b = () => "b" + tag;\n',
      });
      const cell = 'import { a } from "./lib";\nconsole.log(a(), process.cwd());';
      expect(runCell(dir, cell)).toBe(`abA ${fs.realpathSync(dir)}\n`);
      fs.writeFileSync(path.join(dir, "lib/pair/b.ts"), 'import { tag } from "./a";\nexport const b = () => "B" + tag;\n');
      expect(runCell(dir, cell)).toBe(`aBA ${fs.realpathSync(dir)}\n`);
    },
    180_000,
  );
});
