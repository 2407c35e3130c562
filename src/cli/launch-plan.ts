/**
 * Process settings for large PSA runs, decided from the command line before anything loads.
 *
 * Some settings can only be given to a process as it starts. Measured on a 2-core Linux VM, a
 * `--samples 1000000` SWIS run spends about a third of its processor time on two things that
 * such settings fix:
 *
 * - **Page faults.** The run fills some 300 MB of fresh sample arrays, and the kernel maps them
 *   one 4 KiB page at a time (about 10 µs each there). glibc's tunable `glibc.malloc.hugetlb=1`
 *   (glibc 2.35 and later) asks for transparent huge pages on large allocations, 2 MiB at a
 *   time: at 10⁷ samples the run goes from 18.8 s to 12.7 s. This helps where the kernel gives
 *   huge pages on request (`/sys/kernel/mm/transparent_hugepage/enabled` set to `madvise`, the
 *   usual default); with `always` it gives them anyway, with `never` not at all.
 * - **Optimising compiles that wait for a free core.** Each analysis is one long loop over the
 *   samples; V8 compiles it on a background thread, and while every core is busy with the PSA
 *   the loop keeps running unoptimised. `--no-concurrent-recompilation` compiles it at once, on
 *   the thread that runs it.
 *
 * So a large run on Linux (`--samples` of at least {@link RELAUNCH_FROM}, or `analyse` of a file
 * of at least {@link RELAUNCH_FROM_BYTES}) starts the program again in a child process with both,
 * and waits for it ({@link relaunchPlan}; relaunch.ts does it). Starting again costs about 0.1 s:
 * side by side, a run of 200,000 samples went from 1.30 to 1.19 s, one of 10⁶ on two threads
 * from 2.40–2.44 to 1.94–2.15 s, and `analyse` of a 150 MB file from 1.30–1.37 to 1.18–1.24 s. Neither setting changes a single bit of the results: huge pages are where
 * the same numbers are kept, and V8 computes the same doubles in whichever tier and thread
 * compiles the code.
 *
 * Not relaunched: with `CEAKIT_RELAUNCH=0`; in the relaunched process itself; and when Node is
 * asked to debug or profile (`--inspect`, `--cpu-prof` and the like, on the command line or in
 * `NODE_OPTIONS`), which is about the process the person started. A `GLIBC_TUNABLES` already in
 * the environment is kept and the huge-page setting appended to it (or left as given).
 *
 * @module
 */

/** `--samples` from which a run is relaunched with the {@link relaunchPlan} settings: 200,000. */
export const RELAUNCH_FROM = 200_000;

/**
 * Size of a file given to `analyse` from which it is relaunched: 64 MiB (about 1.3 million rows
 * of a long CSV, some 440,000 iterations of 3 strategies).
 */
export const RELAUNCH_FROM_BYTES = 64 * 2 ** 20;

/**
 * Environment variable marking the relaunched process, so that it never relaunches again; its
 * value is the first process's id, which the child watches. The child reads it once
 * ({@link relaunchedFrom}) and removes it, so that nothing it starts inherits it; a value that
 * is not this process's parent is ignored.
 */
export const RELAUNCHED_MARK = "CEAKIT_RELAUNCHED";

/** The names of the `analyse` command (commander's alias included). */
const ANALYSE = ["analyse", "analyze"];

/** Node options that debug or profile the process they are given to (by their prefix). */
const DEBUG_OPTIONS = ["--inspect", "--debug", "--cpu-prof", "--heap-prof", "--prof"];

/** The glibc tunable for transparent huge pages on large allocations. */
const HUGE_PAGES = "glibc.malloc.hugetlb";

/** The V8 flag that compiles optimised code on the thread that runs it. */
export const COMPILE_IN_PLACE = "--no-concurrent-recompilation";

/** How to start the child process: its environment and the Node options before the script. */
export interface RelaunchPlan {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly execArgv: readonly string[];
}

/**
 * The value of `--samples` in `args` (`--samples N` or `--samples=N`, with `_` or an exponent as
 * the CLI accepts them), or undefined when it is absent or not a number.
 *
 * @example
 * ```ts
 * samplesAsked(["run", "x.yaml", "--samples", "1e6"]); // 1000000
 * samplesAsked(["run", "x.yaml", "--samples=250_000"]); // 250000
 * ```
 */
export function samplesAsked(args: readonly string[]): number | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === "--") return undefined;
    const text =
      a === "--samples" ? args[i + 1] : a.startsWith("--samples=") ? a.slice(10) : undefined;
    if (text === undefined) continue;
    // Read as --samples is (src/cli/options.ts): decimal, `_` grouping digits.
    const t = text.trim().replace(/_/g, "");
    const v = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/.test(t) ? Number(t) : Number.NaN;
    return Number.isFinite(v) ? v : undefined;
  }
  return undefined;
}

/**
 * `GLIBC_TUNABLES` with huge pages for large allocations: the given value with
 * `glibc.malloc.hugetlb=1` appended, or the given value itself when it sets that tunable already.
 *
 * @example
 * ```ts
 * withHugePages(undefined); // "glibc.malloc.hugetlb=1"
 * withHugePages("glibc.malloc.arena_max=2"); // "glibc.malloc.arena_max=2:glibc.malloc.hugetlb=1"
 * ```
 */
export function withHugePages(tunables: string | undefined): string {
  if (tunables === undefined || tunables === "") return `${HUGE_PAGES}=1`;
  if (tunables.split(":").some((t) => t.startsWith(`${HUGE_PAGES}=`))) return tunables;
  return `${tunables}:${HUGE_PAGES}=1`;
}

/**
 * Whether `args` ask for a large run: `--samples` of at least {@link RELAUNCH_FROM}, or `analyse`
 * with an argument naming a file of at least {@link RELAUNCH_FROM_BYTES} (`fileBytes` gives the
 * size of a regular file, undefined for anything else).
 *
 * @example
 * ```ts
 * isLargeRun(["run", "s.yaml", "--samples", "1e6"], () => undefined); // true
 * isLargeRun(["analyse", "psa.csv"], () => 150e6); // true
 * isLargeRun(["analyse", "psa.csv"], () => 1e6); // false
 * ```
 */
export function isLargeRun(
  args: readonly string[],
  fileBytes: (path: string) => number | undefined,
): boolean {
  const samples = samplesAsked(args);
  if (samples !== undefined) return samples >= RELAUNCH_FROM;
  if (!ANALYSE.includes(args.find((a) => !a.startsWith("-")) ?? "")) return false;
  return args.some((a) => !a.startsWith("-") && (fileBytes(a) ?? 0) >= RELAUNCH_FROM_BYTES);
}

/**
 * Whether Node is asked to debug or profile this process: an option such as `--inspect` or
 * `--cpu-prof` (or `--cpu_prof`) among `execArgv` or in `nodeOptions` (the `NODE_OPTIONS`
 * variable).
 *
 * @example
 * ```ts
 * debugging(["--cpu-prof"], undefined); // true
 * debugging([], "--max-old-space-size=4096"); // false
 * ```
 */
export function debugging(execArgv: readonly string[], nodeOptions: string | undefined): boolean {
  // Node reads `_` in an option's name as `-` (`--cpu_prof` is `--cpu-prof`).
  const options = [...execArgv, ...(nodeOptions ?? "").split(/\s+/)].map((o) =>
    o.replace(/_/g, "-"),
  );
  return options.some((o) =>
    DEBUG_OPTIONS.some((d) => o === d || o.startsWith(`${d}-`) || o.startsWith(`${d}=`)),
  );
}

/**
 * How to relaunch this command (see the module notes), or undefined to run it in this process:
 * on Linux, for a large run ({@link isLargeRun}), unless this process is the relaunched one,
 * `CEAKIT_RELAUNCH` is `0` or Node is asked to debug or profile ({@link debugging}).
 * `pid` is this process's id, which the child is given to watch.
 *
 * @example
 * ```ts
 * relaunchPlan(["run", "s.yaml", "--samples", "1e6"], {}, "linux", [], () => undefined, 42);
 * // { env: { GLIBC_TUNABLES: "glibc.malloc.hugetlb=1", CEAKIT_RELAUNCHED: "42" },
 * //   execArgv: ["--no-concurrent-recompilation"] }
 * relaunchPlan(["run", "s.yaml"], {}, "linux", [], () => undefined, 42); // undefined
 * ```
 */
export function relaunchPlan(
  args: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  platform: string,
  execArgv: readonly string[],
  fileBytes: (path: string) => number | undefined,
  pid: number,
): RelaunchPlan | undefined {
  if (platform !== "linux" || env[RELAUNCHED_MARK] !== undefined) return undefined;
  if (env.CEAKIT_RELAUNCH === "0" || debugging(execArgv, env.NODE_OPTIONS)) return undefined;
  if (!isLargeRun(args, fileBytes)) return undefined;
  return {
    env: {
      ...env,
      GLIBC_TUNABLES: withHugePages(env.GLIBC_TUNABLES),
      [RELAUNCHED_MARK]: String(pid),
    },
    // The person's own Node options come after, so that theirs win where the two differ.
    execArgv: [COMPILE_IN_PLACE, ...execArgv],
  };
}

/**
 * The id of the first process, when this process is the one it relaunched: the mark holds this
 * process's parent's id. Undefined otherwise, including for a mark set by anything else.
 *
 * @example
 * ```ts
 * relaunchedFrom({ CEAKIT_RELAUNCHED: "42" }, 42); // 42
 * relaunchedFrom({ CEAKIT_RELAUNCHED: "1" }, 42); // undefined: not set by this parent
 * relaunchedFrom({}, 42); // undefined
 * ```
 */
export function relaunchedFrom(
  env: Readonly<Record<string, string | undefined>>,
  parentPid: number,
): number | undefined {
  return env[RELAUNCHED_MARK] === String(parentPid) ? parentPid : undefined;
}
