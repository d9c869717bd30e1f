// Four fixes to tslab 1.0.22, applied by launch.cjs before tslab starts; each says what goes
// wrong without it. test/tools/tslab-patches.test.ts and test/tools/kernel.test.ts prove them.
"use strict";
const fs = require("fs");
const path = require("path");

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
  const define = (name, value) => Object.defineProperty(SocketClass.prototype, name, { value, writable: true, configurable: true });
  define("bind", function (address) {
    const binding = bind.call(this, address);
    binds.set(this, binding.catch(() => undefined));
    return binding;
  });
  define("receive", async function () {
    try {
      return await receive.call(this);
    } catch (error) {
      if (!error || error.code !== "EBUSY" || !binds.has(this)) throw error;
      await binds.get(this);
      return receive.call(this);
    }
  });
}

module.exports = { allowImportCycles, allowFolderImports, answerOnlyWhenBound, receiveAfterBind };
