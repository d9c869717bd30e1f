// lib/ compiled once, for every kernel that imports it.
//
// Why: tslab type-checks and emits every local .ts file a cell imports, in every new kernel, and
// for all of lib/ that costs seconds before the first cell answers. Here lib/ is compiled with
// tslab's own TypeScript and options (CommonJS, declarations, inline source maps) into a cache
// folder named by a hash of lib's files, with the other files the modules read beside themselves
// (the WebAssembly kernels) copied in. The folder is either exactly the current code or absent:
// an edit to lib/ and a kernel restart give a new folder, never a stale one.
//
// A kernel then serves lib/ to tslab as its declarations (lib/**/*.d.ts, which a cell's type
// check reads without checking or emitting them again) and to Node as the compiled modules; stack
// traces point at lib/*.ts through the source maps. When lib/ does not compile, there is no cache
// and tslab compiles lib/ itself, so the cell shows TypeScript's own error messages.
"use strict";
const crypto = require("node:crypto");
const fs = require("node:fs");
const path = require("node:path");

// Bump when the options below change, so existing caches are not reused.
const FORMAT = "1";

/**
 * The files under `dir` (relative paths, sorted so the hash does not depend on the file system's
 * order), split into TypeScript sources and the other files the compiled modules read beside
 * themselves (the WebAssembly kernels and their thread's script). AssemblyScript folders
 * (`assembly/`) are neither: npm run build:wasm compiles them.
 */
function libFiles(dir) {
  const all = fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath ?? entry.path, entry.name)))
    .filter((name) => !name.split(path.sep).includes("assembly"))
    .sort();
  return { sources: all.filter((name) => name.endsWith(".ts")), assets: all.filter((name) => !name.endsWith(".ts")) };
}

/** A hash of everything the compiled output depends on: lib's files, the compiler and the format. */
function sourceHash(libDir, ts) {
  const hash = crypto.createHash("sha256").update(`${FORMAT}\0${ts.version}\0`);
  const { sources, assets } = libFiles(libDir);
  for (const name of [...sources, ...assets])
    hash
      .update(`${name}\0`)
      .update(fs.readFileSync(path.join(libDir, name)))
      .update("\0");
  return hash.digest("hex").slice(0, 16);
}

/** tslab's compiler options (tslab/dist/converter.js), with CommonJS output and source maps for stack traces. */
function compilerOptions(ts, rootDir, outDir) {
  return {
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    esModuleInterop: true,
    target: ts.ScriptTarget.ES2022,
    lib: ["lib.es2022.d.ts"],
    declaration: true,
    inlineSourceMap: true,
    experimentalDecorators: true,
    resolveJsonModule: true,
    skipLibCheck: true,
    newLine: ts.NewLineKind.LineFeed,
    rootDir,
    outDir,
  };
}

/**
 * Compiles every .ts file under `dir` with tslab's TypeScript and options; writes the JavaScript
 * and declarations to `outDir` when it compiles and `outDir` is given. Returns TypeScript's
 * messages, one formatted string each; empty when it compiles.
 * @example compileProblems(ts, "/home/me/adlab/lib", null) // [] when lib/ compiles as the kernel compiles it
 */
function compileProblems(ts, dir, outDir) {
  const files = libFiles(dir).sources.map((name) => path.join(dir, name));
  const program = ts.createProgram(files, compilerOptions(ts, dir, outDir ?? path.join(dir, "outDir")));
  const diagnostics = [...ts.getPreEmitDiagnostics(program)];
  if (diagnostics.length === 0) {
    // Emitting is also what surfaces declaration errors (an unexported type in an exported signature).
    const emitted = outDir ? program.emit() : program.emit(undefined, () => undefined);
    diagnostics.push(...emitted.diagnostics);
  }
  const host = { getCanonicalFileName: (name) => name, getCurrentDirectory: () => dir, getNewLine: () => "\n" };
  return [...new Set(diagnostics.map((diagnostic) => ts.formatDiagnostic(diagnostic, host).trim()))];
}

/**
 * The folder holding lib/ compiled from its current sources, compiling it when needed; null when
 * lib/ does not compile (then `problems` says why).
 * @example compiledLib("/home/me/adlab", ts) // { dir: "/home/me/adlab/build/kernel-lib/3f2a...", problems: [] }
 */
function compiledLib(projectRoot, ts) {
  const libDir = path.join(projectRoot, "lib");
  const cacheDir = path.join(projectRoot, "build", "kernel-lib");
  const hash = sourceHash(libDir, ts);
  const dir = path.join(cacheDir, hash);
  if (fs.existsSync(path.join(dir, "index.js"))) return { dir, problems: [] };
  // Built in a folder of its own and renamed into place, so two kernels starting together never
  // see a half-written cache.
  const building = `${dir}.${process.pid}.tmp`;
  fs.rmSync(building, { recursive: true, force: true });
  const problems = compileProblems(ts, libDir, building);
  if (problems.length > 0) {
    fs.rmSync(building, { recursive: true, force: true });
    return { dir: null, problems };
  }
  for (const name of libFiles(libDir).assets) {
    fs.mkdirSync(path.dirname(path.join(building, name)), { recursive: true });
    fs.copyFileSync(path.join(libDir, name), path.join(building, name));
  }
  try {
    fs.renameSync(building, dir);
  } catch (error) {
    fs.rmSync(building, { recursive: true, force: true });
    if (!fs.existsSync(path.join(dir, "index.js"))) throw error;
  }
  // Kernels still running an older version may yet read a file of it (the WebAssembly module is
  // loaded on first use), so the two newest versions before this one stay; older ones go.
  const older = fs
    .readdirSync(cacheDir)
    .filter((name) => name !== hash && !name.endsWith(".tmp"))
    .map((name) => ({ name, time: fs.statSync(path.join(cacheDir, name)).mtimeMs }))
    .sort((a, b) => b.time - a.time);
  for (const { name } of older.slice(2)) fs.rmSync(path.join(cacheDir, name), { recursive: true, force: true });
  return { dir, problems: [] };
}

/** True when `file` is `dir` or below it. */
function isInside(dir, file) {
  const relative = path.relative(dir, file);
  return relative === "" || (!relative.startsWith("..") && !path.isAbsolute(relative));
}

/**
 * Makes this process see lib/ through its compiled copy: TypeScript (tslab's checker) finds
 * lib/**\/*.d.ts instead of lib/**\/*.ts, and Node's resolver maps lib/... to the compiled modules.
 * The cache is looked up (and built if needed) at the first use of lib/, not at kernel start.
 */
function serveCompiledLib(projectRoot, ts) {
  const libDir = path.join(projectRoot, "lib");
  let compiled;
  const compiledDir = () => {
    if (compiled === undefined) {
      // While compiling, the compiler itself must see the real lib/ sources.
      compiled = { dir: null, problems: [] };
      try {
        compiled = compiledLib(projectRoot, ts);
      } catch (error) {
        compiled = { dir: null, problems: [`cannot write build/kernel-lib: ${error.message}`] };
      }
      if (compiled.dir === null) {
        console.error(
          `adlab kernel: lib/ is not served compiled, so tslab compiles it itself:\n${compiled.problems.join("\n")}`,
        );
      }
    }
    return compiled.dir;
  };
  // In the compiled folder, the file standing for a lib/ path (undefined when lib/ is not served compiled).
  const compiledFile = (file) => {
    if (!isInside(libDir, file)) return undefined;
    const dir = compiledDir();
    return dir === null ? undefined : path.join(dir, path.relative(libDir, file));
  };
  const isSource = (file) => /\.tsx?$/.test(file) && !file.endsWith(".d.ts");

  const { fileExists, readFile } = ts.sys;
  ts.sys.fileExists = function (file) {
    const compiledPath = compiledFile(file);
    if (compiledPath === undefined) return fileExists.call(this, file);
    return !isSource(file) && fs.existsSync(compiledPath);
  };
  ts.sys.readFile = function (file, encoding) {
    const compiledPath = compiledFile(file);
    if (compiledPath === undefined) return readFile.call(this, file, encoding);
    return isSource(file) ? undefined : readFile.call(this, compiledPath, encoding);
  };

  const Module = require("node:module");
  const resolveFilename = Module._resolveFilename;
  Module._resolveFilename = function (request, parent, ...rest) {
    if (typeof request === "string" && request.startsWith(".") && parent?.filename) {
      const compiledPath = compiledFile(path.resolve(path.dirname(parent.filename), request));
      if (compiledPath !== undefined) return resolveFilename.call(this, compiledPath, parent, ...rest);
    }
    return resolveFilename.call(this, request, parent, ...rest);
  };
  process.setSourceMapsEnabled(true);
}

module.exports = { compileProblems, compiledLib, serveCompiledLib };
