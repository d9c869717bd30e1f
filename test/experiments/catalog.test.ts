import { describe, expect, it } from "vitest";
import * as ad from "../../lib";
import { checkExperiment } from "../../lib/experiments/experiment";

const catalog = Object.entries(ad.experiments as Record<string, ad.Experiment>);

describe("ad.experiments", () => {
  it("holds the series' figures, each under distinct file names", () => {
    const names = catalog.map(([, e]) => e.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names.every((name) => /^[a-z0-9-]+$/.test(name))).toBe(true);
  });

  it.each(catalog)("%s is a well-formed experiment whose run refuses bad options by name", (key, experiment) => {
    expect(() => checkExperiment(experiment, "test")).not.toThrow();
    expect(experiment.columns).toHaveLength(2);
    for (const axis of ["xaxis", "yaxis"] as const)
      expect(experiment.layout[axis]?.title, `${key}: ${axis} title`).toBeTruthy();
    for (const bad of [3, "quick", [], { quick: 1 }, { onPoint: 2 }]) {
      expect(() => experiment.run(bad as never)).toThrow(new RegExp(`^${key}\\.run: `));
    }
  });
});
