/**
 * Class 1 of the hardening issue: every input file goes through one reader (regular files only,
 * a size limit per kind checked before reading, strict UTF-8). Generated cases: byte strings for
 * the decoder, and special files of each kind for the reader and for the CLI's commands; plus
 * the issue's reproductions (`extends: /dev/zero`, `/dev/urandom`, `analyse /dev/zero`, a FIFO).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import type { Server } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { INPUT_LIMITS } from "../../src/core/input-limits.js";
import { decodeInputText } from "../../src/core/text-input.js";
import { FileReadError, InputError } from "../../src/errors.js";
import { readInputFile } from "../../src/node/input-file.js";
import { runOnDisk } from "../helpers/cli.js";
import {
  expectRefused,
  makeFifo,
  makeSocket,
  makeSparse,
  removeDir,
  snapshot,
  tempDir,
} from "../helpers/disk.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const BIN = join(ROOT, "dist/src/cli/bin.js");
const encode = (s: string) => new TextEncoder().encode(s);

let dir: string;
let socket: Server;
/** Paths that are not regular files, and the words the refusal uses. */
let specials: readonly (readonly [string, RegExp])[];

beforeAll(async () => {
  dir = tempDir("ceakit-input-");
  makeFifo(join(dir, "fifo"));
  mkdirSync(join(dir, "folder"));
  socket = await makeSocket(join(dir, "socket"));
  makeSparse(join(dir, "huge.csv"), 600 * 1024 * 1024);
  makeSparse(join(dir, "big.yaml"), INPUT_LIMITS.scenario + 1);
  specials = [
    [join(dir, "fifo"), /is a FIFO \(named pipe\), not a regular file$/],
    [join(dir, "folder"), /is a directory, not a file$/],
    [join(dir, "socket"), /is a socket or a device, not a regular file$/],
    ["/dev/zero", /is a character device, not a regular file$/],
    ["/dev/urandom", /is a character device, not a regular file$/],
    ["/dev/null", /is a character device, not a regular file$/],
    [join(dir, "missing.yaml"), /no such file$/],
  ];
});

afterAll(() => {
  socket.close();
  removeDir(dir);
});

describe("decodeInputText", () => {
  it("returns any valid UTF-8 text unchanged, without a UTF-8 byte-order mark", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), fc.boolean(), (text, bom) => {
        const clean = text.replaceAll("\0", "");
        const bytes = encode(clean);
        const input = bom ? Uint8Array.of(0xef, 0xbb, 0xbf, ...bytes) : bytes;
        expect(decodeInputText(input, "f.yaml")).toBe(
          clean.replace(/^\ufeff/, bom ? "\ufeff" : ""),
        );
      }),
      { numRuns: 200 },
    );
  });

  it("either decodes random bytes exactly as strict UTF-8 or refuses them with a located InputError", () => {
    const strict = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        let expected: string | undefined;
        try {
          expected = strict.decode(bytes);
        } catch {
          expected = undefined;
        }
        const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
        const foreignBom =
          (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
        try {
          const text = decodeInputText(bytes, "f.csv");
          expect(expected).toBeDefined();
          expect(text).toBe(hasBom ? expected?.slice(1) : expected);
          expect(text).not.toContain("\u0000");
        } catch (e) {
          expect(e).toBeInstanceOf(InputError);
          const { issue } = e as InputError;
          expect(issue.file).toBe("f.csv");
          expect(issue.message).toMatch(/UTF-(8|16|32)/);
          if (!foreignBom) {
            expect(issue.line).toBeGreaterThanOrEqual(1);
            expect(issue.column).toBeGreaterThanOrEqual(1);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it("names UTF-16 and UTF-32 text, and locates NUL bytes and an invalid byte", () => {
    const message = (bytes: Uint8Array) => {
      try {
        decodeInputText(bytes, "s.yaml");
      } catch (e) {
        return (e as Error).message;
      }
      return "decoded";
    };
    expect(message(Uint8Array.of(0xff, 0xfe, 0x6d, 0x00))).toBe(
      "s.yaml: is UTF-16 text; save it as UTF-8",
    );
    expect(message(Uint8Array.of(0xfe, 0xff, 0x00, 0x6d))).toBe(
      "s.yaml: is UTF-16 text; save it as UTF-8",
    );
    expect(message(Uint8Array.of(0xff, 0xfe, 0x00, 0x00, 0x6d, 0, 0, 0))).toBe(
      "s.yaml: is UTF-32 text; save it as UTF-8",
    );
    // UTF-16 without a byte-order mark: "mo" is 6d 00 6f 00.
    expect(message(Uint8Array.of(0x6d, 0x00, 0x6f, 0x00))).toMatch(
      /^s\.yaml:1:2: has NUL bytes, so it is UTF-16 text or not text at all; save it as UTF-8$/,
    );
    expect(message(Uint8Array.of(...encode("model: swis\ntitle: é"), 0xff, 0x0a))).toBe(
      "s.yaml:2:9: is not valid UTF-8 (byte 0xff); save it as UTF-8",
    );
    // An overlong encoding of "/" and a lone surrogate are not UTF-8 either.
    expect(message(Uint8Array.of(0x61, 0xc0, 0xaf))).toMatch(/^s\.yaml:1:2: .*byte 0xc0/);
    expect(message(Uint8Array.of(0xed, 0xa0, 0x80))).toMatch(/^s\.yaml:1:1: .*byte 0xed/);
  });
});

describe("readInputFile", () => {
  it("refuses every file that is not a regular file, of either kind, with the reason", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: specials.length - 1 }),
        fc.constantFrom("scenario" as const, "csv" as const),
        (i, kind) => {
          const [path, reason] = specials[i] as readonly [string, RegExp];
          const started = Date.now();
          expect(() => readInputFile(path, kind)).toThrow(FileReadError);
          expect(() => readInputFile(path, kind)).toThrow(reason);
          expect(Date.now() - started).toBeLessThan(2000);
        },
      ),
      { numRuns: 30 },
    );
  });

  it("refuses files over the limit from their size, before reading them", () => {
    expect(() => readInputFile(join(dir, "huge.csv"), "csv")).toThrow(
      /huge\.csv: cannot read the file: is 629,145,600 bytes, more than the 512 MiB limit \(536,870,888 bytes\) for CSV files$/,
    );
    expect(() => readInputFile(join(dir, "big.yaml"), "scenario")).toThrow(
      /big\.yaml: cannot read the file: is 1,048,577 bytes, more than the 1 MiB limit \(1,048,576 bytes\) for scenario files$/,
    );
  });

  it("reads random files within the limit exactly, and refuses those one byte over", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const clean = text.replaceAll("\0", "");
        const path = join(dir, "r.yaml");
        writeFileSync(path, clean);
        expect(readInputFile(path, "scenario")).toBe(clean.replace(/^\ufeff/, ""));
      }),
      { numRuns: 40 },
    );
    const path = join(dir, "limit.yaml");
    writeFileSync(path, "#".repeat(INPUT_LIMITS.scenario));
    expect(readInputFile(path, "scenario")).toHaveLength(INPUT_LIMITS.scenario);
    writeFileSync(path, "#".repeat(INPUT_LIMITS.scenario + 1));
    expect(() => readInputFile(path, "scenario")).toThrow(/more than the 1 MiB limit/);
  });

  it("reads a /proc file (which reports size 0) up to its end, bounded by the limit", () => {
    expect(readInputFile("/proc/self/status", "scenario")).toMatch(/^Name:/);
  });
});

describe("the CLI reads every input file through the reader", () => {
  it("refuses each special file as a scenario, an `extends`, a CSV and an --effects file", async () => {
    const samples = await fc.sample(fc.integer({ min: 0, max: 6 }), { numRuns: 7 });
    for (const i of new Set(samples)) {
      const [path, reason] = specials[i] as readonly [string, RegExp];
      const before = snapshot(dir);
      const asScenario = await runOnDisk(["validate", path]);
      expectRefused(asScenario, 2, reason);
      const child = join(dir, `child-${i}.yaml`);
      writeFileSync(child, `extends: ${path}\ntitle: child\n`);
      const extended = await runOnDisk(["run", child, "--format", "json"]);
      expectRefused(extended, 2);
      expect(extended.stderr).toMatch(
        /child-\d\.yaml:1:10 extends: cannot read ".*" \(looked for .*\): /,
      );
      const asCsv = await runOnDisk(["analyse", path, "--out", join(dir, "out.txt")]);
      expectRefused(asCsv, 2, reason);
      const asEffects = await runOnDisk([
        "analyse",
        join(ROOT, "tests/fixtures/bad-input/wide-cost.csv"),
        "--effects",
        path,
      ]);
      expectRefused(asEffects, 2, reason);
      const after = snapshot(dir);
      delete after[`child-${i}.yaml`];
      expect(after).toEqual(before);
    }
  });

  it("issue: `extends: /dev/zero` and `/dev/urandom` are refused at once, located at the key", async () => {
    for (const device of ["/dev/zero", "/dev/urandom"]) {
      const file = join(dir, "dev.yaml");
      writeFileSync(file, `model: swis\ntitle: t\nextends: ${device}\n`);
      const started = Date.now();
      for (const command of ["validate", "run"]) {
        const r = await runOnDisk([command, file]);
        expectRefused(r, 2);
        expect(r.stderr).toBe(
          `error: ${file}:3:10 extends: cannot read "${device}" (looked for ${device}): is a character device, not a regular file\n`,
        );
      }
      expect(Date.now() - started).toBeLessThan(5000);
    }
  });

  it("issue: `analyse /dev/zero` is refused at once", async () => {
    const r = await runOnDisk(["analyse", "/dev/zero"]);
    expectRefused(r, 2);
    expect(r.stderr).toBe(
      "error: /dev/zero: cannot read the file: is a character device, not a regular file\n",
    );
  });

  it("a scenario or an extended file over 1 MiB, and a CSV over the limit, are refused before reading", async () => {
    const big = join(dir, "big.yaml");
    expectRefused(await runOnDisk(["validate", big]), 2, /more than the 1 MiB limit/);
    const child = join(dir, "extends-big.yaml");
    writeFileSync(child, "extends: big.yaml\n");
    expectRefused(
      await runOnDisk(["validate", child]),
      2,
      /extends-big\.yaml:1:10 extends: cannot read "big\.yaml" \(looked for .*big\.yaml\): is 1,048,577 bytes/,
    );
    expectRefused(
      await runOnDisk(["analyse", join(dir, "huge.csv")]),
      2,
      /huge\.csv: cannot read the file: is 629,145,600 bytes, more than the 512 MiB limit/,
    );
  });

  it("UTF-16 scenarios and CSVs, and an invalid byte in an extended file, are located", async () => {
    const utf16 = join(dir, "utf16.yaml");
    writeFileSync(
      utf16,
      Buffer.concat([Buffer.of(0xff, 0xfe), Buffer.from("model: swis\n", "utf16le")]),
    );
    expect((await runOnDisk(["validate", utf16])).stderr).toBe(
      `error: ${utf16}: is UTF-16 text; save it as UTF-8\n`,
    );
    const csv16 = join(dir, "psa16.csv");
    writeFileSync(csv16, Buffer.from("iteration,strategy,cost,effect\n", "utf16le"));
    expectRefused(await runOnDisk(["analyse", csv16]), 2, /psa16\.csv:1:2: has NUL bytes/);
    const parent = join(dir, "latin1.yaml");
    writeFileSync(
      parent,
      Buffer.concat([Buffer.from("model: swis\ntitle: caf"), Buffer.of(0xe9, 0x0a)]),
    );
    const child = join(dir, "latin1-child.yaml");
    writeFileSync(child, "extends: latin1.yaml\n");
    expect((await runOnDisk(["validate", child])).stderr).toBe(
      `error: ${parent}:2:11: is not valid UTF-8 (byte 0xe9); save it as UTF-8\n`,
    );
  });

  it("issue: a FIFO as input no longer hangs the built CLI (exit 2 at once)", () => {
    if (!existsSync(BIN)) throw new Error("run `npm run build` first");
    for (const args of [
      ["analyse", join(dir, "fifo")],
      ["validate", join(dir, "fifo")],
      ["run", join(dir, "fifo")],
    ]) {
      const started = Date.now();
      const r = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", timeout: 15_000 });
      expect(r.error, "timed out").toBeUndefined();
      expect(Date.now() - started).toBeLessThan(15_000);
      expectRefused({ code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr }, 2, /is a FIFO/);
    }
    // A scenario that extends the FIFO, too.
    const child = join(dir, "extends-fifo.yaml");
    writeFileSync(child, "extends: fifo\n");
    const r = spawnSync(process.execPath, [BIN, "run", child], {
      encoding: "utf8",
      timeout: 15_000,
    });
    expect(r.error, "timed out").toBeUndefined();
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/extends: cannot read "fifo" .*: is a FIFO/);
  });
});
