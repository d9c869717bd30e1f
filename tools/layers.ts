/**
 * The layers of lib/, lowest first, and the checks that its imports run only down them and never
 * in a circle (test/tools/layers.test.ts runs them on every lib/**\/*.ts file).
 *
 * Why this order: tensors are numbers in arrays and know nothing of derivatives; kernels are the
 * dense numeric loops on them (matrix product, WebAssembly); core (values, traces, the primitive
 * registry, the reference forward and reverse engines) computes with tensors; fast is the speed
 * layer beside core's reference path (lib/fast/index.ts states its contract); ops register
 * primitives with their rules on top of both; linear algebra (factorisations and their rules)
 * and the transforms (grad, jvp, vjp, jacobians) both build on ops and not on each other; jit
 * traces programs and compiles them, and derives a compiled function's rules with the transforms; check
 * compares derivatives with finite differences through the transforms; display draws values,
 * traces and rules; measure times any of the above; experiments and exercises are what the
 * notebooks run; lib/index.ts exports it all. A folder may import itself and anything lower:
 * nothing higher and nothing beside it. Type-only imports count for the layers too (a type from a
 * higher layer is a dependency on it all the same), not for cycles (they are erased when compiled).
 */
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";

/** The layers, lowest first: the folders of lib/ (and lib/index.ts) each holds. */
export const LAYERS: readonly (readonly string[])[] = [
  ["tensor"],
  ["kernels"],
  ["core"],
  ["fast"],
  ["ops"],
  ["linalg", "transforms"],
  ["jit"],
  ["check"],
  ["display"],
  ["measure"],
  ["experiments", "exercises"],
  ["index.ts"],
];

/** How a file names a module: an import declaration, an export ... from, or an `import()`/`require()` call or type. */
export type ImportKind = "import" | "export" | "call";

/** A module specifier found in a file's text, with its line (1-based) and whether only types come through it. */
export interface Specifier {
  specifier: string;
  line: number;
  typeOnly: boolean;
  kind: ImportKind;
}

/** One relative import of a lib file: paths relative to lib/, with `/` separators. */
export interface Import {
  from: string;
  to: string;
  line: number;
  typeOnly: boolean;
  kind: ImportKind;
}

/**
 * Every module a TypeScript file's text names: import and export ... from declarations (type-only
 * ones included), `import("...")` calls and types, and `require("...")` calls.
 * @example specifiersOf('import type { Tensor } from "../tensor/tensor";')
 * // [{ specifier: "../tensor/tensor", line: 1, typeOnly: true, kind: "import" }]
 */
export function specifiersOf(text: string): Specifier[] {
  const source = ts.createSourceFile("file.ts", text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const found: Specifier[] = [];
  const add = (node: ts.Node, literal: ts.Node | undefined, typeOnly: boolean, kind: ImportKind) => {
    if (!literal || !ts.isStringLiteralLike(literal)) return;
    const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
    found.push({ specifier: literal.text, line, typeOnly, kind });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) add(node, node.moduleSpecifier, importsTypesOnly(node), "import");
    else if (ts.isExportDeclaration(node)) add(node, node.moduleSpecifier, node.isTypeOnly, "export");
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument))
      add(node, node.argument.literal, true, "call");
    else if (ts.isCallExpression(node) && isImportOrRequire(node.expression))
      add(node, node.arguments[0], false, "call");
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** `import type { A } from`, or `import { type A, type B } from`: nothing but types comes through. */
function importsTypesOnly(node: ts.ImportDeclaration): boolean {
  const clause = node.importClause;
  if (!clause) return false; // `import "./x"` runs the module
  if (clause.isTypeOnly) return true;
  const bindings = clause.namedBindings;
  return (
    !clause.name &&
    bindings !== undefined &&
    ts.isNamedImports(bindings) &&
    bindings.elements.length > 0 &&
    bindings.elements.every((e) => e.isTypeOnly)
  );
}

function isImportOrRequire(callee: ts.Expression): boolean {
  return callee.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(callee) && callee.text === "require");
}

/** The .ts files under `dir`, relative to it with `/` separators, sorted; not AssemblyScript (`assembly/`). */
export function tsFilesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: "utf8" })
    .map((file) => file.split(path.sep).join("/"))
    .filter((file) => file.endsWith(".ts") && !file.endsWith(".d.ts") && !file.split("/").includes("assembly"))
    .sort();
}

/**
 * The file a relative specifier names, relative to `root`: `x` as `x.ts`, `x/index.ts`, or `x` itself
 * (a `.cjs` beside the code); null when there is none.
 */
function resolve(root: string, fromFile: string, specifier: string): string | null {
  const base = path.posix.join(path.posix.dirname(fromFile), specifier);
  const candidates = [`${base}.ts`, `${base}/index.ts`, base.replace(/\.js$/, ".ts"), base];
  const hit = candidates.find(
    (file) => fs.existsSync(path.join(root, file)) && fs.statSync(path.join(root, file)).isFile(),
  );
  return hit ?? null;
}

/**
 * Every relative import among the .ts files under `root` (lib/), resolved to files; package and
 * Node imports are not the layers' business. An import of no file throws.
 */
export function importsUnder(root: string): Import[] {
  const imports: Import[] = [];
  for (const from of tsFilesUnder(root)) {
    for (const { specifier, line, typeOnly, kind } of specifiersOf(fs.readFileSync(path.join(root, from), "utf8"))) {
      if (!specifier.startsWith(".")) continue;
      const to = resolve(root, from, specifier);
      if (to === null) throw new Error(`${from}:${line} imports "${specifier}", which is no file`);
      imports.push({ from, to, line, typeOnly, kind });
    }
  }
  return imports;
}

/** A file's place: its folder under lib/ (or its own name at the top), and that folder's layer (-1: none). */
export function layerOf(file: string): { unit: string; layer: number } {
  const unit = file.split("/")[0];
  return { unit, layer: LAYERS.findIndex((level) => level.includes(unit)) };
}

/**
 * The files whose folder has no layer (a new folder, or a file loose in lib/ beside index.ts), one line each.
 * @example unplacedFiles(["tensor/shape.ts", "kernels/gemm.ts"])
 * // ["kernels/gemm.ts: lib/kernels has no layer in tools/layers.ts"]
 */
export function unplacedFiles(files: readonly string[]): string[] {
  return files
    .filter((file) => layerOf(file).layer < 0)
    .map((file) => `${file}: lib/${layerOf(file).unit} has no layer in tools/layers.ts`);
}

/**
 * The imports that run up the layers or sideways to another folder of the same layer, one line each.
 * @example layerViolations([{ from: "core/batch.ts", to: "ops/reduce.ts", line: 5, typeOnly: false, kind: "import" }])
 * // ["core/batch.ts:5 imports ops/reduce.ts: core is below ops"]
 */
export function layerViolations(imports: readonly Import[]): string[] {
  const problems: string[] = [];
  for (const { from, to, line, typeOnly } of imports) {
    const source = layerOf(from);
    const target = layerOf(to);
    if (source.unit === target.unit || source.layer < 0 || target.layer < 0 || target.layer < source.layer) continue;
    const relation = target.layer === source.layer ? "beside" : "below";
    problems.push(
      `${from}:${line} imports ${typeOnly ? "types from " : ""}${to}: ${source.unit} is ${relation} ${target.unit}`,
    );
  }
  return problems;
}

/** Files that all reach each other through imports, and a shortest cycle through the first of them. */
export interface ImportCycle {
  files: string[];
  cycle: string[];
}

/**
 * The import cycles among files: one per strongly connected component of the import graph with
 * more than one file (or a file importing itself), its files sorted and a shortest cycle through the
 * first, that file repeated at the end.
 * @example importCycles(imports) // a.ts imports b.ts, b.ts imports a.ts:
 * // [{ files: ["a.ts", "b.ts"], cycle: ["a.ts", "b.ts", "a.ts"] }]
 */
export function importCycles(imports: readonly Import[]): ImportCycle[] {
  const next = new Map<string, string[]>();
  for (const { from, to } of imports) next.set(from, [...(next.get(from) ?? []), to]);
  return stronglyConnected(next)
    .filter((component) => component.length > 1 || (next.get(component[0]) ?? []).includes(component[0]))
    .map((component) => [...component].sort())
    .map((files) => ({ files, cycle: shortestCycle(files[0], new Set(files), next) }))
    .sort((a, b) => (a.files[0] < b.files[0] ? -1 : 1));
}

/**
 * A cycle as one line: `→` for an import that runs code, `⇢` for one that brings only types, and
 * the other files of its component when there are more.
 * @example formatCycle({ files: ["a.ts", "b.ts"], cycle: ["a.ts", "b.ts", "a.ts"] }, imports)
 * // "a.ts → b.ts ⇢ a.ts" when b.ts takes only types from a.ts
 */
export function formatCycle({ files, cycle }: ImportCycle, imports: readonly Import[]): string {
  const typesOnly = (from: string, to: string) => imports.every((i) => i.from !== from || i.to !== to || i.typeOnly);
  const hops = cycle.slice(1).map((to, k) => `${typesOnly(cycle[k], to) ? "⇢" : "→"} ${to}`);
  const others = files.filter((file) => !cycle.includes(file));
  return `${cycle[0]} ${hops.join(" ")}${others.length > 0 ? ` (with ${others.join(", ")} in the same circle)` : ""}`;
}

/** Tarjan's strongly connected components (Tarjan 1972, "Depth-first search and linear graph algorithms"). */
function stronglyConnected(next: ReadonlyMap<string, readonly string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    components.push(component);
  };
  for (const v of [...next.keys()].sort()) if (!index.has(v)) visit(v);
  return components;
}

/** A shortest path from `start` back to itself inside `within`, by breadth-first search. */
function shortestCycle(
  start: string,
  within: ReadonlySet<string>,
  next: ReadonlyMap<string, readonly string[]>,
): string[] {
  const cameFrom = new Map<string, string>();
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    for (const w of next.get(queue[i]) ?? []) {
      if (!within.has(w)) continue;
      if (w === start) {
        const back = [start];
        for (let v = queue[i]; v !== start; v = cameFrom.get(v)!) back.push(v);
        return [...back, start].reverse();
      }
      if (!cameFrom.has(w)) {
        cameFrom.set(w, queue[i]);
        queue.push(w);
      }
    }
  }
  throw new Error(`${start} is on no cycle within its component`);
}

/**
 * The files that import one module in two import declarations of the same kind (two value imports,
 * or two type-only ones), one line each: they belong in one statement.
 */
export function duplicateImports(imports: readonly Import[]): string[] {
  const seen = new Map<string, number>();
  const problems: string[] = [];
  for (const { from, to, line, typeOnly, kind } of imports) {
    if (kind !== "import") continue;
    const key = `${from}\0${to}\0${typeOnly}`;
    const first = seen.get(key);
    if (first === undefined) seen.set(key, line);
    else problems.push(`${from}:${line} imports ${to} again (first at line ${first})`);
  }
  return problems;
}
