/**
 * The Binder configuration (.binder/) proven the way this machine allows: it has no Docker engine,
 * so repo2docker itself only plans the image (its Dockerfile, from `--no-build`), and the plan's
 * steps then run on a clean copy of the repository: a fresh Python 3.11 environment from
 * .binder/requirements.txt, .binder/postBuild in the copy with a fresh home folder, and a notebook
 * executed by that environment's Jupyter, which must find the adlab kernel by itself.
 */
import { spawnSync, type SpawnSyncOptions } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { projectRoot } from "../../tools/project";
import { requireProjectPython } from "../../tools/python";

/** The repository as a fresh clone would have it: tracked files (and new, not ignored ones), nothing built. */
function cleanCopy(into: string): string {
  const listing = spawnSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], {
    cwd: projectRoot,
    encoding: "utf8",
  });
  if (listing.status !== 0) throw new Error(`git ls-files failed: ${listing.stderr}`);
  const repo = path.join(into, "repo");
  for (const file of listing.stdout.split("\0").filter(Boolean)) {
    if (!fs.existsSync(path.join(projectRoot, file))) continue; // deleted, not yet committed
    fs.mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
    fs.copyFileSync(path.join(projectRoot, file), path.join(repo, file));
    fs.chmodSync(path.join(repo, file), fs.statSync(path.join(projectRoot, file)).mode);
  }
  return repo;
}

function run(command: string, args: string[], options: SpawnSyncOptions): string {
  const result = spawnSync(command, args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024, ...options });
  const output = `${result.stdout ?? ""}${result.stderr ?? ""}`;
  if (result.status !== 0)
    throw new Error(
      `${command} ${args.join(" ")} exited with ${result.status ?? result.signal}:\n${output.slice(-4000)}`,
    );
  return output;
}

describe("Binder (.binder/, repo2docker's conventions)", () => {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "adlab-binder-"));
  const repo = cleanCopy(scratch);
  afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }), 120_000);

  it("repo2docker plans a Python 3.11 image that installs .binder/requirements.txt after copying the repository, then runs postBuild", () => {
    const repo2docker = path.join(path.dirname(requireProjectPython()), "repo2docker");
    const plan = run(repo2docker, ["--no-build", "--debug", repo], { cwd: scratch });
    expect(plan).toContain("Building conda environment for python=3.11");
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the Dockerfile's own ${REPO_DIR}, not a template
    const copyRepository = plan.indexOf("COPY --chown=0:0 src/ ${REPO_DIR}/");
    const installRequirements = plan.indexOf('pip install --no-cache-dir -r ".binder/requirements.txt"');
    const postBuild = plan.indexOf("RUN ./.binder/postBuild");
    expect(copyRepository).toBeGreaterThan(0);
    // The requirements refer to ../requirements.txt, so they can only be installed once the repository is there.
    expect(installRequirements).toBeGreaterThan(copyRepository);
    expect(postBuild).toBeGreaterThan(installRequirements);
  });

  it("its steps, run on a clean copy, give a Jupyter that starts the adlab kernel and runs a notebook", () => {
    const env = path.join(scratch, "env");
    const home = path.join(scratch, "home");
    fs.mkdirSync(home);
    const basePython = process.env.ADLAB_BASE_PYTHON ?? "python3";
    expect(run(basePython, ["--version"], {})).toMatch(/^Python 3\.11\./);
    run(basePython, ["-m", "venv", env], {});
    const bin = path.join(env, "bin");
    // The image's environment: its own Python and node first, a home of its own, nothing of this
    // project's set-up; only the download caches of pip and npm are this machine's.
    const imageEnv: NodeJS.ProcessEnv = {
      ...process.env,
      HOME: home,
      PATH: `${bin}${path.delimiter}${process.env.PATH}`,
      PIP_USER: "0",
      PIP_CACHE_DIR: process.env.PIP_CACHE_DIR ?? path.join(os.homedir(), ".cache", "pip"),
      npm_config_cache: process.env.npm_config_cache ?? path.join(os.homedir(), ".npm"),
    };
    for (const name of ["JUPYTER_PATH", "JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "ADLAB_PYTHON", "VIRTUAL_ENV"])
      delete imageEnv[name];
    run(
      path.join(bin, "pip"),
      ["install", "--quiet", "--disable-pip-version-check", "-r", ".binder/requirements.txt"],
      { cwd: repo, env: imageEnv },
    );
    expect(run(path.join(bin, "node"), ["--version"], { env: imageEnv })).toMatch(/^v22\./);
    run(path.join(repo, ".binder", "postBuild"), [], { cwd: repo, env: imageEnv });

    const specs = JSON.parse(
      run(path.join(bin, "jupyter"), ["kernelspec", "list", "--json"], { cwd: repo, env: imageEnv }),
    ) as {
      kernelspecs: Record<string, { resource_dir: string; spec: { display_name: string } }>;
    };
    expect(specs.kernelspecs.adlab?.spec.display_name).toBe("TypeScript (adlab)");
    expect(specs.kernelspecs.adlab?.resource_dir.startsWith(home)).toBe(true);

    const executed = path.join(scratch, "00-welcome.executed.ipynb");
    const args = ["nbconvert", "--to", "notebook", "--execute", "notebooks/00-welcome.ipynb", "--output", executed];
    run(path.join(bin, "jupyter"), args, { cwd: repo, env: imageEnv });
    expect(fs.readFileSync(executed, "utf8")).toMatch(/adlab \d+\.\d+\.\d+ is loaded/);
  }, 900_000);
});
