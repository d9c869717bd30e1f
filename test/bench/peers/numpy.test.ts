// The numpy peer computes the right numbers and reports its own timing; without the project's
// Python it is "n/a" with the reason, and the bench goes on.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { projectRoot } from "../../../tools/project";
import { assertAgrees } from "../agree";
import { randomMatrix } from "../data";
import { QUICK_BUDGET } from "../harness";
import { matmulNaive } from "../plain/matmul";
import { numpyContestant } from "./numpy";

const venvPython = path.join(projectRoot, ".venv", "bin", "python");
const tiny = { ...QUICK_BUDGET, perSizeMs: 20, warmupMs: 5 };

describe("numpy peer", () => {
  it.runIf(fs.existsSync(venvPython))("multiplies like the plain baseline and times itself", async () => {
    const inputs = (n: number) => [randomMatrix(n, n + 1, 1), randomMatrix(n + 1, n, 2)];
    const peer = numpyContestant("numpy", "matmul", 1, tiny, inputs);
    if (!("setup" in peer)) throw new Error(peer.missing);
    const instance = await peer.setup(7);
    const [a, b] = inputs(7);
    assertAgrees(matmulNaive(a, b).data, instance.run(), 1e-12);
    expect(instance.selfTimed?.samples).toBeGreaterThanOrEqual(tiny.minRounds);
    expect(instance.selfTimed?.medianMs).toBeGreaterThan(0);
  });

  it("is n/a, saying what is missing, without the project's Python", () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const peer = numpyContestant(
      "numpy",
      "matmul",
      1,
      tiny,
      () => [],
      path.join(projectRoot, ".no-venv", "bin", "python"),
    );
    expect(peer).toEqual({ name: "numpy", missing: "no .no-venv/bin/python (run npm run setup)" });
    expect(error).toHaveBeenCalledTimes(1);
    error.mockRestore();
  });
});
