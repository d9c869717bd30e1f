/**
 * Probing external programs (jupyter, python) without letting a missing one crash the tool.
 */
import { spawnSync } from "node:child_process";

/**
 * Runs `command args` to completion and returns its trimmed stdout, or null when the program is
 * missing or exits non-zero. Meant for short probes such as version queries.
 * @example commandOutput("jupyter", ["--data-dir"]) // "/home/me/.local/share/jupyter" or null
 */
export function commandOutput(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): string | null {
  const result = spawnSync(command, args, { encoding: "utf8", env, timeout: 60_000 });
  if (result.error || result.status !== 0) return null;
  return result.stdout.trim();
}
