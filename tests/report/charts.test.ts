import { describe, expect, it } from "vitest";
import {
  ceacChart,
  cePlaneChart,
  evpiChart,
  evppiChart,
  renderSvg,
  STRATEGY_COLOURS,
  strategyColour,
  tornadoChart,
  traceChart,
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

  it("traceChart: one line per state in each strategy's panel, in the given order, whatever the names", async () => {
    // Names of Object.prototype's members broke vega when a sort by a list of names became an
    // expression ("Operator not defined").
    for (const [strategies, states] of [
      [
        ["zeta", "alpha"],
        ["S", "H", "D"],
      ],
      [
        ["usual", "hasOwnProperty"],
        ["toString", "constructor"],
      ],
    ] as const) {
      const rows = strategies.flatMap((strategy) =>
        [0, 1, 2].flatMap((cycle) =>
          states.map((state) => ({ strategy, cycle, state, share: 0.5 })),
        ),
      );
      const svg = await renderSvg(traceChart(rows));
      const texts = [...svg.matchAll(/>([^<>]+)<\/text>/g)].map((m) => m[1]);
      const at = (x: string) => texts.indexOf(x);
      for (const name of [...strategies, ...states]) expect(at(name), name).toBeGreaterThan(-1);
      expect(at(strategies[0])).toBeLessThan(at(strategies[1]));
      expect(at(states[0])).toBeLessThan(at(states[1]));
      expect(svg.match(/<path[^>]*aria-roledescription="line mark"/g)?.length).toBe(
        strategies.length * states.length,
      );
    }
  });

  it("tornadoChart keeps the bars' order, whatever the parameters' names", async () => {
    for (const names of [
      ["zeta", "alpha", "mid"],
      ["constructor", "hasOwnProperty", "toString"],
    ]) {
      const bars = names.map((parameter, k) => ({
        parameter,
        inmbLow: -k - 1,
        inmbHigh: k + 1,
        swing: 2 * k + 2,
      }));
      const svg = await renderSvg(tornadoChart(bars, 0, 20000));
      expect(svg.match(/aria-roledescription="bar"/g)?.length).toBe(6);
      const texts = [...svg.matchAll(/>([^<>]+)<\/text>/g)].map((m) => m[1]);
      expect(names.map((n) => texts.indexOf(n))).toEqual(
        names.map((n) => texts.indexOf(n)).sort((a, b) => a - b),
      );
      for (const n of names) expect(texts).toContain(n);
    }
  });

  it("escapeHtml escapes the characters that matter in text and attributes", () => {
    expect(escapeHtml(`<a href="x">&</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;");
  });

  it("cePlaneChart and ceacChart give each strategy one colour, from the Okabe–Ito palette, the plane's legend without the comparator", async () => {
    const strategies = ["Usual practice", "Embedded", "Visiting"];
    const plane = cePlaneChart(
      [
        { strategy: "Embedded", incEffect: 1, incCost: 100 },
        { strategy: "Visiting", incEffect: 2, incCost: 50 },
      ],
      1000,
      "enquiries avoided",
      strategies,
    );
    const ceac = ceacChart(
      strategies.map((strategy, j) => ({ wtp: 0, strategy, probability: j / 3, frontier: 0 })),
      strategies,
    );
    const scale = (spec: unknown, layer: number) =>
      (
        spec as {
          layer: { encoding: { color: { scale: { domain: string[]; range: string[] } } } }[];
        }
      ).layer[layer]?.encoding.color.scale;
    expect(scale(plane.spec, 0)).toEqual({
      domain: ["Embedded", "Visiting"],
      range: [strategyColour(1), strategyColour(2)],
    });
    expect(scale(ceac.spec, 0)).toEqual({
      domain: strategies,
      range: STRATEGY_COLOURS.slice(0, 3),
    });
    expect(strategyColour(8)).toBe(strategyColour(0));
    // Long names are never cut in the legend (vega's default cuts at 160 px with "…").
    const long = "Visiting social worker (0.5 FTE per school), shared between two schools";
    const svg = await renderSvg(
      ceacChart([{ wtp: 0, strategy: long, probability: 1, frontier: 1 }], [long]),
    );
    expect(svg).toContain(long);
    expect(svg).not.toContain("…");
  });
});
