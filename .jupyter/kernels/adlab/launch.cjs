// Starts the adlab tslab kernel with the project root as its working directory.
// Why: tslab compiles local imports only below its cwd (its TypeScript rootDir), so a kernel
// started in notebooks/ could not import ../lib. From the root, every notebook imports the
// library with the same line: `import * as ad from "./lib";`.
// lib/ itself is served compiled (compiled-lib.cjs), so a kernel does not type-check and emit the
// whole library again before its first cell answers; tslab-patches.cjs fixes four tslab bugs.
// Jupyter runs this as: node <this file> <connection file>.
"use strict";
const fs = require("node:fs");
const path = require("node:path");

// This file lives at <project>/.jupyter/kernels/adlab/launch.cjs.
const projectRoot = path.resolve(__dirname, "..", "..", "..");
const connectionFile = process.argv[2];
const tslabMain = path.join(projectRoot, "node_modules", "tslab", "dist", "main.js");

function fail(message) {
  console.error(`adlab kernel: ${message}`);
  process.exit(1);
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
  const missing = [
    "ip",
    "transport",
    "key",
    "shell_port",
    "iopub_port",
    "control_port",
    "stdin_port",
    "hb_port",
  ].filter((field) => info === null || typeof info !== "object" || !(field in info));
  if (missing.length > 0)
    fail(`the connection file ${file} is not a Jupyter connection file (no ${missing.join(", ")}).`);
}

checkConnectionFile(connectionFile);
if (!fs.existsSync(tslabMain)) {
  fail(
    `tslab is not installed in ${projectRoot}. Run \`npm ci\` (or \`npm run setup\`) there, then restart the kernel.`,
  );
}
process.chdir(projectRoot);
// tslab's own TypeScript, the one instance its converter uses.
const ts = require(require.resolve("@tslab/typescript-for-tslab", { paths: [path.dirname(tslabMain)] }));
require("./compiled-lib.cjs").serveCompiledLib(projectRoot, ts);
const patches = require("./tslab-patches.cjs");
const tslabJupyter = require(path.join(path.dirname(tslabMain), "jupyter.js"));
patches.answerOnlyWhenBound(tslabJupyter.ZmqServer);
patches.replyToFailuresAsTheProtocolSays(tslabJupyter.JupyterHandlerImpl);
const zmq = require(require.resolve("zeromq", { paths: [path.dirname(tslabMain)] }));
patches.receiveAfterBind(zmq.Router); // shell, control, stdin
patches.receiveAfterBind(zmq.Reply); // heartbeat
patches.allowImportCycles();
patches.allowFolderImports();
// enableFindLocal: false because we already picked the project's own tslab; jsKernel: false = TypeScript.
require(tslabMain).startKernel({ configPath: connectionFile, enableFindLocal: false, jsKernel: false });
