/**
 * The one way adlab's tools run as commands: only when executed directly (not when imported by a
 * test), with a failure turned into one line on stderr and a non-zero exit instead of a stack trace.
 */
import { pathToFileURL } from "node:url";

/**
 * Runs `main(argv)` when the module at `moduleUrl` is the program being executed; its return value
 * is the exit code. A thrown Error prints as `<name>: <message>` and exits with 1.
 * @example runAsCli(import.meta.url, "npm run kernel", (args) => { console.log(args); return 0; });
 */
export function runAsCli(moduleUrl: string, name: string, main: (args: string[]) => number | Promise<number>): void {
  if (moduleUrl !== pathToFileURL(process.argv[1] ?? "").href) return;
  Promise.resolve()
    .then(() => main(process.argv.slice(2)))
    .then(
      (code) => {
        process.exitCode = code;
      },
      (error: unknown) => {
        console.error(`${name}: ${error instanceof Error ? error.message : String(error)}`);
        process.exitCode = 1;
      },
    );
}
