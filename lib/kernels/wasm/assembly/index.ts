/**
 * adlab's WebAssembly kernels (AssemblyScript, 128-bit SIMD): the module's exports. The JavaScript
 * side (lib/kernels/wasm/) owns the memory: it copies operands in, calls these on byte offsets and
 * copies results out. Built by `npm run build:wasm` (wasm/build.ts) into lib/kernels/wasm/kernels.wasm.
 */
export { gemm, gemmWorkspace } from "./gemm";
export { luFactor, luWorkspace } from "./lu";
export { trsm } from "./triangular";
