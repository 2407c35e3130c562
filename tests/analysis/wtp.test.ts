import { describe, expect, it } from "vitest";
import { parseWtpGrid, wtpList, wtpRange } from "../../src/analysis/wtp.js";
import { InputError } from "../../src/errors.js";

/** The InputError thrown by parseWtpGrid(spec) (fails the test if none is thrown). */
function inputError(spec: string): InputError {
  try {
    parseWtpGrid(spec);
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return e as InputError;
  }
  throw new Error(`parseWtpGrid(${JSON.stringify(spec)}) did not throw`);
}

describe("parseWtpGrid", () => {
  it("parseWtpGrid reads start:stop:step with exact points", () => {
    const g = parseWtpGrid("0:100000:1000");
    expect(g).toBeInstanceOf(Float64Array);
    // (100000 − 0) / 1000 + 1 = 101 points, each start + i·step (never accumulated).
    expect(g).toHaveLength(101);
    expect(g[0]).toBe(0);
    expect(g[34]).toBe(34000);
    expect(g[100]).toBe(100000);
  });

  it("parseWtpGrid reads a fractional step: 0:1:0.1 has 11 points", () => {
    const g = parseWtpGrid("0:1:0.1");
    // 1 / 0.1 = 10 steps → 11 points; point i is i · 0.1 (so [3] is 3 · 0.1, not 0.1 + 0.1 + 0.1).
    expect(g).toHaveLength(11);
    expect(g[3]).toBe(3 * 0.1);
    expect(g[10]).toBe(1);
  });

  it("parseWtpGrid stops at the last point not beyond stop", () => {
    // 0, 3, 6, 9 (12 > 10)
    expect(Array.from(parseWtpGrid("0:10:3"))).toEqual([0, 3, 6, 9]);
    expect(Array.from(parseWtpGrid("5:5:1"))).toEqual([5]);
    expect(Array.from(parseWtpGrid("-1000:1000:500"))).toEqual([-1000, -500, 0, 500, 1000]);
  });

  it("parseWtpGrid allows spaces and digit-grouping underscores", () => {
    expect(Array.from(parseWtpGrid(" 0 : 10 : 5 "))).toEqual([0, 5, 10]);
    expect(Array.from(parseWtpGrid("0:100_000:25_000"))).toEqual([0, 25000, 50000, 75000, 100000]);
    expect(Array.from(parseWtpGrid("100_000"))).toEqual([100000]);
  });

  it("parseWtpGrid reads lists and single values", () => {
    expect(parseWtpGrid("1000,10000,20000")).toEqual(new Float64Array([1000, 10000, 20000]));
    expect(Array.from(parseWtpGrid(" 1000 , 2000 "))).toEqual([1000, 2000]);
    expect(Array.from(parseWtpGrid("1e3,2.5e3"))).toEqual([1000, 2500]);
    expect(Array.from(parseWtpGrid("-5,0,5"))).toEqual([-5, 0, 5]);
    expect(Array.from(parseWtpGrid("20000"))).toEqual([20000]);
  });

  it("parseWtpGrid rejects an empty specification", () => {
    expect(inputError("").message).toBe("the WTP grid is empty");
    expect(inputError("   ").message).toBe("the WTP grid is empty");
  });

  it("parseWtpGrid rejects ranges without exactly three parts", () => {
    for (const spec of ["0:100", "0:1:2:3", ":"]) {
      expect(inputError(spec).message).toBe(
        `"${spec}" should be start:stop:step (three numbers separated by colons)`,
      );
    }
  });

  it("parseWtpGrid names the range part that is not a number", () => {
    expect(inputError("a:1:1").message).toBe('start "a" in "a:1:1" is not a finite number');
    expect(inputError("0:b:1").message).toBe('stop "b" in "0:b:1" is not a finite number');
    expect(inputError("0:1:c").message).toBe('step "c" in "0:1:c" is not a finite number');
    expect(inputError("0::1").message).toBe('stop "" in "0::1" is not a finite number');
    expect(inputError("0:1:").message).toBe('step "" in "0:1:" is not a finite number');
    expect(inputError("0:Infinity:1").message).toMatch(
      /^stop "Infinity" .* is not a finite number$/,
    );
    expect(inputError("0:1e400:1").message).toMatch(/^stop "1e400" .* is not a finite number$/);
  });

  it("parseWtpGrid rejects a non-positive step, stop below start and huge grids", () => {
    expect(inputError("0:1:0").message).toBe('step must be positive in "0:1:0"');
    expect(inputError("0:1:-1").message).toBe('step must be positive in "0:1:-1"');
    expect(inputError("10:0:1").message).toBe('stop must not be below start in "10:0:1"');
    expect(inputError("0:1e9:1").message).toBe(
      '"0:1e9:1" has 1,000,000,001 points; at most 100,001 (use a larger step)',
    );
    expect(inputError("0:1:1e-7").message).toMatch(/has 10,000,001 points; at most 100,001/);
  });

  it("parseWtpGrid names the list value that is wrong", () => {
    expect(inputError("1,,3").message).toBe('value 2 "" in "1,,3" is not a finite number');
    expect(inputError("1,abc").message).toBe('value 2 "abc" in "1,abc" is not a finite number');
    expect(inputError(",").message).toBe('value 1 "" in "," is not a finite number');
    expect(inputError("NaN").message).toBe('value 1 "NaN" in "NaN" is not a finite number');
    expect(inputError("Infinity").message).toMatch(/^value 1 "Infinity"/);
    expect(inputError("1 000").message).toMatch(/^value 1 "1 000"/);
    expect(inputError("_").message).toMatch(/^value 1 "_"/);
  });

  it("parseWtpGrid rejects lists that do not strictly increase", () => {
    expect(inputError("3,2").message).toBe('values must be strictly increasing in "3,2"');
    expect(inputError("1,1").message).toBe('values must be strictly increasing in "1,1"');
    expect(inputError("1,5,4,9").message).toMatch(/strictly increasing/);
  });

  it("parseWtpGrid errors carry no location until the caller adds one", () => {
    const e = inputError("0:1:0");
    expect(e.issue.file).toBeUndefined();
    expect(e.withFile("--wtp").message).toBe('--wtp: step must be positive in "0:1:0"');
  });
});

describe("wtpRange", () => {
  it("wtpRange computes start + i·step", () => {
    const g = wtpRange(0, 100000, 1000);
    expect(g).toHaveLength(101);
    expect(g[34]).toBe(34000);
    // 1 / 0.3 = 3.33 → 4 points: 0, 0.3, 0.6, 3·0.3 = 0.8999999999999999.
    expect(Array.from(wtpRange(0, 1, 0.3))).toEqual([0, 0.3, 0.6, 3 * 0.3]);
    expect(Array.from(wtpRange(7, 7, 2))).toEqual([7]);
  });

  it("wtpRange rejects bad arguments with RangeErrors naming it", () => {
    expect(() => wtpRange(0, 1, 0)).toThrow(RangeError);
    expect(() => wtpRange(0, 1, 0)).toThrow(/^wtpRange:/);
    expect(() => wtpRange(0, 1, -1)).toThrow(/^wtpRange:/);
    expect(() => wtpRange(0, -1, 1)).toThrow(/^wtpRange:/);
    expect(() => wtpRange(Number.NaN, 1, 1)).toThrow(/^wtpRange:/);
    expect(() => wtpRange(0, Number.POSITIVE_INFINITY, 1)).toThrow(/^wtpRange:/);
    expect(() => wtpRange(0, 1e9, 1e-3)).toThrow(/^wtpRange:.*too many/);
  });
});

describe("wtpList", () => {
  it("wtpList returns the values as a Float64Array", () => {
    expect(wtpList([1000, 10000, 20000])).toEqual(new Float64Array([1000, 10000, 20000]));
    expect(wtpList([-1])).toEqual(new Float64Array([-1]));
  });

  it("wtpList rejects empty, non-finite and non-increasing lists with RangeErrors naming it", () => {
    expect(() => wtpList([])).toThrow(RangeError);
    expect(() => wtpList([])).toThrow(/^wtpList:/);
    expect(() => wtpList([1, Number.NaN])).toThrow(/^wtpList: value 2/);
    expect(() => wtpList([2, 1])).toThrow(/^wtpList: .*\(2 then 1\)/);
    expect(() => wtpList([1, 1])).toThrow(/^wtpList:/);
  });
});

describe("parseWtpGrid and wtpRange edge cases", () => {
  it("parseWtpGrid accepts only decimal numbers, like the PSA CSV reader", () => {
    expect(() => parseWtpGrid("0x10")).toThrow(InputError);
    expect(() => parseWtpGrid("0:0b11:1")).toThrow(
      'stop "0b11" in "0:0b11:1" is not a finite number',
    );
    expect(Array.from(parseWtpGrid("1e3:3e3:1_000"))).toEqual([1000, 2000, 3000]);
  });

  it("wtpRange never overshoots stop", () => {
    // 0.1 + 3 * 0.2 = 0.7000000000000001 in doubles; the last point is stop itself.
    const grid = wtpRange(0.1, 0.7, 0.2);
    expect(grid.length).toBe(4);
    expect(grid[3]).toBe(0.7);
  });
});
