// Mutation testing of the rule and engine code (`npm run mutation`; slow, not part of npm test).
// StrykerJS plants one small bug at a time (a flipped comparison, a dropped term, a changed
// constant) and runs the tests that cover it; a mutant that no test notices "survives". The report
// goes to build/mutation/ (index.html, report.json). Survivors that are not bugs are marked in the
// code with `// Stryker disable next-line <mutator>: <why>` comments.
// One folder at a time: npm run mutation -- --mutate "lib/core/**/*.ts"
/** @type {import("@stryker-mutator/api/core").PartialStrykerOptions} */
export default {
  testRunner: "vitest",
  vitest: { configFile: "vitest.mutation.config.ts" },
  mutate: [
    "lib/ops/**/*.ts",
    "lib/linalg/rules/**/*.ts",
    "lib/core/**/*.ts",
    "lib/fast/**/*.ts",
    "lib/transforms/**/*.ts",
    "lib/check/**/*.ts",
  ],
  coverageAnalysis: "perTest",
  // code run only while modules load (registering primitives) would need the whole suite per mutant
  ignoreStatic: true,
  // two cores shared with other work: one test process
  concurrency: 1,
  incremental: true,
  incrementalFile: "build/mutation/incremental.json",
  reporters: ["html", "json", "clear-text", "progress"],
  htmlReporter: { fileName: "build/mutation/index.html" },
  jsonReporter: { fileName: "build/mutation/report.json" },
  clearTextReporter: { allowColor: false, logTests: false, reportMutants: false },
  tempDirName: "build/mutation/sandbox",
  ignorePatterns: [".venv", "build", "notebooks", ".jupyter", "test/browser", "test/fixtures"],
  thresholds: { high: 90, low: 80, break: null },
  timeoutMS: 10000,
  cleanTempDir: "always",
};
