import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { kernelSpec } from "../../tools/kernel";
import { notebookMetadata } from "../../tools/notebook-hygiene";
import { localKernelDir, projectRoot } from "../../tools/project";
import { jupyterEnv, requireProjectPython } from "../../tools/python";

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

/**
 * Runs a one-cell notebook in the scratch project's kernel (started from its notebooks/ folder) and returns its stdout.
 */
function runCell(dir: string, code: string): string {
  const python = requireProjectPython();
  const cell = { cell_type: "code", id: "c1", metadata: {}, source: code, outputs: [], execution_count: null };
  const notebook = { nbformat: 4, nbformat_minor: 5, metadata: notebookMetadata, cells: [cell] };
  fs.mkdirSync(path.join(dir, "notebooks"), { recursive: true });
  const file = path.join(dir, "notebooks", "scratch.ipynb");
  fs.writeFileSync(file, JSON.stringify(notebook));
  const script = path.join(projectRoot, "tools", "execute_notebook.py");
  const result = path.join(dir, "result.json");
  const run = spawnSync(python, [script, file, file, result, "120", "adlab"], {
    cwd: path.join(dir, "notebooks"),
    env: { ...jupyterEnv(python), JUPYTER_PATH: path.join(dir, ".jupyter") },
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

  it("launcher exits with a message on a connection file that is missing or not one", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "adlab-conn-"));
    const notJson = path.join(dir, "bad.json");
    fs.writeFileSync(notJson, "{ not json");
    const wrongFields = path.join(dir, "wrong.json");
    fs.writeFileSync(wrongFields, JSON.stringify({ ip: "127.0.0.1" }));
    const cases = [
      [path.join(dir, "absent.json"), /cannot read the connection file .*absent\.json/],
      [notJson, /cannot read the connection file .*bad\.json/],
      [wrongFields, /is not a Jupyter connection file \(no transport, key, shell_port/],
    ] as const;
    for (const [file, message] of cases) {
      const run = spawnSync(process.execPath, [path.join(localKernelDir, "launch.cjs"), file], {
        encoding: "utf8",
        timeout: 20_000,
      });
      expect(run.status, run.stderr).toBe(1);
      expect(run.stderr).toMatch(message);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it("serves lib/ compiled from its current sources: imports resolve to the cache, edits show after a restart", () => {
    const dir = scratchProject({
      "lib/index.ts": 'export * from "./pair/";\n',
      "lib/pair/index.ts": 'export { a } from "./a";\n',
      "lib/pair/a.ts": 'import { b } from "./b";\nexport const a = () => "a" + b();\nexport const tag = "A";\n',
      "lib/pair/b.ts": 'import { tag } from "./a";\nexport const b = () => "b" + tag;\n',
    });
    const cell =
      'import { a } from "./lib";\nconsole.log(a(), process.cwd(), path.relative(process.cwd(), require.resolve("./lib")));';
    const first = runCell(dir, `import * as path from "path";\n${cell}`).trim().split(" ");
    expect(first.slice(0, 2)).toEqual(["abA", fs.realpathSync(dir)]);
    expect(first[2]).toMatch(/^build\/kernel-lib\/[0-9a-f]{16}\/index\.js$/);
    fs.writeFileSync(
      path.join(dir, "lib/pair/b.ts"),
      'import { tag } from "./a";\nexport const b = () => "B" + tag;\n',
    );
    const second = runCell(dir, `import * as path from "path";\n${cell}`).trim().split(" ");
    expect(second[0]).toBe("aBA");
    expect(second[2]).not.toBe(first[2]);
    // The previous version stays for kernels still running it.
    expect(fs.existsSync(path.join(dir, first[2]!))).toBe(true);
  }, 180_000);

  it("keeps the compiled versions kernels may still be running (the two before the newest), and removes older ones", () => {
    const require = createRequire(import.meta.url);
    const { compiledLib } = require(path.join(localKernelDir, "compiled-lib.cjs")) as {
      compiledLib: (root: string, ts: unknown) => { dir: string };
    };
    const ts = require("@tslab/typescript-for-tslab") as unknown;
    const dir = scratchProject({ "lib/index.ts": "export const version = 0;\n" });
    const versions = [1, 2, 3, 4].map((version) => {
      fs.writeFileSync(path.join(dir, "lib", "index.ts"), `export const version = ${version};\n`);
      const built = compiledLib(dir, ts).dir;
      // Distinct modification times, as versions made one after another have.
      fs.utimesSync(built, version, version);
      return built;
    });
    expect(versions.map((built) => fs.existsSync(built))).toEqual([false, true, true, true]);
    expect(fs.readFileSync(path.join(versions[3]!, "index.js"), "utf8")).toContain("exports.version = 4;");
  }, 180_000);

  it("points stack traces from lib/ at the TypeScript source line", () => {
    const dir = scratchProject({
      "lib/index.ts": 'export function fail(): never {\n  throw new Error("from lib");\n}\n',
    });
    const out = runCell(
      dir,
      'import { fail } from "./lib";\ntry { fail(); } catch (e) { console.log((e as Error).stack); }',
    );
    expect(out).toMatch(/Error: from lib\n\s+at fail \(.*lib[\\/]index\.ts:2:\d+\)/);
  }, 180_000);

  it("shows TypeScript's own message when lib/ does not compile", () => {
    const dir = scratchProject({ "lib/index.ts": 'export const n: number = "not a number";\n' });
    expect(() => runCell(dir, 'import { n } from "./lib";\nconsole.log(n);')).toThrow(
      /Type 'string' is not assignable to type 'number'/,
    );
  }, 180_000);

  it("loads a reader's own .ts files outside lib/ with folder imports and import cycles", () => {
    const dir = scratchProject({
      "course/index.ts": 'export * from "./pair/";\n',
      "course/pair/index.ts": 'export { a } from "./a";\n',
      "course/pair/a.ts": 'import { b } from "./b";\nexport const a = () => "a" + b();\nexport const tag = "A";\n',
      "course/pair/b.ts": 'import { tag } from "./a";\nexport const b = () => "b" + tag;\n',
    });
    expect(runCell(dir, 'import { a } from "./course";\nconsole.log(a());')).toBe("abA\n");
  }, 180_000);
});
