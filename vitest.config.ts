import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Benchmarks run on their own (they time things; unit tests never do).
    exclude: ["test/bench/**", "node_modules/**"],
  },
});
