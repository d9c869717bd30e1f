/**
 * Finding a Python that can execute notebooks (has nbclient and nbformat).
 * Debian's /usr/bin/python3 comes first because a pyenv or venv `python3` earlier on PATH often
 * lacks the apt-installed Jupyter pieces.
 */
import { commandOutput } from "./command";

/** Install hints shown when no Python with nbclient is found. */
export const nbclientInstallHint =
  "install nbclient: `sudo apt-get install python3-nbclient jupyter-core python3-ipykernel` (Debian/Ubuntu), " +
  "or `pip install nbclient ipykernel`, or `conda install -c conda-forge nbclient`; " +
  "or point ADLAB_PYTHON at a Python that has it.";

/**
 * The first Python among ADLAB_PYTHON, /usr/bin/python3, python3, python that imports nbclient, or null.
 * @example findNotebookPython() // "/usr/bin/python3"
 */
export function findNotebookPython(env: NodeJS.ProcessEnv = process.env): string | null {
  const candidates = [env.ADLAB_PYTHON, "/usr/bin/python3", "python3", "python"].filter((c): c is string => !!c);
  return candidates.find((python) => commandOutput(python, ["-c", "import nbclient, nbformat"], env) !== null) ?? null;
}
