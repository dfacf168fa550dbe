import { readFileSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parsePabulib, writePabulib, type Election, type ParseResult } from "./pabulib.ts";
import { rational } from "./rational.ts";

const FIXTURES = new URL("./fixtures/pabulib/", import.meta.url);
const fixture = (name: string) => readFileSync(new URL(name, FIXTURES), "utf8");
const FILES = readdirSync(FIXTURES).filter((f) => f.endsWith(".pb"));

function parsed(text: string): Election {
  const r = parsePabulib(text);
  if (!r.ok) throw new Error(r.detail.message);
  return r.value;
}

function failure(r: ParseResult) {
  if (r.ok) throw new Error("expected the file to be rejected");
  return { reason: r.reason, ...r.detail };
}

const SMALL = [
  "META",
  "key;value",
  "description;Test",
  "country;UK",
  "unit;Trafford",
  "instance;2026",
  "num_projects;3",
  "num_votes;3",
  "budget;100",
  "vote_type;approval",
  "rule;greedy",
  "date_begin;01.01.2026",
  "date_end;31.01.2026",
  "PROJECTS",
  "project_id;cost;votes;name;selected",
  "1;50;2;Park benches;1",
  "2;60;2;Play area;0",
  "3;40;1;Bulb planting;1",
  "VOTES",
  "voter_id;vote",
  "a;1,2",
  "b;2,1,3",
  "c;",
].join("\n");

function edit(text: string, line: number, replacement: string): string {
  const lines = text.split("\n");
  lines[line - 1] = replacement;
  return lines.join("\n");
}

describe("parsePabulib", () => {
  it.each(FILES)("reads %s", (name) => {
    const e = parsed(fixture(name));
    const meta = new Map(e.meta);
    expect(e.projects.length).toBe(Number(meta.get("num_projects")));
    expect(e.ballots.length).toBe(Number(meta.get("num_votes")));
    expect(e.budget.n).toBeGreaterThan(0n);
    // The recount equals the file's votes column in every published file (pb-rules.md §3).
    const counts = new Map<string, number>();
    for (const b of e.ballots) for (const id of b.projects) counts.set(id, (counts.get(id) ?? 0) + 1);
    for (const p of e.projects) if (p.votes !== undefined) expect(counts.get(p.id) ?? 0).toBe(p.votes);
  });

  it("reads types, limits and the selected column", () => {
    const e = parsed(fixture("Poland_Warszawa_2026.pb"));
    expect(e.voteType).toBe("approval");
    expect(e.rule).toBe("greedy-threshold");
    expect(e.currency).toBe("PLN");
    expect(e.threshold).toEqual(rational(3000));
    expect(e.limits.maxLength).toBe(5);
    expect(e.projects[0]).toMatchObject({ id: "214", cost: rational(4800000), votes: 14126, selected: 1 });
    expect(e.projects[0]!.extra).toMatchObject({ category: "health and welfare" });
    expect(e.ballots[0]).toMatchObject({ voterId: "217759", projects: ["1822", "322", "1992", "1589", "1114"] });
    expect(e.ballots[0]!.extra).toMatchObject({ age: "42", sex: "M", voting_method: "internet", neighborhood: "Ursynów" });
  });

  it("reads quoted fields with doubled quotes (Wieliczka) and mixed line endings", () => {
    const e = parsed(fixture("Poland_Wieliczka_2023_Green_Budget.pb"));
    expect(e.projects.find((p) => p.id === "80")!.name).toBe('Drzewne przytulasy i relaksacyjne gniazda w Parku "Stok pod Baranem"');
  });

  it("reads cumulative points and keeps ordinal order", () => {
    const toulouse = parsed(fixture("France_Toulouse_2019.pb"));
    expect(toulouse.voteType).toBe("cumulative");
    expect(toulouse.ballots[0]).toMatchObject({ projects: ["15", "22", "25", "10"], points: [rational(2), rational(2), rational(2), rational(1)] });
    expect(toulouse.limits.maxSumPoints).toEqual(rational(7));
    const zurich = parsed(fixture("Switzerland_Zurich_S5R.pb"));
    expect(zurich.voteType).toBe("ordinal");
    expect(zurich.ballots[0]!.projects).toEqual(["8", "15", "20", "18", "1"]);
  });

  it("keeps non-standard META keys (Amsterdam's budget per neighbourhood)", () => {
    const e = parsed(fixture("Netherlands_Amsterdam_252.pb"));
    expect(new Map(e.meta).get("budget_per_neighborhood")).toBe("150000,100000,250000");
    expect(e.limits.maxSumCost).toEqual(rational(500000));
  });

  it("accepts CRLF, a byte-order mark, comma decimals, quoted values with newlines and empty ballots", () => {
    let text = SMALL.replace("budget;100", "budget;100,50").replace("1;50;2;Park benches;1", '1;50;2;"Park; benches\nand bins";1');
    text = "\uFEFF" + text.replace(/\n/g, "\r\n");
    const e = parsed(text);
    expect(e.budget).toEqual(rational(201, 2));
    expect(e.projects[0]!.name).toBe("Park; benches\nand bins");
    expect(e.ballots[2]!.projects).toEqual([]);
  });

  it("tolerates blank lines and trailing empty cells", () => {
    const text = SMALL.replace("PROJECTS", "\nPROJECTS").replace("a;1,2", "a;1,2;");
    expect(parsed(text).ballots[0]!.projects).toEqual(["1", "2"]);
  });
});

describe("parsePabulib rejects bad files with the section and line", () => {
  const cases: [string, string, Partial<ReturnType<typeof failure>>][] = [
    ["unknown project", edit(SMALL, 22, "b;2,17"), { reason: "unknown_project", section: "VOTES", line: 22, subject: "17", message: "VOTES line 22: project 17 is not in PROJECTS" }],
    ["duplicate project", edit(SMALL, 17, "1;60;2;Play area;0"), { reason: "duplicate_project", section: "PROJECTS", line: 17 }],
    ["bad cost", edit(SMALL, 18, "3;forty;1;Bulb planting;1"), { reason: "bad_number", section: "PROJECTS", line: 18, subject: "cost" }],
    ["negative cost", edit(SMALL, 18, "3;-40;1;Bulb planting;1"), { reason: "bad_number", section: "PROJECTS", line: 18 }],
    ["bad selected", edit(SMALL, 18, "3;40;1;Bulb planting;yes"), { reason: "bad_selected", section: "PROJECTS", line: 18 }],
    ["vote twice", edit(SMALL, 21, "a;1,1"), { reason: "duplicate_vote", section: "VOTES", line: 21 }],
    ["voter twice", edit(SMALL, 22, "a;2"), { reason: "duplicate_voter", section: "VOTES", line: 22 }],
    ["missing column", edit(SMALL, 15, "project_id;price;votes;name;selected"), { reason: "missing_column", section: "PROJECTS", line: 15, subject: "cost" }],
    ["too many cells", edit(SMALL, 21, "a;1,2;x"), { reason: "too_many_cells", section: "VOTES", line: 21 }],
    ["unknown vote type", edit(SMALL, 10, "vote_type;preferential"), { reason: "unknown_vote_type", section: "META", line: 10 }],
    ["no budget", edit(SMALL, 9, "budgets;100"), { reason: "missing_meta", subject: "budget" }],
    ["count mismatch", edit(SMALL, 8, "num_votes;4"), { reason: "count_mismatch", section: "META", line: 8 }],
    ["unterminated quote", edit(SMALL, 16, '1;50;2;"Park benches;1'), { reason: "unterminated_quote", line: 16 }],
    ["sections out of order", SMALL.replace("PROJECTS\n", "VOTES\n"), { reason: "unexpected_section", section: "VOTES", line: 14 }],
    ["no META", SMALL.split("\n").slice(13).join("\n"), { reason: "missing_section", section: "META", line: 1 }],
    ["no VOTES", SMALL.split("\n").slice(0, 18).join("\n"), { reason: "missing_section", section: "VOTES" }],
    ["empty", "\n\n", { reason: "empty_file", line: 0 }],
  ];
  it.each(cases)("%s", (_name, text, expected) => {
    expect(failure(parsePabulib(text))).toMatchObject(expected);
  });

  it("checks points against projects on cumulative ballots", () => {
    const text = SMALL.replace("vote_type;approval", "vote_type;cumulative").replace("voter_id;vote", "voter_id;vote;points")
      .replace("a;1,2", "a;1,2;3,1").replace("b;2,1,3", "b;2,1,3;1,1").replace("c;", "c;;");
    expect(failure(parsePabulib(text))).toMatchObject({ reason: "points_mismatch", section: "VOTES", line: 22 });
  });

  it("finds the line of a bad vote in a real file", () => {
    const lines = fixture("Poland_Swiecie_2023.pb").split("\r\n");
    const at = lines.findIndex((l) => l.startsWith("v1234;"));
    lines[at] = "v1234;c1,c99";
    expect(failure(parsePabulib(lines.join("\r\n")))).toMatchObject({ reason: "unknown_project", section: "VOTES", line: at + 1, subject: "c99" });
  });
});

describe("writePabulib", () => {
  it.each(FILES)("round-trips %s", (name) => {
    const original = parsed(fixture(name));
    const written = writePabulib(original, { anonymise: false });
    if (!written.ok) throw new Error(written.detail.message);
    expect(parsed(written.value)).toEqual(original);
    // Writing is deterministic: the text is a fixed point.
    const again = writePabulib(parsed(written.value), { anonymise: false });
    expect(again.ok && again.value).toBe(written.value);
  });

  it("anonymises voter ids and can drop voter fields", () => {
    const original = parsed(fixture("Poland_Warszawa_2021_Bielany.pb"));
    const written = writePabulib(original, { dropVoterFields: true });
    if (!written.ok) throw new Error();
    const back = parsed(written.value);
    expect(back.ballots.map((b) => b.voterId)).toEqual(original.ballots.map((_, i) => String(i + 1)));
    expect(back.ballots.map((b) => b.projects)).toEqual(original.ballots.map((b) => b.projects));
    expect(back.voteColumns).toEqual(["voter_id", "vote"]);
    expect(back.ballots[0]!.extra).toEqual({});
    expect(back.projects).toEqual(original.projects);
  });

  it("writes META complete: counts and budget from the data, required keys checked", () => {
    const e = parsed(SMALL);
    const trimmed: Election = { ...e, meta: e.meta.filter(([k]) => k !== "num_votes" && k !== "budget"), ballots: e.ballots.slice(0, 2) };
    const written = writePabulib(trimmed);
    expect(written.ok && written.value).toContain("num_votes;2\nbudget;100\n");
    const incomplete = writePabulib({ ...e, meta: e.meta.filter(([k]) => k !== "country" && k !== "date_end") });
    expect(incomplete).toMatchObject({ ok: false, reason: "meta_incomplete", detail: { missing: ["country", "date_end"] } });
  });

  it("quotes values that need it", () => {
    const e = parsed(SMALL);
    const named: Election = { ...e, projects: e.projects.map((p, i) => (i === 0 ? { ...p, name: 'Say "hello"; wave' } : p)) };
    const written = writePabulib(named);
    expect(written.ok && written.value).toContain('1;50;2;"Say ""hello""; wave";1');
    expect(written.ok && parsed(written.value).projects[0]!.name).toBe('Say "hello"; wave');
  });
});
