import { describe, expect, it } from "vitest";
import { chooseFrontEnd, type JupyterProbe } from "../../tools/start";

/** A fake `jupyter` that knows only the given subcommands and their versions. */
function jupyterWith(versions: Record<string, string>): JupyterProbe {
  return (args) => versions[args[0] ?? ""] ?? null;
}

describe("chooseFrontEnd", () => {
  it("prefers JupyterLab, opened on notebooks/ and served from the project root", () => {
    const frontEnd = chooseFrontEnd(jupyterWith({ lab: "4.2.0", notebook: "7.2.0" }), "/p");
    expect(frontEnd?.name).toBe("JupyterLab 4.2.0");
    expect(frontEnd?.args).toEqual([
      "lab",
      "--ServerApp.ip=127.0.0.1",
      "--ServerApp.root_dir=/p",
      "--ServerApp.default_url=/lab/tree/notebooks",
    ]);
  });

  it("falls back to Notebook 7 (Jupyter Server settings)", () => {
    const frontEnd = chooseFrontEnd(jupyterWith({ notebook: "7.2.0" }), "/p");
    expect(frontEnd?.name).toBe("Notebook 7.2.0");
    expect(frontEnd?.args).toContain("--ServerApp.root_dir=/p");
  });

  it("falls back to classic Notebook 6 (NotebookApp settings), allowing root when asked", () => {
    const frontEnd = chooseFrontEnd(jupyterWith({ notebook: "6.4.12" }), "/p", true);
    expect(frontEnd?.name).toBe("classic Notebook 6.4.12");
    expect(frontEnd?.args).toEqual([
      "notebook",
      "--NotebookApp.ip=127.0.0.1",
      "--NotebookApp.notebook_dir=/p",
      "--NotebookApp.default_url=/tree/notebooks",
      "--NotebookApp.allow_root=True",
    ]);
  });

  it("returns null when no Jupyter front end is installed", () => {
    expect(chooseFrontEnd(jupyterWith({}), "/p")).toBeNull();
  });
});
