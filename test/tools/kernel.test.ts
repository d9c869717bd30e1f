import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { kernelSpec } from "../../lib/tools/kernel";
import { localKernelDir } from "../../lib/tools/project";

describe("adlab kernelspec", () => {
  it("is committed exactly as the tool writes it", () => {
    const committed = JSON.parse(fs.readFileSync(path.join(localKernelDir, "kernel.json"), "utf8")) as unknown;
    expect(committed).toEqual(kernelSpec("relocatable"));
  });

  it("is relocatable: the committed spec names no absolute path", () => {
    expect(kernelSpec("relocatable").argv).toEqual(["node", "{resource_dir}/launch.cjs", "{connection_file}"]);
  });

  it("points a user-wide copy at this project's launcher with this node", () => {
    const [node, launcher] = kernelSpec("absolute").argv;
    expect(node).toBe(process.execPath);
    expect(launcher).toBe(path.join(localKernelDir, "launch.cjs"));
    expect(fs.existsSync(launcher ?? "")).toBe(true);
  });

  it("launcher refuses to start without a connection file, saying why", () => {
    const run = spawnSync(process.execPath, [path.join(localKernelDir, "launch.cjs")], { encoding: "utf8" });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/adlab kernel: no connection file given/);
  });
});
