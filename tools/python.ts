/**
 * The Python that runs Jupyter for adlab: the project's own environment `.venv/` (built by
 * `npm run setup` from requirements.txt), or the one `ADLAB_PYTHON` names for machines where pip
 * cannot reach a package index and Jupyter came from elsewhere (conda, OS packages).
 * Every tool starts Jupyter as `<python> -m jupyter ...`, so the front end, nbclient and the
 * kernelspec lookup all come from that one environment, whatever else is on PATH.
 */
import path from "node:path";
import fs from "node:fs";
import { commandOutput } from "./command";
import { projectRoot, withLocalJupyterPath } from "./project";

export const venvDir = path.join(projectRoot, ".venv");

/** The executable folder of a venv: bin/ on POSIX, Scripts/ on Windows. */
function binDir(venv: string): string {
  return path.join(venv, process.platform === "win32" ? "Scripts" : "bin");
}

/** What to do when no Python for Jupyter is found. */
export const pythonSetupHint =
  "run `npm run setup` (it builds .venv/ from requirements.txt), or install Jupyter yourself " +
  "(`conda install -c conda-forge jupyterlab nbclient`) and point ADLAB_PYTHON at that Python.";

/**
 * `$ADLAB_PYTHON` when set, else the project's .venv Python when it exists, else null.
 * @example projectPython() // "/home/me/adlab/.venv/bin/python"
 */
export function projectPython(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.ADLAB_PYTHON) return env.ADLAB_PYTHON;
  const venvPython = path.join(binDir(venvDir), process.platform === "win32" ? "python.exe" : "python");
  return fs.existsSync(venvPython) ? venvPython : null;
}

/** Like projectPython, but throws with what to do when there is none. */
export function requireProjectPython(env: NodeJS.ProcessEnv = process.env): string {
  const python = projectPython(env);
  if (python === null) throw new Error(`no Python environment for Jupyter: ${pythonSetupHint}`);
  return python;
}

/**
 * The environment for Jupyter processes: the project's kernelspec on JUPYTER_PATH, and the Python's
 * own folder first on PATH so Jupyter's helper commands (jupyter-lab, jupyter-server) are its own.
 * @example spawn(python, ["-m", "jupyter", "lab"], { env: jupyterEnv(python) })
 */
export function jupyterEnv(python: string, env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const withKernel = withLocalJupyterPath(env);
  return { ...withKernel, PATH: [path.dirname(python), env.PATH ?? ""].filter(Boolean).join(path.delimiter) };
}

/**
 * Runs `<python> -m jupyter args` to completion and returns its stdout, or null on failure.
 * @example jupyterOutput(python, ["lab", "--version"]) // "4.6.6"
 */
export function jupyterOutput(python: string, args: string[]): string | null {
  return commandOutput(python, ["-m", "jupyter", ...args], jupyterEnv(python));
}
