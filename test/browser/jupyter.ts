/**
 * A Jupyter front end of the project's Python (.venv) served for a browser test, and the steps a
 * student takes in it: open a notebook, Run All Cells from the menu, wait for the kernel, save,
 * open it again. Each server gets its own config, data, runtime, settings and workspace folders, so
 * tests touch nothing of the user's and start from JupyterLab's defaults except:
 * - `windowingMode: none`: JupyterLab renders off-screen cells lazily, and a DOM check must see all;
 * - no news fetch (its pop-up would cover part of every screenshot);
 * - optionally the plotly mime renderer disabled, to test the HTML path of the figures.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import type { Page } from "playwright-core";
import { projectRoot } from "../../tools/project";
import { jupyterEnv, requireProjectPython } from "../../tools/python";

export type FrontEndKind = "lab" | "notebook7" | "classic";

export interface JupyterOptions {
  /** Keep JupyterLab's plotly mime renderer (jupyterlab-plotly, from the plotly package) enabled. */
  plotlyRenderer: boolean;
}

export interface Jupyter {
  kind: FrontEndKind;
  base: string;
  /** The server's environment: Jupyter commands run with it share its folders (e.g. `jupyter trust`'s notary). */
  env: NodeJS.ProcessEnv;
  /** The page showing a notebook (a path below the project root) in this front end. */
  notebookUrl(file: string): string;
  /** The execution state the server holds for the notebook's kernel ("idle", "busy", ...), or undefined. */
  kernelState(file: string): Promise<string | undefined>;
  /** Shuts down the notebook's kernel, so the next notebook runs alone. */
  shutDownKernel(file: string): Promise<void>;
  log(): string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

function writeJson(file: string, value: unknown): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(value));
}

/** Jupyter's own folders in `home`, holding the settings this module's header describes. */
function isolatedEnv(home: string, options: JupyterOptions): NodeJS.ProcessEnv {
  const settings = path.join(home, "settings");
  writeJson(path.join(settings, "@jupyterlab", "notebook-extension", "tracker.jupyterlab-settings"), {
    windowingMode: "none",
  });
  writeJson(path.join(settings, "@jupyterlab", "apputils-extension", "notification.jupyterlab-settings"), {
    fetchNews: "false",
  });
  const config = path.join(home, "config");
  // The renderer's plugin id is "@jupyterlab/plotly-extension:factory": disabling the package name
  // "jupyterlab-plotly" (what `jupyter labextension disable` is given) leaves it active.
  if (!options.plotlyRenderer) {
    writeJson(path.join(config, "labconfig", "page_config.json"), {
      disabledExtensions: { "@jupyterlab/plotly-extension": true },
    });
  }
  return {
    ...jupyterEnv(requireProjectPython()),
    JUPYTER_CONFIG_DIR: config,
    JUPYTER_DATA_DIR: path.join(home, "data"),
    JUPYTER_RUNTIME_DIR: path.join(home, "runtime"),
    JUPYTERLAB_SETTINGS_DIR: settings,
    JUPYTERLAB_WORKSPACES_DIR: path.join(home, "workspaces"),
  };
}

const subcommand: Record<FrontEndKind, string> = { lab: "lab", notebook7: "notebook", classic: "nbclassic" };
const notebookPage: Record<FrontEndKind, string> = {
  lab: "lab/tree/",
  notebook7: "notebooks/",
  classic: "nbclassic/notebooks/",
};
// JupyterLab would restore the tabs of the last page in its workspace (and start their kernels); `reset` opens just
// this notebook.
const pageQuery: Record<FrontEndKind, string> = { lab: "reset&", notebook7: "", classic: "" };

/**
 * Starts the front end on 127.0.0.1 with a random token, rooted at the project (so notebooks
 * import ./lib and figures load plotly.js from the server's files/ endpoint), and waits until it answers.
 */
export async function startJupyter(kind: FrontEndKind, options: JupyterOptions): Promise<Jupyter> {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), `adlab-${kind}-`));
  const env = isolatedEnv(home, options);
  const token = Math.random().toString(36).slice(2);
  const port = await freePort();
  const server: ChildProcess = spawn(
    requireProjectPython(),
    [
      "-m",
      "jupyter",
      subcommand[kind],
      "--no-browser",
      "--ServerApp.ip=127.0.0.1",
      `--ServerApp.port=${port}`,
      `--IdentityProvider.token=${token}`,
      `--ServerApp.root_dir=${projectRoot}`,
      // CI containers run as root; the server refuses that unless told.
      ...(process.getuid?.() === 0 ? ["--ServerApp.allow_root=True"] : []),
    ],
    { cwd: projectRoot, env, stdio: ["ignore", "pipe", "pipe"] },
  );
  let log = "";
  server.stdout!.on("data", (chunk) => (log += chunk));
  server.stderr!.on("data", (chunk) => (log += chunk));
  const base = `http://127.0.0.1:${port}`;
  const api = async (route: string, init?: RequestInit) =>
    fetch(`${base}/api/${route}`, { ...init, headers: { Authorization: `token ${token}` } });
  const sessionOf = async (file: string) => {
    const sessions = (await (await api("sessions")).json()) as {
      id: string;
      path: string;
      kernel?: { execution_state?: string };
    }[];
    return sessions.find((session) => session.path === file);
  };

  for (let attempt = 0; ; attempt++) {
    if (server.exitCode !== null) throw new Error(`jupyter ${subcommand[kind]} exited (${server.exitCode}):\n${log}`);
    if (attempt > 300) throw new Error(`jupyter ${subcommand[kind]} did not answer at ${base}:\n${log}`);
    try {
      if ((await api("status")).ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }

  return {
    kind,
    base,
    env,
    notebookUrl: (file) => `${base}/${notebookPage[kind]}${file}?${pageQuery[kind]}token=${token}`,
    kernelState: async (file) => (await sessionOf(file))?.kernel?.execution_state,
    shutDownKernel: async (file) => {
      const session = await sessionOf(file);
      if (session) await api(`sessions/${session.id}`, { method: "DELETE" });
    },
    log: () => log,
    stop: async () => {
      const exited = new Promise((resolve) => server.once("exit", resolve));
      server.kill("SIGTERM");
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
      if (server.exitCode === null) server.kill("SIGKILL");
      fs.rmSync(home, { recursive: true, force: true });
    },
  };
}

/** What the page shows for one cell's outputs. */
export interface CellView {
  /** Per plotly figure: points per trace, as the drawn figure holds them, and which output drew it. */
  figures: {
    points: number[];
    svgLayers: number;
    traceGroups: number;
    height: number;
    renderer: "html" | "plotly-mime" | "unknown";
  }[];
  svgs: number;
  /** Markdown outputs with typeset math, and MathJax errors anywhere in the cell's outputs. */
  typesetTables: number;
  mathErrors: number;
  errors: string[];
}

/**
 * The outputs of every cell as the page shows them, in cell order. Works for JupyterLab and
 * Notebook 7 (the same cell widgets) and for the classic Notebook.
 */
export function cellViews(page: Page): Promise<CellView[]> {
  return page.evaluate((): CellView[] => {
    const shown = (element: Element) => element.closest(".lm-mod-hidden") === null;
    const cells = Array.from(document.querySelectorAll(".jp-Notebook .jp-Cell, #notebook-container .cell")).filter(
      shown,
    );
    return cells.map((cell) => {
      const figures = Array.from(cell.querySelectorAll(".js-plotly-plot")).map(
        (element): CellView["figures"][number] => {
          const data = (element as unknown as { data?: { x?: unknown[]; y?: unknown[]; z?: unknown[] }[] }).data ?? [];
          return {
            points: data.map((trace) => (trace.x ?? trace.y ?? trace.z ?? []).length),
            svgLayers: element.querySelectorAll("svg.main-svg").length,
            // One group per drawn trace: g.trace for scatter and bars, g.contour and g.hm for contours and heatmaps.
            traceGroups: element.querySelectorAll("g.trace, g.contour, g.hm").length,
            height: element.getBoundingClientRect().height,
            renderer: element.closest(".jp-RenderedPlotly")
              ? "plotly-mime"
              : element.closest(".adlab-figure")
                ? "html"
                : "unknown",
          };
        },
      );
      const svgOutputs = Array.from(cell.querySelectorAll('[data-mime-type="image/svg+xml"], .output_svg'));
      const markdown = Array.from(
        cell.querySelectorAll('.jp-OutputArea-output[data-mime-type="text/markdown"], .output_markdown'),
      );
      const errors = Array.from(
        cell.querySelectorAll(
          '[data-mime-type="application/vnd.jupyter.stderr"], [data-mime-type="application/vnd.jupyter.error"], .output_stderr, .output_error',
        ),
      ).map((element) => (element as HTMLElement).innerText);
      for (const figure of Array.from(cell.querySelectorAll(".adlab-figure p")))
        errors.push((figure as HTMLElement).innerText);
      return {
        figures,
        // A drawing counts once it has loaded: an <img> with a size, or inline SVG with content.
        svgs: svgOutputs.filter((output) => {
          const image = output.querySelector("img");
          return image ? image.naturalWidth > 0 : (output.querySelector("svg")?.childElementCount ?? 0) > 0;
        }).length,
        typesetTables: markdown.filter((output) => output.querySelector("mjx-container, .MathJax_Display")).length,
        mathErrors: cell.querySelectorAll("mjx-merror, .MathJax_Error, merror").length,
        errors,
      };
    });
  });
}

/** Clicks through the menu bar: `menu` then `item` (Lumino menus in JupyterLab and Notebook 7). */
export async function clickMenu(page: Page, menu: string, item: string): Promise<void> {
  await page.locator(".lm-MenuBar-itemLabel", { hasText: new RegExp(`^${menu}$`) }).click();
  await page.locator(".lm-Menu-itemLabel", { hasText: new RegExp(`^${item}$`) }).click();
}

const poll = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Opens a notebook as a student does, by its URL: the notebook's own kernelspec must start without
 * any choice (a kernel dialog fails the test), and the kernel must become idle.
 */
export async function openNotebook(page: Page, jupyter: Jupyter, file: string, timeoutMs = 90_000): Promise<void> {
  await page.goto(jupyter.notebookUrl(file));
  const started = Date.now();
  await page.waitForSelector(".jp-Notebook .jp-Cell, #notebook-container .cell", { timeout: timeoutMs });
  for (;;) {
    if (jupyter.kind !== "classic" && (await page.locator(".jp-Dialog").count()) > 0) {
      throw new Error(
        `${file}: a dialog opened instead of the notebook's kernel: ${await page.locator(".jp-Dialog").innerText()}`,
      );
    }
    if ((await jupyter.kernelState(file)) === "idle") return;
    if (Date.now() - started > timeoutMs)
      throw new Error(`${file}: the kernel was not idle within ${timeoutMs / 1000} s`);
    await poll(250);
  }
}

/**
 * Runs every cell from the Run menu and waits until the front end has executed them all and the
 * kernel is idle. Throws with the cell's error text when a cell fails (Run All stops there).
 */
export async function runAllCells(page: Page, jupyter: Jupyter, file: string, timeoutMs = 300_000): Promise<void> {
  await clickMenu(page, "Run", "Run All Cells");
  const started = Date.now();
  let quietPolls = 0;
  for (;;) {
    const prompts = await page.locator(".jp-CodeCell .jp-InputArea-prompt").allInnerTexts();
    const indicator = await page.locator(".jp-Notebook-ExecutionIndicator").getAttribute("data-status");
    const idle =
      indicator === "idle" && (await jupyter.kernelState(file)) === "idle" && !prompts.some((p) => p.includes("*"));
    quietPolls = idle ? quietPolls + 1 : 0;
    // Idle for a second in a row: a cell boundary is a moment of idle between two busy states.
    if (quietPolls >= 4) {
      const unrun = prompts.filter((p) => !/\[\d+\]/.test(p)).length;
      if (unrun === 0) return;
      const errors = (await cellViews(page)).flatMap((cell, index) =>
        cell.errors.map((error) => `cell ${index + 1}: ${error}`),
      );
      throw new Error(
        `${file}: ${unrun} cell(s) did not run after Run All Cells:\n${errors.join("\n") || "(no error output shown)"}`,
      );
    }
    if (Date.now() - started > timeoutMs)
      throw new Error(`${file}: Run All Cells did not finish within ${timeoutMs / 1000} s`);
    await poll(250);
  }
}

/**
 * jupyterlab-plotly shows a saved figure as the PNG it stored (once it had drawn the figure, so a
 * save can come before it) and draws the interactive figure when the mouse enters it. Waits until
 * each of the `expected` figure outputs shows either its loaded image or a drawn figure (failing
 * with what it saw otherwise), then moves the mouse into every image.
 */
export async function showSavedPlotlyFigures(page: Page, expected: number, timeoutMs = 90_000): Promise<void> {
  const outputs = page.locator(".jp-RenderedPlotly");
  const shown = () =>
    outputs.evaluateAll(
      (all) =>
        all.filter((output) => {
          const image = output.querySelector("img.plot-img") as HTMLImageElement | null;
          const imageShown = image !== null && image.naturalWidth > 0 && image.style.display !== "none";
          return imageShown || output.querySelector(".plot-container") !== null;
        }).length,
    );
  const started = Date.now();
  while ((await outputs.count()) !== expected || (await shown()) < expected) {
    if (Date.now() - started > timeoutMs) {
      throw new Error(
        `${await outputs.count()} plotly outputs, ${await shown()} showing an image or a figure; expected ${expected}`,
      );
    }
    await page.waitForTimeout(250);
  }
  const images = page.locator(".jp-RenderedPlotly img.plot-img");
  for (let i = 0; i < (await images.count()); i++) await images.nth(i).dispatchEvent("mouseenter");
}

/**
 * Saves `file` with the keyboard shortcut and waits for the server to confirm the write (the PUT of
 * its contents), so the page is not closed with the save still in flight. Notebook 7 marks an
 * unsaved notebook differently from JupyterLab, so the server's answer is the one signal both share.
 */
export async function saveNotebook(page: Page, file: string): Promise<void> {
  const saved = page.waitForResponse(
    (response) =>
      response.request().method() === "PUT" &&
      decodeURIComponent(new URL(response.url()).pathname).endsWith(`/api/contents/${file}`),
    { timeout: 30_000 },
  );
  await page.keyboard.press("Control+s");
  const response = await saved;
  if (!response.ok())
    throw new Error(`saving ${file}: the server answered ${response.status()} ${await response.text()}`);
}

/**
 * A screenshot of the whole notebook, however long: the notebook panel scrolls inside the page,
 * so the viewport is made as tall as the panel's content for the shot.
 */
export async function fullHeightScreenshot(page: Page, file: string): Promise<void> {
  const viewport = page.viewportSize()!;
  const scroller = ".jp-WindowedPanel-outer, #site";
  const { content, visible } = await page.evaluate((selector) => {
    const element = document.querySelector(selector) as HTMLElement;
    element.scrollTop = 0;
    return { content: element.scrollHeight, visible: element.clientHeight };
  }, scroller);
  await page.setViewportSize({ width: viewport.width, height: viewport.height - visible + content });
  await page.evaluate((selector) => ((document.querySelector(selector) as HTMLElement).scrollTop = 0), scroller);
  await page.waitForTimeout(500);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await page.screenshot({ path: file });
  await page.setViewportSize(viewport);
  // A PNG's height is the big-endian word at byte 20 (its IHDR chunk); the shot must hold every cell.
  const height = fs.readFileSync(file).readUInt32BE(20);
  if (height < content) throw new Error(`${file}: the screenshot is ${height} px tall, the notebook ${content} px`);
}
