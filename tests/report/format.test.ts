/**
 * The number formats of reports are written without Intl (a start-up saving of issue 16); they
 * must write exactly what `toLocaleString("en-GB", …)` writes, for every double.
 */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  EVPPI_RESOLVING_SAMPLES,
  formatCount,
  formatMoney,
  formatNumber,
  formatWtp,
  unrankedEvpiClause,
} from "../../src/report/format.js";

/** Any double, with the awkward ones (±0, halves, large and tiny magnitudes) well represented. */
const doubles = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.double({ min: -1e7, max: 1e7, noNaN: true }),
  fc.integer({ min: -2_000_000, max: 2_000_000 }).map((k) => k / 2),
  fc.integer({ min: -2_000_000, max: 2_000_000 }).map((k) => k / 200 + 0.005),
  fc.constantFrom(0, -0, 0.5, -0.5, 999.995, -999.995, 1000, 1e21, 1e-7, -1e-7),
);

describe("report number formats", () => {
  test("formatMoney writes what toLocaleString wrote", () => {
    fc.assert(
      fc.property(doubles, (x) => {
        const digits = Math.abs(x) >= 1000 ? 0 : 2;
        const old = x.toLocaleString("en-GB", {
          minimumFractionDigits: digits,
          maximumFractionDigits: digits,
        });
        expect(formatMoney(x)).toBe(old);
      }),
      { numRuns: 5000 },
    );
  });

  test("formatWtp writes what toLocaleString wrote", () => {
    fc.assert(
      fc.property(doubles, (x) => {
        expect(formatWtp(x)).toBe(x.toLocaleString("en-GB", { maximumFractionDigits: 6 }));
      }),
      { numRuns: 5000 },
    );
  });

  test("formatNumber writes what toLocaleString wrote", () => {
    fc.assert(
      fc.property(doubles, (x) => {
        const a = Math.abs(x);
        if (x === 0 || a >= 1e9 || a < 1e-4) return;
        const decimals = Math.max(0, 4 - Math.floor(Math.log10(a)));
        const old = x.toLocaleString("en-GB", {
          maximumFractionDigits: decimals,
          minimumFractionDigits: 0,
        });
        expect(formatNumber(x)).toBe(old);
      }),
      { numRuns: 5000 },
    );
  });

  test("formatMoney(33082.254) is 33,082; formatMoney(-12.5) is -12.50", () => {
    expect(formatMoney(33082.254)).toBe("33,082");
    expect(formatMoney(-12.5)).toBe("-12.50");
  });
});

describe("what an EVPI no single parameter explains means", () => {
  test("from 1,000 samples it lies in groups; below, the run is too small to tell", () => {
    expect(EVPPI_RESOLVING_SAMPLES).toBe(1000);
    expect(unrankedEvpiClause({ evpi: 7883.4, floor: 0.01, samples: 1000 })).toBe(
      "; the EVPI of £7,883 lies in learning several parameters together (see --group)",
    );
    expect(unrankedEvpiClause({ evpi: 7883.4, floor: 0.01, samples: 999, currency: "$" })).toBe(
      "; 999 samples are too few to tell whether the EVPI of $7,883 lies in single parameters or in several together: run at least 1,000",
    );
  });

  test("an EVPI within the noise floor says nothing more", () => {
    expect(unrankedEvpiClause({ evpi: 12, floor: 12, samples: 10 })).toBe("");
    expect(unrankedEvpiClause({ evpi: 0, floor: 0.01, samples: 5000 })).toBe("");
  });

  test("formatCount groups thousands and writes no decimals", () => {
    expect(formatCount(10000)).toBe("10,000");
    expect(formatCount(7)).toBe("7");
    expect(formatCount(Number.NaN)).toBe("—");
  });
});
