/**
 * The MIME bundle of a figure: plotly JSON for front ends that render it natively (VS Code,
 * JupyterLab with the plotly extension), an HTML fallback that draws with plotly.js served by
 * the Jupyter server itself (offline, a few KB per figure), and a text summary.
 */
import { randomBytes } from "node:crypto";
import { type Figure, checkFigureShape, checkHeight, figureSummary } from "./figure";
import type { MimeBundle } from "./sink";

/** Where plotly.js lives relative to the Jupyter server root (the project root, see `npm start`). */
export const PLOTLY_SERVER_PATH = "files/node_modules/plotly.js-dist-min/plotly.min.js";

/** A rendered static image to carry in the bundle (for GitHub, nbviewer, untrusted notebooks). */
export interface StaticImage {
  mime: "image/png" | "image/svg+xml";
  /** Base64 for PNG, markup for SVG. */
  data: string;
}

/** Height of a figure in pixels when neither the options nor the layout give one. */
const DEFAULT_HEIGHT = 420;

export interface BundleOptions {
  /** Height of the plot in pixels (default 420). */
  height?: number;
  /** Also carry this image; the HTML shows it until plotly.js has drawn. */
  image?: StaticImage;
}

/**
 * The display bundle for a figure.
 * @example showBundle(figureBundle(figure([{ x: [1, 2], y: [1, 4] }])));
 */
export function figureBundle(fig: Figure, options: BundleOptions = {}): MimeBundle {
  checkBundleArguments(fig, options, "figureBundle");
  options ??= {};
  // A fixed height (as the HTML form has) and no `responsive`: JupyterLab's plotly renderer fits a
  // responsive figure to its output area on every window resize, and that area has no height of
  // its own, so the figure would shrink to nothing.
  const layout = { height: options.height ?? DEFAULT_HEIGHT, ...fig.layout };
  const bundle: MimeBundle = {
    "application/vnd.plotly.v1+json": { data: fig.data, layout },
    "text/html": figureHtml(fig, options),
    "text/plain": figureSummary(fig),
  };
  if (options?.image) bundle[options.image.mime] = options.image.data;
  return bundle;
}

function checkBundleArguments(fig: unknown, options: BundleOptions | undefined, op: string): void {
  checkFigureShape(fig, op);
  checkHeight(options, op);
  const image = options?.image;
  if (
    image !== undefined &&
    (image === null || (image.mime !== "image/png" && image.mime !== "image/svg+xml") || typeof image.data !== "string")
  ) {
    throw new TypeError(`${op}: image must be { mime: "image/png" or "image/svg+xml", data: string }`);
  }
}

/**
 * HTML that draws the figure with the page's plotly.js, loading it once per page from the
 * Jupyter server's files endpoint when it is missing. The base URL comes from the page:
 * `body[data-base-url]` in classic Notebook, `#jupyter-config-data` in JupyterLab / Notebook 7.
 * @example figureHtml(figure([{ y: [1, 2] }])) // '<div id="adlab-…" …></div><script>…</script>'
 */
export function figureHtml(fig: Figure, options: BundleOptions = {}): string {
  checkBundleArguments(fig, options, "figureHtml");
  options ??= {};
  const id = `adlab-${randomBytes(6).toString("hex")}`;
  const placeholder = options.image ? imageTag(options.image) : "";
  const height = options.height ?? DEFAULT_HEIGHT;
  // "</" inside JSON would end the script element early; "<\/" is the same string in JS.
  const json = JSON.stringify({ data: fig.data, layout: fig.layout }).replace(/<\//g, "<\\/");
  return `<div id="${id}" class="adlab-figure" style="width:100%;height:${height}px">${placeholder}</div>
<script>
(function () {
  var fig = ${json};
  var el = document.getElementById("${id}");
  function baseUrl() {
    var base = document.body && document.body.getAttribute("data-base-url");
    if (base) return base;
    var config = document.getElementById("jupyter-config-data");
    if (config) { try { return JSON.parse(config.textContent).baseUrl || "/"; } catch (e) {} }
    return "/";
  }
  function draw() { el.innerHTML = ""; window.Plotly.newPlot(el, fig.data, fig.layout, { responsive: true }); }
  if (window.Plotly) { draw(); return; }
  var url = baseUrl().replace(/\\/?$/, "/") + "${PLOTLY_SERVER_PATH}";
  if (!window.__adlabPlotly) {
    window.__adlabPlotly = new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = url;
      script.onload = resolve;
      script.onerror = reject;
      document.head.appendChild(script);
    });
  }
  window.__adlabPlotly.then(draw, function () {
    window.__adlabPlotly = null;
    el.insertAdjacentHTML("afterbegin", "<p style='color:#b00'>plotly.js could not be loaded from " + url +
      ". Start Jupyter in the adlab project folder (npm start) so the server can serve it.</p>");
  });
})();
</script>`;
}

function imageTag(image: StaticImage): string {
  const src =
    image.mime === "image/png"
      ? `data:image/png;base64,${image.data}`
      : `data:image/svg+xml;base64,${Buffer.from(image.data).toString("base64")}`;
  return `<img alt="figure (static image)" src="${src}" style="max-width:100%">`;
}
