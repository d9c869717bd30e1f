import { describe, expect, it } from "vitest";
import { PLOTLY_SERVER_PATH, figureBundle, figureHtml } from "../../lib/display/bundle";
import { figure } from "../../lib/display/figure";

const fig = figure([{ x: [1, 2], y: [3, 4], name: "</script><b>" }], { title: "t" });

describe("figureBundle", () => {
  it("carries plotly JSON, an HTML fallback and a text summary in one bundle", () => {
    const bundle = figureBundle(fig);
    expect(Object.keys(bundle).sort()).toEqual(["application/vnd.plotly.v1+json", "text/html", "text/plain"]);
    expect(bundle["application/vnd.plotly.v1+json"]).toMatchObject({ data: fig.data, layout: fig.layout });
    expect(bundle["text/plain"]).toBe('Figure: 1 trace (scatter) "t"');
  });

  it("gives the plotly JSON a fixed height and no responsive resizing, which jupyterlab-plotly would shrink to nothing", () => {
    const json = (bundle: ReturnType<typeof figureBundle>) =>
      bundle["application/vnd.plotly.v1+json"] as { layout: { height?: number; title?: unknown }; config?: unknown };
    expect(json(figureBundle(fig)).layout.height).toBe(420);
    expect(json(figureBundle(fig, { height: 300 })).layout.height).toBe(300);
    expect(json(figureBundle(figure([{ y: [1] }], { height: 250 }))).layout.height).toBe(250);
    expect(json(figureBundle(fig)).config).toBeUndefined();
  });

  it("adds a static image under its own MIME type and as the HTML placeholder", () => {
    const bundle = figureBundle(fig, { image: { mime: "image/png", data: "iVBORw0KGgo=" } });
    expect(bundle["image/png"]).toBe("iVBORw0KGgo=");
    expect(bundle["text/html"]).toContain('<img alt="figure (static image)" src="data:image/png;base64,iVBORw0KGgo="');
  });
});

describe("figureHtml", () => {
  const html = figureHtml(fig, { height: 300 });

  it("loads plotly.js from the Jupyter server, never from elsewhere, and not inlined", () => {
    expect(html).toContain(PLOTLY_SERVER_PATH);
    expect(html).not.toMatch(/https?:/);
    expect(html.length).toBeLessThan(5000);
  });

  it("finds the base URL in classic Notebook and in Lab / Notebook 7", () => {
    expect(html).toContain('getAttribute("data-base-url")');
    expect(html).toContain('getElementById("jupyter-config-data")');
  });

  it("cannot be cut short by a closing script tag inside the data", () => {
    expect(html.match(/<\/script>/g)).toHaveLength(1);
    const json = /var fig = (.*);\n/.exec(html)![1];
    expect(JSON.parse(json).data[0].name).toBe("</script><b>");
  });

  it("gives every figure its own element id", () => {
    const ids = [figureHtml(fig), figureHtml(fig)].map((h) => /id="(adlab-[0-9a-f]+)"/.exec(h)![1]);
    expect(ids[0]).not.toBe(ids[1]);
    expect(html).toContain("height:300px");
  });
});
