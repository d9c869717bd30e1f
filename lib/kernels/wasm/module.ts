/**
 * The WebAssembly kernels (AssemblyScript source in assembly/, built into kernels.wasm beside this file
 * by `npm run build:wasm`): found, compiled and instantiated on first use, synchronously, so
 * importing the library costs nothing until a large product or factorisation runs. When the file is
 * missing or the engine lacks SIMD, the JavaScript kernels run instead, after a one-time note.
 *
 * The module works on one shared memory (so a helper thread can work on the same matrices, see
 * threads.ts) laid out by `reserve`: a control block for the helper, then per call the operands,
 * results and workspaces, bump-allocated from the same base each time (calls are synchronous).
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The module's exports (assembly/index.ts): sizes in entries, strides in doubles, pointers in bytes. */
export interface KernelExports {
  gemm(
    m: number,
    n: number,
    k: number,
    a: number,
    lda: number,
    transA: number,
    b: number,
    ldb: number,
    transB: number,
    c: number,
    ldc: number,
    negate: number,
    work: number,
  ): void;
  gemmWorkspace(n: number): number;
  luFactor(n: number, a: number, perm: number, panelWidth: number, info: number, work: number): void;
  luWorkspace(n: number, panelWidth: number): number;
  trsm(
    n: number,
    t: number,
    ldt: number,
    x: number,
    r: number,
    ldx: number,
    lower: number,
    unit: number,
    transpose: number,
  ): void;
}

/** The part of the WebAssembly API used here (lib es2022, which tslab compiles with, declares none). */
interface WebAssemblyApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: object };
  Memory: new (descriptor: { initial: number; maximum: number; shared: boolean }) => SharedMemory;
}
export interface SharedMemory {
  readonly buffer: SharedArrayBuffer;
  grow(pages: number): number;
}

/** A compiled module, its memory and the main thread's instance of it. */
export interface Kernels {
  module: object;
  memory: SharedMemory;
  exports: KernelExports;
}

const FILE = "kernels.wasm";
const PAGE = 65536;
/** The memory's size limit as built (tools/build-wasm.ts): 2 GiB, so every byte offset is a positive int32. */
const MAX_PAGES = 32768;
/** Bytes at the start of memory kept for the helper thread's control block (threads.ts). */
export const CONTROL_BYTES = 256;

let kernels: Kernels | null | undefined; // undefined: not loaded yet; null: unavailable here
let enabled = process.env.ADLAB_WASM !== "0";
let view: Float64Array | undefined;

/**
 * Turns the WebAssembly kernels on or off (the JavaScript kernels are the reference and the
 * fallback; `ADLAB_WASM=0` starts with them off). Returns the previous setting.
 * @example
 *   const before = useWasmKernels(false); // ... JavaScript kernels only ...
 *   useWasmKernels(before);
 */
export function useWasmKernels(on: boolean): boolean {
  const before = enabled;
  enabled = on;
  return before;
}

/**
 * The kernels when they are switched on and available, else null (loads them on the first call).
 * @example
 *   const k = wasmKernels(); if (k) k.exports.gemm(...);
 */
export function wasmKernels(): Kernels | null {
  if (!enabled) return null;
  if (kernels === undefined) kernels = loadKernels(path.join(kernelsFolder(), FILE));
  return kernels;
}

/**
 * Byte offsets of consecutive regions of the given byte sizes (each 64-byte aligned, after the
 * control block), growing the memory when needed; null when they do not fit in its limit.
 * Valid until the next call: every kernel call lays out its own regions from the same base.
 */
export function reserve(k: Kernels, ...sizes: number[]): number[] | null {
  const offsets: number[] = [];
  let end = CONTROL_BYTES;
  for (const size of sizes) {
    offsets.push(end);
    end += Math.ceil(size / 64) * 64;
  }
  const have = k.memory.buffer.byteLength;
  if (end > have) {
    const pages = Math.ceil((end - have) / PAGE);
    if (have / PAGE + pages > MAX_PAGES) return null;
    k.memory.grow(pages);
  }
  return offsets;
}

/** A Float64Array over the whole memory (renewed after the memory grows). */
export function doubles(k: Kernels): Float64Array {
  const buffer = k.memory.buffer;
  if (view === undefined || view.buffer.byteLength !== buffer.byteLength) view = new Float64Array(buffer);
  return view;
}

/**
 * Compiles and instantiates the module in `file` on a new shared memory; on failure says why on
 * the console and returns null.
 * @example
 *   loadKernels("/no/such/kernels.wasm"); // null, after "adlab: the WebAssembly kernels are not built ..."
 */
export function loadKernels(file: string): Kernels | null {
  try {
    const api = (globalThis as unknown as { WebAssembly: WebAssemblyApi }).WebAssembly;
    const module = new api.Module(fs.readFileSync(file));
    const memory = new api.Memory({ initial: 1, maximum: MAX_PAGES, shared: true });
    const exports = new api.Instance(module, { env: { memory } }).exports as KernelExports;
    return { module, memory, exports };
  } catch (error) {
    const why = fs.existsSync(file)
      ? `could not be loaded (${error instanceof Error ? error.message : String(error)})`
      : "are not built (run `npm run build:wasm`)";
    console.warn(`adlab: the WebAssembly kernels ${why}; using the JavaScript kernels.`);
    return null;
  }
}

/**
 * The folder of this source file (and of kernels.wasm and helper.cjs), from V8's call sites: the
 * one way that works alike when tslab runs lib/ as CommonJS (a path), under vitest, and under tsx
 * as an ES module (a file URL); neither `__dirname` nor `import.meta` exists in all three.
 */
export function kernelsFolder(): string {
  const original = Error.prepareStackTrace;
  let file: string | null | undefined;
  try {
    Error.prepareStackTrace = (_error, sites) => sites;
    file = (new Error().stack as unknown as NodeJS.CallSite[])[0]?.getFileName();
  } finally {
    Error.prepareStackTrace = original;
  }
  if (!file) throw new Error("adlab: cannot tell where lib/kernels/wasm is");
  return path.dirname(file.startsWith("file:") ? fileURLToPath(file) : file);
}
