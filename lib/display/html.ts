/**
 * Standalone HTML pages of figures and graph drawings, for Node scripts outside Jupyter.
 * The page works offline: plotly.js is inlined once per page (default, ~4.8 MB, the file can be
 * moved or mailed on its own) or copied beside it as plotly.min.js (small pages sharing one copy).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { type Figure, checkFigureShape } from "./figure";
import { checkArray, checkOptions, describe } from "../core/args";
import { figureHtml } from "./bundle";
import { escapeHtml } from "./format";
import { plotlyScriptPath } from "./plotly-path";

/** A figure, or markup (an SVG from graphSvg, an HTML fragment) placed as it is. */
export type PageItem = Figure | string;

export interface PageOptions {
  title?: string;
  /** "inline" (default): plotly.js inside the page; "beside": copied next to it. */
  plotly?: "inline" | "beside";
}

/**
 * Writes an offline HTML page showing the items in order; creates the folder if needed.
 * @example writeHtml("build/figures/error.html", [lineFigure(lines, { logX: true, logY: true }), await
 *    graphSvg(trace)]);
 */
export function writeHtml(file: string, items: PageItem[], options: PageOptions = {}): void {
  if (typeof file !== "string" || file === "")
    throw new TypeError(`writeHtml: file must be a path, got ${describe(file)}`);
  checkArray<unknown>(items, "writeHtml", "items").forEach(
    (item) => typeof item === "string" || checkFigureShape(item, "writeHtml"),
  );
  checkOptions(options, "writeHtml");
  options ??= {};
  if (options.plotly !== undefined && options.plotly !== "inline" && options.plotly !== "beside") {
    throw new TypeError(`writeHtml: plotly must be "inline" or "beside", got ${describe(options.plotly)}`);
  }
  if (options.title !== undefined && typeof options.title !== "string")
    throw new TypeError(`writeHtml: title must be a string, got ${describe(options.title)}`);
  const hasFigure = items.some((item) => typeof item !== "string");
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  let plotlyTag = "";
  if (hasFigure && (options.plotly ?? "inline") === "inline") {
    // "</script" cannot occur inside a script element; plotly.min.js has none, but stay safe.
    plotlyTag = `<script>${fs.readFileSync(plotlyScriptPath(), "utf8").replace(/<\/script/gi, "<\\/script")}</script>`;
  } else if (hasFigure) {
    fs.copyFileSync(plotlyScriptPath(), path.join(path.dirname(path.resolve(file)), "plotly.min.js"));
    plotlyTag = '<script src="plotly.min.js"></script>';
  }
  const body = items.map((item) =>
    typeof item === "string" ? `<div class="adlab-item">${item}</div>` : figureHtml(item),
  );
  const page = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(options.title ?? "adlab")}</title>
${plotlyTag}
</head>
<body style="font-family:sans-serif;max-width:960px;margin:1em auto">
${body.join("\n")}
</body>
</html>
`;
  fs.writeFileSync(file, page);
}
