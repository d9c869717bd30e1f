/**
 * Where the project lives and how its tools hand the project-local kernel to Jupyter.
 * Every tool (kernel, start, notebook runner) goes through here so they agree on one layout.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";

/** Absolute path of the project root (this file sits in <root>/tools/). */
export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** The folder Jupyter searches through JUPYTER_PATH; it holds kernels/adlab/. */
export const localJupyterDir = path.join(projectRoot, ".jupyter");

/** Name of the kernel every notebook's metadata selects. */
export const kernelName = "adlab";

/** Folder of the project-local kernelspec (kernel.json and its launcher). */
export const localKernelDir = path.join(localJupyterDir, "kernels", kernelName);

/**
 * A copy of `env` whose JUPYTER_PATH starts with the project's .jupyter folder, so Jupyter finds
 * the adlab kernel without anything being installed outside the project.
 * @example spawn("jupyter", ["notebook"], { env: withLocalJupyterPath(process.env) })
 */
export function withLocalJupyterPath(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const rest = env.JUPYTER_PATH ? [env.JUPYTER_PATH] : [];
  return { ...env, JUPYTER_PATH: [localJupyterDir, ...rest].join(path.delimiter) };
}
