import { describe, expect, it } from "vitest";
import { checkBallot, type BallotConfig } from "./ballot.ts";
import { answersFromChoices, ballotHiddenFields, orderedChoices, readBallotForm, readWholeNumber } from "./ballot-form.ts";

const form = (pairs: [string, string][]) => pairs as Iterable<readonly [string, unknown]>;

describe("readBallotForm", () => {
  it("reads ticked boxes of an approval or knapsack ballot, keeping duplicates for the rules to name", () => {
    const a = readBallotForm("knapsack", form([["project", "p1"], ["project", "p3"], ["project", "p1"], ["points-p2", "4"]]));
    expect(a.choices).toEqual([
      { projectId: "p1", value: 1 },
      { projectId: "p3", value: 1 },
      { projectId: "p1", value: 1 },
    ]);
    const config: BallotConfig = { type: "knapsack", budgetId: "b", budgetPence: 1000n, minProjects: 1, maxProjects: null };
    const projects = ["p1", "p2", "p3"].map((id) => ({ id, budgetId: "b", costPence: 100n, feasible: true }));
    expect(checkBallot(config, projects, a.choices)).toMatchObject({ ok: false, reason: "duplicate_project" });
  });

  it("reads points boxes, treating blank as not chosen and text as an invalid value", () => {
    const a = readBallotForm("cumulative", form([["points-p1", " 3 "], ["points-p2", ""], ["points-p3", "two"], ["project", "p4"]]));
    expect(a.typed).toEqual({ p1: " 3 ", p2: "", p3: "two" });
    expect(a.choices[0]).toEqual({ projectId: "p1", value: 3 });
    expect(a.choices[1]!.projectId).toBe("p3");
    expect(a.choices[1]!.value).toBeNaN();
    expect(a.choices).toHaveLength(2);
  });

  it("reads rank selects", () => {
    const a = readBallotForm("ranked", form([["rank-p2", "1"], ["rank-p1", ""], ["rank-p3", "2"]]));
    expect(a.choices).toEqual([
      { projectId: "p2", value: 1 },
      { projectId: "p3", value: 2 },
    ]);
  });

  it("reads the eligibility answers and the revision the page showed", () => {
    const a = readBallotForm(
      "approval",
      form([["postcode", "m32 0tl"], ["ageConfirmed", "yes"], ["votingCode", "7k3q-9xd2-m4pa"], ["expectedRevision", "2"]]),
    );
    expect(a).toMatchObject({ postcode: "m32 0tl", ageConfirmed: true, votingCode: "7k3q-9xd2-m4pa", expectedRevision: 2 });
    expect(readBallotForm("approval", form([["ageConfirmed", "on"], ["expectedRevision", "-1"]]))).toMatchObject({ ageConfirmed: false, expectedRevision: null });
  });

  it("reads an age band only when it is one of the bands offered", () => {
    expect(readBallotForm("approval", form([["ageBand", "25-34"]])).ageBand).toBe("25-34");
    expect(readBallotForm("approval", form([["ageBand", "<script>"]])).ageBand).toBe("");
    expect(readBallotForm("approval", form([["ageBand", ""]])).ageBand).toBe("");
  });

  it("ignores files and cuts oversized input", () => {
    const many: [string, unknown][] = Array.from({ length: 2000 }, (_, i) => ["project", `p${i}`]);
    many.unshift(["project", { name: "file.txt" }]);
    const a = readBallotForm("approval", many);
    expect(a.choices.length).toBeLessThan(600);
    expect(readBallotForm("approval", form([["project", "x".repeat(500)]])).choices[0]!.projectId).toHaveLength(64);
  });
});

describe("round trip through hidden fields", () => {
  it.each([
    ["approval", [["project", "p2"], ["project", "p1"], ["postcode", "M32 0TL"], ["expectedRevision", "0"]]],
    ["cumulative", [["points-p1", "3"], ["points-p2", "2"], ["ageConfirmed", "yes"], ["ageBand", "75+"]]],
    ["ranked", [["rank-p1", "2"], ["rank-p2", "1"], ["votingCode", "ABCD-EFGH-JKMN"]]],
  ] as const)("carries a %s ballot unchanged", (type, pairs) => {
    const first = readBallotForm(type, form(pairs.map(([k, v]) => [k, v])));
    const again = readBallotForm(type, ballotHiddenFields(type, first));
    expect(again.choices).toEqual(first.choices);
    expect({ ...again, typed: undefined }).toEqual({ ...first, typed: undefined });
  });

  it("prefills from a stored ballot with its revision", () => {
    const a = answersFromChoices([{ projectId: "p1", value: 2 }], 3);
    expect(a.typed).toEqual({ p1: "2" });
    expect(ballotHiddenFields("cumulative", a)).toEqual([
      ["points-p1", "2"],
      ["expectedRevision", "3"],
    ]);
  });
});

describe("helpers", () => {
  it("reads whole numbers only", () => {
    expect(readWholeNumber("")).toBe(0);
    expect(readWholeNumber(" 12 ")).toBe(12);
    expect(readWholeNumber("1.5")).toBeNaN();
    expect(readWholeNumber("-1")).toBeNaN();
    expect(readWholeNumber("1e3")).toBeNaN();
  });

  it("orders choices by rank for ranked ballots and by the page's order otherwise", () => {
    const choices = [
      { projectId: "b", value: 2 },
      { projectId: "a", value: 1 },
    ];
    expect(orderedChoices("ranked", choices, ["b", "a"]).map((c) => c.projectId)).toEqual(["a", "b"]);
    expect(orderedChoices("approval", choices, ["b", "a"]).map((c) => c.projectId)).toEqual(["b", "a"]);
  });
});
