import { readFileSync } from "node:fs";
import { expect } from "vitest";

/** Absolute path of a file under tests/fixtures. */
export function fixturePath(relative: string): string {
  return new URL(`../fixtures/${relative}`, import.meta.url).pathname;
}

/** Parsed JSON of a file under tests/fixtures. */
// biome-ignore lint/suspicious/noExplicitAny: reference files are free-form JSON
export function loadFixture(relative: string): any {
  return JSON.parse(readFileSync(fixturePath(relative), "utf8"));
}

/** Tolerance rule of the reference data: |actual − expected| <= abs + rel·|expected|. */
export interface Tolerance {
  readonly abs: number;
  readonly rel: number;
}

/** Asserts `actual` is within the reference tolerance of `expected` (null matches null only). */
export function expectClose(
  actual: number | null | undefined,
  expected: number | null,
  tol: Tolerance,
  what = "",
): void {
  if (expected === null) {
    expect(actual ?? null, what).toBeNull();
    return;
  }
  expect(actual, what).not.toBeNull();
  const diff = Math.abs((actual as number) - expected);
  const bound = tol.abs + tol.rel * Math.abs(expected);
  if (!(diff <= bound)) {
    throw new Error(
      `${what}: |${actual} - ${expected}| = ${diff} exceeds ${bound} (abs ${tol.abs}, rel ${tol.rel})`,
    );
  }
}

/** Applies {@link expectClose} element-wise. */
export function expectAllClose(
  actual: ArrayLike<number | null>,
  expected: readonly (number | null)[],
  tol: Tolerance,
  what = "",
): void {
  expect(actual.length, `${what} length`).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    expectClose(actual[i], expected[i] as number | null, tol, `${what}[${i}]`);
  }
}
