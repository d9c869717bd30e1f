/**
 * The adlab Jupyter kernel: a kernelspec committed at .jupyter/kernels/adlab/ whose launcher starts
 * tslab in the project root. `npm run kernel` checks (and if needed rewrites) it; with `-- --user`
 * it also installs a copy with absolute paths into the user's Jupyter data folder, for front ends
 * such as VS Code that do not read the project's JUPYTER_PATH. Both also compile lib/ for the
 * kernels ahead of time (.jupyter/kernels/adlab/compiled-lib.cjs), so the first kernel starts fast too.
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { runAsCli } from "./cli";
import { kernelName, localJupyterDir, localKernelDir, projectRoot } from "./project";
import { jupyterOutput, projectPython } from "./python";

/** The shape of a Jupyter kernel.json (only the fields adlab writes). */
export interface KernelSpec {
  argv: string[];
  display_name: string;
  language: string;
}

export const kernelDisplayName = "TypeScript (adlab)";
const launcherFile = "launch.cjs";

/**
 * The kernelspec for the project (`relocatable`: paths through Jupyter's {resource_dir}, node from
 * PATH, so the committed file works in any clone) or for a user-wide copy (absolute paths, this
 * node binary, because such front ends may start kernels with a different PATH).
 * @example kernelSpec("relocatable").argv // ["node", "{resource_dir}/launch.cjs", "{connection_file}"]
 */
export function kernelSpec(kind: "relocatable" | "absolute"): KernelSpec {
  const argv =
    kind === "relocatable"
      ? ["node", `{resource_dir}/${launcherFile}`, "{connection_file}"]
      : [process.execPath, path.join(localKernelDir, launcherFile), "{connection_file}"];
  return { argv, display_name: kernelDisplayName, language: "typescript" };
}

function specText(spec: KernelSpec): string {
  return JSON.stringify(spec, null, 2) + "\n";
}

/** Writes `spec` to <dir>/kernel.json unless it already holds exactly that; returns whether it wrote. */
function writeSpec(dir: string, spec: KernelSpec): boolean {
  const file = path.join(dir, "kernel.json");
  if (fs.existsSync(file) && fs.readFileSync(file, "utf8") === specText(spec)) return false;
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(file, specText(spec));
  return true;
}

interface CompiledLib {
  dir: string | null;
  problems: string[];
}

/**
 * Compiles lib/ the way kernels load it, unless that is already done for its current sources;
 * returns the compiled folder, or null with TypeScript's messages when lib/ does not compile.
 * @example compileLibForKernels().dir // "<root>/build/kernel-lib/3f2a..."
 */
export function compileLibForKernels(): CompiledLib {
  const require = createRequire(import.meta.url);
  const ts = require("@tslab/typescript-for-tslab") as unknown;
  const { compiledLib } = require(path.join(localKernelDir, "compiled-lib.cjs")) as {
    compiledLib: (root: string, typescript: unknown) => CompiledLib;
  };
  return compiledLib(projectRoot, ts);
}

/**
 * Makes sure the project-local kernelspec is in place, the launcher can start tslab, and lib/ is
 * compiled for the kernels. Throws with what to do when the launcher or tslab is missing.
 * @example ensureLocalKernel() // false when nothing had to change
 */
export function ensureLocalKernel(): boolean {
  if (!fs.existsSync(path.join(localKernelDir, launcherFile))) {
    throw new Error(
      `kernel launcher ${path.join(localKernelDir, launcherFile)} is missing: restore it with \`git checkout -- .jupyter\`.`,
    );
  }
  if (!fs.existsSync(path.join(projectRoot, "node_modules", "tslab", "dist", "main.js"))) {
    throw new Error("tslab is not installed: run `npm ci` (or `npm run setup`) in the project folder.");
  }
  const compiled = compileLibForKernels();
  if (compiled.dir === null) {
    console.warn(
      `lib/ does not compile with tslab's TypeScript; kernels will show these errors at the import:\n${compiled.problems.join("\n")}`,
    );
  }
  return writeSpec(localKernelDir, kernelSpec("relocatable"));
}

/** The user's Jupyter data folder: what `jupyter --data-dir` says, else Jupyter's documented default. */
function userJupyterDataDir(): string {
  const python = projectPython();
  const fromJupyter = python === null ? null : jupyterOutput(python, ["--data-dir"]);
  if (fromJupyter) return fromJupyter;
  if (process.env.JUPYTER_DATA_DIR) return process.env.JUPYTER_DATA_DIR;
  if (process.platform === "darwin") return path.join(os.homedir(), "Library", "Jupyter");
  if (process.platform === "win32") return path.join(process.env.APPDATA ?? os.homedir(), "jupyter");
  return path.join(process.env.XDG_DATA_HOME ?? path.join(os.homedir(), ".local", "share"), "jupyter");
}

/**
 * Installs a user-wide copy of the kernelspec pointing at this project (only on request).
 * @example installUserKernel() // "/home/me/.local/share/jupyter/kernels/adlab"
 */
export function installUserKernel(): string {
  const dir = path.join(userJupyterDataDir(), "kernels", kernelName);
  writeSpec(dir, kernelSpec("absolute"));
  return dir;
}

/** Where Jupyter (if installed) resolves the kernel named adlab, with the project's JUPYTER_PATH. */
function resolvedKernelDir(): string | null {
  const python = projectPython();
  const listing = python === null ? null : jupyterOutput(python, ["kernelspec", "list", "--json"]);
  if (listing === null) return null;
  const specs = (JSON.parse(listing) as { kernelspecs: Record<string, { resource_dir: string }> }).kernelspecs;
  return specs[kernelName]?.resource_dir ?? null;
}

function main(args: string[]): number {
  const unknown = args.filter((arg) => arg !== "--user");
  if (unknown.length > 0)
    throw new Error(`unknown argument(s) ${unknown.join(" ")}; usage: npm run kernel [-- --user]`);
  const changed = ensureLocalKernel();
  console.log(`${changed ? "wrote" : "ok:"} ${path.join(localKernelDir, "kernel.json")} ("${kernelDisplayName}")`);
  const resolved = resolvedKernelDir();
  if (resolved === null) {
    console.log(
      "No Python environment for Jupyter yet (npm run setup builds .venv/); `npm start` and `npm run notebooks` set JUPYTER_PATH themselves.",
    );
  } else {
    console.log(`Jupyter resolves kernel "${kernelName}" to ${resolved} when JUPYTER_PATH=${localJupyterDir}`);
  }
  if (args.includes("--user"))
    console.log(`installed a user-wide copy for other front ends (e.g. VS Code): ${installUserKernel()}`);
  return 0;
}

runAsCli(import.meta.url, "npm run kernel", main);
