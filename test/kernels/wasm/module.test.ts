import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  CONTROL_BYTES,
  kernelsFolder,
  loadKernels,
  reserve,
  useWasmKernels,
  wasmKernels,
} from "../../../lib/kernels/wasm/module";

describe("the wasm module", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("is found beside its loader", () => {
    expect(kernelsFolder()).toBe(fileURLToPath(new URL("../../../lib/kernels/wasm", import.meta.url)));
    expect(fs.existsSync(path.join(kernelsFolder(), "kernels.wasm"))).toBe(true);
  });

  it("is off when switched off, and the switch returns the previous setting", () => {
    const before = useWasmKernels(false);
    expect(wasmKernels()).toBeNull();
    expect(useWasmKernels(before)).toBe(false);
    if (before) expect(wasmKernels()).not.toBeNull();
  });

  it("missing: null and a note that says how to build it", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    expect(loadKernels(path.join(kernelsFolder(), "missing.wasm"))).toBeNull();
    expect(warn).toHaveBeenCalledWith(
      expect.stringMatching(/not built \(run `npm run build:wasm`\); using the JavaScript kernels/),
    );
  });

  it("not a module: null and the engine's reason", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    expect(loadKernels(path.join(kernelsFolder(), "helper.cjs"))).toBeNull();
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/could not be loaded \(.+\)/));
  });

  it("lays out aligned regions after the control block, grows memory for them, and declines past its limit", () => {
    const k = wasmKernels();
    if (k === null) throw new Error("kernels.wasm is not built (npm run build:wasm)");
    const at = reserve(k, 10, 100, 5 << 20) as number[];
    expect(at).toEqual([CONTROL_BYTES, CONTROL_BYTES + 64, CONTROL_BYTES + 192]);
    expect(k.memory.buffer.byteLength).toBeGreaterThanOrEqual(at[2] + (5 << 20));
    expect(reserve(k, 2 ** 31)).toBeNull();
  });
});
