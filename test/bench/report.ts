/**
 * Writes the results: a Markdown table (printed and saved) for the README, plus JSON and CSV.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";
import type { Row } from "./case";

/** A target with its measured value: `met` is undefined when it could not be measured. */
export interface TargetResult {
  caseId: string;
  text: string;
  measured: number | undefined;
  limit: number;
  atMost: boolean;
  met: boolean | undefined;
}

export interface Report {
  machine: string;
  mode: "full" | "quick";
  date: string;
  rows: Row[];
  targets: TargetResult[];
  findings: string[];
}

/**
 * One line describing this machine and runtime, for the README.
 * @example machineDescription(); // "AMD EPYC ... x2 cores, 8 GB, Node v20.20.2, linux x64"
 */
export function machineDescription(): string {
  const cpu = cpus();
  const gigabytes = Math.round(totalmem() / 2 ** 30);
  return `${cpu[0]?.model.trim() ?? "unknown CPU"} x${cpu.length} cores, ${gigabytes} GB, Node ${process.version}, ${process.platform} ${process.arch}`;
}

/**
 * The report as Markdown: a results table, the targets table and the findings.
 * @example console.log(toMarkdown(report));
 */
export function toMarkdown(report: Report): string {
  const lines = [
    `Machine: ${report.machine}. Mode: ${report.mode}. Date: ${report.date}.`,
    "",
    "| case | size | contestant | median | min | rate | x plain | adlab / this | note |",
    "|---|---|---|---:|---:|---:|---:|---:|---|",
  ];
  for (const r of report.rows) {
    // A rate in plain milliseconds would repeat the median column.
    const rate = r.unitValue === undefined || r.unitLabel === "ms" ? "" : `${number(r.unitValue)} ${r.unitLabel}`;
    const note = [r.precision === "float32" ? "float32" : "", r.note ?? "", r.reason ?? "", bytes(r.peakBytes)]
      .filter(Boolean)
      .join("; ");
    const median = r.status === "ok" ? milliseconds(r.medianMs) : r.status;
    lines.push(
      `| ${r.caseId} ${r.caseTitle} | ${r.sizeLabel} | ${r.contestant} | ${median} | ${milliseconds(r.minMs)} | ${rate} | ${number(r.ratioToPlain)} | ${number(r.adlabOverThis)} | ${escapeCell(note)} |`,
    );
  }
  lines.push("", "| target | measured | met |", "|---|---:|---|");
  for (const t of report.targets) {
    const met = t.met === undefined ? "n/a" : t.met ? "yes" : "NO";
    lines.push(`| ${t.caseId}: ${escapeCell(t.text)} | ${number(t.measured)} | ${met} |`);
  }
  if (report.findings.length > 0) lines.push("", ...report.findings.map((f) => `- ${f}`));
  return lines.join("\n") + "\n";
}

/**
 * Saves results.json, results.csv and results.md into `folder`.
 * @example writeReport(report, "build/bench");
 */
export function writeReport(report: Report, folder: string): void {
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, "results.json"), JSON.stringify(report, null, 2) + "\n");
  writeFileSync(join(folder, "results.md"), toMarkdown(report));
  const columns: (keyof Row)[] = [
    "caseId",
    "caseTitle",
    "sizeLabel",
    "contestant",
    "status",
    "precision",
    "medianMs",
    "minMs",
    "iqrMs",
    "samples",
    "runsPerSample",
    "work",
    "unitValue",
    "unitLabel",
    "ratioToPlain",
    "adlabOverThis",
    "peakBytes",
    "note",
    "reason",
  ];
  const csv = [columns.join(",")];
  for (const r of report.rows) csv.push(columns.map((c) => csvField(r[c])).join(","));
  writeFileSync(join(folder, "results.csv"), csv.join("\n") + "\n");
}

function csvField(value: unknown): string {
  if (value === undefined) return "";
  const text = String(value);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Three significant digits, no exponent for everyday magnitudes. */
function number(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return "";
  return Math.abs(value) >= 1000 || Math.abs(value) < 0.001 ? value.toExponential(2) : value.toPrecision(3);
}

function milliseconds(ms: number | undefined): string {
  if (ms === undefined) return "";
  return ms < 1 ? `${number(ms * 1000)} us` : ms < 1000 ? `${number(ms)} ms` : `${number(ms / 1000)} s`;
}

function bytes(count: number | undefined): string {
  return count === undefined ? "" : `peak ${number(count / 1024)} KiB`;
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}
