// Starts the adlab tslab kernel with the project root as its working directory.
// Why: tslab compiles local imports only below its cwd (its TypeScript rootDir), so a kernel
// started in notebooks/ could not import ../lib. From the root, every notebook imports the
// library with the same line: `import * as ad from "./lib";`.
// lib/ itself is served compiled (compiled-lib.cjs), so a kernel does not type-check and emit the
// whole library again before its first cell answers.
// It also teaches tslab's loader of local .ts files two things Node's own loader does (tslab
// 1.0.22 lacks them): folder imports and import cycles (for lib/ when it does not compile, and for
// a reader's own .ts files). test/tools/kernel.test.ts proves all three.
// Jupyter runs this as: node <this file> <connection file>.
"use strict";
const fs = require("fs");
const path = require("path");

// This file lives at <project>/.jupyter/kernels/adlab/launch.cjs.
const projectRoot = path.resolve(__dirname, "..", "..", "..");
const connectionFile = process.argv[2];
const tslabMain = path.join(projectRoot, "node_modules", "tslab", "dist", "main.js");

function fail(message) {
  console.error(`adlab kernel: ${message}`);
  process.exit(1);
}

// tslab loads local .ts modules itself and caches each one only after its code has run, so two
// files that import each other recurse until "Maximum call stack size exceeded". Node's rule is to
// hand the re-entering import the exports object still being filled; this does the same by
// noticing a module compiled again while its first compilation is still running. Node's own loader
// caches before compiling, so it never re-enters and is unaffected.
function allowImportCycles() {
  const Module = require("module");
  const compile = Module.prototype._compile;
  const compiling = new Map();
  Module.prototype._compile = function (content, filename) {
    const first = compiling.get(filename);
    if (first) {
      this.exports = first.exports;
      return undefined;
    }
    compiling.set(filename, this);
    try {
      return compile.call(this, content, filename);
    } finally {
      compiling.delete(filename);
    }
  };
}

// tslab serves an import of a local file from its compiled output but looks only for
// `<folder>.js` when given a folder, so `"./lib"` (which TypeScript resolves to lib/index.ts)
// fails with "Cannot find module". When Node cannot find a relative import and the folder has an
// index.ts, ask tslab's require for `<folder>/index` instead: the module's own tslab require, or
// for a cell the one tslab hands cells (globalThis.__tslab__.require).
function allowFolderImports() {
  const Module = require("module");
  const requireModule = Module.prototype.require;
  Module.prototype.require = function (id) {
    try {
      return requireModule.call(this, id);
    } catch (error) {
      const folder = typeof id === "string" && id.startsWith(".") && path.resolve(path.dirname(this.filename), id);
      if (!error || error.code !== "MODULE_NOT_FOUND" || !folder || !fs.existsSync(path.join(folder, "index.ts"))) throw error;
      const tslabRequire = this.require !== Module.prototype.require ? this.require : globalThis.__tslab__.require;
      return tslabRequire(`${id.replace(/\/$/, "")}/index`);
    }
  };
}

// Jupyter writes the connection file before starting the kernel; anything else is a wrong call,
// which would otherwise surface as a stack trace from deep inside tslab and a process that never exits.
function checkConnectionFile(file) {
  if (!file) fail("no connection file given (Jupyter passes it as the first argument).");
  let info;
  try {
    info = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (error) {
    fail(`cannot read the connection file ${file}: ${error.message}`);
  }
  const missing = ["ip", "transport", "key", "shell_port", "iopub_port", "control_port", "stdin_port", "hb_port"].filter(
    (field) => info === null || typeof info !== "object" || !(field in info),
  );
  if (missing.length > 0) fail(`the connection file ${file} is not a Jupyter connection file (no ${missing.join(", ")}).`);
}

checkConnectionFile(connectionFile);
if (!fs.existsSync(tslabMain)) {
  fail(`tslab is not installed in ${projectRoot}. Run \`npm ci\` (or \`npm run setup\`) there, then restart the kernel.`);
}
process.chdir(projectRoot);
// tslab's own TypeScript, the one instance its converter uses.
const ts = require(require.resolve("@tslab/typescript-for-tslab", { paths: [path.dirname(tslabMain)] }));
require("./compiled-lib.cjs").serveCompiledLib(projectRoot, ts);
allowImportCycles();
allowFolderImports();
// enableFindLocal: false because we already picked the project's own tslab; jsKernel: false = TypeScript.
require(tslabMain).startKernel({ configPath: connectionFile, enableFindLocal: false, jsKernel: false });
