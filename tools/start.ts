/**
 * `npm start [-- jupyter options]`: checks the adlab kernel, then serves the project with the best
 * Jupyter front end of the project's Python (.venv/, or $ADLAB_PYTHON): JupyterLab, else Notebook 7,
 * else classic Notebook, on 127.0.0.1,
 * rooted at the project so notebooks import "./lib/index" and plots load plotly.js from
 * files/node_modules/... offline. Extra options go to Jupyter (e.g. `-- --no-browser --port 9000`).
 */
import { spawn } from "node:child_process";
import { runAsCli } from "./cli";
import { ensureLocalKernel, kernelDisplayName } from "./kernel";
import { projectRoot } from "./project";
import { jupyterEnv, jupyterOutput, pythonSetupHint, requireProjectPython } from "./python";

/** A Jupyter front end and the arguments that start it on this project. */
export interface FrontEnd {
  name: string;
  args: string[];
}

/** Answers `jupyter <args>` with its output, or null when that command is not installed. */
export type JupyterProbe = (args: string[]) => string | null;

export const noJupyterMessage = `The project's Python has no JupyterLab or Notebook: ${pythonSetupHint}`;

/**
 * The front end to start: JupyterLab if `jupyter lab` answers, else Notebook 7 or classic Notebook
 * 6 by `jupyter notebook --version`; null when neither is installed.
 * @example chooseFrontEnd((args) => (args[0] === "notebook" ? "6.4.12" : null))?.name // "classic Notebook 6.4.12"
 */
export function chooseFrontEnd(probe: JupyterProbe, root: string = projectRoot, asRoot = false): FrontEnd | null {
  // Jupyter Server (Lab, Notebook 7) and classic Notebook name the same settings differently.
  const server = (app: string, defaultUrl: string) => [
    `--${app}.ip=127.0.0.1`,
    `--${app}.${app === "ServerApp" ? "root_dir" : "notebook_dir"}=${root}`,
    `--${app}.default_url=${defaultUrl}`,
    // Jupyter refuses to run as root unless told; containers and CI machines often are root.
    ...(asRoot ? [`--${app}.allow_root=True`] : []),
  ];
  const labVersion = probe(["lab", "--version"]);
  if (labVersion !== null)
    return { name: `JupyterLab ${labVersion}`, args: ["lab", ...server("ServerApp", "/lab/tree/notebooks")] };
  const notebookVersion = probe(["notebook", "--version"]);
  if (notebookVersion === null) return null;
  if (Number.parseInt(notebookVersion, 10) >= 7) {
    return { name: `Notebook ${notebookVersion}`, args: ["notebook", ...server("ServerApp", "/tree/notebooks")] };
  }
  return {
    name: `classic Notebook ${notebookVersion}`,
    args: ["notebook", ...server("NotebookApp", "/tree/notebooks")],
  };
}

runAsCli(import.meta.url, "npm start", (extraArgs) => {
  ensureLocalKernel();
  const python = requireProjectPython();
  const frontEnd = chooseFrontEnd((args) => jupyterOutput(python, args), projectRoot, process.getuid?.() === 0);
  if (frontEnd === null) {
    console.error(noJupyterMessage);
    return 1;
  }
  console.log(
    `Starting ${frontEnd.name} in ${projectRoot}: open notebooks/00-welcome.ipynb, kernel "${kernelDisplayName}".`,
  );
  const jupyter = spawn(python, ["-m", "jupyter", ...frontEnd.args, ...extraArgs], {
    cwd: projectRoot,
    env: jupyterEnv(python),
    stdio: "inherit",
  });
  return new Promise<number>((resolve, reject) => {
    jupyter.on("error", reject);
    jupyter.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
});
