import { defineConfig } from "vitest/config";

/** The rule and engine suites, run a second time with the fast paths off (lib/fast/index.ts). */
export const referenceSuites = [
  "test/ops/**/*.test.ts",
  "test/linalg/rules/**/*.test.ts",
  "test/transforms/**/*.test.ts",
  "test/check/**/*.test.ts",
  "test/core/**/*.test.ts",
  "test/jit/**/*.test.ts",
];

export default defineConfig({
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "fast",
          // Includes test/bench/*.test.ts: they check that the benchmarks' baselines and adlab's entries
          // compute the right numbers (no timing; the timed runs are `npm run bench`).
          include: ["test/**/*.test.ts"],
          exclude: ["node_modules/**"],
        },
      },
      {
        extends: true,
        test: { name: "reference", include: referenceSuites, setupFiles: ["test/reference-path.setup.ts"] },
      },
    ],
  },
});
