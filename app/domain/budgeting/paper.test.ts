import { describe, expect, it } from "vitest";
import type { BallotConfig } from "~/domain/budgeting/ballot.ts";
import {
  PAPER_LIMITS,
  compareEntries,
  normaliseRegisterNumber,
  paperEntryRefusal,
  parsePaperBatch,
  parsePaperLine,
  readIdentifier,
  readResolutionForm,
  resolveEntries,
  splitRepeats,
  validateBatchDetails,
  type EnteredBallot,
  type FinalBallot,
  type PaperProblem,
  type PaperRules,
} from "~/domain/budgeting/paper.ts";
import { BATCH_COPY, DUPLICATE_COPY, LINE_EXAMPLES, PAPER_COPY, PAPER_FIELD_COPY, duplicateMessage, lineProblemMessage, linesMessage, paperFieldMessage } from "~/domain/budgeting/paper-messages.ts";
import { PHASES } from "~/domain/budgeting/process.ts";

// A stand-in for the server's normaliseVotingCode: 12 Crockford characters, spaces and hyphens ignored.
const normaliseCode = (text: string) => {
  const compact = text.replace(/[\s-]/g, "").toUpperCase();
  return /^[0-9A-HJKMNP-TV-Z]{12}$/.test(compact) ? compact : null;
};

const BUDGET = "budget-1";
const projects = [
  { id: "p1", reference: "P-1", budgetId: BUDGET, costPence: 500_000n },
  { id: "p2", reference: "P-2", budgetId: BUDGET, costPence: 300_000n },
  { id: "p3", reference: "P-3", budgetId: BUDGET, costPence: 200_000n },
  { id: "p4", reference: "P-4", budgetId: BUDGET, costPence: 100_000n },
  { id: "other", reference: "P-9", budgetId: "budget-2", costPence: 100n },
];

function rules(config: Partial<BallotConfig> & Pick<BallotConfig, "type">): PaperRules {
  const base = { budgetId: BUDGET, budgetPence: 1_000_000n };
  const full =
    config.type === "cumulative"
      ? { ...base, points: 10, pointsPerProjectCap: 6, ...config }
      : config.type === "ranked"
        ? { ...base, rankCount: 3, ...config }
        : { ...base, minProjects: 1, maxProjects: null, ...config };
  return { config: full as BallotConfig, projects, normaliseCode };
}

const knapsack = rules({ type: "knapsack" });
const CODE = "7K3Q-9XD2-M4PA";

describe("identifiers", () => {
  it("reads register numbers in the forms clerks write them", () => {
    expect(normaliseRegisterNumber("AB1-234")).toBe("AB1-234");
    expect(normaliseRegisterNumber(" ab1 234 ")).toBe("AB1-234");
    expect(normaliseRegisterNumber("AB1–0234")).toBe("AB1-234");
    expect(normaliseRegisterNumber("KB-17/1")).toBe("KB-17/1");
    expect(normaliseRegisterNumber("KB 17 / 01")).toBe("KB-17/1");
    for (const bad of ["", "AB1234", "1-234", "ABCDE-1", "AB1-", "AB1-1234567", "AB1-2-3", "A-1/1234"]) expect(normaliseRegisterNumber(bad), bad).toBeNull();
  });

  it("prefers a register number, else a voting code, else nothing", () => {
    expect(readIdentifier("AB1-234", normaliseCode)).toEqual({ kind: "register", number: "AB1-234" });
    expect(readIdentifier(CODE, normaliseCode)).toEqual({ kind: "code", code: "7K3Q9XD2M4PA" });
    expect(readIdentifier("7k3q 9xd2 m4pa", normaliseCode)).toEqual({ kind: "code", code: "7K3Q9XD2M4PA" });
    expect(readIdentifier("hello", normaliseCode)).toBeNull();
  });
});

describe("reading a batch", () => {
  it("reads approval and knapsack lines, keeping the line numbers as typed", () => {
    const parsed = parsePaperBatch(`${CODE}: P-1, p-3\n\n  AB1-234 : P-4  \r\nAB1-235: P-2,P-3,`, knapsack);
    expect(parsed).toEqual({
      ok: true,
      value: [
        { line: 1, identifier: { kind: "code", code: "7K3Q9XD2M4PA" }, choices: [{ projectId: "p1", value: 1 }, { projectId: "p3", value: 1 }] },
        { line: 3, identifier: { kind: "register", number: "AB1-234" }, choices: [{ projectId: "p4", value: 1 }] },
        { line: 4, identifier: { kind: "register", number: "AB1-235" }, choices: [{ projectId: "p2", value: 1 }, { projectId: "p3", value: 1 }] },
      ],
    });
  });

  it("reads cumulative points and ranked orders", () => {
    const cumulative = parsePaperLine("AB1-1: P-1=5, P-2 = 3", 7, rules({ type: "cumulative" }));
    expect(cumulative).toEqual({ ok: true, value: { line: 7, identifier: { kind: "register", number: "AB1-1" }, choices: [{ projectId: "p1", value: 5 }, { projectId: "p2", value: 3 }] } });
    const ranked = parsePaperLine("AB1-1: P-2 > P-1 > P-4", 2, rules({ type: "ranked" }));
    expect(ranked).toEqual({
      ok: true,
      value: { line: 2, identifier: { kind: "register", number: "AB1-1" }, choices: [{ projectId: "p2", value: 1 }, { projectId: "p1", value: 2 }, { projectId: "p4", value: 3 }] },
    });
  });

  it("reports every malformed line with its number and stores nothing", () => {
    const text = ["AB1-1 P-1", ": P-1", "nonsense: P-1", "AB1-2:", "AB1-3: P-1 P-2", "AB1-4: P-7", "AB1-5: P-9", "AB1-6: P-1, P-1", `${CODE}: P-1, P-2, P-3, P-4`].join("\n");
    const parsed = parsePaperBatch(text, knapsack);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.detail.batch).toBeNull();
    expect(parsed.detail.lines.map((l) => [l.line, l.problem.reason])).toEqual([
      [1, "no_separator"],
      [2, "no_identifier"],
      [3, "invalid_identifier"],
      [4, "no_choices"],
      [5, "unreadable_choice"],
      [6, "unknown_project"],
      // A project of another budget is not on this ballot.
      [7, "unknown_project"],
      [8, "duplicate_project"],
      [9, "over_budget"],
    ]);
    expect(parsed.detail.lines[8]!.problem).toEqual({ reason: "over_budget", detail: { overByPence: 100_000n, totalPence: 1_100_000n, limitPence: 1_000_000n } });
  });

  it("holds each ballot type to its own form and rules", () => {
    const cumulative = rules({ type: "cumulative" });
    expect(parsePaperLine("AB1-1: P-1, P-2", 1, cumulative)).toMatchObject({ ok: false, problem: { reason: "unreadable_choice" } });
    expect(parsePaperLine("AB1-1: P-1=7", 1, cumulative)).toMatchObject({ ok: false, problem: { reason: "over_project_cap" } });
    expect(parsePaperLine("AB1-1: P-1=6, P-2=5", 1, cumulative)).toMatchObject({ ok: false, problem: { reason: "over_points" } });
    expect(parsePaperLine("AB1-1: P-1=0", 1, cumulative)).toMatchObject({ ok: false, problem: { reason: "no_points" } });
    const ranked = rules({ type: "ranked" });
    expect(parsePaperLine("AB1-1: P-1, P-2", 1, ranked)).toMatchObject({ ok: false, problem: { reason: "unreadable_choice" } });
    expect(parsePaperLine("AB1-1: P-1 > P-2 > P-3 > P-4", 1, ranked)).toMatchObject({ ok: false, problem: { reason: "too_many_ranked" } });
    expect(parsePaperLine("AB1-1: P-1 > P-1", 1, ranked)).toMatchObject({ ok: false, problem: { reason: "duplicate_project" } });
    const approval = rules({ type: "approval", minProjects: 2, maxProjects: 2 });
    expect(parsePaperLine("AB1-1: P-1=1", 1, approval)).toMatchObject({ ok: false, problem: { reason: "unreadable_choice" } });
    expect(parsePaperLine("AB1-1: P-1", 1, approval)).toMatchObject({ ok: false, problem: { reason: "too_few_projects" } });
    expect(parsePaperLine("AB1-1: P-1, P-2, P-3", 1, approval)).toMatchObject({ ok: false, problem: { reason: "too_many_projects" } });
    expect(parsePaperLine(`AB1-1: ${"P-1,".repeat(400)}`, 1, approval)).toMatchObject({ ok: false, problem: { reason: "line_too_long" } });
  });

  it("refuses an empty batch and one too large to check in one go", () => {
    expect(parsePaperBatch(" \n\n", knapsack)).toEqual({ ok: false, reason: "invalid", detail: { batch: "no_ballots", lines: [] } });
    const many = Array.from({ length: PAPER_LIMITS.ballotsMax + 1 }, (_, i) => `AB1-${i + 1}: P-4`).join("\n");
    expect(parsePaperBatch(many, knapsack)).toEqual({ ok: false, reason: "invalid", detail: { batch: "too_many_ballots", lines: [] } });
    expect(parsePaperBatch(many.split("\n").slice(1).join("\n"), knapsack).ok).toBe(true);
  });
});

describe("the phase", () => {
  it("takes papers in voting and in results until the result is published", () => {
    const table = PHASES.map((p) => [p, paperEntryRefusal(p, false), paperEntryRefusal(p, true)]);
    expect(table).toEqual([
      ["draft", "voting_not_open", "voting_not_open"],
      ["ideas", "voting_not_open", "voting_not_open"],
      ["review", "voting_not_open", "voting_not_open"],
      ["voting", null, null],
      ["results", null, "results_published"],
      ["delivery", "results_published", "results_published"],
    ]);
  });
});

function paper(line: number, key: string, projectIds: string[], extra: Partial<EnteredBallot> = {}): EnteredBallot {
  return { line, kind: "register", key, codeHash: null, hint: null, choices: projectIds.map((projectId) => ({ projectId, value: 1 })), ...extra };
}

describe("comparing two entries", () => {
  const first = [paper(1, "a", ["p1"]), paper(2, "b", ["p2", "p3"]), paper(3, "c", ["p4"])];

  it("agrees on the same papers in any order and with choices in any order", () => {
    const second = [paper(1, "c", ["p4"]), paper(2, "a", ["p1"]), { ...paper(3, "b", ["p3", "p2"]) }];
    const result = compareEntries(first, second);
    expect(result.differences).toEqual([]);
    expect(result.agreed.map((b) => b.key)).toEqual(["a", "b", "c"]);
  });

  it("lists a changed paper once, with both typings", () => {
    const second = [paper(1, "a", ["p1"]), paper(2, "b", ["p2", "p4"]), paper(3, "c", ["p4"])];
    const { agreed, differences } = compareEntries(first, second);
    expect(agreed.map((b) => b.key)).toEqual(["a", "c"]);
    expect(differences).toEqual([{ index: 0, first: first[1], second: second[1] }]);
  });

  it("a paper one officer skipped is one difference, not a shift of every paper after it", () => {
    const second = [paper(1, "a", ["p1"]), paper(2, "c", ["p4"])];
    const { agreed, differences } = compareEntries(first, second);
    expect(agreed.map((b) => b.key)).toEqual(["a", "c"]);
    expect(differences).toEqual([{ index: 0, first: first[1], second: null }]);
  });

  it("a mistyped identifier is two differences: the paper each officer saw", () => {
    const second = [paper(1, "a", ["p1"]), paper(2, "x", ["p2", "p3"]), paper(3, "c", ["p4"])];
    const { differences } = compareEntries(first, second);
    expect(differences.map((d) => [d.index, d.first?.key ?? null, d.second?.key ?? null])).toEqual([
      [0, "b", null],
      [1, null, "x"],
    ]);
  });

  it("matches repeated identifiers occurrence by occurrence", () => {
    const one = [paper(1, "a", ["p1"]), paper(2, "a", ["p2"])];
    expect(compareEntries(one, [paper(1, "a", ["p1"]), paper(2, "a", ["p2"])]).differences).toEqual([]);
    expect(compareEntries(one, [paper(1, "a", ["p1"])]).differences).toEqual([{ index: 0, first: one[1], second: null }]);
  });

  it("settles each difference the way the officer chose", () => {
    const second = [paper(1, "a", ["p1"]), paper(2, "b", ["p2", "p4"]), paper(4, "d", ["p1"])];
    const comparison = compareEntries(first, second);
    expect(comparison.differences.map((d) => [d.first?.key ?? null, d.second?.key ?? null])).toEqual([
      ["b", "b"],
      ["c", null],
      [null, "d"],
    ]);
    const retyped = paper(2, "b", ["p3"]);
    const final = resolveEntries(comparison, [{ take: "retyped", ballot: retyped }, { take: "first" }, { take: "first" }]);
    expect(final.map((b) => [b.key, b.entry, b.choices.map((c) => c.projectId)])).toEqual([
      ["a", "first", ["p1"]],
      ["b", "retyped", ["p3"]],
      ["c", "first", ["p4"]],
    ]);
    expect(resolveEntries(comparison, [{ take: "second" }, { take: "second" }, { take: "second" }]).map((b) => [b.key, b.entry])).toEqual([
      ["a", "first"],
      ["b", "second"],
      ["d", "second"],
    ]);
    expect(() => resolveEntries(comparison, [{ take: "first" }])).toThrow();
  });

  it("counts the first paper of each voter and calls the rest repeats", () => {
    const papers: FinalBallot[] = [paper(1, "a", ["p1"]), paper(2, "b", ["p2"]), paper(3, "a", ["p3"]), paper(4, "a", ["p4"])].map((b) => ({ ...b, entry: "first" }));
    const { unique, repeats } = splitRepeats(papers);
    expect(unique.map((b) => b.line)).toEqual([1, 2]);
    expect(repeats.map((b) => b.line)).toEqual([3, 4]);
  });
});

describe("forms", () => {
  it("checks the polling place and the budget", () => {
    expect(validateBatchDetails({ pollingPlace: "  Sale   Library ", budgetId: "b1" }, ["b1"])).toEqual({ pollingPlace: "Sale Library", budgetId: "b1", fieldErrors: {} });
    expect(validateBatchDetails({}, ["b1"]).fieldErrors).toEqual({ pollingPlace: "required", budgetId: "required" });
    expect(validateBatchDetails({ pollingPlace: "x", budgetId: "b2" }, ["b1"]).fieldErrors).toEqual({ pollingPlace: "too_short", budgetId: "unknown_budget" });
    expect(validateBatchDetails({ pollingPlace: "x".repeat(121), budgetId: "b1" }, ["b1"]).fieldErrors).toEqual({ pollingPlace: "too_long" });
  });

  it("reads the reconcile form and asks for every difference", () => {
    const form = { "resolution-0": "first", "resolution-1": "retype", "retype-1": " AB1-1: P-1 ", "resolution-2": "retype", "resolution-3": "nonsense" };
    expect(readResolutionForm(form, 5)).toEqual({
      choices: [{ take: "first" }, { take: "retype", text: "AB1-1: P-1" }, null, null, null],
      fieldErrors: { "retype-2": "retype_required", "resolution-3": "choose_entry", "resolution-4": "choose_entry" },
    });
  });
});

describe("messages", () => {
  const refs = { p1: "P-1", p2: "P-2" };

  it("every problem has English and Welsh copy with the line number first", () => {
    const problems: PaperProblem[] = [
      { reason: "line_too_long", detail: { max: 1000 } },
      { reason: "no_separator" },
      { reason: "no_identifier" },
      { reason: "invalid_identifier", detail: { text: "nonsense" } },
      { reason: "unknown_code" },
      { reason: "no_choices" },
      { reason: "unreadable_choice", detail: { text: "P-1 P-2" } },
      { reason: "unknown_project", detail: { projectId: "P-7" } },
      { reason: "duplicate_project", detail: { projectId: "p1" } },
      { reason: "negative_value", detail: { projectId: "p1", value: -1 } },
      { reason: "invalid_value", detail: { projectId: "p1", value: 1.5 } },
      { reason: "too_few_projects", detail: { min: 2, max: 3, chosen: 1 } },
      { reason: "too_many_projects", detail: { min: 1, max: 3, chosen: 4 } },
      { reason: "over_budget", detail: { overByPence: 100_000n, totalPence: 1_100_000n, limitPence: 1_000_000n } },
      { reason: "no_points", detail: { points: 10 } },
      { reason: "over_points", detail: { over: 1, points: 10, spent: 11 } },
      { reason: "over_project_cap", detail: { project: "p2", cap: 6, given: 7 } },
      { reason: "rank_gap", detail: { missing: 2 } },
      { reason: "duplicate_rank", detail: { rank: 1, projects: ["p1", "p2"] } },
      { reason: "too_many_ranked", detail: { max: 3, chosen: 4 } },
    ];
    for (const problem of problems) {
      for (const locale of ["en", "cy"] as const) {
        const text = lineProblemMessage({ line: 12, problem }, "knapsack", locale, refs);
        expect(text).toMatch(locale === "en" ? /^Line 12: / : /^Llinell 12: /);
        expect(text, `${problem.reason} ${locale}`).not.toMatch(/\{\w+\}/);
      }
    }
    expect(lineProblemMessage({ line: 3, problem: problems[7]! }, "knapsack", "en", refs)).toBe("Line 3: there is no project P-7 on this ballot.");
    expect(lineProblemMessage({ line: 9, problem: problems[13]! }, "knapsack", "en", refs)).toBe(
      "Line 9: the projects on this paper cost £11,000, which is over the budget of £10,000 by £1,000. If the paper is spoilt, set it aside.",
    );
    expect(lineProblemMessage({ line: 1, problem: problems[16]! }, "cumulative", "en", refs)).toContain("to P-2");
    expect(lineProblemMessage({ line: 5, problem: problems[6]! }, "ranked", "en", refs)).toContain("P-2 > P-1 > P-4");
  });

  it("lists up to five line problems in one message, then counts the rest", () => {
    const lines = Array.from({ length: 7 }, (_, i) => ({ line: 7 - i, problem: { reason: "no_separator" as const } }));
    const text = linesMessage(lines, "approval", "en", {});
    expect(text.startsWith("Line 1: ")).toBe(true);
    expect(text).toContain("Line 5: ");
    expect(text).not.toContain("Line 6: ");
    expect(text.endsWith("2 more lines also have problems.")).toBe(true);
    expect(linesMessage(lines.slice(0, 6), "approval", "en", {}).endsWith("1 more line also has problems.")).toBe(true);
  });

  it("every copy table has both languages and the same placeholders in each", () => {
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!.toLowerCase()).filter((p) => !p.endsWith("word") && p !== "projectschosen").sort();
    for (const table of [BATCH_COPY, PAPER_FIELD_COPY, PAPER_COPY, DUPLICATE_COPY])
      for (const [key, copy] of Object.entries(table)) {
        expect(copy.en.length, key).toBeGreaterThan(0);
        expect(copy.cy.length, key).toBeGreaterThan(0);
        expect(copy.cy, key).not.toBe(copy.en);
        expect(placeholders(copy.cy), key).toEqual(placeholders(copy.en));
      }
    expect(Object.keys(LINE_EXAMPLES).sort()).toEqual(["approval", "cumulative", "knapsack", "ranked"]);
  });

  it("words field errors and duplicates", () => {
    expect(paperFieldMessage("pollingPlace", "required", "knapsack", "en")).toBe("Enter the polling place");
    expect(paperFieldMessage("pollingPlace", "too_long", "knapsack", "en")).toBe("The polling place must be 120 characters or fewer");
    expect(paperFieldMessage("budgetId", "required", "knapsack", "cy")).toBe("Dewiswch y gyllideb y mae’r papurau ar ei chyfer");
    expect(paperFieldMessage("retype-0", "retype_required", "cumulative", "en")).toBe("Difference 1: type the paper as it is written, like AB1-234: P-1=5, P-2=3");
    expect(paperFieldMessage("resolution-2", "choose_entry", "knapsack", "cy")).toBe("Gwahaniaeth 3: dewiswch pa gofnod sy’n cyfateb i’r papur, neu teipiwch y papur eto");
    expect(duplicateMessage({ entry: "first", line: 4, kind: "code", hint: "M4PA", reason: "code_used" }, "en")).toBe(
      "Line 4 of the first entry (code ending M4PA): this voting code had already been used, online or on a paper entered earlier.",
    );
    expect(duplicateMessage({ entry: "retyped", line: 2, kind: "register", hint: null, reason: "repeated_in_batch" }, "cy")).toMatch(/^Papur a deipiwyd eto ar gyfer llinell 2: /);
  });
});
