/**
 * What a notebook's outputs should show, read from a copy executed headless by nbclient (an
 * independent Jupyter client): per cell, the plotly figures with the points of each trace, the
 * SVG drawings and the Markdown outputs that hold math. The browser tests compare the front end's
 * DOM with it, so a notebook's expectations follow the notebook instead of a hand-kept list.
 */
import fs from "node:fs";

/** A figure's traces as point counts, e.g. [40, 40] for two traces of 40 points. */
export type FigurePoints = number[];

/** What one cell's outputs hold. */
export interface CellOutputs {
  figures: FigurePoints[];
  svgs: number;
  mathTables: number;
  stderr: string[];
}

interface Output {
  output_type: string;
  name?: string;
  text?: string | string[];
  data?: Record<string, unknown>;
}

interface PlotlyJson {
  data: { x?: unknown[]; y?: unknown[]; z?: unknown[] }[];
}

/** Points of a trace as plotly counts them: along x, else y, else the rows of z. */
export function tracePoints(trace: { x?: ArrayLike<unknown>; y?: ArrayLike<unknown>; z?: ArrayLike<unknown> }): number {
  return (trace.x ?? trace.y ?? trace.z ?? []).length;
}

const text = (value: string | string[] | undefined) => [value ?? ""].flat().join("");

/**
 * The outputs of every cell of an executed notebook, in cell order (markdown cells included, empty).
 * @example expectedOutputs("build/notebooks/04-jacobians.ipynb")[7].figures // [[9, 9, 9, 9]]
 */
export function expectedOutputs(executedNotebook: string): CellOutputs[] {
  const notebook = JSON.parse(fs.readFileSync(executedNotebook, "utf8")) as { cells: { outputs?: Output[] }[] };
  return notebook.cells.map((cell) => {
    const outputs = cell.outputs ?? [];
    const data = outputs.map((output) => output.data ?? {});
    return {
      figures: data
        .filter((bundle) => "application/vnd.plotly.v1+json" in bundle)
        .map((bundle) => (bundle["application/vnd.plotly.v1+json"] as PlotlyJson).data.map(tracePoints)),
      svgs: data.filter((bundle) => "image/svg+xml" in bundle).length,
      mathTables: data.filter((bundle) => text(bundle["text/markdown"] as string | string[] | undefined).includes("$"))
        .length,
      stderr: outputs
        .filter((output) => output.output_type === "error" || output.name === "stderr")
        .map((output) => text(output.text)),
    };
  });
}
