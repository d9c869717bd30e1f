/**
 * `npm run build:wasm`: compiles the AssemblyScript kernels (lib/kernels/wasm/assembly/) into
 * lib/kernels/wasm/kernels.wasm, where lib/kernels/wasm/module.ts loads them. `npm run setup` runs
 * it when the module is missing or older than its sources; the .wasm is never committed.
 */
import asc from "assemblyscript/asc";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const sources = path.join(root, "lib", "kernels", "wasm", "assembly");
const output = path.join(root, "lib", "kernels", "wasm", "kernels.wasm");

const { error, stderr } = await asc.main([
  path.join(sources, "index.ts"),
  "--outFile",
  output,
  "--optimizeLevel",
  "3",
  // No allocator, no assertions: the kernels only read and write memory the caller laid out.
  "--runtime",
  "stub",
  "--noAssert",
  // 128-bit SIMD (f64x2); threads for the shared memory a helper thread works on too.
  "--enable",
  "simd",
  "--enable",
  "threads",
  // The caller creates the memory: shared, limit 2 GiB (lib/kernels/wasm/module.ts, MAX_PAGES).
  "--importMemory",
  "--sharedMemory",
  "--initialMemory",
  "1",
  "--maximumMemory",
  "32768",
  "--noExportMemory",
]);
if (error) {
  console.error(stderr.toString());
  console.error(`build:wasm: ${error.message}`);
  process.exit(1);
}
console.log(`build:wasm: wrote ${path.relative(root, output)}`);
