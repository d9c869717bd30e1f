/** Locates files of installed npm packages (plotly.js) from the project root. */
import { createRequire } from "node:module";
import * as path from "node:path";

/**
 * Absolute path of plotly.min.js. Resolved from the working directory, which is the project
 * root in the kernel, in tests and in `npm run` scripts (this file compiles to both ESM and CJS,
 * so neither `import.meta.url` nor `__filename` is available in both).
 * @example fs.readFileSync(plotlyScriptPath(), "utf8")
 */
export function plotlyScriptPath(): string {
  try {
    return createRequire(path.join(process.cwd(), "index.js")).resolve("plotly.js-dist-min/plotly.min.js");
  } catch {
    throw new Error(
      `adlab display: cannot find plotly.js-dist-min from ${process.cwd()}; run from the adlab project root after npm install`,
    );
  }
}
