/**
 * The notebook series in real front ends, in headless Chromium, the way a student works:
 * - JupyterLab 4, figures drawn by the HTML bundle (plotly.js loaded from the server's files/);
 * - JupyterLab 4 with the plotly mime renderer (the plotly package's jupyterlab-plotly);
 * - Notebook 7 (with the same renderer, as the project's environment installs it);
 * each opening every notebook through its URL (the notebook's kernelspec starts by itself),
 * running all cells from the Run menu, checking the DOM against what nbclient recorded for the
 * same notebook, saving, and opening it again to see the figures without running anything.
 * - The classic Notebook (nbclassic) opens the nbclient-executed copies, trusted, and draws them.
 * Full-height screenshots go to build/screenshots/<front end>/<notebook>.png.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HEADLESS_CHROMIUM_ARGS, chromiumPath } from "../../lib/display/static-image";
import { projectNotebooks } from "../../tools/notebook-hygiene";
import { projectRoot } from "../../tools/project";
import { requireProjectPython } from "../../tools/python";
import { expectedOutputs, type CellOutputs } from "./expected";
import {
  cellViews,
  fullHeightScreenshot,
  showSavedPlotlyFigures,
  openNotebook,
  runAllCells,
  saveNotebook,
  startJupyter,
  type CellView,
  type FrontEndKind,
  type Jupyter,
} from "./jupyter";

const fixture = path.join(projectRoot, "test", "fixtures", "display-demo.ipynb");
const notebooks = [...projectNotebooks(), fixture];
const nameOf = (file: string) => path.basename(file, ".ipynb");
/** Text a notebook must show besides its outputs' structure (the fixture's bad-input messages). */
const alsoShows: Record<string, string[]> = {
  "display-demo": [
    "trace 0: x has 3 points but y has 2",
    "Not drawn: graph has 301 nodes, more than the drawing limit of 200",
    "sweep: 50/50 (100%)",
  ],
};

/** Differences between what the page shows and what nbclient recorded, one line each (empty when they agree). */
function mismatches(views: CellView[], expected: CellOutputs[], renderer: "html" | "plotly-mime"): string[] {
  const problems: string[] = [];
  if (views.length !== expected.length)
    problems.push(`the page shows ${views.length} cells, the notebook has ${expected.length}`);
  expected.forEach((want, index) => {
    const view = views[index];
    const where = `cell ${index + 1}`;
    if (!view) return;
    const drawn = view.figures.map((figure) => figure.points);
    if (JSON.stringify(drawn) !== JSON.stringify(want.figures)) {
      problems.push(
        `${where}: figures with points per trace ${JSON.stringify(drawn)}, expected ${JSON.stringify(want.figures)}`,
      );
    }
    view.figures.forEach((figure, f) => {
      const traces = figure.points.filter((points) => points > 0).length;
      if (figure.svgLayers < 2 || figure.traceGroups < traces || figure.height < 100) {
        const drawn = `${figure.svgLayers} SVG layers, ${figure.traceGroups} trace groups for ${traces} traces, ${figure.height} px high`;
        problems.push(`${where}: figure ${f + 1} not drawn (${drawn})`);
      }
      if (figure.renderer !== renderer)
        problems.push(`${where}: figure ${f + 1} drawn by ${figure.renderer}, expected ${renderer}`);
    });
    if (view.svgs !== want.svgs) problems.push(`${where}: ${view.svgs} drawings shown, expected ${want.svgs}`);
    if (view.typesetTables !== want.mathTables)
      problems.push(`${where}: ${view.typesetTables} typeset tables, expected ${want.mathTables}`);
    if (view.mathErrors > 0) problems.push(`${where}: ${view.mathErrors} MathJax errors`);
    for (const error of [...view.errors, ...want.stderr])
      problems.push(`${where}: error output: ${error.slice(0, 300)}`);
  });
  return problems;
}

/**
 * Polls the page until it shows what nbclient recorded (figures draw asynchronously), else returns the last
 * differences.
 */
async function settledMismatches(
  page: Page,
  expected: CellOutputs[],
  renderer: "html" | "plotly-mime",
  timeoutMs = 90_000,
): Promise<string[]> {
  const started = Date.now();
  for (;;) {
    const problems = mismatches(await cellViews(page), expected, renderer);
    if (problems.length === 0 || Date.now() - started > timeoutMs) return problems;
    await page.waitForTimeout(500);
  }
}

async function expectText(page: Page, name: string): Promise<void> {
  const text = await page.locator("body").innerText();
  for (const line of alsoShows[name] ?? []) expect(text, name).toContain(line);
  expect(text, name).not.toContain("could not be loaded");
}

let browser: Browser;
const expected = new Map<string, CellOutputs[]>();

beforeAll(async () => {
  // The reference: every notebook executed headless by nbclient, into build/notebooks/.
  const run = spawnSync("npm", ["run", "notebooks", "--", ...notebooks], { cwd: projectRoot, encoding: "utf8" });
  if (run.status !== 0) throw new Error(`executing the notebooks with nbclient failed:\n${run.stdout}\n${run.stderr}`);
  for (const file of notebooks)
    expected.set(nameOf(file), expectedOutputs(path.join(projectRoot, "build", "notebooks", path.basename(file))));
  const { chromium } = await import("playwright-core");
  browser = await chromium.launch({ executablePath: chromiumPath(), args: HEADLESS_CHROMIUM_ARGS });
}, 600_000);

afterAll(async () => {
  await browser?.close();
});

const interactive: { name: string; title: string; kind: FrontEndKind; plotlyRenderer: boolean }[] = [
  {
    name: "jupyterlab",
    title: "JupyterLab 4, figures as HTML with plotly.js from the server",
    kind: "lab",
    plotlyRenderer: false,
  },
  { name: "jupyterlab-plotly", title: "JupyterLab 4 with the plotly mime renderer", kind: "lab", plotlyRenderer: true },
  { name: "notebook7", title: "Notebook 7", kind: "notebook7", plotlyRenderer: true },
];

for (const { name: frontEnd, title, kind, plotlyRenderer } of interactive)
  describe(title, () => {
    let jupyter: Jupyter;
    beforeAll(async () => {
      jupyter = await startJupyter(kind, { plotlyRenderer });
    }, 120_000);
    afterAll(async () => {
      await jupyter?.stop();
    });

    const renderer = plotlyRenderer ? "plotly-mime" : "html";
    for (const file of notebooks) {
      const name = nameOf(file);
      it(`${name}: Run All Cells draws every output; saved and opened again, it still does`, async () => {
        const copy = path.join("build", "browser", frontEnd, `${name}.ipynb`);
        fs.mkdirSync(path.dirname(path.join(projectRoot, copy)), { recursive: true });
        fs.copyFileSync(file, path.join(projectRoot, copy));
        const want = expected.get(name)!;
        const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
        try {
          await openNotebook(page, jupyter, copy);
          await runAllCells(page, jupyter, copy);
          // The screenshot resizes the window twice; the figures must survive that, as when a student resizes it.
          await fullHeightScreenshot(page, path.join(projectRoot, "build", "screenshots", frontEnd, `${name}.png`));
          expect(await settledMismatches(page, want, renderer), `${frontEnd}: ${name}`).toEqual([]);
          await expectText(page, name);
          await saveNotebook(page, copy);
        } finally {
          await page.close();
        }
        // Opened again later: the saved, trusted outputs draw without running a cell.
        const reopened = await browser.newPage({ viewport: { width: 1200, height: 900 } });
        try {
          await openNotebook(reopened, jupyter, copy);
          if (plotlyRenderer) {
            await showSavedPlotlyFigures(
              reopened,
              want.reduce((sum, cell) => sum + cell.figures.length, 0),
            );
          }
          expect(await settledMismatches(reopened, want, renderer), `${frontEnd}: ${name}, opened again`).toEqual([]);
        } finally {
          await reopened.close();
          await jupyter.shutDownKernel(copy);
        }
      }, 600_000);
    }
  });

describe("classic Notebook (nbclassic): the executed notebooks, trusted", () => {
  let jupyter: Jupyter;
  beforeAll(async () => {
    jupyter = await startJupyter("classic", { plotlyRenderer: false });
  }, 120_000);
  afterAll(async () => {
    await jupyter?.stop();
  });

  it.each(notebooks.map((file) => ({ file, name: nameOf(file) })))(
    "$name: draws every output",
    async ({ file, name }) => {
      const copy = path.join("build", "browser", "classic", `${name}.ipynb`);
      fs.mkdirSync(path.dirname(path.join(projectRoot, copy)), { recursive: true });
      fs.copyFileSync(path.join(projectRoot, "build", "notebooks", path.basename(file)), path.join(projectRoot, copy));
      const python = requireProjectPython();
      const trust = spawnSync(python, ["-m", "jupyter", "trust", copy], {
        cwd: projectRoot,
        env: jupyter.env,
        encoding: "utf8",
      });
      expect(trust.status, trust.stderr).toBe(0);
      const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
      try {
        await openNotebook(page, jupyter, copy);
        expect(await settledMismatches(page, expected.get(name)!, "html"), `classic: ${name}`).toEqual([]);
        await expectText(page, name);
        await fullHeightScreenshot(page, path.join(projectRoot, "build", "screenshots", "classic", `${name}.png`));
      } finally {
        await page.close();
        await jupyter.shutDownKernel(copy);
      }
    },
    120_000,
  );
});
