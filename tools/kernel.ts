/**
 * The adlab Jupyter kernel: a kernelspec committed at .jupyter/kernels/adlab/ whose launcher starts
 * tslab in the project root. `npm run kernel` checks (and if needed rewrites) it; with `-- --user`
 * it also installs a copy with absolute paths into the user's Jupyter data folder, for front ends
 * such as VS Code that do not read the project's JUPYTER_PATH.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { runAsCli } from "./cli";
import { commandOutput } from "./command";
import { kernelName, localJupyterDir, localKernelDir, projectRoot, withLocalJupyterPath } from "./project";

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

/**
 * Makes sure the project-local kernelspec is in place and the launcher can start tslab.
 * Throws with what to do when the launcher or tslab is missing.
 * @example ensureLocalKernel() // false when nothing had to change
 */
export function ensureLocalKernel(): boolean {
  if (!fs.existsSync(path.join(localKernelDir, launcherFile))) {
    throw new Error(`kernel launcher ${path.join(localKernelDir, launcherFile)} is missing: restore it with \`git checkout -- .jupyter\`.`);
  }
  if (!fs.existsSync(path.join(projectRoot, "node_modules", "tslab", "dist", "main.js"))) {
    throw new Error("tslab is not installed: run `npm ci` (or `npm run setup`) in the project folder.");
  }
  return writeSpec(localKernelDir, kernelSpec("relocatable"));
}

/** The user's Jupyter data folder: what `jupyter --data-dir` says, else Jupyter's documented default. */
function userJupyterDataDir(): string {
  const fromJupyter = commandOutput("jupyter", ["--data-dir"]);
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
  const listing = commandOutput("jupyter", ["kernelspec", "list", "--json"], withLocalJupyterPath(process.env));
  if (listing === null) return null;
  const specs = (JSON.parse(listing) as { kernelspecs: Record<string, { resource_dir: string }> }).kernelspecs;
  return specs[kernelName]?.resource_dir ?? null;
}

function main(args: string[]): number {
  const unknown = args.filter((arg) => arg !== "--user");
  if (unknown.length > 0) throw new Error(`unknown argument(s) ${unknown.join(" ")}; usage: npm run kernel [-- --user]`);
  const changed = ensureLocalKernel();
  console.log(`${changed ? "wrote" : "ok:"} ${path.join(localKernelDir, "kernel.json")} ("${kernelDisplayName}")`);
  const resolved = resolvedKernelDir();
  if (resolved === null) {
    console.log("Jupyter's `jupyter kernelspec` is not available here; `npm start` and `npm run notebooks` set JUPYTER_PATH themselves.");
  } else {
    console.log(`Jupyter resolves kernel "${kernelName}" to ${resolved} when JUPYTER_PATH=${localJupyterDir}`);
  }
  if (args.includes("--user")) console.log(`installed a user-wide copy for other front ends (e.g. VS Code): ${installUserKernel()}`);
  return 0;
}

runAsCli(import.meta.url, "npm run kernel", main);
