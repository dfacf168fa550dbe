import { describe, expect, it } from "vitest";
import type { ProjectExplanation } from "./counting/outcome.ts";
import { countErrorMessage, describeTieBreak, explainProject, formatMoney, parseErrorMessage, writeErrorMessage } from "./messages.ts";
import { parsePabulib } from "./pabulib.ts";
import { fromInt, rational } from "./rational.ts";

const gbp = (r: Parameters<typeof formatMoney>[0]) => formatMoney(r, "GBP");
const base = { projectId: "17", cost: fromInt(4000), votes: 120, score: fromInt(120) };

describe("budgeting messages", () => {
  it("formats money for people, exactly rounded", () => {
    expect(formatMoney(rational(123456789, 100), "GBP")).toBe("£1,234,567.89");
    expect(formatMoney(fromInt(1000000), "EUR")).toBe("€1,000,000");
    expect(formatMoney(rational(1, 3), "PLN")).toBe("0.33 PLN");
    expect(formatMoney(rational(-5, 2), "GBP")).toBe("-£2.50");
    expect(formatMoney(fromInt(12))).toBe("12");
  });

  it("says where a file is wrong, in English and Welsh", () => {
    const r = parsePabulib("META\nkey;value\nbudget;10\nvote_type;approval\nPROJECTS\nproject_id;cost\n1;5\nVOTES\nvoter_id;vote\na;1,17\n");
    if (r.ok) throw new Error("expected an error");
    expect(parseErrorMessage(r.reason, "en", r.detail)).toBe("VOTES line 10: project 17 is not in PROJECTS");
    expect(parseErrorMessage(r.reason, "cy", r.detail)).toBe("VOTES llinell 10: nid yw prosiect 17 yn PROJECTS");
    expect(parseErrorMessage("empty_file", "en")).toBe("The file is empty");
    expect(parseErrorMessage("missing_meta", "en", { section: null, line: 3, subject: "budget", message: "" })).toBe("The META section has no budget");
    expect(writeErrorMessage("meta_incomplete", "en", { missing: ["country", "unit"] })).toBe("Add country, unit before exporting the results");
    expect(countErrorMessage("tie", "en", { round: 3, tied: ["2", "11"] })).toBe(
      "Projects 2, 11 are tied at round 3. Settle the tie by the published tie-break policy, then count again",
    );
  });

  const cases: [string, ProjectExplanation, string][] = [
    ["greedy", { ...base, funded: true, round: 2, stage: "greedy" }, "Funded in round 2: it had 120 votes and fitted the money left."],
    [
      "equal shares",
      {
        ...base,
        funded: true,
        round: 1,
        stage: "equal-shares",
        payment: { supporters: 120, share: rational(100, 3), paidShare: 110, paidAllTheyHad: 8, paidAllTheyHadTotal: fromInt(200), paidNothing: 2 },
        wonTieAgainst: ["18"],
      },
      "Funded in round 1. 110 of its 120 supporters paid £33.33 each; 8 with less left paid all they had (£200 in total); 2 had nothing left. It was level with 18 and won the tie-break.",
    ],
    ["completion", { ...base, funded: true, round: 9, stage: "completion" }, "Funded in round 9 from money left over: it had 120 votes and fitted what remained."],
    ["did not fit", { ...base, funded: false, reason: "did_not_fit", remaining: rational(299950, 100) }, "Not funded: it costs £4,000 but only £2,999.50 was left when its turn came."],
    ["stopped", { ...base, funded: false, reason: "counting_stopped", stoppedAt: "12" }, "Not funded: counting stopped at project 12, which did not fit the money left."],
    ["threshold", { ...base, funded: false, reason: "below_threshold", threshold: fromInt(3000) }, "Not funded: its score of 120 was below the minimum of 3000."],
    [
      "supporters short",
      { ...base, funded: false, reason: "supporters_short", supportersHad: rational(7001, 2), leftoverAtTurn: fromInt(900) },
      "Not funded: its supporters had £3,500.50 left of the £4,000 it needed. The £900 left over was not enough either.",
    ],
    ["no supporters", { ...base, votes: 0, funded: false, reason: "no_supporters" }, "Not funded: nobody voted for it."],
  ];
  it.each(cases)("explains %s", (_name, explanation, english) => {
    expect(explainProject(explanation, "en", gbp)).toBe(english);
    const welsh = explainProject(explanation, "cy", gbp);
    expect(welsh).not.toBe(english);
    expect(welsh.length).toBeGreaterThan(10);
    expect(welsh).not.toMatch(/\{\w+\}/);
  });

  it("describes each tie-break policy in both languages", () => {
    for (const policy of ["default", "id", "refuse"] as const) {
      expect(describeTieBreak(policy, "en")).not.toBe(describeTieBreak(policy, "cy"));
    }
  });
});
