// The unit tests that exercise the rule and engine code, for `npm run mutation` (StrykerJS runs
// them once per mutant): no browser, kernel, notebook, display or benchmark tests, which test
// other folders and take minutes.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/{ops,core,fast,transforms,check,linalg,fuzz}/**/*.test.ts"],
    exclude: ["node_modules/**"],
  },
});
