import { describe, expect, it } from "vitest";
import { checkpointing, checkpointingFindings, deepChain } from "../../lib/experiments/checkpointing";
import { logLogSlope } from "../../lib/measure/fit";
import { grad, mul, randn, sub, abs, max } from "../../lib";

describe("checkpointing", () => {
  const { series, findings } = checkpointing.run({ quick: true });

  it("gives a memory ratio and a time ratio at each depth, positive and finite", () => {
    expect(series.map((s) => s.name)).toEqual(checkpointing.seriesNames);
    for (const s of series) {
      expect(s.x).toEqual([4, 9, 16, 36]);
      for (const r of s.y) expect(r > 0 && Number.isFinite(r)).toBe(true);
    }
  });

  it("states findings that are the data's", () => {
    const [memory, time] = series;
    expect(findings).toEqual({
      depth: 36,
      "memory ratio": memory.y[3],
      "time ratio": time.y[3],
      "memory slope": logLogSlope(memory.x, memory.y),
      "time slope": logLogSlope(time.x, time.y),
    });
    expect(checkpointingFindings(series)).toEqual(findings);
  });

  it("saves memory like 1/√K: the tape bytes are counted, not timed, so this is exact", () => {
    const [memory] = series;
    for (let i = 1; i < memory.y.length; i++) expect(memory.y[i]).toBeLessThan(memory.y[i - 1]);
    expect(findings["memory ratio"]).toBeLessThan(0.5);
    expect(findings["memory slope"]).toBeGreaterThan(-0.8);
    expect(findings["memory slope"]).toBeLessThan(-0.3);
  });

  it("leaves the gradient exactly as it was", () => {
    const W = mul(randn([8, 8], 1), 1 / Math.sqrt(8));
    const x = randn([8], 2);
    const plain = grad(deepChain(W, 9))(x);
    expect(max(abs(sub(grad(deepChain(W, 9, 3))(x), plain)))).toBe(0);
    expect(max(abs(sub(grad(deepChain(W, 9, 4))(x), plain)))).toBe(0);
  });
});
