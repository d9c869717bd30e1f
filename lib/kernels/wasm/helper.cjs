// The helper thread of lib/kernels/wasm/threads.ts: instantiates the kernels on the shared memory,
// then forever waits for a job, runs `gemm` on the arguments in the control block and reports
// back. Plain CommonJS so it runs as it is under tslab, vitest and tsx alike.
"use strict";
const { workerData } = require("node:worker_threads");

// Control block slots (int32, byte 0 of memory), as in threads.ts.
const READY = 0;
const JOB = 1;
const FAILED = 2;
const ARGS = 3;

const { compiled, memory } = workerData;
const { gemm } = new WebAssembly.Instance(compiled, { env: { memory } }).exports;
const control = new Int32Array(memory.buffer, 0, ARGS + 13);
Atomics.store(control, READY, 1);
for (;;) {
  Atomics.wait(control, JOB, 0);
  try {
    gemm(...control.subarray(ARGS, ARGS + 13));
  } catch {
    Atomics.store(control, FAILED, 1);
  }
  Atomics.store(control, JOB, 0);
  Atomics.notify(control, JOB);
}
