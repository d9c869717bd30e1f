import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { writeHtml } from "../../lib/display/html";
import { figure } from "../../lib/display/figure";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "adlab-html-"));
const fig = figure([{ x: [1, 2], y: [1, 4] }]);

describe("writeHtml", () => {
  it("inlines plotly.js once per page by default, with no network address", () => {
    const file = path.join(dir, "inline", "page.html");
    writeHtml(file, [fig, fig, "<svg id='graph'></svg>"], { title: "a <title>" });
    const html = fs.readFileSync(file, "utf8");
    const plotlySize = fs.statSync(path.join("node_modules", "plotly.js-dist-min", "plotly.min.js")).size;
    expect(html.length).toBeGreaterThan(plotlySize);
    expect(html.length).toBeLessThan(plotlySize + 20_000);
    expect(html.match(/class="adlab-figure"/g)).toHaveLength(2);
    expect(html).toContain("<svg id='graph'></svg>");
    expect(html).toContain("<title>a &lt;title&gt;</title>");
    expect(html).not.toMatch(/src="https?:/);
  });

  it("can copy plotly.js beside the page instead", () => {
    const file = path.join(dir, "beside", "page.html");
    writeHtml(file, [fig], { plotly: "beside" });
    expect(fs.existsSync(path.join(dir, "beside", "plotly.min.js"))).toBe(true);
    const html = fs.readFileSync(file, "utf8");
    expect(html).toContain('<script src="plotly.min.js"></script>');
    expect(html.length).toBeLessThan(10_000);
  });

  it("needs no plotly.js for a page of drawings only", () => {
    const file = path.join(dir, "svg.html");
    writeHtml(file, ["<svg></svg>"]);
    expect(fs.readFileSync(file, "utf8")).not.toContain("<script");
  });
});
