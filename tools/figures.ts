/**
 * `npm run figures [-- names] [--quick] [--out DIR]`: the series' measured figures without Jupyter,
 * for slides and papers. Each experiment of `ad.experiments` (the code the notebooks run) is measured
 * once and written to build/figures/ as
 *   <name>.html  the interactive figure, offline (plotly.js inlined),
 *   <name>.svg   and <name>.png, drawn by plotly.js in headless Chromium,
 *   <name>.csv   the raw data (series, x, y), headed by the machine, versions and mode,
 *   <name>.json  the findings the notebook's sentences state, with the same header.
 * Quick mode (--quick or ADLAB_QUICK=1) runs the small sweeps CI uses.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { renderFigureImage, sweepFigure, writeHtml, experiments, type Experiment, type SweepResult } from "../lib";
import { runAsCli } from "./cli";
import { projectRoot } from "./project";

/** Every experiment of the series, by name (the file stem). */
export function allExperiments(): Experiment[] {
  return Object.values(experiments as Record<string, Experiment>);
}

/** Where and with what a run was measured; recorded beside its data. */
export function runRecord(quick: boolean): Record<string, string> {
  const cpus = os.cpus();
  const pkg = JSON.parse(fs.readFileSync(path.join(projectRoot, "package.json"), "utf8")) as { version: string };
  return {
    date: new Date().toISOString(),
    mode: quick ? "quick (ADLAB_QUICK=1)" : "full",
    adlab: pkg.version,
    node: process.version,
    machine: `${cpus[0]?.model.trim() ?? "unknown CPU"}, ${cpus.length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.platform()} ${os.release()}`,
  };
}

function csvField(value: string | number | null): string {
  if (value === null) return "";
  const text = String(value);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The raw data as CSV: `#` lines with the run's record, then one row per point. */
export function sweepCsv(experiment: Experiment, result: SweepResult, record: Record<string, string>): string {
  const header = [`# ${experiment.title}`, ...Object.entries(record).map(([key, value]) => `# ${key}: ${value}`)];
  const rows = result.series.flatMap((s) => s.x.map((x, i) => [s.name, x, s.y[i] ?? null].map(csvField).join(",")));
  return [...header, ["series", ...experiment.columns].map(csvField).join(","), ...rows].join("\n") + "\n";
}

/** A progress bar on stderr: redrawn in place on a terminal, a line per quarter otherwise. */
function progressBar(label: string): (done: number, total: number) => void {
  let lastQuarter = -1;
  return (done, total) => {
    const filled = Math.round((20 * done) / total);
    const line = `${label.padEnd(20)} [${"#".repeat(filled)}${".".repeat(20 - filled)}] ${done}/${total}`;
    if (process.stderr.isTTY) {
      process.stderr.write(`\r${line}${done === total ? "\n" : ""}`);
    } else if (Math.floor((4 * done) / total) > lastQuarter) {
      lastQuarter = Math.floor((4 * done) / total);
      process.stderr.write(`${line}\n`);
    }
  };
}

/** Measures one experiment and writes its five files into `outDir`; returns their paths. */
export async function writeFigure(experiment: Experiment, outDir: string, quick: boolean): Promise<string[]> {
  const show = progressBar(experiment.name);
  const result = experiment.run({ quick, onPoint: (_series, _x, _y, done, total) => show(done, total) });
  const record = runRecord(quick);
  const figure = sweepFigure(experiment, result);
  const file = (extension: string) => path.join(outDir, `${experiment.name}.${extension}`);
  fs.mkdirSync(outDir, { recursive: true });
  writeHtml(file("html"), [figure], { title: experiment.title });
  fs.writeFileSync(file("csv"), sweepCsv(experiment, result, record));
  fs.writeFileSync(
    file("json"),
    JSON.stringify({ title: experiment.title, ...record, findings: result.findings }, null, 2) + "\n",
  );
  const size = { width: 900, height: 520 };
  fs.writeFileSync(file("svg"), (await renderFigureImage(figure, { format: "svg", ...size })).data);
  fs.writeFileSync(
    file("png"),
    Buffer.from((await renderFigureImage(figure, { format: "png", ...size })).data, "base64"),
  );
  return ["html", "svg", "png", "csv", "json"].map(file);
}

runAsCli(import.meta.url, "npm run figures", async (args) => {
  const quick = args.includes("--quick") || process.env.ADLAB_QUICK === "1";
  const outAt = args.indexOf("--out");
  const outDir = path.resolve(outAt >= 0 ? (args[outAt + 1] ?? "") : path.join(projectRoot, "build", "figures"));
  const names = args.filter((arg, i) => !arg.startsWith("--") && (outAt < 0 || i !== outAt + 1));
  const known = allExperiments();
  const unknown = names.filter((name) => !known.some((e) => e.name === name));
  if (unknown.length > 0)
    throw new Error(`no experiment named ${unknown.join(", ")}; known: ${known.map((e) => e.name).join(", ")}`);
  const chosen = names.length > 0 ? known.filter((e) => names.includes(e.name)) : known;
  console.log(
    `measuring ${chosen.length} figure(s), ${quick ? "quick" : "full"} sweeps, into ${path.relative(process.cwd(), outDir) || "."}/`,
  );
  for (const experiment of chosen) {
    const started = performance.now();
    const files = await writeFigure(experiment, outDir, quick);
    console.log(
      `ok    ${experiment.name}  ${((performance.now() - started) / 1000).toFixed(1)} s  ${files.map((f) => path.basename(f)).join(" ")}`,
    );
  }
  return 0;
});
