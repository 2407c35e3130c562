import { describe, expect, it } from "vitest";
import {
  ceacChart,
  cePlaneChart,
  evpiChart,
  evppiChart,
  renderSvg,
  tornadoChart,
} from "../../src/report/charts.js";
import { escapeHtml } from "../../src/report/html-report.js";

describe("charts", () => {
  it("each chart renders to an SVG with one mark per plotted value, without a browser", async () => {
    const evpi = evpiChart([
      { wtp: 0, evpi: 10 },
      { wtp: 1000, evpi: 20 },
    ]);
    const svg = await renderSvg(evpi);
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg).toContain('class="mark-line');
    const plane = cePlaneChart(
      [
        { strategy: "B", incEffect: 1, incCost: 100 },
        { strategy: "B", incEffect: -1, incCost: 50 },
      ],
      1000,
      "QALYs",
    );
    const planeSvg = await renderSvg(plane);
    expect(planeSvg.match(/<path[^>]*aria-roledescription="point"/g)?.length).toBe(2);
    const tornado = tornadoChart(
      [{ parameter: "a", inmbLow: -5, inmbHigh: 5, swing: 10 }],
      0,
      20000,
    );
    expect(tornado.values).toEqual([
      { parameter: "a", end: "low", inmb: -5, base: 0 },
      { parameter: "a", end: "high", inmb: 5, base: 0 },
    ]);
    expect((await renderSvg(tornado)).match(/aria-roledescription="bar"/g)?.length).toBe(2);
    const ceac = ceacChart([{ wtp: 0, strategy: "A", probability: 1, frontier: 1 }]);
    expect(await renderSvg(ceac)).toContain("<svg");
    const evppi = evppiChart([{ parameter: "x", evppi: 3 }], 1000);
    expect((await renderSvg(evppi)).match(/aria-roledescription="bar"/g)?.length).toBe(1);
    // No chart refers to anything outside itself.
    for (const s of [svg, planeSvg]) expect(s).not.toMatch(/(href|src)="(https?:)?\/\//);
  });

  it("escapeHtml escapes the characters that matter in text and attributes", () => {
    expect(escapeHtml(`<a href="x">&</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;");
  });
});
