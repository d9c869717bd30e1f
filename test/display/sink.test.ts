import { afterEach, describe, expect, it } from "vitest";
import { newDisplayId, setDisplaySink, showBundle, updateBundle, type DisplayMessage } from "../../lib/display/sink";

afterEach(() => setDisplaySink(null));

describe("display sink", () => {
  it("says clearly when there is no notebook to display in", () => {
    expect(() => showBundle({ "text/plain": "x" })).toThrow(/no notebook to display in.*writeHtml/);
  });

  it("sends display_data, then update_display_data under the same display id", () => {
    const sent: [DisplayMessage, boolean][] = [];
    setDisplaySink((message, update) => sent.push([message, update]));
    const id = newDisplayId();
    showBundle({ "text/plain": "a" }, id);
    updateBundle({ "text/plain": "b" }, id);
    expect(sent).toEqual([
      [{ data: { "text/plain": "a" }, metadata: {}, transient: { display_id: id } }, false],
      [{ data: { "text/plain": "b" }, metadata: {}, transient: { display_id: id } }, true],
    ]);
  });

  it("makes distinct display ids", () => {
    expect(newDisplayId()).not.toBe(newDisplayId());
  });
});
