/**
 * lib/'s imports run down its layers (tools/layers.ts: tensor → core → ops → linalg, transforms →
 * check → display → measure → experiments, exercises → index.ts) and never in a circle, type-only
 * imports included. First the checks themselves on small made-up graphs, then lib/ as it is.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  duplicateImports,
  formatCycle,
  type Import,
  importCycles,
  importsUnder,
  layerViolations,
  specifiersOf,
  tsFilesUnder,
  unplacedFiles,
} from "../../tools/layers";
import { projectRoot } from "../../tools/project";

const edge = (from: string, to: string, typeOnly = false, line = 1): Import => ({
  from,
  to,
  line,
  typeOnly,
  kind: "import",
});

describe("the checks", () => {
  it("read every kind of module reference, and whether only types come through it", () => {
    const text = [
      'import { a } from "./a";',
      'import type { B } from "./b";',
      'import { type C, type D } from "./c";',
      'import { type E, e } from "./e";',
      'export { f } from "./f";',
      'export type { G } from "./g";',
      'import "./h";',
      'const i = await import("./i");',
      'type J = import("./j").J;',
      'const k = require("./k");',
    ].join("\n");
    expect(specifiersOf(text).map(({ specifier, typeOnly, line }) => [specifier, typeOnly, line])).toEqual([
      ["./a", false, 1],
      ["./b", true, 2],
      ["./c", true, 3],
      ["./e", false, 4],
      ["./f", false, 5],
      ["./g", true, 6],
      ["./h", false, 7],
      ["./i", false, 8],
      ["./j", true, 9],
      ["./k", false, 10],
    ]);
  });

  it("allow a folder itself and lower layers; refuse higher ones and the other folder of a layer, types too", () => {
    const imports = [
      edge("core/a.ts", "core/b.ts"),
      edge("ops/a.ts", "tensor/a.ts"),
      edge("index.ts", "display/a.ts"),
      edge("tensor/a.ts", "core/a.ts", true),
      edge("linalg/a.ts", "transforms/a.ts"),
      edge("exercises/a.ts", "index.ts"),
    ];
    expect(layerViolations(imports)).toEqual([
      "tensor/a.ts:1 imports types from core/a.ts: tensor is below core",
      "linalg/a.ts:1 imports transforms/a.ts: linalg is beside transforms",
      "exercises/a.ts:1 imports index.ts: exercises is below index.ts",
    ]);
  });

  it("name a folder (or a loose file in lib/) that has no layer", () => {
    expect(unplacedFiles(["tensor/a.ts", "index.ts", "blas/gemm.ts", "util.ts"])).toEqual([
      "blas/gemm.ts: lib/blas has no layer in tools/layers.ts",
      "util.ts: lib/util.ts has no layer in tools/layers.ts",
    ]);
  });

  it("find each circle once, with a shortest cycle through its first file, type-only hops marked", () => {
    const imports = [
      edge("a.ts", "b.ts"),
      edge("b.ts", "c.ts"),
      edge("c.ts", "a.ts", true),
      edge("c.ts", "b.ts"),
      edge("d.ts", "a.ts"),
      edge("e.ts", "e.ts"),
    ];
    const cycles = importCycles(imports);
    expect(cycles).toEqual([
      { files: ["a.ts", "b.ts", "c.ts"], cycle: ["a.ts", "b.ts", "c.ts", "a.ts"] },
      { files: ["e.ts"], cycle: ["e.ts", "e.ts"] },
    ]);
    expect(cycles.map((c) => formatCycle(c, imports))).toEqual(["a.ts → b.ts → c.ts ⇢ a.ts", "e.ts → e.ts"]);
    expect(importCycles([edge("a.ts", "b.ts"), edge("b.ts", "c.ts"), edge("a.ts", "c.ts")])).toEqual([]);
  });

  it("name a module imported in two declarations of the same kind", () => {
    const imports = [edge("a.ts", "b.ts", false, 1), edge("a.ts", "b.ts", true, 2), edge("a.ts", "b.ts", false, 5)];
    expect(duplicateImports(imports)).toEqual(["a.ts:5 imports b.ts again (first at line 1)"]);
  });

  describe("on files", () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "adlab-layers-"));
    afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
    const write = (file: string, text: string) => {
      fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      fs.writeFileSync(path.join(root, file), text);
    };

    it("resolve x to x.ts or x/index.ts, skip packages and AssemblyScript, and refuse an import of no file", () => {
      write("tensor/index.ts", 'export * from "./shape";\nimport fs from "node:fs";');
      write("tensor/shape.ts", "export const s = 1;");
      write("core/a.ts", 'import { s } from "../tensor";\nimport helper from "./helper.cjs";');
      write("core/helper.cjs", "module.exports = 1;");
      write("core/assembly/k.ts", 'import "../../nowhere";');
      expect(tsFilesUnder(root)).toEqual(["core/a.ts", "tensor/index.ts", "tensor/shape.ts"]);
      expect(importsUnder(root).map(({ from, to }) => `${from} ${to}`)).toEqual([
        "core/a.ts tensor/index.ts",
        "core/a.ts core/helper.cjs",
        "tensor/index.ts tensor/shape.ts",
      ]);
      write("ops/b.ts", 'import "./missing";');
      expect(() => importsUnder(root)).toThrow('ops/b.ts:1 imports "./missing", which is no file');
    });
  });
});

describe("lib/", () => {
  const lib = path.join(projectRoot, "lib");
  const imports = importsUnder(lib);

  it("has every file in a folder of the layer table", () => {
    expect(unplacedFiles(tsFilesUnder(lib))).toEqual([]);
  });

  it("imports only down the layers (a folder itself, or a lower layer)", () => {
    expect(layerViolations(imports)).toEqual([]);
  });

  // Type-only imports are erased when compiling, so they cannot make Node (or tslab) load modules in
  // a circle; they still have to respect the layers above.
  it("has no import cycle among its files (imports that load code)", () => {
    const loading = imports.filter((i) => !i.typeOnly);
    expect(importCycles(loading).map((cycle) => formatCycle(cycle, loading))).toEqual([]);
  });

  it("imports each module in one declaration", () => {
    expect(duplicateImports(imports)).toEqual([]);
  });
});
