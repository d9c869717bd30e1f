// Starts the adlab tslab kernel with the project root as its working directory.
// Why: tslab compiles local imports only below its cwd (its TypeScript rootDir), so a kernel
// started in notebooks/ could not import ../lib. From the root, every notebook imports the
// library with the same line: `import * as ad from "./lib";`.
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

if (!connectionFile) fail("no connection file given (Jupyter passes it as the first argument).");
if (!fs.existsSync(tslabMain)) {
  fail(`tslab is not installed in ${projectRoot}. Run \`npm ci\` (or \`npm run setup\`) there, then restart the kernel.`);
}
process.chdir(projectRoot);
// enableFindLocal: false because we already picked the project's own tslab; jsKernel: false = TypeScript.
require(tslabMain).startKernel({ configPath: connectionFile, enableFindLocal: false, jsKernel: false });
