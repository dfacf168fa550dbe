import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { runCount, toElection } from "./count.ts";
import { planImport, parsePabulibDate, type FallbackRule } from "./pabulib-import.ts";
import { parsePabulib, type Election } from "./pabulib.ts";

const fixture = (name: string) => {
  const parsed = parsePabulib(readFileSync(new URL(`./fixtures/pabulib/${name}`, import.meta.url), "utf8"));
  if (!parsed.ok) throw new Error(parsed.detail.message);
  return parsed.value;
};

const EQUAL_SHARES: FallbackRule = { countingRule: "equal_shares", mesCompletion: "add1_utilitarian" };
const GREEDY: FallbackRule = { countingRule: "greedy", mesCompletion: "add1_utilitarian" };

function small(meta: string, projects: string, votes: string): Election {
  const parsed = parsePabulib(`META\nkey;value\n${meta}\nPROJECTS\n${projects}\nVOTES\n${votes}\n`);
  if (!parsed.ok) throw new Error(parsed.detail.message);
  return parsed.value;
}

describe("planImport", () => {
  it("imports Assen 2024 with the rule its META names, and recounts to the official result", () => {
    const assen = fixture("Netherlands_Assen_2024.pb");
    const plan = planImport(assen, GREEDY, "Netherlands_Assen_2024.pb");
    if (!plan.ok) throw new Error(plan.reason);
    const p = plan.value;
    expect(p.title).toBe("Assen Top Idee 2024");
    expect(p.summary).toContain("Netherlands_Assen_2024.pb (Assen, Netherlands)");
    expect(p.currency).toBe("EUR");
    expect(p.votingOpenAt).toEqual(new Date(Date.UTC(2024, 2, 31)));
    expect(p.votingCloseAt).toEqual(new Date(Date.UTC(2024, 3, 15)));
    expect(p.budgetName).toBe("Assen");
    expect(p.ruleFromFile).toBe(true);
    expect(p.settings).toMatchObject({
      ballotType: "approval",
      countingRule: "equal_shares",
      mesCompletion: "add1",
      minProjects: 2,
      maxProjects: null,
    });
    expect(p.count.budgetPence).toBe(10_000_000n);
    expect(p.count.projects[0]).toMatchObject({ reference: "3", costPence: 720_000n, title: "PopUp Podium" });
    expect(p.count.projects[0]!.description).toContain("PopUp Podium");
    expect(p.count.ballots).toHaveLength(84);
    expect(p.count.ballots[0]!.choices.map((c) => c.reference)).toEqual(["1", "2", "6", "9", "13"]);

    const counted = runCount(toElection(p.count, p.settings), p.settings);
    if (!counted.ok) throw new Error(counted.reason);
    const official = assen.projects.filter((x) => x.selected === 1).map((x) => x.id);
    expect([...counted.value.outcome.selected].sort()).toEqual([...official].sort());
  });

  it("uses the officer's choice when the file's rule is not one the product counts", () => {
    const stanford = fixture("US_Stanford_Dataset_PB_Cambridge_2015_vote_knapsacks.pb");
    expect(stanford.rule).toBe("unknown");
    const plan = planImport(stanford, GREEDY, "cambridge.pb");
    if (!plan.ok) throw new Error(plan.reason);
    expect(plan.value.ruleFromFile).toBe(false);
    expect(plan.value.settings.countingRule).toBe("greedy");
    // Knapsack ballots: approval with a cost limit.
    expect(plan.value.settings.ballotType).toBe("knapsack");
    expect(plan.value.currency).toBe("USD");
  });

  it("imports cumulative ballots as points and ordinal ones as ranks, never counting rankings by equal shares", () => {
    const toulouse = planImport(fixture("France_Toulouse_2019.pb"), EQUAL_SHARES, "t.pb");
    if (!toulouse.ok) throw new Error(toulouse.reason);
    expect(toulouse.value.settings.ballotType).toBe("cumulative");
    expect(toulouse.value.settings.points).toBeGreaterThan(0);
    expect(toulouse.value.count.ballots.some((b) => b.choices.some((c) => c.value > 1))).toBe(true);

    const zurich = planImport(fixture("Switzerland_Zurich_S5R.pb"), EQUAL_SHARES, "z.pb");
    if (!zurich.ok) throw new Error(zurich.reason);
    expect(zurich.value.settings).toMatchObject({ ballotType: "ranked", countingRule: "greedy" });
    expect(zurich.value.settings.rankCount).toBeGreaterThan(0);
    expect(zurich.value.count.ballots[0]!.choices.map((c) => c.value)).toEqual(zurich.value.count.ballots[0]!.choices.map((_, k) => k + 1));
  });

  it("reads choose-1 as a one-project approval ballot and keeps a greedy-threshold threshold", () => {
    const e = small(
      "description;Test\ncountry;Poland\nunit;Town\ninstance;2024\nnum_projects;2\nnum_votes;2\nbudget;100\nvote_type;choose-1\nrule;greedy-threshold\nmin_project_score_threshold;2\ndate_begin;2024-01-02\ndate_end;05.01.2024",
      "project_id;cost;name\n1;50;One\n2;60;Two",
      "voter_id;vote\na;1\nb;2",
    );
    const plan = planImport(e, EQUAL_SHARES, "x.pb");
    if (!plan.ok) throw new Error(plan.reason);
    expect(plan.value.settings).toMatchObject({
      ballotType: "approval",
      minProjects: 1,
      maxProjects: 1,
      countingRule: "greedy_threshold",
      greedyThreshold: 2,
    });
    expect(plan.value.votingOpenAt).toEqual(new Date(Date.UTC(2024, 0, 2)));
    expect(plan.value.votingCloseAt).toEqual(new Date(Date.UTC(2024, 0, 5)));
  });

  it.each([
    ["a scoring vote", "vote_type;scoring", "project_id;cost\n1;50", "voter_id;vote;points\na;1;3", "unsupported_vote_type", "scoring"],
    ["a cost of a fraction of a penny", "vote_type;approval", "project_id;cost\n1;50.125", "voter_id;vote\na;1", "amount_not_in_pence", "1"],
    ["points that are not whole", "vote_type;cumulative", "project_id;cost\n1;50", "voter_id;vote;points\na;1;2.5", "points_not_whole", "a"],
    [
      "a very long project id",
      "vote_type;approval",
      `project_id;cost\n${"x".repeat(41)};50`,
      `voter_id;vote\na;${"x".repeat(41)}`,
      "reference_too_long",
      "x".repeat(41),
    ],
    ["no projects", "vote_type;approval", "project_id;cost", "voter_id;vote", "no_projects", undefined],
  ])("refuses %s", (_label, voteType, projects, votes, reason, subject) => {
    const plan = planImport(small(`budget;100\n${voteType}`, projects, votes), GREEDY, "x.pb");
    expect(plan.ok).toBe(false);
    if (plan.ok) return;
    expect(plan.reason).toBe(reason);
    expect((plan.detail as { subject?: string } | undefined)?.subject).toBe(subject);
  });
});

describe("parsePabulibDate", () => {
  it.each([
    ["31.03.2024", new Date(Date.UTC(2024, 2, 31))],
    ["2024-03-31", new Date(Date.UTC(2024, 2, 31))],
    ["1/2/2023", new Date(Date.UTC(2023, 1, 1))],
    ["31.02.2024", null],
    ["spring 2024", null],
    [undefined, null],
  ])("%s", (text, date) => {
    expect(parsePabulibDate(text)).toEqual(date);
  });
});
