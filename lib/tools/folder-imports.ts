/**
 * Finds imports that name a folder (`"./lib"`, `"./display"`) instead of a file.
 * Why: tslab type-checks such an import (Node10 resolution finds index.ts) but at run time looks for
 * `<folder>.js` only, so the cell fails with "Cannot find module './lib'". Files must be named:
 * `"./lib/index"`, `"./display/index"`.
 */
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";

/** One folder import: where it is and what to write instead. */
export interface FolderImport {
  line: number;
  specifier: string;
  suggestion: string;
}

function isFolder(file: string): boolean {
  return fs.existsSync(file) && fs.statSync(file).isDirectory();
}

/**
 * The relative imports and re-exports in `code` that resolve to a folder, seen from `fromDir`.
 * @example folderImports('import * as ad from "./lib";', projectRoot) // [{ line: 1, specifier: "./lib", suggestion: "./lib/index" }]
 */
export function folderImports(code: string, fromDir: string): FolderImport[] {
  const source = ts.createSourceFile("cell.ts", code, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const found: FolderImport[] = [];
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement) && !ts.isExportDeclaration(statement)) continue;
    const literal = statement.moduleSpecifier;
    if (!literal || !ts.isStringLiteral(literal) || !literal.text.startsWith(".")) continue;
    if (!isFolder(path.resolve(fromDir, literal.text))) continue;
    const { line } = source.getLineAndCharacterOfPosition(literal.getStart(source));
    found.push({ line: line + 1, specifier: literal.text, suggestion: `${literal.text.replace(/\/$/, "")}/index` });
  }
  return found;
}

/** One readable line per folder import, prefixed with `where` (a file name or a notebook cell). */
export function describeFolderImports(where: string, imports: FolderImport[]): string[] {
  return imports.map(
    (found) => `${where}:${found.line}: import "${found.specifier}" names a folder, which tslab cannot load at run time; write "${found.suggestion}"`,
  );
}
