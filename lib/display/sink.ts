/**
 * The one channel every display helper writes through: a Jupyter display_data message
 * carrying a bundle of several MIME types (tslab's public API sends only one type per message).
 */
import { createRequire } from "node:module";
import { randomBytes } from "node:crypto";
import * as path from "node:path";

/** MIME type -> content (strings; binary images base64-encoded; JSON as objects). */
export type MimeBundle = Record<string, unknown>;

/** The content of a display_data / update_display_data message, as the Jupyter protocol defines it. */
export interface DisplayMessage {
  data: MimeBundle;
  metadata: Record<string, unknown>;
  transient: { display_id?: string };
}

/** Receives display messages; `update` is true for update_display_data. */
export type DisplaySink = (message: DisplayMessage, update: boolean) => void;

let customSink: DisplaySink | null = null;

/**
 * Routes all displays to `sink` (tests, other front ends); `null` restores the tslab kernel.
 * @example const sent: DisplayMessage[] = []; setDisplaySink((m) => sent.push(m));
 */
export function setDisplaySink(sink: DisplaySink | null): void {
  if (sink !== null && typeof sink !== "function")
    throw new TypeError(`setDisplaySink: expected a function or null, got ${typeof sink}`);
  customSink = sink;
}

/**
 * Shows a bundle as a new output; with `displayId` later calls to {@link updateBundle} replace it.
 * @example showBundle({ "text/plain": "hello", "text/html": "<b>hello</b>" });
 */
export function showBundle(data: MimeBundle, displayId?: string): void {
  currentSink()({ data, metadata: {}, transient: displayId ? { display_id: displayId } : {} }, false);
}

/**
 * Replaces the output shown earlier under `displayId`, in place.
 * @example const id = newDisplayId(); showBundle(a, id); updateBundle(b, id);
 */
export function updateBundle(data: MimeBundle, displayId: string): void {
  currentSink()({ data, metadata: {}, transient: { display_id: displayId } }, true);
}

/**
 * A fresh display id for an output that will be updated in place.
 * @example newDisplayId() // "9f86d081884c7d65"
 */
export function newDisplayId(): string {
  return randomBytes(8).toString("hex");
}

function currentSink(): DisplaySink {
  if (customSink) return customSink;
  const writer = tslabWriter();
  if (!writer) {
    throw new Error(
      "adlab display: no notebook to display in (tslab's kernel is not running in this process). " +
        "Outside Jupyter, use writeHtml(path, ...) or setDisplaySink(...).",
    );
  }
  return writer;
}

interface TslabJupyterModule {
  lastWriteDisplayData: DisplaySink | null;
}

/**
 * tslab keeps the current cell's display writer in `tslab/dist/jupyter` (`lastWriteDisplayData`).
 * We look the module up in Node's module cache instead of requiring it: requiring it outside a
 * kernel would load ZeroMQ for nothing, and the cached instance is the one the kernel is using.
 */
function tslabWriter(): DisplaySink | null {
  const cache = createRequire(path.join(process.cwd(), "index.js")).cache;
  const suffix = path.join("tslab", "dist", "jupyter.js");
  for (const filename of Object.keys(cache)) {
    if (!filename.endsWith(suffix)) continue;
    const loaded = cache[filename]?.exports as TslabJupyterModule | undefined;
    if (loaded && typeof loaded.lastWriteDisplayData === "function") return loaded.lastWriteDisplayData;
  }
  return null;
}
