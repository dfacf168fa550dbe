import { describe, expect, it } from "vitest";
import {
  formatUkDate,
  parseTime,
  processToValues,
  projectToValues,
  readDate,
  readProcessForm,
  readProjectForm,
  toDateParts,
  ukClockToInstant,
  wordFieldErrors,
  PROJECT_FIELD_ORDER,
} from "~/domain/budgeting/process-form.ts";
import { validateProcessConfig, validateProject } from "~/domain/budgeting/process.ts";

/** A stand-in for FormData built from pairs (a name may repeat, as ticked checkboxes do). */
function form(pairs: [string, string][]) {
  return {
    get: (name: string) => pairs.find(([k]) => k === name)?.[1] ?? null,
    getAll: (name: string) => pairs.filter(([k]) => k === name).map(([, v]) => v),
  };
}

describe("UK clock", () => {
  it("reads winter times as UTC and summer times as an hour ahead", () => {
    expect(ukClockToInstant(2026, 1, 15, 9, 0).toISOString()).toBe("2026-01-15T09:00:00.000Z");
    expect(ukClockToInstant(2026, 6, 30, 17, 0).toISOString()).toBe("2026-06-30T16:00:00.000Z");
  });

  it("handles the days the clocks change", () => {
    // 29 March 2026: 01:00 GMT becomes 02:00 BST; 01:30 does not exist and is read as 02:30 BST.
    expect(ukClockToInstant(2026, 3, 29, 0, 30).toISOString()).toBe("2026-03-29T00:30:00.000Z");
    expect(ukClockToInstant(2026, 3, 29, 1, 30).toISOString()).toBe("2026-03-29T01:30:00.000Z");
    expect(ukClockToInstant(2026, 3, 29, 3, 0).toISOString()).toBe("2026-03-29T02:00:00.000Z");
    // 25 October 2026: 01:30 happens twice; the first (BST) is meant.
    expect(ukClockToInstant(2026, 10, 25, 1, 30).toISOString()).toBe("2026-10-25T00:30:00.000Z");
    expect(ukClockToInstant(2026, 10, 25, 3, 0).toISOString()).toBe("2026-10-25T03:00:00.000Z");
  });

  it("splits an instant back into what the UK clock shows", () => {
    expect(toDateParts(new Date("2026-06-30T16:00:00Z"), true)).toEqual({ day: "30", month: "6", year: "2026", time: "17:00" });
    expect(toDateParts("2026-12-31T23:59:00.000Z", false)).toEqual({ day: "31", month: "12", year: "2026", time: "" });
    expect(toDateParts(null, true)).toEqual({ day: "", month: "", year: "", time: "" });
  });

  it("formats dates and times the GOV.UK way, in both languages", () => {
    expect(formatUkDate("2026-06-30T16:30:00Z", "en", true)).toBe("30 June 2026 at 5:30pm");
    expect(formatUkDate("2026-06-01T08:00:00Z", "en", true)).toBe("1 June 2026 at 9am");
    expect(formatUkDate("2026-01-14T00:00:00Z", "en", true)).toBe("14 January 2026 at 12am");
    expect(formatUkDate("2026-06-30T16:30:00Z", "en")).toBe("30 June 2026");
    expect(formatUkDate("2026-06-30T16:30:00Z", "cy", true)).toBe("30 Mehefin 2026 am 17:30");
  });

  it.each([
    ["17:00", { hour: 17, minute: 0 }],
    ["9", { hour: 9, minute: 0 }],
    ["9.30", { hour: 9, minute: 30 }],
    ["5pm", { hour: 17, minute: 0 }],
    ["5:30 p.m.", { hour: 17, minute: 30 }],
    ["12am", { hour: 0, minute: 0 }],
    ["12pm", { hour: 12, minute: 0 }],
    ["24:00", null],
    ["13pm", null],
    ["9:75", null],
    ["teatime", null],
  ])("parseTime(%j)", (text, expected) => {
    expect(parseTime(text)).toEqual(expected);
  });

  it("reads a date input: blank, real, or wrong", () => {
    const blank = { day: "", month: "", year: "", time: "" };
    expect(readDate(blank, undefined)).toEqual({ iso: null });
    expect(readDate({ ...blank, day: "1", month: "5", year: "2026" }, undefined)).toEqual({ iso: "2026-04-30T23:00:00.000Z" });
    expect(readDate({ ...blank, day: "30", month: "6", year: "2026" }, "23:59")).toEqual({ iso: "2026-06-30T22:59:00.000Z" });
    expect(readDate({ day: "30", month: "6", year: "2026", time: "17:00" }, "23:59")).toEqual({ iso: "2026-06-30T16:00:00.000Z" });
    expect(readDate({ ...blank, day: "31", month: "6", year: "2026" }, undefined).error).toEqual({ path: "", code: "invalid_date" });
    expect(readDate({ ...blank, day: "29", month: "2", year: "2027" }, undefined).error?.code).toBe("invalid_date");
    expect(readDate({ ...blank, day: "29", month: "2", year: "2028" }, undefined).iso).not.toBeNull();
    expect(readDate({ ...blank, month: "6" }, undefined).error?.code).toBe("invalid_date");
    expect(readDate({ ...blank, day: "1", month: "6", year: "26" }, undefined).error?.code).toBe("invalid_date");
    expect(readDate({ day: "1", month: "6", year: "2026", time: "late" }, "23:59").error).toEqual({ path: "time", code: "invalid_time" });
  });
});

describe("readProcessForm", () => {
  const settings: [string, string][] = [
    ["title", "Sale Community Budget"],
    ["slug", "sale-2026"],
    ["summary", "Residents of Sale decide how £50,000 is spent."],
    ["ballotType", "approval"],
    ["minProjects", "1"],
    ["maxProjects", "3"],
    ["countingRule", "greedy"],
    ["mesCompletion", "add1_utilitarian"],
    ["mesUtilities", "cost"],
    ["tieBreak", "default"],
    ["requirePostcodeInArea", "on"],
    ["votingOpenAt.day", "1"],
    ["votingOpenAt.month", "6"],
    ["votingOpenAt.year", "2026"],
    ["votingCloseAt.day", "30"],
    ["votingCloseAt.month", "6"],
    ["votingCloseAt.year", "2026"],
    ["votingCloseAt.time", "17:00"],
  ];

  it("builds input the domain accepts, dropping blank budget rows and naming ward budgets", () => {
    const read = readProcessForm(
      form([
        ...settings,
        ["budgets.0.name", ""],
        ["budgets.0.amount", "£10,000"],
        ["budgets.0.wardCode", "E05000829"],
        ["budgets.1.name", ""],
        ["budgets.1.amount", ""],
        ["budgets.1.wardCode", ""],
        ["budgets.2.name", "Whole area"],
        ["budgets.2.amount", "40000"],
        ["budgets.2.wardCode", ""],
      ]),
      { withBudgets: true, wardNames: { E05000829: "Priory" } },
    );
    expect(read.errors).toEqual({});
    expect(read.input.budgets).toEqual([
      { name: "Priory", amount: "£10,000", wardCode: "E05000829" },
      { name: "Whole area", amount: "40000", wardCode: "" },
    ]);
    // The form shows what was typed (the name stays blank), renumbered.
    expect(read.values.budgets.map((b) => b.name)).toEqual(["", "Whole area"]);
    const parsed = validateProcessConfig(read.input);
    expect(parsed).toMatchObject({
      ok: true,
      value: {
        settings: {
          requirePostcodeInArea: true,
          useVotingCodes: false,
          votingOpenAt: new Date("2026-05-31T23:00:00.000Z"),
          votingCloseAt: new Date("2026-06-30T16:00:00.000Z"),
        },
        budgets: [{ name: "Priory", amountPence: 1_000_000n }, { name: "Whole area", amountPence: 4_000_000n }],
      },
    });
  });

  it("offers one more empty row when asked, and one when none was filled in", () => {
    const none = readProcessForm(form(settings), { withBudgets: true });
    expect(none.values.budgets).toEqual([{ name: "", amount: "", wardCode: "" }]);
    expect(none.input.budgets).toEqual([]);
    const more = readProcessForm(form([...settings, ["budgets.0.name", "Whole area"]]), { withBudgets: true, addRow: true });
    expect(more.values.budgets).toHaveLength(2);
  });

  it("reports a wrong date or time on the input it came from", () => {
    const read = readProcessForm(
      form([...settings.filter(([k]) => !k.startsWith("votingCloseAt")), ["votingCloseAt.day", "31"], ["votingCloseAt.month", "6"], ["votingCloseAt.year", "2026"], ["resultsAt.day", "1"], ["resultsAt.month", "7"], ["resultsAt.year", "2026"], ["votingOpenAt.time", "noonish"]]),
    );
    expect(read.errors).toEqual({ "votingOpenAt.time": "invalid_time", votingCloseAt: "invalid_date" });
    expect(read.input.votingCloseAt).toBe("");
  });

  it("round-trips a stored process", () => {
    const values = processToValues({
      title: "T",
      titleCy: null,
      slug: "t",
      summary: "S",
      ideasOpenAt: null,
      reviewOpenAt: null,
      votingOpenAt: new Date("2026-05-31T23:00:00.000Z"),
      votingCloseAt: new Date("2026-06-30T16:00:00.000Z"),
      resultsAt: null,
      minimumAge: 16,
      requirePostcodeInArea: true,
      useVotingCodes: false,
      ballotType: "cumulative",
      minProjects: 1,
      maxProjects: null,
      points: 10,
      pointsPerProjectCap: 5,
      rankCount: null,
      countingRule: "equal_shares",
      mesCompletion: "add1",
      mesUtilities: "cost",
      greedyThreshold: null,
      tieBreak: "id",
    });
    expect(values.dates.votingOpenAt).toEqual({ day: "1", month: "6", year: "2026", time: "00:00" });
    expect(values.dates.votingCloseAt).toEqual({ day: "30", month: "6", year: "2026", time: "17:00" });
    expect(values).toMatchObject({ titleCy: "", minimumAge: "16", points: "10", pointsPerProjectCap: "5", maxProjects: "" });
  });
});

describe("project form", () => {
  it("reads ticked outcomes once each and keeps the form as typed", () => {
    const read = readProjectForm(
      form([
        ["title", "Benches"],
        ["description", "Six benches."],
        ["cost", "£4,500"],
        ["budgetId", "b1"],
        ["latitude", "53.42"],
        ["longitude", "-2.35"],
        ["outcomes", "n1"],
        ["outcomes", "n2"],
        ["outcomes", "n1"],
      ]),
    );
    expect(read.values.outcomes).toEqual(["n1", "n2"]);
    expect(validateProject(read.input, { amountPence: 1_000_000n })).toMatchObject({
      ok: true,
      value: { costPence: 450_000n, latitude: 53.42, longitude: -2.35, outcomes: [{ nodeId: "n1", weight: 50 }, { nodeId: "n2", weight: 50 }] },
    });
  });

  it("shows a stored project's cost in pounds for editing", () => {
    const values = projectToValues({
      title: "T",
      description: "D",
      costPence: 123_450n,
      budgetId: "b1",
      wardCode: null,
      locationText: null,
      latitude: 53.4,
      longitude: null,
      outcomes: [{ nodeId: "n1" }],
    });
    expect(values).toMatchObject({ cost: "1234.50", latitude: "53.4", longitude: "", wardCode: "", outcomes: ["n1"] });
  });
});

describe("wordFieldErrors", () => {
  it("words errors in form order, keyed by input id, one per input", () => {
    const worded = wordFieldErrors(
      { "budgets.1.amount": "invalid_money", title: "required", "votingCloseAt.time": "invalid_time", "outcomes.2.nodeId": "duplicate", budgets: "too_few" },
      "en",
    );
    expect(Object.keys(worded)).toEqual(["title", "votingCloseAt-time", "budgets-0-name", "budgets-1-amount", "outcomes"]);
    expect(worded.title).toBe("Enter a title");
    expect(worded["votingCloseAt-time"]).toBe("Enter a real time, like 9:00 or 17:30");
    expect(worded["budgets-1-amount"]).toBe("Enter an amount in pounds, like £1,200 or 1200.50.");
  });

  it("says 'Select' for choices and shows degrees as we read them", () => {
    const worded = wordFieldErrors({ latitude: "invalid", budgetId: "required", cost: "too_many_decimals" }, "en", PROJECT_FIELD_ORDER);
    expect(worded).toEqual({
      cost: "Enter pence as 2 numbers after the point, like £12.50.",
      budgetId: "Select the budget",
      latitude: "Enter the latitude in decimal degrees, like 53.4216",
    });
    expect(wordFieldErrors({ budgetId: "required" }, "cy")).toEqual({ budgetId: "Dewiswch y gyllideb" });
    expect(wordFieldErrors({ description: "too_short", image: "not_image" }, "en", ["description", "image"])).toEqual({
      description: "Enter a description of at least 10 characters",
      image: "The selected file must be a JPG, PNG or WebP image",
    });
  });
});
