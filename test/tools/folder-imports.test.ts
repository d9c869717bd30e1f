import { describe, expect, it } from "vitest";
import { folderImports } from "../../lib/tools/folder-imports";
import { projectRoot } from "../../lib/tools/project";

describe("folderImports", () => {
  it("finds an import of a folder and suggests its index file", () => {
    const code = 'const a = 1;\nimport * as ad from "./lib";\n';
    expect(folderImports(code, projectRoot)).toEqual([{ line: 2, specifier: "./lib", suggestion: "./lib/index" }]);
  });

  it("finds re-exports of folders too", () => {
    expect(folderImports('export * from "./tools/";', `${projectRoot}/lib`)).toEqual([
      { line: 1, specifier: "./tools/", suggestion: "./tools/index" },
    ]);
  });

  it("leaves file imports and package imports alone", () => {
    const code = 'import * as ad from "./lib/index";\nimport fs from "node:fs";\nimport { x } from "./lib/tools/project";\n';
    expect(folderImports(code, projectRoot)).toEqual([]);
  });
});
