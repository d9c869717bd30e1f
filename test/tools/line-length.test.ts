// Lines fit in the formatter's width (biome.json: 120). Biome breaks code but never comments or
// literals: comments are wrapped by hand, and the only lines allowed over are those holding a string,
// template or regex literal it cannot break (an error message), or a mutation-tool directive, which
// must stay on the line above the code it names.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const WIDTH = 120;
const root = path.resolve(__dirname, "../..");
const files = execFileSync("git", ["ls-files", "lib", "test", "tools", ".jupyter"], { cwd: root, encoding: "utf8" })
  .split("\n")
  .filter((f) => /\.(ts|cjs|mjs)$/.test(f) && !f.startsWith("test/fixtures/") && fs.existsSync(path.join(root, f)));

/** A directive, or a line whose excess is a literal of 40 characters or more. */
function allowedOver(line: string): boolean {
  if (/\/\/ (Stryker (disable|restore)|biome-ignore)/.test(line)) return true;
  return /("[^"]{40,}"|'[^']{40,}'|`[^`]{40,}|\/[^/\s][^/]{40,}\/[dgimsuy]*)/.test(line);
}

describe(`lines are at most ${WIDTH} characters`, () => {
  it("allows only unbreakable literals and directives beyond that", () => {
    expect(allowedOver(`  // ${"x".repeat(130)}`)).toBe(false);
    expect(allowedOver(`    throw new TypeError(\`op: ${"m".repeat(120)}\`);`)).toBe(true);
    expect(allowedOver(`  // Stryker disable next-line EqualityOperator: ${"r".repeat(100)}`)).toBe(true);
  });

  it("in lib/, test/, tools/ and the kernel launcher", () => {
    const over = files.flatMap((f) =>
      fs
        .readFileSync(path.join(root, f), "utf8")
        .split("\n")
        .flatMap((line, i) => (line.length > WIDTH && !allowedOver(line) ? [`${f}:${i + 1} (${line.length})`] : [])),
    );
    expect(over).toEqual([]);
  });
});
