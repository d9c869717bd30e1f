import * as fs from "node:fs";
import { describe, expect, it } from "vitest";
import { chromiumPath, renderFigureImage } from "../../lib/display/static-image";
import { figure } from "../../lib/display/figure";

const hasChromium = fs.existsSync(chromiumPath());
if (!hasChromium) console.warn(`static-image tests skipped: no Chromium at ${chromiumPath()}`);

describe.skipIf(!hasChromium)("renderFigureImage (headless Chromium)", () => {
  const fig = figure([{ x: [1, 2, 3], y: [1, 4, 9] }], { title: "squares" });

  it("renders a PNG of the requested size", async () => {
    const image = await renderFigureImage(fig, { format: "png", width: 400, height: 300 });
    const png = Buffer.from(image.data, "base64");
    expect(image.mime).toBe("image/png");
    expect(png.subarray(1, 4).toString()).toBe("PNG");
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([400, 300]);
  }, 30_000);

  it("renders SVG markup with the title in it", async () => {
    const image = await renderFigureImage(fig, { format: "svg" });
    expect(image.mime).toBe("image/svg+xml");
    expect(image.data).toMatch(/^<svg/);
    expect(image.data).toContain("squares");
  }, 30_000);
});

describe("renderFigureImage without Chromium", () => {
  it("says where it looked", async () => {
    const saved = process.env.ADLAB_CHROMIUM;
    process.env.ADLAB_CHROMIUM = "/nonexistent/chromium";
    try {
      await expect(renderFigureImage(figure([{ y: [1] }]))).rejects.toThrow(
        "static images need Chromium at /nonexistent/chromium",
      );
    } finally {
      if (saved === undefined) delete process.env.ADLAB_CHROMIUM;
      else process.env.ADLAB_CHROMIUM = saved;
    }
  });
});
