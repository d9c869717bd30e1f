import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Includes test/bench/*.test.ts: they check that the benchmarks' baselines and adlab's entries
    // compute the right numbers (no timing; the timed runs are `npm run bench`).
    include: ["test/**/*.test.ts"],
    exclude: ["node_modules/**"],
  },
});
