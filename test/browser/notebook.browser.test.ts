/**
 * Real-browser check of the display module: executes test/fixtures/display-demo.ipynb with the
 * project's runner, trusts the executed copy, serves the project with Debian's classic Notebook on
 * 127.0.0.1, opens it in headless Chromium and checks by DOM that the plotly charts, the graph SVG
 * and the step tables rendered; then does the same for every notebook of the series.
 * Screenshots go to build/screenshots/.
 * Skipped (with the reason) only when Chromium or jupyter-notebook is not installed.
 */
import { spawn, spawnSync, type ChildProcess } from "child_process";
import * as fs from "fs";
import * as net from "net";
import * as os from "os";
import * as path from "path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { HEADLESS_CHROMIUM_ARGS, chromiumPath } from "../../lib/display/static-image";

const root = process.cwd();
const python = "/usr/bin/python3";
const fixture = path.join("test", "fixtures", "display-demo.ipynb");
const executed = path.join("build", "notebooks", "display-demo.ipynb");
const screenshots = path.join(root, "build", "screenshots");

const missing = [chromiumPath(), "/usr/bin/jupyter-notebook", python].filter((file) => !fs.existsSync(file));
if (missing.length > 0) console.warn(`browser test skipped: not installed: ${missing.join(", ")}`);

/** Jupyter's own folders in a temp dir, so trust and the server share one notary and touch nothing else. */
function jupyterEnv(home: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    JUPYTER_PATH: path.join(root, ".jupyter"),
    JUPYTER_CONFIG_DIR: path.join(home, "config"),
    JUPYTER_DATA_DIR: path.join(home, "data"),
    JUPYTER_RUNTIME_DIR: path.join(home, "runtime"),
  };
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

async function waitForServer(url: string, server: ChildProcess, log: () => string): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    if (server.exitCode !== null) throw new Error(`jupyter notebook exited (${server.exitCode}):\n${log()}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`jupyter notebook did not answer at ${url}:\n${log()}`);
}

describe.skipIf(missing.length > 0)("display in classic Notebook, headless Chromium", () => {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), "adlab-jupyter-"));
  const token = Math.random().toString(36).slice(2);
  let server: ChildProcess | undefined;
  let serverLog = "";
  let browser: Browser | undefined;
  let page: Page;

  beforeAll(async () => {
    const run = spawnSync("npm", ["run", "notebooks", "--", fixture], { cwd: root, encoding: "utf8" });
    if (run.status !== 0) throw new Error(`executing ${fixture} failed:\n${run.stdout}\n${run.stderr}`);
    const env = jupyterEnv(home);
    const trust = spawnSync(python, ["-m", "nbformat.sign", executed], { cwd: root, env, encoding: "utf8" });
    if (trust.status !== 0) throw new Error(`trusting ${executed} failed:\n${trust.stderr}`);

    const port = await freePort();
    server = spawn(
      "/usr/bin/jupyter-notebook",
      [
        "--no-browser",
        "--ip=127.0.0.1",
        `--port=${port}`,
        `--NotebookApp.token=${token}`,
        `--notebook-dir=${root}`,
        // CI containers run as root; the server refuses that unless told.
        ...(process.getuid?.() === 0 ? ["--allow-root"] : []),
      ],
      { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] },
    );
    server.stdout!.on("data", (chunk) => (serverLog += chunk));
    server.stderr!.on("data", (chunk) => (serverLog += chunk));
    const base = `http://127.0.0.1:${port}`;
    await waitForServer(`${base}/api?token=${token}`, server, () => serverLog);

    const { chromium } = await import("playwright-core");
    // launch() gives Chromium a fresh temporary profile of its own.
    browser = await chromium.launch({ executablePath: chromiumPath(), args: HEADLESS_CHROMIUM_ARGS });
    // Tall enough that the whole notebook is laid out (classic Notebook scrolls inside #site).
    page = await browser.newPage({ viewport: { width: 1100, height: 4200 } });
    await page.goto(`${base}/notebooks/${executed}?token=${token}`);
    await page.waitForSelector(".js-plotly-plot .main-svg", { timeout: 30_000 });
    // MathJax typesets the step tables after the page loads.
    await page.waitForSelector(".output_markdown .MathJax_Display >> nth=1", { timeout: 30_000 });
    await page.waitForTimeout(1000);
    fs.mkdirSync(screenshots, { recursive: true });
    await page.screenshot({ path: path.join(screenshots, "display-demo.png") });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    server?.kill("SIGTERM");
    fs.rmSync(home, { recursive: true, force: true });
  });

  it("draws every plotly figure (log-log error, live plot, bar after the error)", async () => {
    expect(await page.locator(".js-plotly-plot").count()).toBe(3);
    expect(await page.locator(".js-plotly-plot .main-svg").count()).toBeGreaterThanOrEqual(3);
    expect(await page.locator(".js-plotly-plot .scatterlayer .trace").count()).toBe(3);
    expect(await page.locator(".js-plotly-plot .barlayer .point").count()).toBe(3);
    await page.locator(".js-plotly-plot").first().screenshot({ path: path.join(screenshots, "display-demo-figure.png") });
  });

  it("loaded plotly.js from the Jupyter server, with no error message in place of a figure", async () => {
    expect(await page.evaluate(() => typeof (globalThis as unknown as { Plotly?: unknown }).Plotly)).toBe("object");
    expect(await page.locator(".adlab-figure p").count()).toBe(0);
  });

  it("draws the computational graph as SVG with one group per node", async () => {
    const graph = page.locator(".output_svg svg");
    expect(await graph.count()).toBe(1);
    expect(await graph.locator("g.node").count()).toBe(6);
    expect(await graph.locator("g.edge").count()).toBe(6);
    await graph.screenshot({ path: path.join(screenshots, "display-demo-graph.png") });
  });

  it("renders both step tables as typeset math, without MathJax errors", async () => {
    const tables = page.locator(".output_markdown .MathJax_Display");
    expect(await tables.count()).toBe(2);
    expect(await page.locator(".output_markdown .MathJax_Error, .output_markdown merror").count()).toBe(0);
    // Header and 5 rows, each on one line (MathJax once split every formula at "=" inside table cells).
    const box = (await tables.first().boundingBox())!;
    expect(box.height).toBeGreaterThan(6 * 20);
    await page.locator(".output_markdown").first().screenshot({ path: path.join(screenshots, "display-demo-forward-table.png") });
    await page.locator(".output_markdown").nth(1).screenshot({ path: path.join(screenshots, "display-demo-reverse-table.png") });
  });

  it("shows the bad-input messages as text", async () => {
    const text = await page.locator("#notebook-container").innerText();
    expect(text).toContain("trace 0: x has 3 points but y has 2");
    expect(text).toContain("Not drawn: graph has 301 nodes, more than the drawing limit of 200");
    expect(text).toContain("sweep: 50/50 (100%)");
  });

  // The series itself, not only the fixture: each notebook's figures, graphs and tables render.
  const series = [
    { name: "00-welcome", figures: 1, graphs: 0, tables: 0 },
    { name: "01-finite-differences", figures: 2, graphs: 0, tables: 0 },
    { name: "02-forward-mode", figures: 1, graphs: 2, tables: 2 },
    { name: "03-reverse-mode", figures: 1, graphs: 1, tables: 1 },
    { name: "04-jacobians", figures: 1, graphs: 0, tables: 0 },
    { name: "05-matrix-calculus", figures: 3, graphs: 0, tables: 0 },
    { name: "06-backpropagation", figures: 4, graphs: 0, tables: 0 },
  ];
  it("renders every notebook of the series (figures, graphs, step tables) without errors", async () => {
    const run = spawnSync("npm", ["run", "notebooks", "--", ...series.map((nb) => nb.name)], { cwd: root, encoding: "utf8" });
    expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
    const base = new URL(page.url()).origin;
    for (const nb of series) {
      const file = path.join("build", "notebooks", `${nb.name}.ipynb`);
      const trust = spawnSync(python, ["-m", "nbformat.sign", file], { cwd: root, env: jupyterEnv(home), encoding: "utf8" });
      expect(trust.status, trust.stderr).toBe(0);
      await page.goto(`${base}/notebooks/${file}?token=${token}`);
      await page.waitForSelector(".js-plotly-plot .main-svg", { timeout: 30_000 });
      if (nb.tables > 0) await page.waitForSelector(`.output_markdown .MathJax_Display >> nth=${nb.tables - 1}`, { timeout: 30_000 });
      await page.waitForTimeout(500);
      expect(await page.locator(".js-plotly-plot").count(), nb.name).toBe(nb.figures);
      expect(await page.locator(".adlab-figure p").count(), nb.name).toBe(0);
      expect(await page.locator(".output_svg svg").count(), nb.name).toBe(nb.graphs);
      expect(await page.locator(".output_markdown .MathJax_Display").count(), nb.name).toBe(nb.tables);
      expect(await page.locator(".MathJax_Error, merror, .output_stderr, .output_error").count(), nb.name).toBe(0);
      await page.screenshot({ path: path.join(screenshots, `${nb.name}.png`), fullPage: true });
    }
  }, 420_000);
});
