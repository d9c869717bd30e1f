// Five fixes to tslab 1.0.22, applied by launch.cjs before tslab starts; each says what goes
// wrong without it. test/tools/tslab-patches.test.ts and test/tools/kernel.test.ts prove them.
"use strict";
const fs = require("node:fs");
const path = require("node:path");

// tslab loads local .ts modules itself and caches each one only after its code has run, so two
// files that import each other recurse until "Maximum call stack size exceeded". Node's rule is to
// hand the re-entering import the exports object still being filled; this does the same by
// noticing a module compiled again while its first compilation is still running. Node's own loader
// caches before compiling, so it never re-enters and is unaffected.
function allowImportCycles() {
  const Module = require("node:module");
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
  const Module = require("node:module");
  const requireModule = Module.prototype.require;
  Module.prototype.require = function (id) {
    try {
      return requireModule.call(this, id);
    } catch (error) {
      const folder = typeof id === "string" && id.startsWith(".") && path.resolve(path.dirname(this.filename), id);
      if (error?.code !== "MODULE_NOT_FOUND" || !folder || !fs.existsSync(path.join(folder, "index.ts"))) throw error;
      const tslabRequire = this.require !== Module.prototype.require ? this.require : globalThis.__tslab__.require;
      return tslabRequire(`${id.replace(/\/$/, "")}/index`);
    }
  };
}

// tslab binds its five ZeroMQ sockets in parallel while it already reads the shell socket. When
// the shell is bound first, the answer to the client's first kernel_info_request publishes a status
// on the iopub socket that is still binding; ZeroMQ refuses that ("Socket is blocked by a bind or
// unbind operation"), the request goes unanswered, and the client's retry is what starts the
// session. Handling a message only once every socket is bound removes the race.
function answerOnlyWhenBound(ZmqServer) {
  const init = ZmqServer.prototype.init;
  const handle = ZmqServer.prototype.handleShellMessage;
  ZmqServer.prototype.init = function () {
    this.adlabBound = init.call(this);
    return this.adlabBound;
  };
  ZmqServer.prototype.handleShellMessage = async function (...args) {
    await this.adlabBound;
    return handle.apply(this, args);
  };
}

// Two protocol rules tslab breaks when a cell fails, both of which grading depends on:
// - A request with `stop_on_error: false` (nbclient and nbgrader send it when errors are allowed)
//   must not cancel the cells queued behind it. tslab's queue chains every request to the one
//   before, so one failure turns the next 200 ms of requests into "abort" replies without
//   outputs, and an aborted test cell would read as passed. Such a failure is kept to its cell.
// - An error reply carries `ename`, `evalue` and `traceback`; tslab sends none, and nbgrader reads
//   `ename` directly. They are taken from what the cell wrote to stderr (tslab prints the error
//   there): its first `SomeError: message` line, else its first line (a TypeScript diagnostic).
function replyToFailuresAsTheProtocolSays(Handler) {
  const createWrite = Handler.prototype.createWriteToIopub;
  const handle = Handler.prototype.handleExecute;
  Handler.prototype.createWriteToIopub = function (name, writeStream) {
    const write = createWrite.call(this, name, writeStream);
    if (name !== "stderr") return write;
    this.adlabStderr = "";
    return (buffer, encoding) => {
      this.adlabStderr += typeof buffer === "string" ? buffer : Buffer.from(buffer).toString("utf8");
      return write(buffer, encoding);
    };
  };
  Handler.prototype.handleExecute = async function (req, ...rest) {
    // The queue runs one cell at a time, so the cell's stderr is read as its own task ends.
    const failure = { stderr: null };
    const run = (...args) =>
      this.handleExecuteImpl(...args).catch((count) => {
        failure.stderr = this.adlabStderr ?? "";
        // Settled, the original sees no failure and its queue stays usable for the next cell.
        if (req.stop_on_error === false) return count;
        throw count;
      });
    const reply = await handle.call(Object.create(this, { handleExecuteImpl: { value: run } }), req, ...rest);
    if (failure.stderr === null) return reply;
    const lines = failure.stderr
      .split("\n")
      .map((line) => line.trim())
      .filter(Boolean);
    const named = lines.map((line) => /^(\w*(?:Error|Exception)): (.*)$/.exec(line)).find(Boolean);
    const [ename, evalue] = named ? [named[1], named[2]] : ["Error", lines[0] ?? "the cell failed"];
    return { ...reply, status: "error", ename, evalue, traceback: [`${ename}: ${evalue}`] };
  };
}

// The same race from the other side: tslab starts reading the shell socket before binding it, and
// ZeroMQ completes a bind on its own thread. A client can connect and send in the moment between the
// port opening and the bind's completion reaching Node; the message is received, and the loop's next
// receive() is refused with EBUSY while the socket still counts as binding. That rejection ends
// tslab's shell loop for good: the kernel stays silent and the client gives up after 60 s. A receive
// refused that way waits for the bind to finish and tries again.
// The native methods are read-only on zeromq's base class, so the patch goes on each socket class
// tslab reads from (its prototype inherits them); sockets are sealed, so binds are kept aside.
function receiveAfterBind(SocketClass) {
  const { bind, receive } = SocketClass.prototype;
  const binds = new WeakMap();
  const define = (name, value) =>
    Object.defineProperty(SocketClass.prototype, name, { value, writable: true, configurable: true });
  define("bind", function (address) {
    const binding = bind.call(this, address);
    binds.set(
      this,
      binding.catch(() => undefined),
    );
    return binding;
  });
  define("receive", async function () {
    try {
      return await receive.call(this);
    } catch (error) {
      if (error?.code !== "EBUSY" || !binds.has(this)) throw error;
      await binds.get(this);
      return receive.call(this);
    }
  });
}

module.exports = {
  allowImportCycles,
  allowFolderImports,
  answerOnlyWhenBound,
  receiveAfterBind,
  replyToFailuresAsTheProtocolSays,
};
