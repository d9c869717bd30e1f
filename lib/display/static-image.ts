/**
 * Static images of figures, drawn by plotly.js in headless Chromium, so a saved notebook still
 * shows its plots where no script runs (GitHub, nbviewer). Opt-in: each image costs a browser start.
 */
import * as fs from "node:fs";
import { type Figure, checkFigureShape, checkHeight } from "./figure";
import { describe } from "../core/args";
import type { StaticImage } from "./bundle";
import { plotlyScriptPath } from "./plotly-path";

/** The Chromium Debian installs; override with the ADLAB_CHROMIUM environment variable. */
export function chromiumPath(): string {
  return process.env.ADLAB_CHROMIUM ?? "/usr/bin/chromium";
}

/** Flags for a headless Chromium that reaches no network service of its own. */
export const HEADLESS_CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export interface ImageOptions {
  format?: "png" | "svg";
  width?: number;
  height?: number;
}

/**
 * Throws unless `fig` is a figure and the options a format of "png" or "svg" and sizes in pixels.
 * @example checkImageArguments(fig, { format: "png" }, "renderFigureImage")
 */
export function checkImageArguments(fig: unknown, options: unknown, op: string): void {
  checkFigureShape(fig, op);
  checkHeight(options, op);
  const { format, width } = (options ?? {}) as ImageOptions;
  if (format !== undefined && format !== "png" && format !== "svg")
    throw new TypeError(`${op}: format must be "png" or "svg", got ${describe(format)}`);
  if (width !== undefined && !(typeof width === "number" && width > 0 && width < Infinity)) {
    throw new RangeError(`${op}: width must be a positive number of pixels, got ${describe(width)}`);
  }
}

/**
 * Renders a figure to PNG (base64) or SVG (markup) with plotly.js in headless Chromium.
 * @example const image = await renderFigureImage(fig, { format: "png" });
 */
export async function renderFigureImage(fig: Figure, options: ImageOptions = {}): Promise<StaticImage> {
  checkImageArguments(fig, options, "renderFigureImage");
  options ??= {};
  const executablePath = chromiumPath();
  if (!fs.existsSync(executablePath)) {
    throw new Error(`adlab display: static images need Chromium at ${executablePath} (apt-get install chromium)`);
  }
  const { chromium } = await import("playwright-core");
  const browser = await chromium.launch({ executablePath, args: HEADLESS_CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    await page.setContent('<div id="figure"></div>');
    await page.addScriptTag({ path: plotlyScriptPath() });
    const format = options.format ?? "png";
    const url = await page.evaluate(
      ([figure, opts]) => {
        const plotly = (globalThis as unknown as { Plotly: { toImage(...args: unknown[]): Promise<string> } }).Plotly;
        return plotly.toImage(figure, opts);
      },
      [fig, { format, width: options.width ?? 700, height: options.height ?? 420 }] as const,
    );
    return format === "png"
      ? { mime: "image/png", data: url.slice(url.indexOf(",") + 1) }
      : { mime: "image/svg+xml", data: decodeURIComponent(url.slice(url.indexOf(",") + 1)) };
  } finally {
    await browser.close();
  }
}
