// A contestant that times itself (numpy, in its own process) is checked like the others and
// reported with its own timing, without taking part in the rounds.
import { describe, expect, it } from "vitest";
import { QUICK_BUDGET, measureSize, type Contestant } from "./harness";

const budget = { ...QUICK_BUDGET, perSizeMs: 5, warmupMs: 1 };
const tolerance = { float64: 1e-12, float32: 1e-5 };
const reference: Contestant = { name: "plain", precision: "float64", setup: () => ({ run: () => [1, 2] }) };

function selfTimed(output: number[]): Contestant & { runs: number } {
  const contestant = {
    name: "peer",
    precision: "float64" as const,
    runs: 0,
    setup: () => ({
      run: () => {
        contestant.runs++;
        return output;
      },
      selfTimed: { medianMs: 2, minMs: 1, iqrMs: 0.5, runsPerSample: 3, samples: 4 },
    }),
  };
  return contestant;
}

describe("measureSize with a self-timed contestant", () => {
  it("checks its output once and reports its own timing", async () => {
    const peer = selfTimed([1, 2]);
    const { timings, failures } = await measureSize([reference, peer], 1, tolerance, budget);
    expect(failures).toEqual([]);
    expect(peer.runs).toBe(1);
    expect(timings.find((t) => t.contestant === "peer")).toMatchObject({
      medianMs: 2,
      minMs: 1,
      samples: 4,
      runsPerSample: 3,
    });
  });

  it("flags a wrong output", async () => {
    const { timings, failures } = await measureSize([reference, selfTimed([1, 3])], 1, tolerance, budget);
    expect(timings.map((t) => t.contestant)).toEqual(["plain"]);
    expect(failures).toMatchObject([{ contestant: "peer", wrong: true }]);
  });
});
