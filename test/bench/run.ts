/**
 * `npm run bench [--quick] [case ...]`: runs the benchmark cases of issue 5 (all, or those named by
 * number or name, e.g. `npm run bench -- matmul 4`), prints the Markdown table and writes
 * build/bench/results.{json,csv,md}. Exits with 1 when any contestant's output disagreed with the
 * plain baseline's.
 */
import { ADLAB, Results, failureRow, type BenchCase, type Row } from "./case";
import { CASES } from "./cases/index";
import { FULL_BUDGET, QUICK_BUDGET, measureSize, type Contestant } from "./harness";
import { machineDescription, toMarkdown, writeReport, type Report, type TargetResult } from "./report";

const OUTPUT_FOLDER = "build/bench";

async function main(argv: string[]): Promise<number> {
  const quick = argv.includes("--quick");
  const wanted = argv.filter((a) => !a.startsWith("--"));
  const unknown = wanted.filter((w) => !CASES.some((c) => matches(c, w)));
  if (unknown.length > 0) {
    const names = [...new Set(CASES.map((c) => `${c.id.replace(/[a-z]$/, "")}|${c.name}`))].join(", ");
    throw new Error(`unknown case ${unknown.join(", ")}; cases are: ${names}`);
  }
  const selected = CASES.filter((c) => wanted.length === 0 || wanted.some((w) => matches(c, w)));
  const rows: Row[] = [];
  const started = performance.now();
  for (const benchCase of selected) {
    const caseStart = performance.now();
    rows.push(...(await runCase(benchCase, quick)));
    console.error(`case ${benchCase.id} ${benchCase.title}: ${((performance.now() - caseStart) / 1000).toFixed(1)} s`);
  }
  const results = new Results(rows);
  const report: Report = {
    machine: machineDescription(),
    mode: quick ? "quick" : "full",
    date: new Date().toISOString().slice(0, 10),
    rows,
    targets: selected.flatMap((c) => (c.targets ?? []).map((t) => targetResult(c.id, t, results))),
    findings: selected.flatMap((c) => c.findings?.(results, quick) ?? []),
  };
  writeReport(report, OUTPUT_FOLDER);
  console.log(toMarkdown(report));
  console.error(
    `total ${((performance.now() - started) / 1000).toFixed(1)} s; written to ${OUTPUT_FOLDER}/results.{json,csv,md}`,
  );
  const wrong = rows.filter((r) => r.status === "WRONG");
  for (const r of wrong) console.error(`WRONG RESULT: case ${r.caseId} ${r.sizeLabel} ${r.contestant}: ${r.reason}`);
  return wrong.length > 0 ? 1 : 0;
}

/** A case is selected by its number ("5" selects 5a and 5b), its id ("5b") or its name ("mlp"). */
function matches(benchCase: BenchCase, wanted: string): boolean {
  return wanted === benchCase.id || wanted === benchCase.name || wanted === benchCase.id.replace(/[a-z]$/, "");
}

async function runCase(benchCase: BenchCase, quick: boolean): Promise<Row[]> {
  if (benchCase.measured) return benchCase.measured(quick);
  const all = await benchCase.contestants(quick);
  const contestants = all.filter((c): c is Contestant => "setup" in c);
  const rows: Row[] = [];
  for (const size of benchCase.sizes(quick)) {
    const base = {
      caseId: benchCase.id,
      caseTitle: benchCase.title,
      size,
      sizeLabel: benchCase.sizeLabel(size),
      unitLabel: benchCase.unit.label,
    };
    const { timings, failures } = await measureSize(
      contestants,
      size,
      benchCase.tolerance,
      quick ? QUICK_BUDGET : FULL_BUDGET,
    );
    const sizeRows: Row[] = timings.map((t) => {
      const work = t.work ?? benchCase.work(size);
      return { ...base, ...t, work, status: "ok", unitValue: benchCase.unit.fromMs(t.medianMs, work) };
    });
    const perWork = (name: string | undefined) => {
      const r = sizeRows.find((row) => row.contestant === name);
      return r?.medianMs === undefined || r.work === undefined ? undefined : r.medianMs / r.work;
    };
    const pick = (choice: BenchCase["adlab"], contestant: string, fallback: string | undefined) =>
      typeof choice === "function" ? choice(contestant) : (choice ?? fallback);
    for (const r of sizeRows) {
      r.ratioToPlain = Results.ratio(
        perWork(r.contestant),
        perWork(pick(benchCase.baseline, r.contestant, contestants[0]?.name)),
      );
      const adlab = pick(benchCase.adlab, r.contestant, ADLAB);
      if (r.contestant !== adlab) r.adlabOverThis = Results.ratio(perWork(adlab), perWork(r.contestant));
    }
    for (const m of all)
      if (!("setup" in m)) sizeRows.push({ ...base, contestant: m.name, status: "n/a", reason: m.missing });
    for (const f of failures) sizeRows.push(failureRow(base, f));
    rows.push(...sizeRows);
  }
  return rows;
}

function targetResult(
  caseId: string,
  target: NonNullable<BenchCase["targets"]>[number],
  results: Results,
): TargetResult {
  const measured = target.measure(results);
  const met = measured === undefined ? undefined : target.atMost ? measured <= target.limit : measured >= target.limit;
  return { caseId, text: target.text, measured, limit: target.limit, atMost: target.atMost, met };
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof Error ? error.stack : error);
    process.exit(2);
  },
);
