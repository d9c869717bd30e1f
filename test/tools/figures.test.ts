import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { allExperiments, sweepCsv, writeFigure } from "../../tools/figures";
import { projectRoot } from "../../tools/project";
import type { Experiment } from "../../lib";

/** A sweep with known numbers: y = x² at x = 1, 2, 4 and a second series with a gap. */
const squares: Experiment = {
  name: "squares",
  title: "Squares, with a gap",
  columns: ["x", 'y, "units"'],
  seriesNames: ["x²", "gapped"],
  layout: { xaxis: { title: { text: "x" } }, yaxis: { title: { text: "y" } } },
  run(options = {}) {
    const x = [1, 2, 4];
    x.forEach((v, i) => options.onPoint?.(0, v, v * v, i + 1, 3));
    return {
      series: [
        { name: "x²", x, y: x.map((v) => v * v) },
        { name: "gapped", x: [1, 2], y: [1, Number.NaN] },
      ],
      findings: { slope: 2 },
    };
  },
};

describe("npm run figures", () => {
  it("writes the raw data as CSV after the run's record, one row per point, quoting what needs it", () => {
    const csv = sweepCsv(squares, squares.run(), { mode: "quick", machine: "a CPU, 2 cores" });
    expect(csv.split("\n")).toEqual([
      "# Squares, with a gap",
      "# mode: quick",
      "# machine: a CPU, 2 cores",
      'series,x,"y, ""units"""',
      "x²,1,1",
      "x²,2,4",
      "x²,4,16",
      "gapped,1,1",
      "gapped,2,NaN",
      "",
    ]);
  });

  it("writes HTML, SVG, PNG, CSV and the findings of one experiment", async () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "adlab-figures-"));
    const files = await writeFigure(squares, out, true);
    expect(files.map((f) => path.basename(f))).toEqual([
      "squares.html",
      "squares.svg",
      "squares.png",
      "squares.csv",
      "squares.json",
    ]);
    expect(fs.readFileSync(path.join(out, "squares.html"), "utf8")).toContain("Squares, with a gap");
    expect(fs.readFileSync(path.join(out, "squares.svg"), "utf8")).toMatch(/^<svg[\s\S]*Squares, with a gap/);
    expect(fs.readFileSync(path.join(out, "squares.png")).subarray(1, 4).toString()).toBe("PNG");
    const saved = JSON.parse(fs.readFileSync(path.join(out, "squares.json"), "utf8"));
    expect(saved).toMatchObject({
      title: "Squares, with a gap",
      mode: "quick (ADLAB_QUICK=1)",
      findings: { slope: 2 },
    });
    expect(saved.machine).toMatch(/cores/);
  }, 60_000);

  it("measures every experiment of the series in quick mode, each file holding its data", () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "adlab-figures-"));
    const run = spawnSync("npm", ["run", "figures", "--", "--quick", "--out", out], {
      cwd: projectRoot,
      encoding: "utf8",
    });
    expect(run.status, run.stdout + run.stderr).toBe(0);
    const names = allExperiments().map((e) => e.name);
    // The figures the issue names: FD error, Ax Jacobian timing, checkpointing, solve cost.
    expect(names).toEqual(expect.arrayContaining(["fd-error", "ax-jacobian", "checkpointing", "solve-cost"]));
    for (const experiment of allExperiments()) {
      const csv = fs
        .readFileSync(path.join(out, `${experiment.name}.csv`), "utf8")
        .trim()
        .split("\n");
      const rows = csv.filter((line) => !line.startsWith("#")).slice(1);
      // The first field, unquoted ("a, b" is how CSV holds a name with a comma).
      const series = new Set(
        rows.map((row) => (row.startsWith('"') ? row.slice(1, row.indexOf('",')) : row.split(",")[0])),
      );
      expect(series.size, experiment.name).toBe(experiment.seriesNames.length);
      expect(rows.length, experiment.name).toBeGreaterThanOrEqual(3 * experiment.seriesNames.length);
      const findings = JSON.parse(fs.readFileSync(path.join(out, `${experiment.name}.json`), "utf8")).findings;
      expect(Object.keys(findings).length, experiment.name).toBeGreaterThan(0);
      for (const extension of ["html", "svg", "png"])
        expect(fs.statSync(path.join(out, `${experiment.name}.${extension}`)).size).toBeGreaterThan(1000);
    }
    expect(run.stdout).toMatch(new RegExp(`measuring ${names.length} figure\\(s\\), quick sweeps`));
  }, 600_000);

  it("refuses a name that is no experiment, naming the known ones", () => {
    const run = spawnSync("npm", ["run", "figures", "--", "no-such-figure"], { cwd: projectRoot, encoding: "utf8" });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/npm run figures: no experiment named no-such-figure; known: /);
  });
});
