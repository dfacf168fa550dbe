import { describe, expect, it } from "vitest";
import {
  PHASES,
  ballotSettingsErrors,
  canEditBallotSettings,
  canEditProjects,
  canIssueVotingCodes,
  canReviewProjects,
  fieldId,
  isPhase,
  isPublicPhase,
  nextPhases,
  phaseIndex,
  readinessProblems,
  transition,
  validateBudget,
  validateProcessConfig,
  validateProcessSettings,
  validateProject,
  validateReview,
  type Phase,
  type ProcessState,
} from "~/domain/budgeting/process.ts";

const NOW = new Date("2026-03-02T09:00:00Z");

function rng(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function state(over: Partial<ProcessState> = {}): ProcessState {
  return {
    phase: "review",
    settings: {
      ballotType: "approval",
      minProjects: 1,
      maxProjects: 3,
      points: null,
      pointsPerProjectCap: null,
      rankCount: null,
      countingRule: "equal_shares",
      mesCompletion: "add1_utilitarian",
      mesUtilities: "cost",
      greedyThreshold: null,
      tieBreak: "default",
    },
    useVotingCodes: false,
    votingCloseAt: null,
    budgets: [
      {
        id: "b1",
        name: "Whole borough",
        amountPence: 1_000_000n,
        projects: [
          { status: "feasible", costPence: 400_000n },
          { status: "not_feasible", costPence: 100_000n },
        ],
      },
    ],
    votingCodesIssued: 0,
    publishedResultBudgetIds: [],
    ...over,
  };
}

describe("phase state machine", () => {
  const allowed = new Set(["draft>ideas", "draft>review", "ideas>review", "review>voting", "voting>results", "results>delivery"]);

  it.each(PHASES.flatMap((from) => PHASES.map((to) => [from, to] as const)))("%s → %s", (from, to) => {
    const ready = state({
      phase: from,
      publishedResultBudgetIds: ["b1"],
    });
    const result = transition(ready, to, NOW);
    if (allowed.has(`${from}>${to}`)) expect(result).toEqual({ ok: true, value: { from, to, at: NOW } });
    else expect(result).toEqual({ ok: false, reason: "invalid_transition", detail: { from, to } });
  });

  it("never goes backwards or repeats (property, seeded)", () => {
    const r = rng(7);
    for (let i = 0; i < 500; i++) {
      const from = PHASES[Math.floor(r() * PHASES.length)]!;
      const to = PHASES[Math.floor(r() * (phaseIndex(from) + 1))]!;
      expect(transition(state({ phase: from }), to, NOW)).toMatchObject({ ok: false, reason: "invalid_transition" });
    }
  });

  it("refuses a phase that does not exist", () => {
    expect(transition(state(), "closed" as Phase, NOW)).toMatchObject({ ok: false, reason: "invalid_transition" });
    expect(isPhase("closed")).toBe(false);
    expect(isPhase("voting")).toBe(true);
  });

  it("lists next phases and what each phase allows", () => {
    expect(nextPhases("draft")).toEqual(["ideas", "review"]);
    expect(nextPhases("delivery")).toEqual([]);
    expect(PHASES.filter(canEditBallotSettings)).toEqual(["draft", "ideas"]);
    expect(PHASES.filter(canEditProjects)).toEqual(["draft", "ideas", "review"]);
    expect(PHASES.filter(canReviewProjects)).toEqual(["review"]);
    expect(PHASES.filter(isPublicPhase)).toEqual(["ideas", "review", "voting", "results", "delivery"]);
    expect(PHASES.filter(canIssueVotingCodes)).toEqual(["draft", "ideas", "review", "voting"]);
  });
});

describe("readiness", () => {
  it("ideas and review need a budget", () => {
    expect(transition(state({ phase: "draft", budgets: [] }), "ideas", NOW)).toEqual({
      ok: false,
      reason: "not_ready",
      detail: { from: "draft", to: "ideas", problems: [{ code: "no_budgets" }] },
    });
    expect(readinessProblems(state({ budgets: [] }), "review", NOW)).toEqual([{ code: "no_budgets" }]);
  });

  it("voting needs every project reviewed and one feasible per budget", () => {
    const s = state({
      budgets: [
        { id: "b1", name: "North", amountPence: 100n, projects: [{ status: "proposed", costPence: 50n }, { status: "feasible", costPence: 50n }] },
        { id: "b2", name: "South", amountPence: 100n, projects: [{ status: "not_feasible", costPence: 50n }] },
      ],
    });
    expect(readinessProblems(s, "voting", NOW)).toEqual([
      { code: "unreviewed_projects", budgetId: "b1", budgetName: "North", count: 1 },
      { code: "no_feasible_projects", budgetId: "b2", budgetName: "South" },
    ]);
  });

  it("voting needs enough feasible projects for the minimum", () => {
    const s = state();
    s.settings.minProjects = 2;
    expect(readinessProblems(s, "voting", NOW)).toEqual([
      { code: "too_few_feasible_projects", budgetId: "b1", budgetName: "Whole borough", needed: 2, available: 1 },
    ]);
  });

  it("knapsack voting needs the cheapest minimum set to fit the budget", () => {
    const s = state({
      budgets: [{ id: "b1", name: "Ward", amountPence: 300n, projects: [{ status: "feasible", costPence: 200n }, { status: "feasible", costPence: 150n }] }],
    });
    s.settings.ballotType = "knapsack";
    s.settings.minProjects = 1;
    expect(readinessProblems(s, "voting", NOW)).toEqual([]);
    s.settings.minProjects = 2;
    expect(readinessProblems(s, "voting", NOW)).toEqual([{ code: "min_projects_unaffordable", budgetId: "b1", budgetName: "Ward", needed: 2 }]);
  });

  it("voting needs valid ballot settings, codes when used, and a future closing date", () => {
    const s = state({ useVotingCodes: true, votingCloseAt: NOW });
    s.settings.ballotType = "cumulative";
    expect(readinessProblems(s, "voting", NOW)).toEqual([
      { code: "ballot_settings_invalid", fieldErrors: { points: "required" } },
      { code: "no_voting_codes" },
      { code: "close_date_passed", closeAt: NOW },
    ]);
    expect(readinessProblems(state({ useVotingCodes: true, votingCodesIssued: 10, votingCloseAt: new Date(NOW.getTime() + 1) }), "voting", NOW)).toEqual([]);
  });

  it("closing voting is always possible; delivery needs every result published", () => {
    expect(transition(state({ phase: "voting", budgets: [] }), "results", NOW).ok).toBe(true);
    const s = state({
      phase: "results",
      budgets: [
        { id: "b1", name: "North", amountPence: 1n, projects: [] },
        { id: "b2", name: "South", amountPence: 1n, projects: [] },
      ],
      publishedResultBudgetIds: ["b1"],
    });
    expect(transition(s, "delivery", NOW)).toMatchObject({
      reason: "not_ready",
      detail: { problems: [{ code: "results_not_published", budgetId: "b2", budgetName: "South" }] },
    });
  });
});

const SETTINGS = {
  title: "Trafford Community Budget 2026",
  slug: "community-budget-2026",
  summary: "Residents decide how £500,000 is spent in their neighbourhoods.",
};

describe("validateProcessSettings", () => {
  it("applies defaults for a minimal form", () => {
    const result = validateProcessSettings(SETTINGS);
    expect(result).toEqual({
      ok: true,
      value: {
        ...SETTINGS,
        titleCy: null,
        ideasOpenAt: null,
        reviewOpenAt: null,
        votingOpenAt: null,
        votingCloseAt: null,
        resultsAt: null,
        minimumAge: null,
        requirePostcodeInArea: false,
        useVotingCodes: false,
        ballotType: "approval",
        minProjects: 1,
        maxProjects: null,
        points: null,
        pointsPerProjectCap: null,
        rankCount: null,
        countingRule: "equal_shares",
        mesCompletion: "add1_utilitarian",
        mesUtilities: "cost",
        greedyThreshold: null,
        tieBreak: "default",
      },
    });
  });

  it("reads form text: numbers, checkboxes, dates, trimmed and lower-cased slug", () => {
    const result = validateProcessSettings({
      ...SETTINGS,
      slug: "  Community-Budget-2026 ",
      titleCy: "  Cyllideb Gymunedol  ",
      minimumAge: "16",
      requirePostcodeInArea: "on",
      useVotingCodes: "true",
      ballotType: "cumulative",
      points: "10",
      pointsPerProjectCap: "",
      countingRule: "greedy_threshold",
      greedyThreshold: "25",
      votingOpenAt: "2026-05-01",
      votingCloseAt: "2026-05-31T17:00:00Z",
    });
    expect(result).toMatchObject({
      ok: true,
      value: {
        slug: "community-budget-2026",
        titleCy: "Cyllideb Gymunedol",
        minimumAge: 16,
        requirePostcodeInArea: true,
        useVotingCodes: true,
        ballotType: "cumulative",
        points: 10,
        pointsPerProjectCap: 10,
        minProjects: 1,
        maxProjects: null,
        greedyThreshold: 25,
        votingOpenAt: new Date("2026-05-01"),
        votingCloseAt: new Date("2026-05-31T17:00:00Z"),
      },
    });
  });

  it("reports every field error at once, keyed by field, in form order", () => {
    const result = validateProcessSettings({
      title: "",
      slug: "Not a slug!",
      summary: "short",
      minimumAge: "121",
      ballotType: "lottery",
      countingRule: "dictator",
      votingOpenAt: "31/02/2026",
    });
    expect(result).toEqual({
      ok: false,
      reason: "invalid",
      detail: {
        fieldErrors: {
          title: "required",
          slug: "invalid_slug",
          summary: "too_short",
          votingOpenAt: "invalid_date",
          minimumAge: "too_large",
          ballotType: "invalid",
          countingRule: "invalid",
        },
      },
    });
  });

  it.each([
    [{ minimumAge: "-1" }, { minimumAge: "too_small" }],
    [{ minimumAge: "16.5" }, { minimumAge: "not_whole_number" }],
    [{ minimumAge: "sixteen" }, { minimumAge: "not_whole_number" }],
    [{ minimumAge: "0" }, {}],
    [{ minimumAge: "120" }, {}],
    [{ ballotType: "approval", minProjects: "3", maxProjects: "2" }, { maxProjects: "below_minimum" }],
    [{ ballotType: "approval", minProjects: "0" }, { minProjects: "too_small" }],
    [{ ballotType: "knapsack", minProjects: "2", maxProjects: "1" }, { maxProjects: "below_minimum" }],
    [{ ballotType: "cumulative" }, { points: "required" }],
    [{ ballotType: "cumulative", points: "0" }, { points: "too_small" }],
    [{ ballotType: "cumulative", points: "5", pointsPerProjectCap: "6" }, { pointsPerProjectCap: "above_points" }],
    [{ ballotType: "cumulative", points: "5", pointsPerProjectCap: "5" }, {}],
    [{ ballotType: "ranked", countingRule: "greedy" }, { rankCount: "required" }],
    [{ ballotType: "ranked", rankCount: "0", countingRule: "greedy" }, { rankCount: "too_small" }],
    [{ ballotType: "ranked", rankCount: "3" }, { countingRule: "not_supported" }],
    [{ ballotType: "ranked", rankCount: "3", countingRule: "greedy" }, {}],
    [{ countingRule: "greedy_threshold" }, { greedyThreshold: "required" }],
    [{ countingRule: "greedy_threshold", greedyThreshold: "-1" }, { greedyThreshold: "too_small" }],
    [{ votingOpenAt: "2026-05-01", votingCloseAt: "2026-05-01" }, { votingCloseAt: "date_order" }],
    [{ ideasOpenAt: "2026-05-01", reviewOpenAt: "2026-04-01" }, { reviewOpenAt: "date_order" }],
    [{ ideasOpenAt: "2026-03-01", votingOpenAt: "2026-05-01", resultsAt: "2026-04-01" }, { resultsAt: "date_order" }],
    [{ title: "x".repeat(121) }, { title: "too_long" }],
    [{ slug: "a" }, { slug: "too_short" }],
    [{ slug: "-abc" }, { slug: "invalid_slug" }],
  ])("%j → %j", (over, errors) => {
    const result = validateProcessSettings({ ...SETTINGS, ...over });
    if (Object.keys(errors).length === 0) expect(result.ok).toBe(true);
    else expect(result).toEqual({ ok: false, reason: "invalid", detail: { fieldErrors: errors } });
  });

  it("clears parameters of other ballot types", () => {
    const result = validateProcessSettings({ ...SETTINGS, ballotType: "ranked", rankCount: "3", countingRule: "greedy", points: "10", maxProjects: "4" });
    expect(result).toMatchObject({ ok: true, value: { rankCount: 3, points: null, maxProjects: null, pointsPerProjectCap: null } });
  });

  it("refuses input that is not an object without throwing", () => {
    expect(validateProcessSettings(null)).toMatchObject({ ok: false, detail: { fieldErrors: { title: "required", slug: "required", summary: "required" } } });
    expect(validateProcessSettings("nonsense")).toMatchObject({ ok: false });
  });

  it("ballotSettingsErrors is empty for good stored settings", () => {
    expect(ballotSettingsErrors(state().settings)).toEqual({});
  });
});

describe("budgets", () => {
  it("reads pounds text and bigint pence", () => {
    expect(validateBudget({ name: "Whole borough", amount: "£500,000" })).toEqual({
      ok: true,
      value: { name: "Whole borough", amountPence: 50_000_000n, wardCode: null },
    });
    expect(validateBudget({ name: "Ward", amount: 12_345n, wardCode: " e05000820 " })).toEqual({
      ok: true,
      value: { name: "Ward", amountPence: 12_345n, wardCode: "E05000820" },
    });
  });

  it.each([
    [{ name: "", amount: "" }, { name: "required", amount: "required" }],
    [{ name: "Ward", amount: "0" }, { amount: "not_positive" }],
    [{ name: "Ward", amount: "-5" }, { amount: "not_positive" }],
    [{ name: "Ward", amount: 0n }, { amount: "not_positive" }],
    [{ name: "Ward", amount: 500 }, { amount: "invalid_money" }],
    [{ name: "Ward", amount: "£1.505" }, { amount: "too_many_decimals" }],
    [{ name: "Ward", amount: "lots" }, { amount: "invalid_money" }],
    [{ name: "Ward", amount: "£20,000,000,000" }, { amount: "too_large" }],
    [{ name: "Ward", amount: "5", wardCode: "Sale" }, { wardCode: "invalid_ward_code" }],
  ])("budget case %#", (input, errors) => {
    expect(validateBudget(input)).toEqual({ ok: false, reason: "invalid", detail: { fieldErrors: errors } });
  });

  it("refuses a second budget with the same name", () => {
    expect(validateBudget({ name: "whole BOROUGH", amount: "5" }, ["Whole borough"])).toMatchObject({ detail: { fieldErrors: { name: "duplicate" } } });
  });
});

describe("validateProcessConfig", () => {
  it("needs at least one budget, and keys budget errors by index", () => {
    expect(validateProcessConfig({ ...SETTINGS })).toMatchObject({ ok: false, detail: { fieldErrors: { budgets: "too_few" } } });
    const result = validateProcessConfig({
      ...SETTINGS,
      title: "",
      budgets: [
        { name: "North", amount: "100" },
        { name: "north", amount: "x" },
        { name: "South", amount: "0", wardCode: "nope" },
      ],
    });
    expect(result).toEqual({
      ok: false,
      reason: "invalid",
      detail: {
        fieldErrors: {
          title: "required",
          "budgets.1.amount": "invalid_money",
          "budgets.2.amount": "not_positive",
          "budgets.2.wardCode": "invalid_ward_code",
        },
      },
    });
  });

  it("flags duplicate budget names", () => {
    expect(validateProcessConfig({ ...SETTINGS, budgets: [{ name: "North", amount: "1" }, { name: "NORTH", amount: "1" }] })).toMatchObject({
      detail: { fieldErrors: { "budgets.1.name": "duplicate" } },
    });
  });

  it("returns settings and budgets", () => {
    const result = validateProcessConfig({ ...SETTINGS, budgets: [{ name: "North", amount: "£100" }] });
    expect(result).toMatchObject({ ok: true, value: { settings: { title: SETTINGS.title }, budgets: [{ name: "North", amountPence: 10_000n }] } });
  });

  it("field ids for the error summary", () => {
    expect(fieldId("budgets.0.amount")).toBe("budgets-0-amount");
  });
});

describe("validateProject", () => {
  const budget = { amountPence: 1_000_000n };
  const base = { title: "New benches in the park", description: "Six benches along the river path.", cost: "£4,500" };

  it("reads a project and splits outcome weights evenly when none are given", () => {
    expect(validateProject({ ...base, outcomes: [{ nodeId: "n1" }, { nodeId: "n2" }, { nodeId: "n3" }] }, budget)).toEqual({
      ok: true,
      value: {
        title: base.title,
        description: base.description,
        costPence: 450_000n,
        wardCode: null,
        locationText: null,
        latitude: null,
        longitude: null,
        outcomes: [
          { nodeId: "n1", weight: 34 },
          { nodeId: "n2", weight: 33 },
          { nodeId: "n3", weight: 33 },
        ],
      },
    });
  });

  it("accepts explicit weights that total 100", () => {
    expect(validateProject({ ...base, outcomes: [{ nodeId: "n1", weight: "70" }, { nodeId: "n2", weight: 30 }] }, budget)).toMatchObject({
      ok: true,
      value: { outcomes: [{ nodeId: "n1", weight: 70 }, { nodeId: "n2", weight: 30 }] },
    });
  });

  it.each([
    [{ outcomes: [{ nodeId: "n1", weight: 70 }, { nodeId: "n2" }] }, { outcomes: "weights_total" }],
    [{ outcomes: [{ nodeId: "n1", weight: 70 }, { nodeId: "n2", weight: 20 }] }, { outcomes: "weights_total" }],
    [{ outcomes: [{ nodeId: "n1" }, { nodeId: "n1" }] }, { "outcomes.1.nodeId": "duplicate" }],
    [{ outcomes: [{ nodeId: "" }] }, { "outcomes.0.nodeId": "required" }],
    [{ outcomes: [{ nodeId: "n1", weight: 101 }] }, { "outcomes.0.weight": "too_large" }],
    [{ outcomes: "n1" }, { outcomes: "invalid" }],
    [{ outcomes: Array.from({ length: 11 }, (_, i) => ({ nodeId: `n${i}` })) }, { outcomes: "too_many" }],
    [{ cost: "£10,000.01" }, { cost: "over_budget" }],
    [{ cost: "0" }, { cost: "not_positive" }],
    [{ cost: "" }, { cost: "required" }],
    [{ title: "", description: "" }, { title: "required", description: "required" }],
    [{ wardCode: "X1" }, { wardCode: "invalid_ward_code" }],
    [{ latitude: "53.42" }, { longitude: "required" }],
    [{ longitude: "-2.35" }, { latitude: "required" }],
    [{ latitude: "53°N", longitude: "-2.35" }, { latitude: "invalid" }],
    [{ latitude: "91", longitude: "-181" }, { latitude: "too_large", longitude: "too_small" }],
  ])("%j → %j", (over, errors) => {
    expect(validateProject({ ...base, ...over }, budget)).toEqual({ ok: false, reason: "invalid", detail: { fieldErrors: errors } });
  });

  it("reads a point as latitude and longitude together", () => {
    expect(validateProject({ ...base, latitude: " 53.4216 ", longitude: "-2.3517" }, budget)).toMatchObject({
      ok: true,
      value: { latitude: 53.4216, longitude: -2.3517 },
    });
  });

  it("accepts a cost equal to the budget, and bigint pence", () => {
    expect(validateProject({ ...base, cost: 1_000_000n }, budget)).toMatchObject({ ok: true, value: { costPence: 1_000_000n } });
  });
});

describe("validateReview", () => {
  it("feasible needs no reason; not feasible needs a published one", () => {
    expect(validateReview({ decision: "feasible" })).toEqual({ ok: true, value: { decision: "feasible", reason: null } });
    expect(validateReview({ decision: "not_feasible", reason: "" })).toEqual({ ok: false, reason: "invalid", detail: { fieldErrors: { reason: "required" } } });
    expect(validateReview({ decision: "not_feasible", reason: "The land belongs to the canal trust." })).toMatchObject({ ok: true });
    expect(validateReview({ decision: "maybe" })).toMatchObject({ detail: { fieldErrors: { decision: "invalid" } } });
    expect(validateReview({})).toMatchObject({ detail: { fieldErrors: { decision: "required" } } });
    expect(validateReview({ decision: "not_feasible", reason: "No." })).toMatchObject({ detail: { fieldErrors: { reason: "too_short" } } });
  });
});
