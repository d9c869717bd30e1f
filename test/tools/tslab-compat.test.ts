import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { tslabCompatProblems, tslabTypeScriptVersion } from "../../tools/tslab-compat";

/** Writes `files` (name -> code) into a fresh temporary folder and returns its path. */
function scratchProject(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "adlab-compat-"));
  for (const [name, code] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), code);
  }
  return dir;
}

// Each check builds a program with tslab's compiler (a few seconds on a busy machine).
describe("tslab compatibility check", { timeout: 60_000 }, () => {
  it("uses tslab's own TypeScript 5.0.4", () => {
    expect(tslabTypeScriptVersion).toBe("5.0.4");
  });

  it("accepts code that tslab compiles", () => {
    const dir = scratchProject({ "ok.ts": "export const sorted = [3, 1, 2].slice().sort((a, b) => a - b);\n" });
    expect(tslabCompatProblems(dir)).toEqual([]);
  });

  it("rejects Array.prototype.toSorted, which lib es2022 lacks", () => {
    const dir = scratchProject({ "new.ts": "export const sorted = [3, 1, 2].toSorted();\n" });
    const problems = tslabCompatProblems(dir);
    expect(problems.join("\n")).toMatch(/new\.ts.*toSorted/);
  });

  it("rejects what only fails when declarations are emitted, as tslab does", () => {
    const dir = scratchProject({ "decl.ts": "export const makeCounter = () => class { private count = 0; };\n" });
    const problems = tslabCompatProblems(dir);
    expect(problems.join("\n")).toMatch(/decl\.ts.*TS4094.*count/);
  });
});
