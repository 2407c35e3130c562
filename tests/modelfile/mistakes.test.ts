/**
 * A model file with every kind of mistake: each is reported at its file, line and column, all
 * together, with exit code 2 and nothing written, by `validate` and by `run` alike.
 */
import { describe, expect, test } from "vitest";
import { runInProcess } from "../helpers/cli.js";

const FILE = "tests/fixtures/modelfile/mistakes.model.yaml";
const AT = `error: ${FILE}:`;

/** The located lines every command must print for the file. */
const EXPECTED: readonly RegExp[] = [
  /:8:13 rewards_on: expected one of "start", "end", "all", got "middle"/,
  /:15:6 derived\.a: derived values depend on each other in a cycle: a -> b -> a/,
  /:18:22 tables\.mortality\.file: cannot read table mortality, "no-such-life-table\.csv" \(looked for tests\/fixtures\/modelfile\/no-such-life-table\.csv\)/,
  /:22:30 strategies\.usual\.transitions\.H\.Dead: unknown state "Dead"; the states are H, S, D/,
  /:23:10 strategies\.usual\.transitions\.S: strategy "usual": the probabilities of row S sum to 0\.7, not 1/,
  /:25:23 strategies\.usual\.state_costs\.S: the expression "c_SS" uses "c_SS", which is not a parameter \(did you mean "c_S"\?\)/,
  /:29:24 strategies\.new\.transitions\.H\.S: strategy "new", H → S: "p_HS \* 4" is [0-9.]+ in sample \d+ of the PSA, not a probability between 0 and 1 \(p_HS = [0-9.]+\)/,
];

describe("a model file with every kind of mistake", () => {
  for (const command of [["validate"], ["run", "--format", "json"]]) {
    test(`${command[0]} reports every mistake located, exit 2, nothing written`, async () => {
      const r = await runInProcess([...(command as string[]), FILE]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.writes.size).toBe(0);
      const lines = r.stderr.trim().split("\n");
      expect(lines).toHaveLength(EXPECTED.length);
      for (const line of lines) expect(line.startsWith(AT), line).toBe(true);
      EXPECTED.forEach((pattern, k) => {
        expect(lines[k], String(pattern)).toMatch(pattern);
      });
    });
  }
});

/** A small valid model file, changed by `edit` for one mistake at a time. */
function modelFile(edit: (text: string) => string): string {
  return edit(`format: ceakit-model/1
kind: markov
title: Two states
states: [alive, dead]
initial: { alive: 1 }
cycles: 5
cycle_years: 1
rewards_on: end
correction: none
discount: 0.035
parameters:
  p_die: { type: beta, alpha: 10, beta: 90 }
  c_alive: 1000
strategies:
  usual:
    transitions:
      alive: { alive: rest, dead: p_die }
      dead: { dead: 1 }
    state_costs: { alive: c_alive }
    state_effects: { alive: 1 }
  new:
    transitions:
      alive: { alive: rest, dead: p_die * 0.8 }
      dead: { dead: 1 }
    state_costs: { alive: c_alive + 100 }
    state_effects: { alive: 1 }
`);
}

describe("each kind of mistake alone", () => {
  const cases: [string, (t: string) => string, RegExp][] = [
    [
      "an unknown state in a transition",
      (t) => t.replace("alive: { alive: rest, dead: p_die }", "alive: { alive: rest, ded: p_die }"),
      /^error: m\.model\.yaml:17:29 strategies\.usual\.transitions\.alive\.ded: unknown state "ded" \(did you mean "dead"\?\)/,
    ],
    [
      "a row without rest that does not sum to 1",
      (t) =>
        t.replace("alive: { alive: rest, dead: p_die }", "alive: { alive: 0.85, dead: p_die }"),
      /^error: m\.model\.yaml:17:\d+ strategies\.usual\.transitions\.alive: strategy "usual", state "alive", cycle 1, at the base case: the probabilities of row alive sum to 0\.95, not 1; give one entry as rest, the rest of the row \(alive → alive 0\.85, alive → dead 0\.1\)/,
    ],
    [
      "a row without rest that sums to 1 at the base case but not in some PSA sample",
      (t) =>
        t
          .replace("c_alive: 1000", "c_alive: 1000\n  p_stay: { type: beta, alpha: 90, beta: 10 }")
          .replace("alive: { alive: rest, dead: p_die }", "alive: { alive: p_stay, dead: p_die }"),
      // Both are beta with means 0.9 and 0.1: the base case sums to 1, a sample need not.
      /^error: m\.model\.yaml:18:\d+ strategies\.usual\.transitions\.alive: strategy "usual": row alive: the probabilities sum to [0-9.]+ in sample \d+ of the PSA, not 1 \(within 1e-9\); give one entry as rest/,
    ],
    [
      "a row with rest whose other entries sum above 1 in some PSA sample",
      (t) =>
        t
          .replace("c_alive: 1000", "c_alive: 1000\n  p_sick: { type: beta, alpha: 8, beta: 2 }")
          .replace("dead: p_die * 0.8 }", "dead: p_die * 0.8, sick: p_sick }")
          .replace("states: [alive, dead]", "states: [alive, sick, dead]")
          .replace(/dead: \{ dead: 1 \}/g, "dead: { dead: 1 }\n      sick: { sick: 1 }"),
      /^error: m\.model\.yaml:\d+:\d+ strategies\.new\.transitions\.alive: strategy "new": row alive: the probabilities sum to [0-9.]+ in sample \d+ of the PSA, above 1, so the rest of the row would be negative/,
    ],
    [
      "a probability outside [0, 1] for some sample",
      (t) => t.replace("dead: p_die * 0.8", "dead: p_die * 6"),
      /^error: m\.model\.yaml:23:35 strategies\.new\.transitions\.alive\.dead: strategy "new", alive → dead: "p_die \* 6" is [0-9.]+ in sample \d+ of the PSA, not a probability between 0 and 1/,
    ],
    [
      "an unknown parameter",
      (t) => t.replace("state_costs: { alive: c_alive }", "state_costs: { alive: c_alvie }"),
      /^error: m\.model\.yaml:19:27 strategies\.usual\.state_costs\.alive: the expression "c_alvie" uses "c_alvie", which is not a parameter \(did you mean "c_alive"\?\)/,
    ],
    [
      "a cycle in derived",
      (t) => t.replace("strategies:", 'derived:\n  x: "y + 1"\n  y: "2 * x"\nstrategies:'),
      /^error: m\.model\.yaml:15:7 derived\.x: derived values depend on each other in a cycle: x -> y -> x/,
    ],
    [
      "a missing table file",
      (t) => t.replace("strategies:", "tables:\n  life: { file: life.csv }\nstrategies:"),
      /^error: m\.model\.yaml:15:17 tables\.life\.file: cannot read table life, "life\.csv" \(looked for life\.csv\)/,
    ],
    [
      "a bad rewards_on",
      (t) => t.replace("rewards_on: end", "rewards_on: ends"),
      /^error: m\.model\.yaml:8:13 rewards_on: expected one of "start", "end", "all", got "ends" \(did you mean "end"\?\)/,
    ],
    [
      "a correction over one counted vector (one cycle on end)",
      (t) =>
        t.replace("cycles: 5", "cycles: 1").replace("correction: none", "correction: half-cycle"),
      /^error: m\.model\.yaml:9:13 correction: the half-cycle correction needs at least two counted state vectors; 1 cycle with rewards on end counts one$/m,
    ],
    [
      "tunnels too long to follow",
      (t) => {
        // 21 tunnels of the longest 1,000 times in state, and the dead state.
        const extra = Array.from({ length: 20 }, (_, k) => `s${k + 1}`);
        const tunnels = ["alive", ...extra].map((s) => `${s}: 1000`).join(", ");
        return t
          .replace("states: [alive, dead]", `states: [alive, dead, ${extra.join(", ")}]`)
          .replace("initial: { alive: 1 }", `tunnels: { ${tunnels} }\ninitial: { alive: 1 }`);
      },
      /^error: m\.model\.yaml:5:1 tunnels: the states and their tunnels' times in state make 21001 states to follow, more than the 20,000 a model may have/m,
    ],
    [
      "a numeric seed past 2^53 − 1: one message, with the seed's own bounds",
      (t) => t.replace("discount: 0.035", "discount: 0.035\npsa: { seed: 9007199254740992 }"),
      /^error: m\.model\.yaml:11:14 psa\.seed: a numeric seed must be a whole number from 0 to 9007199254740991 [^\n]*\n$/,
    ],
    [
      "an initial share out of [0, 1]: its own problem, no sum of the others",
      (t) => t.replace("initial: { alive: 1 }", "initial: { alive: 1.5, dead: -0.5 }"),
      /^error: m\.model\.yaml:5:19 initial\.alive: initial share of alive: "1\.5" is 1\.5, not a probability between 0 and 1\nerror: m\.model\.yaml:5:30 initial\.dead: [^\n]*\n$/,
    ],
    [
      "a wtp that is a number",
      (t) => t.replace("discount: 0.035", "discount: 0.035\nwtp: 20000"),
      /^error: m\.model\.yaml:11:6 wtp: expected \{ from, to, by \} or a list of values, got 20000\n$/,
    ],
    [
      "a wtp range without its step",
      (t) => t.replace("discount: 0.035", "discount: 0.035\nwtp: { from: 0, to: 50000 }"),
      /^error: m\.model\.yaml:11:6 wtp: expected \{ from, to, by \}: by missing\n$/,
    ],
    [
      "a seed that is a list",
      (t) => t.replace("discount: 0.035", "discount: 0.035\npsa: { seed: [1, 2] }"),
      /^error: m\.model\.yaml:11:14 psa\.seed: expected a whole number from 0 to 9007199254740991 or a word, got a list\n$/,
    ],
    [
      "a cost of YAML's .inf",
      (t) => t.replace("state_costs: { alive: c_alive }", "state_costs: { alive: .inf }"),
      /^error: m\.model\.yaml:19:27 strategies\.usual\.state_costs\.alive: expected a number or a formula in quotes, got infinity\n$/,
    ],
    [
      "a formula of NaN",
      (t) => t.replace("state_costs: { alive: c_alive }", 'state_costs: { alive: "NaN" }'),
      /^error: m\.model\.yaml:19:28 strategies\.usual\.state_costs\.alive: the expression "NaN" uses "NaN" \(not a number\), which is not allowed/,
    ],
    [
      "a rule for many flows with a mistake: one message",
      (t) =>
        t
          .replace("states: [alive, dead]", "states: [alive, sick, dead]")
          .replace(
            /dead: \{ dead: 1 \}/g,
            "dead: { dead: 1 }\n      sick: { sick: rest, dead: 0.1 }",
          )
          .replace(
            "state_costs: { alive: c_alive }",
            'state_costs: { alive: c_alive }\n    transition_costs: { "*->dead": 1/0 }',
          ),
      /^error: m\.model\.yaml:21:36 strategies\.usual\.transition_costs\.\*->dead: "1\/0" is infinity, not a finite number\n$/,
    ],
    [
      "no format line: a hint that the file looks like a model file",
      (t) => t.replace("format: ceakit-model/1\n", ""),
      /^error: m\.model\.yaml:1:1 model: required: the model to run, one of [^;]+; this file has kind, states, cycles like a model file: if it is one, begin it with format: ceakit-model\/1\n$/,
    ],
    [
      "a parameter named like a value of the expression language (NaN, Infinity, undefined, null)",
      (t) => t.replace("c_alive: 1000", 'c_alive: 1000\n  Infinity: 3\n  "null": 2'),
      /^error: m\.model\.yaml:14:3 parameters\.Infinity: "Infinity" is a reserved word of the expression language; choose another name\nerror: m\.model\.yaml:15:3 parameters\.null: "null" is a reserved word/,
    ],
    [
      "a key of null",
      (t) => t.replace("c_alive: 1000", "c_alive: 1000\n  ~: 2"),
      /^error: m\.model\.yaml:14:3 parameters: a key of null \(null, ~ or nothing before the colon\) is not a name; write it in quotes \("null"\) if it is meant as one\n$/,
    ],
    [
      "a YAML tag the value cannot take",
      (t) => t.replace("cycles: 5", "cycles: !!float 5"),
      /^error: m\.model\.yaml:6:17 cycles: the YAML tag !!float cannot be applied to this value; remove the tag and write the value as it is\n$/,
    ],
    [
      "a YAML tag of a type no setting takes, after a plain text tagged ! (which is fine)",
      (t) =>
        t
          .replace("title: Two states", "title: ! Two states")
          .replace("cycles: 5", "cycles: !!set { 5 }"),
      /^error: m\.model\.yaml:6:15 cycles: the YAML tag !!set gives a value of a type no setting takes; remove it and write a number, a text, a list or a mapping\n$/,
    ],
    [
      "a YAML tag of a type no setting takes",
      (t) => t.replace("title: Two states", "title: !!binary aGVsbG8="),
      /^error: m\.model\.yaml:3:17 title: the YAML tag !!binary gives a value of a type no setting takes; remove it and write a number, a text, a list or a mapping\n$/,
    ],
    [
      "a derived value that refers to itself: one message, none at its uses",
      (t) =>
        t
          .replace("strategies:", "derived:\n  q: q * 2\nstrategies:")
          .replace("state_costs: { alive: c_alive }", "state_costs: { alive: q }"),
      /^error: m\.model\.yaml:15:6 derived\.q: derived values depend on each other in a cycle: q -> q\n$/,
    ],
    [
      "a discount band ending at 0: one message",
      (t) =>
        t.replace(
          "discount: 0.035",
          "discount: [{ until: 0, rate: 0.03 }, { until: end, rate: 0.01 }]",
        ),
      /^error: m\.model\.yaml:10:21 discount\.0\.until: expected a positive number, got 0\n$/,
    ],
    [
      "time_in_state in a transition reward whose source is not a tunnel",
      (t) =>
        t
          .replace("initial: { alive: 1 }", "tunnels: { dead: 2 }\ninitial: { alive: 1 }")
          .replace(
            "state_costs: { alive: c_alive }",
            'state_costs: { alive: c_alive }\n    transition_costs: { "alive->dead": time_in_state }',
          ),
      /^error: m\.model\.yaml:\d+:\d+ strategies\.usual\.transition_costs\.alive->dead: the expression "time_in_state" uses time_in_state, which is defined only in a tunnel state's expressions \(here the state is alive, which is not a tunnel: declare tunnels: \{ alive: length \} to follow its time in state\)\n$/,
    ],
    [
      "a bad discount_at",
      (t) => t.replace("correction: none", "correction: none\ndiscount_at: cycle-strat"),
      /^error: m\.model\.yaml:10:14 discount_at: expected one of "vector", "cycle-start", "cycle-end" or \{ costs, effects \}, got "cycle-strat" \(did you mean "cycle-start"\?\)$/m,
    ],
    [
      "a bad discount_at of effects",
      (t) =>
        t.replace(
          "correction: none",
          "correction: none\ndiscount_at: { costs: cycle-end, effects: end }",
        ),
      /^error: m\.model\.yaml:10:43 discount_at\.effects: expected one of "vector", "cycle-start", "cycle-end", got "end"$/m,
    ],
    [
      "discount per cycle with a counting that is not one of heemod's methods",
      (t) =>
        t
          .replace("rewards_on: end", "rewards_on: all")
          .replace("correction: none", "correction: simpson\ndiscount_at: cycle-start"),
      /^error: m\.model\.yaml:10:14 discount_at: discounting per cycle \(cycle-start\) counts in cycle c m_\{c−1\} \(rewards on start\), m_c \(end\) or their mean \(all, with the half-cycle correction\), with no other correction: rewards on all with the simpson correction have no per-cycle form$/m,
    ],
    [
      "costs per vector and effects per cycle",
      (t) =>
        t.replace(
          "correction: none",
          "correction: none\ndiscount_at: { costs: vector, effects: cycle-end }",
        ),
      /^error: m\.model\.yaml:10:14 discount_at: costs and effects must both be discounted per vector or both per cycle; got vector \(costs\) and cycle-end \(effects\)$/m,
    ],
    [
      "transition rewards per cycle on all (heemod's life-table splits them)",
      (t) =>
        t
          .replace("rewards_on: end", "rewards_on: all")
          .replace("correction: none", "correction: half-cycle\ndiscount_at: cycle-start")
          .replace(
            "state_costs: { alive: c_alive + 100 }",
            "state_costs: { alive: c_alive + 100 }\n    transition_costs: { alive->dead: 500 }",
          ),
      /^error: m\.model\.yaml:27:5 strategies\.new\.transition_costs: transition rewards are earned per cycle only with rewards on end; with start heemod earns them a cycle later \("beginning"\)/m,
    ],
    [
      "transition rewards per cycle on start",
      (t) =>
        t
          .replace("rewards_on: end", "rewards_on: start")
          .replace("correction: none", "correction: none\ndiscount_at: cycle-end")
          .replace(
            "state_costs: { alive: c_alive }",
            "state_costs: { alive: c_alive }\n    transition_effects: { alive->dead: -0.5 }",
          ),
      /^error: m\.model\.yaml:21:5 strategies\.usual\.transition_effects: transition rewards are earned per cycle only with rewards on end/m,
    ],
  ];
  for (const [what, edit, pattern] of cases) {
    test(`${what}: located, exit 2 from validate and run`, async () => {
      const files = { "m.model.yaml": modelFile(edit) };
      for (const args of [
        ["validate", "m.model.yaml"],
        ["run", "m.model.yaml", "--samples", "200"],
      ]) {
        const r = await runInProcess(args, files);
        expect(r.stderr).toMatch(pattern);
        expect(r.code).toBe(2);
        expect(r.stdout).toBe("");
      }
    });
  }

  test.each([
    [
      "a column named twice",
      "age,male,male\n30,0.1,0.2\n",
      /^error: life\.csv:1:10: table life: column 3 is named "male" like column 2; column names must be different\n$/,
    ],
    [
      "a column without a name",
      "age,male,\n30,0.1,0.2\n",
      /^error: life\.csv:1:10: table life: column 3 has no name\n$/,
    ],
  ])("a table's header with %s: located at the cell", async (_, csv, pattern) => {
    const model = modelFile((t) =>
      t
        .replace("strategies:", "tables:\n  life: { file: life.csv, key: age }\nstrategies:")
        .replace("c_alive: 1000", "c_alive: 1000\n  age0: 30"),
    );
    const r = await runInProcess(["validate", "m.model.yaml"], {
      "m.model.yaml": model,
      "life.csv": csv,
    });
    expect(r.stderr).toMatch(pattern);
    expect(r.code).toBe(2);
  });

  test("a lookup of a missing column in a derived value used twice: one message, at the value", async () => {
    const model = modelFile((t) =>
      t
        .replace(
          "strategies:",
          'tables:\n  life: { file: life.csv, key: age }\nderived:\n  q: lookup(life, 30 + t, "femal")\nstrategies:',
        )
        .replace(/dead: p_die( \* 0\.8)? \}/g, "dead: q }"),
    );
    const r = await runInProcess(["validate", "m.model.yaml"], {
      "m.model.yaml": model,
      "life.csv": "age,male,female\n30,0.1,0.2\n",
    });
    expect(r.stderr).toMatch(
      /^error: m\.model\.yaml:17:6 derived\.q: the expression "lookup\(life, 30 \+ t, "femal"\)" calls lookup on the column "femal", which table life does not have \(did you mean "female"\?\); its value columns are male, female\n$/,
    );
    expect(r.code).toBe(2);
  });

  test("a derived value's name inside a quoted lookup column does not hide another mistake", async () => {
    const model = modelFile((t) =>
      t
        .replace(
          "strategies:",
          'tables:\n  life: { file: life.csv, key: age }\nderived:\n  female: "1 +"\nstrategies:',
        )
        .replace("dead: p_die }", `dead: 'lookup(life, 30 + t, "female") + zzz' }`),
    );
    const r = await runInProcess(["validate", "m.model.yaml"], {
      "m.model.yaml": model,
      "life.csv": "age,male,female\n30,0.1,0.2\n",
    });
    const lines = r.stderr.trim().split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^error: m\.model\.yaml:17:\d+ derived\.female: /);
    expect(lines[1]).toMatch(
      /^error: m\.model\.yaml:\d+:\d+ strategies\.usual\.transitions\.alive\.dead: .*uses "zzz", which is not a parameter/,
    );
    expect(r.code).toBe(2);
  });

  test("a lookup of not a number says so (not that it is below the table)", async () => {
    const model = modelFile((t) =>
      t
        .replace(
          "strategies:",
          'tables:\n  life: { file: life.csv, key: age }\nderived:\n  q: lookup(life, 0/0, "female")\nstrategies:',
        )
        .replace("dead: p_die }", "dead: q }"),
    );
    const r = await runInProcess(["validate", "m.model.yaml"], {
      "m.model.yaml": model,
      "life.csv": "age,male,female\n30,0.1,0.2\n",
    });
    expect(r.stderr).toMatch(
      /^error: m\.model\.yaml:17:6 derived\.q: derived value q: "lookup\(life, 0\/0, "female"\)" looks up not a number in table life, which is not a value of its age\n$/,
    );
    expect(r.code).toBe(2);
  });

  test("an output beyond ±1e15 is located at the strategy: at the base case and in a PSA sample", async () => {
    // Base case: 1000 × e^t over 40 cycles passes 1e15.
    const base = modelFile((t) =>
      t
        .replace("cycles: 5", "cycles: 40")
        .replace("state_costs: { alive: c_alive }", 'state_costs: { alive: "c_alive * exp(t)" }'),
    );
    const r = await runInProcess(["run", "m.model.yaml", "--samples", "200"], {
      "m.model.yaml": base,
    });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(
      /^error: m\.model\.yaml:15:3 strategies\.usual: model m: base case, strategy "usual": cost is \d+, beyond the limit of ±1e15 \(parameters: p_die = 0\.1, c_alive = 1000\)\n$/,
    );
    // A PSA sample: the base case is within the limit, a wide draw of c_alive is not.
    const wide = modelFile((t) =>
      t
        .replace("c_alive: 1000", "c_alive: { type: gamma, mean: 1e10, sd: 3e10 }")
        .replace(
          "state_costs: { alive: c_alive + 100 }",
          'state_costs: { alive: "c_alive * 2e4" }',
        ),
    );
    const files = { "m.model.yaml": wide };
    expect((await runInProcess(["validate", "m.model.yaml"], files)).code).toBe(0);
    const p = await runInProcess(
      ["run", "m.model.yaml", "--samples", "2000", "--format", "json"],
      files,
    );
    expect(p.code).toBe(2);
    expect(p.stdout).toBe("");
    expect(p.stderr).toMatch(
      /^error: m\.model\.yaml:21:3 strategies\.new: model m: sample \d+, strategy "new": cost is [\d.e+]+, beyond the limit of ±1e15 \(parameters: p_die = [\d.]+, c_alive = [\d.e+]+\)\n$/,
    );
  });

  test("heemod's life-table per cycle validates, and its report says how it discounts", async () => {
    const files = {
      "m.model.yaml": modelFile((t) =>
        t
          .replace("rewards_on: end", "rewards_on: all")
          .replace("correction: none", "correction: half-cycle\ndiscount_at: cycle-start"),
      ),
    };
    const v = await runInProcess(["validate", "m.model.yaml"], files);
    expect(v.stderr).toBe("");
    expect(v.code).toBe(0);
    const r = await runInProcess(
      ["run", "m.model.yaml", "--samples", "200", "--format", "md"],
      files,
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      "Row t is what is earned in cycle t (with the rewards of transition t), discounted as one cycle: rewards are earned per cycle as heemod does: cycle c earns on its counted vectors valued at cycle c, discounted by D((c − 1) × cycle length) (cycle-start). Initial rewards are in the totals only.",
    );
  });

  test("names that every JavaScript object has (constructor, toString, …) are ordinary names", async () => {
    const plain = modelFile((t) => t);
    const odd = modelFile((t) =>
      t
        .replace(/c_alive/g, "constructor")
        .replace(/p_die/g, "toString")
        .replace(/\balive\b/g, "valueOf")
        .replace("  new:", "  hasOwnProperty:"),
    );
    const json = async (text: string, format: string) => {
      const r = await runInProcess(
        ["run", "m.model.yaml", "--samples", "300", "--format", format],
        {
          "m.model.yaml": text,
        },
      );
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
      return r.stdout;
    };
    const a = JSON.parse(await json(plain, "json"));
    const b = JSON.parse(await json(odd, "json"));
    expect(b.baseCase.cost).toEqual(a.baseCase.cost);
    expect(b.baseCase.effect).toEqual(a.baseCase.effect);
    const renamed = JSON.stringify(b.acceptability).replaceAll('"hasOwnProperty"', '"new"');
    expect(renamed).toBe(JSON.stringify(a.acceptability));
    expect(await json(odd, "html")).toContain("hasOwnProperty");
  });

  test("the file without mistakes validates", async () => {
    const r = await runInProcess(["validate", "m.model.yaml"], {
      "m.model.yaml": modelFile((t) => t),
    });
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe("ok m.model.yaml: Two states (model m)\n");
    expect(r.code).toBe(0);
  });
});
