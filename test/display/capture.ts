/** Test helper: records display messages instead of sending them to a kernel. */
import { afterEach, beforeEach } from "vitest";
import { setDisplaySink, type DisplayMessage } from "../../lib/display/sink";

/** Messages sent during the current test, with whether each was an update. */
export function captureDisplays(): { message: DisplayMessage; update: boolean }[] {
  const sent: { message: DisplayMessage; update: boolean }[] = [];
  beforeEach(() => {
    sent.length = 0;
    setDisplaySink((message, update) => sent.push({ message, update }));
  });
  afterEach(() => setDisplaySink(null));
  return sent;
}
