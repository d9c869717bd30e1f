import { defineConfig } from "vitest/config";

// The plain baselines' own tests (run: npx vitest run --config test/bench/vitest.config.ts). The
// project's config excludes test/bench/** so `npx vitest run` never starts timing code.
export default defineConfig({
  test: { include: ["test/bench/**/*.test.ts"], root: new URL("../..", import.meta.url).pathname },
});
