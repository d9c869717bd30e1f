// Every adlab contestant of every benchmark case computes the numbers the case checks (against the
// case's plain reference, or the expected output it names), at the case's smallest quick size:
// the contestants are read from the case list, so a new entry is checked without a new test.
// Only the first check of the harness runs (no timing). A case measured outside the harness (case 10
// times fresh kernels in their own processes) has no contestant; that every other case has adlab
// entries is checked below.
import { describe, expect, it } from "vitest";
import { CASES } from "./index";
import { ADLAB } from "../case";
import { measureSize, type Contestant } from "../harness";

const ONE_RUN = { sampleMs: 0, minRounds: 0, maxRounds: 0, perSizeMs: 0, warmupMs: 0 };

describe("every adlab entry of every benchmark case computes the right numbers", () => {
  it("every case with sizes to run is run by the harness with contestants, or measured outside it", async () => {
    for (const c of CASES.filter((k) => k.sizes(true).length > 0))
      expect(c.measured !== undefined || (await c.contestants(true)).length > 0, `case ${c.id}`).toBe(true);
  });
  for (const c of CASES.filter((k) => k.sizes(true).length > 0 && k.measured === undefined)) {
    it(`case ${c.id} (${c.title})`, async () => {
      const size = Math.min(...c.sizes(true));
      const all = await c.contestants(true);
      const runnable = all.filter((x): x is Contestant => "setup" in x);
      const entries = runnable.filter((x) => x.name.startsWith(ADLAB));
      expect(entries.length, "adlab contestants").toBeGreaterThan(0);
      for (const entry of entries) {
        const { timings, failures } = await measureSize([runnable[0], entry], size, c.tolerance, ONE_RUN);
        expect(failures, entry.name).toEqual([]);
        expect(timings.map((t) => t.contestant)).toEqual([runnable[0].name, entry.name]);
      }
    });
  }
});
