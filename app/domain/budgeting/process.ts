// A participatory-budgeting process: its phase state machine, and the validation of its
// configuration (title, budgets, eligibility, ballot, counting) and of its projects. Pure: no
// I/O, no clock (`now` is passed in). The server (app/server/budgeting/processes.server.ts)
// loads the facts, calls these rules, and writes with an audit event.
//
// Phases (DESIGN.md "Budget process"): draft → ideas → review → voting → results → delivery.
// Forward only. A closed phase is never reopened by an ordinary phase change: reopening voting
// after results, or ideas after review, would change what residents were told and what was
// counted, so it must be a visible, separate decision (a new process), never a silent edit.
// The one permitted skip is draft → review, for councils that collect no ideas from residents
// and enter the projects themselves; voting and results can never be skipped.
//
// Validation returns one error code per field, keyed by the form's field name ("title",
// "budgets.0.amount"), for the GOV.UK error summary; ballot-messages.ts words each code.
import { z } from "zod";
import { BALLOT_TYPES, type BallotSettings } from "~/domain/budgeting/ballot.ts";
import { parseMoney, type Pence } from "~/domain/budgeting/money.ts";
import { ok } from "~/domain/result.ts";

// ───────────────────────────── phases ─────────────────────────────

export const PHASES = ["draft", "ideas", "review", "voting", "results", "delivery"] as const;
export type Phase = (typeof PHASES)[number];

export const PROJECT_STATUSES = [
  "proposed",
  "feasible",
  "not_feasible",
  "selected",
  "not_selected",
  "in_delivery",
  "delivered",
] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

const ALLOWED: Readonly<Record<Phase, readonly Phase[]>> = {
  draft: ["ideas", "review"],
  ideas: ["review"],
  review: ["voting"],
  voting: ["results"],
  results: ["delivery"],
  delivery: [],
};

export function phaseIndex(phase: Phase): number {
  return PHASES.indexOf(phase);
}

/** The phases an officer may move to from `phase`. */
export function nextPhases(phase: Phase): readonly Phase[] {
  return ALLOWED[phase];
}

/** Ballot, eligibility, counting settings and budgets: fixed once review starts, so every voter votes under the same rules. */
export function canEditBallotSettings(phase: Phase): boolean {
  return phase === "draft" || phase === "ideas";
}

/** Projects can be added and changed until voting opens; after that the ballot is fixed. */
export function canEditProjects(phase: Phase): boolean {
  return phase === "draft" || phase === "ideas" || phase === "review";
}

/** Feasibility is decided in the review phase (and may be revised until voting opens). */
export function canReviewProjects(phase: Phase): boolean {
  return phase === "review";
}

/** Residents see a process from the ideas phase on (or from review when ideas were skipped). */
export function isPublicPhase(phase: Phase): boolean {
  return phase !== "draft";
}

/** Voting codes can be issued until voting closes. */
export function canIssueVotingCodes(phase: Phase): boolean {
  return phaseIndex(phase) <= phaseIndex("voting");
}

export type ProcessReason = "invalid_transition" | "not_ready";

/** Why a process is not ready for the phase an officer asked for; each is shown as its own line. */
export type ReadinessProblem =
  | { code: "no_budgets" }
  | { code: "ballot_settings_invalid"; fieldErrors: FieldErrors }
  | { code: "unreviewed_projects"; budgetId: string; budgetName: string; count: number }
  | { code: "no_feasible_projects"; budgetId: string; budgetName: string }
  | { code: "too_few_feasible_projects"; budgetId: string; budgetName: string; needed: number; available: number }
  | { code: "min_projects_unaffordable"; budgetId: string; budgetName: string; needed: number }
  | { code: "no_voting_codes" }
  | { code: "close_date_passed"; closeAt: Date }
  | { code: "results_not_published"; budgetId: string; budgetName: string };

/** What `transition` needs to know about a process (the server loads it). */
export interface ProcessState {
  phase: Phase;
  settings: BallotSettings & CountingSettings;
  useVotingCodes: boolean;
  votingCloseAt: Date | null;
  budgets: readonly {
    id: string;
    name: string;
    amountPence: Pence;
    projects: readonly { status: ProjectStatus; costPence: Pence }[];
  }[];
  votingCodesIssued: number;
  /** Budgets whose count has been published (BudgetResult.publishedAt set). */
  publishedResultBudgetIds: readonly string[];
}

export interface Transition {
  from: Phase;
  to: Phase;
  at: Date;
}

export type TransitionResult =
  | { ok: true; value: Transition }
  | { ok: false; reason: "invalid_transition"; detail: { from: Phase; to: Phase } }
  | { ok: false; reason: "not_ready"; detail: { from: Phase; to: Phase; problems: ReadinessProblem[] } };

/**
 * Moves a process to phase `to`, or says why not: 'invalid_transition' for a backward move, a
 * repeat, or a skipped phase; 'not_ready' with every problem for a forward move whose
 * preconditions fail (voting needs valid ballot settings, every project reviewed, at least one
 * feasible project per budget, enough of them to fill a valid ballot, voting codes when the
 * process uses them, and a closing date still in the future).
 */
export function transition(state: ProcessState, to: Phase, now: Date): TransitionResult {
  const from = state.phase;
  if (!(PHASES as readonly string[]).includes(to) || !ALLOWED[from].includes(to))
    return { ok: false, reason: "invalid_transition", detail: { from, to } };
  const problems = readinessProblems(state, to, now);
  if (problems.length > 0) return { ok: false, reason: "not_ready", detail: { from, to, problems } };
  return ok({ from, to, at: now });
}

/** Every reason `state` cannot enter phase `to` (empty when it can). */
export function readinessProblems(state: ProcessState, to: Phase, now: Date): ReadinessProblem[] {
  const problems: ReadinessProblem[] = [];
  if (to === "ideas" || to === "review" || to === "voting") {
    if (state.budgets.length === 0) problems.push({ code: "no_budgets" });
  }
  if (to === "voting") {
    const fieldErrors = ballotSettingsErrors(state.settings);
    if (Object.keys(fieldErrors).length > 0) problems.push({ code: "ballot_settings_invalid", fieldErrors });
    for (const budget of state.budgets) {
      const ref = { budgetId: budget.id, budgetName: budget.name };
      const unreviewed = budget.projects.filter((p) => p.status === "proposed").length;
      if (unreviewed > 0) problems.push({ code: "unreviewed_projects", ...ref, count: unreviewed });
      const feasible = budget.projects.filter((p) => p.status === "feasible");
      if (feasible.length === 0) {
        problems.push({ code: "no_feasible_projects", ...ref });
        continue;
      }
      const { ballotType, minProjects } = state.settings;
      if ((ballotType === "approval" || ballotType === "knapsack") && feasible.length < minProjects)
        problems.push({ code: "too_few_feasible_projects", ...ref, needed: minProjects, available: feasible.length });
      // A knapsack ballot must be fillable within the budget: the cheapest `minProjects`
      // projects (at least one) must fit, or no resident could cast a valid ballot.
      if (ballotType === "knapsack" && feasible.length >= minProjects) {
        const cheapest = feasible.map((p) => p.costPence).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
        const needed = Math.max(1, minProjects);
        const total = cheapest.slice(0, needed).reduce((s, c) => s + c, 0n);
        if (total > budget.amountPence) problems.push({ code: "min_projects_unaffordable", ...ref, needed });
      }
    }
    if (state.useVotingCodes && state.votingCodesIssued === 0) problems.push({ code: "no_voting_codes" });
    if (state.votingCloseAt && state.votingCloseAt.getTime() <= now.getTime())
      problems.push({ code: "close_date_passed", closeAt: state.votingCloseAt });
  }
  if (to === "delivery") {
    const published = new Set(state.publishedResultBudgetIds);
    for (const budget of state.budgets)
      if (!published.has(budget.id)) problems.push({ code: "results_not_published", budgetId: budget.id, budgetName: budget.name });
  }
  return problems;
}

// ───────────────────────────── field validation ─────────────────────────────

/** Why one field is wrong; ballot-messages.ts words each per field. */
export type FieldErrorCode =
  | "required"
  | "invalid"
  | "too_short"
  | "too_long"
  | "invalid_slug"
  | "not_whole_number"
  | "too_small"
  | "too_large"
  | "invalid_money"
  | "too_many_decimals"
  | "not_positive"
  | "invalid_date"
  | "date_order"
  | "duplicate"
  | "too_few"
  | "too_many"
  | "below_minimum"
  | "above_points"
  | "invalid_ward_code"
  | "unknown_ward"
  | "not_supported"
  | "over_budget"
  | "weights_total"
  | "taken"
  | "invalid_time"
  | "file_required"
  | "not_image"
  | "file_too_large";

/** Field path ("title", "budgets.0.amount") → the first error on it, in form order. */
export type FieldErrors = Record<string, FieldErrorCode>;

export type Invalid = { ok: false; reason: "invalid"; detail: { fieldErrors: FieldErrors } };
/** A validation outcome: the parsed value, or field errors. Assignable to Result<T, "invalid">. */
export type Validation<T> = { ok: true; value: T } | Invalid;

export const PROCESS_LIMITS = {
  titleMin: 3,
  titleMax: 120,
  slugMin: 2,
  slugMax: 60,
  summaryMin: 10,
  summaryMax: 2000,
  budgetNameMin: 2,
  budgetNameMax: 80,
  budgetsMax: 50,
  ageMax: 120,
  projectsPerBallotMax: 500,
  pointsMax: 1000,
  rankCountMax: 50,
  projectTitleMin: 3,
  projectTitleMax: 120,
  descriptionMax: 5000,
  locationMax: 200,
  outcomesMax: 10,
} as const;

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** ONS GSS code of a ward: a country letter and eight digits (E05014127). */
export const WARD_CODE_PATTERN = /^[EWSN]\d{8}$/;

export const COUNTING_RULES = ["greedy", "greedy_no_skip", "greedy_threshold", "equal_shares"] as const;
export type CountingRule = (typeof COUNTING_RULES)[number];
export const MES_COMPLETIONS = ["none", "add1", "add1_utilitarian"] as const;
export type MesCompletion = (typeof MES_COMPLETIONS)[number];
export const MES_UTILITIES = ["cost", "cardinality"] as const;
export type MesUtilities = (typeof MES_UTILITIES)[number];
export const TIE_BREAKS = ["default", "id", "report"] as const;
export type TieBreak = (typeof TIE_BREAKS)[number];

export interface CountingSettings {
  countingRule: CountingRule;
  mesCompletion: MesCompletion;
  mesUtilities: MesUtilities;
  greedyThreshold: number | null;
  tieBreak: TieBreak;
}

const isBlank = (v: unknown) => v === undefined || v === null || (typeof v === "string" && v.trim() === "");
const blankToNull = (v: unknown) => (isBlank(v) ? null : typeof v === "string" ? v.trim() : v);
const requiredCode = (issue: { input?: unknown }) => (issue.input === undefined || issue.input === null ? "required" : "invalid");

function requiredText(min: number, max: number) {
  return z.preprocess(
    blankToNull,
    z.string({ error: requiredCode }).min(min, { error: "too_short" }).max(max, { error: "too_long" }),
  );
}

function optionalText(min: number, max: number) {
  return z.preprocess(blankToNull, z.string({ error: "invalid" }).min(min, { error: "too_short" }).max(max, { error: "too_long" }).nullable());
}

// Forms post numbers as text: "12" becomes 12; "12.5" or "twelve" stay text and fail as not a whole number.
const toInt = (v: unknown) => {
  const b = blankToNull(v);
  return typeof b === "string" && /^[+-]?\d{1,12}$/.test(b) ? Number(b) : b;
};

function int(min: number, max: number) {
  return z.number({ error: "not_whole_number" }).int({ error: "not_whole_number" }).min(min, { error: "too_small" }).max(max, { error: "too_large" });
}
const optionalInt = (min: number, max: number) => z.preprocess(toInt, int(min, max).nullable());

// An unticked checkbox is simply absent from the posted form, so absent means false.
const checkbox = z.preprocess(
  (v) => v === true || v === "on" || v === "true" || v === "yes" || v === "1",
  z.boolean(),
);

function choice<T extends readonly [string, ...string[]]>(values: T, fallback: T[number]) {
  return z.preprocess((v) => (isBlank(v) ? fallback : v), z.enum(values, { error: "invalid" }));
}

// Dates arrive as "2026-05-01" (a GOV.UK date input joined by the route) or as Date objects.
const optionalDate = z.preprocess((v) => {
  const b = blankToNull(v);
  if (typeof b === "string") return /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?$/.test(b) ? new Date(b) : b;
  return b;
}, z.date({ error: "invalid_date" }).nullable());

const slugField = z.preprocess(
  (v) => (typeof v === "string" ? v.trim().toLowerCase() : blankToNull(v)),
  z
    .string({ error: requiredCode })
    .min(1, { error: "required" })
    .regex(SLUG_PATTERN, { error: "invalid_slug" })
    .min(PROCESS_LIMITS.slugMin, { error: "too_short" })
    .max(PROCESS_LIMITS.slugMax, { error: "too_long" }),
);

const wardCodeField = z.preprocess(
  (v) => (typeof v === "string" ? (blankToNull(v.toUpperCase()) as unknown) : blankToNull(v)),
  z.string({ error: "invalid_ward_code" }).regex(WARD_CODE_PATTERN, { error: "invalid_ward_code" }).nullable(),
);

/**
 * Money from a form ("£1,200.50", read as pounds) or from code (a bigint, read as pence). A
 * plain JavaScript number is refused: whether 1200 means pounds or pence cannot be told.
 */
function moneyField(issues: { code: FieldErrorCode }[], value: unknown): Pence | null {
  if (typeof value === "bigint") {
    if (value <= 0n) issues.push({ code: "not_positive" });
    return value;
  }
  if (isBlank(value)) {
    issues.push({ code: "required" });
    return null;
  }
  if (typeof value !== "string") {
    issues.push({ code: "invalid_money" });
    return null;
  }
  const parsed = parseMoney(value);
  if (!parsed.ok) {
    const map = { empty: "required", invalid: "invalid_money", too_many_decimals: "too_many_decimals", negative: "not_positive", too_large: "too_large" } as const;
    issues.push({ code: map[parsed.reason] });
    return null;
  }
  if (parsed.value <= 0n) issues.push({ code: "not_positive" });
  return parsed.value;
}

const FIELD_CODES: ReadonlySet<string> = new Set<FieldErrorCode>([
  "required", "invalid", "too_short", "too_long", "invalid_slug", "not_whole_number", "too_small", "too_large",
  "invalid_money", "too_many_decimals", "not_positive", "invalid_date", "date_order", "duplicate", "too_few",
  "too_many", "below_minimum", "above_points", "invalid_ward_code", "unknown_ward", "not_supported", "over_budget",
  "weights_total", "taken", "invalid_time", "file_required", "not_image", "file_too_large",
]);

type Shape = Record<string, z.ZodType>;
type Parsed<S extends Shape> = { [K in keyof S]: z.output<S[K]> };

/**
 * Parses each field on its own, so one submission reports every wrong field at once and the
 * cross-field rules still see the fields that were fine.
 */
function parseFields<S extends Shape>(shape: S, input: unknown, prefix = ""): { values: Partial<Parsed<S>>; errors: FieldErrors } {
  const source = (typeof input === "object" && input !== null ? input : {}) as Record<string, unknown>;
  const values: Partial<Parsed<S>> = {};
  const errors: FieldErrors = {};
  for (const key of Object.keys(shape) as (keyof S & string)[]) {
    const parsed = shape[key]!.safeParse(source[key]);
    if (parsed.success) values[key] = parsed.data as Parsed<S>[typeof key];
    else {
      const message = parsed.error.issues[0]?.message ?? "invalid";
      errors[prefix + key] = FIELD_CODES.has(message) ? (message as FieldErrorCode) : "invalid";
    }
  }
  return { values, errors };
}

function setOnce(errors: FieldErrors, path: string, code: FieldErrorCode) {
  if (!(path in errors)) errors[path] = code;
}

// ───────────────────────────── process settings ─────────────────────────────

const settingsShape = {
  title: requiredText(PROCESS_LIMITS.titleMin, PROCESS_LIMITS.titleMax),
  titleCy: optionalText(PROCESS_LIMITS.titleMin, PROCESS_LIMITS.titleMax),
  slug: slugField,
  summary: requiredText(PROCESS_LIMITS.summaryMin, PROCESS_LIMITS.summaryMax),
  ideasOpenAt: optionalDate,
  reviewOpenAt: optionalDate,
  votingOpenAt: optionalDate,
  votingCloseAt: optionalDate,
  resultsAt: optionalDate,
  minimumAge: optionalInt(0, PROCESS_LIMITS.ageMax),
  requirePostcodeInArea: checkbox,
  useVotingCodes: checkbox,
  ballotType: choice(BALLOT_TYPES, "approval"),
  minProjects: optionalInt(1, PROCESS_LIMITS.projectsPerBallotMax),
  maxProjects: optionalInt(1, PROCESS_LIMITS.projectsPerBallotMax),
  points: optionalInt(1, PROCESS_LIMITS.pointsMax),
  pointsPerProjectCap: optionalInt(1, PROCESS_LIMITS.pointsMax),
  rankCount: optionalInt(1, PROCESS_LIMITS.rankCountMax),
  countingRule: choice(COUNTING_RULES, "equal_shares"),
  mesCompletion: choice(MES_COMPLETIONS, "add1_utilitarian"),
  mesUtilities: choice(MES_UTILITIES, "cost"),
  greedyThreshold: optionalInt(0, Number.MAX_SAFE_INTEGER),
  tieBreak: choice(TIE_BREAKS, "default"),
};

/** Everything about a process except its budgets, normalised (unused ballot parameters null). */
export interface ProcessSettings extends BallotSettings, CountingSettings {
  title: string;
  titleCy: string | null;
  slug: string;
  summary: string;
  ideasOpenAt: Date | null;
  reviewOpenAt: Date | null;
  votingOpenAt: Date | null;
  votingCloseAt: Date | null;
  resultsAt: Date | null;
  minimumAge: number | null;
  requirePostcodeInArea: boolean;
  useVotingCodes: boolean;
}

/** The settings that are fixed once review starts (`canEditBallotSettings`). */
export const LOCKED_SETTINGS = [
  "minimumAge",
  "requirePostcodeInArea",
  "useVotingCodes",
  "ballotType",
  "minProjects",
  "maxProjects",
  "points",
  "pointsPerProjectCap",
  "rankCount",
  "countingRule",
  "mesCompletion",
  "mesUtilities",
  "greedyThreshold",
  "tieBreak",
] as const satisfies readonly (keyof ProcessSettings)[];

/**
 * Cross-field rules of the ballot and counting settings, also re-checked before voting opens:
 * approval: 1 ≤ min ≤ max; knapsack: min ≥ 1, max optional (the budget is the real limit);
 * cumulative: points N ≥ 1 and 1 ≤ per-project cap ≤ N; ranked: top K ≥ 1; greedy_threshold
 * needs a threshold; ranked ballots are counted by greedy rules only (MES is defined for
 * approval and score ballots: pb-rules.md §5.1).
 */
export function ballotSettingsErrors(s: { [K in keyof (BallotSettings & CountingSettings)]?: (BallotSettings & CountingSettings)[K] | null }): FieldErrors {
  const errors: FieldErrors = {};
  if (s.ballotType === "approval" || s.ballotType === "knapsack") {
    const min = s.minProjects;
    if (min !== undefined && min !== null && min < 1) setOnce(errors, "minProjects", "too_small");
    if (typeof min === "number" && typeof s.maxProjects === "number" && s.maxProjects < min) setOnce(errors, "maxProjects", "below_minimum");
  }
  if (s.ballotType === "cumulative") {
    if (s.points === null) setOnce(errors, "points", "required");
    if (typeof s.points === "number" && typeof s.pointsPerProjectCap === "number" && s.pointsPerProjectCap > s.points)
      setOnce(errors, "pointsPerProjectCap", "above_points");
  }
  if (s.ballotType === "ranked") {
    if (s.rankCount === null) setOnce(errors, "rankCount", "required");
    if (s.countingRule === "equal_shares") setOnce(errors, "countingRule", "not_supported");
  }
  if (s.countingRule === "greedy_threshold" && s.greedyThreshold === null) setOnce(errors, "greedyThreshold", "required");
  return errors;
}

const DATE_ORDER = ["ideasOpenAt", "reviewOpenAt", "votingOpenAt", "votingCloseAt", "resultsAt"] as const;

/** Validates a process's settings (everything but budgets). */
export function validateProcessSettings(input: unknown): Validation<ProcessSettings> {
  const { values: v, errors } = parseFields(settingsShape, input);
  Object.assign(errors, Object.fromEntries(Object.entries(ballotSettingsErrors(v)).filter(([k]) => !(k in errors))));
  // Planned dates must not run backwards: each one on or after the last one given.
  let previous: Date | null = null;
  for (const key of DATE_ORDER) {
    const date = v[key];
    if (!(date instanceof Date)) continue;
    if (previous && date.getTime() < previous.getTime()) setOnce(errors, key, "date_order");
    // Voting must close strictly after it opens.
    if (key === "votingCloseAt" && v.votingOpenAt instanceof Date && date.getTime() <= v.votingOpenAt.getTime())
      setOnce(errors, key, "date_order");
    previous = date;
  }
  if (Object.keys(errors).length > 0) return invalid(errors);
  const type = v.ballotType!;
  const usesCount = type === "approval" || type === "knapsack";
  const settings: ProcessSettings = {
    title: v.title!,
    titleCy: v.titleCy ?? null,
    slug: v.slug!,
    summary: v.summary!,
    ideasOpenAt: v.ideasOpenAt ?? null,
    reviewOpenAt: v.reviewOpenAt ?? null,
    votingOpenAt: v.votingOpenAt ?? null,
    votingCloseAt: v.votingCloseAt ?? null,
    resultsAt: v.resultsAt ?? null,
    minimumAge: v.minimumAge ?? null,
    requirePostcodeInArea: v.requirePostcodeInArea!,
    useVotingCodes: v.useVotingCodes!,
    ballotType: type,
    // Stored minProjects is NOT NULL: other types keep 1, which their rules never read.
    minProjects: usesCount ? (v.minProjects ?? 1) : 1,
    maxProjects: usesCount ? (v.maxProjects ?? null) : null,
    points: type === "cumulative" ? v.points! : null,
    pointsPerProjectCap: type === "cumulative" ? (v.pointsPerProjectCap ?? v.points!) : null,
    rankCount: type === "ranked" ? v.rankCount! : null,
    countingRule: v.countingRule!,
    mesCompletion: v.mesCompletion!,
    mesUtilities: v.mesUtilities!,
    greedyThreshold: v.countingRule === "greedy_threshold" ? v.greedyThreshold! : null,
    tieBreak: v.tieBreak!,
  };
  return ok(settings);
}

// ───────────────────────────── budgets ─────────────────────────────

export interface BudgetDraft {
  name: string;
  amountPence: Pence;
  wardCode: string | null;
}

const budgetShape = {
  name: requiredText(PROCESS_LIMITS.budgetNameMin, PROCESS_LIMITS.budgetNameMax),
  wardCode: wardCodeField,
};

function parseBudget(input: unknown, prefix: string): { value: BudgetDraft | null; errors: FieldErrors } {
  const { values, errors } = parseFields(budgetShape, input, prefix);
  const source = (typeof input === "object" && input !== null ? input : {}) as Record<string, unknown>;
  const issues: { code: FieldErrorCode }[] = [];
  const amountPence = moneyField(issues, source.amount);
  if (issues[0]) errors[`${prefix}amount`] = issues[0].code;
  // Keep form order: name, amount, wardCode.
  const ordered: FieldErrors = {};
  for (const key of ["name", "amount", "wardCode"]) if (errors[prefix + key]) ordered[prefix + key] = errors[prefix + key]!;
  if (Object.keys(ordered).length > 0 || amountPence === null) return { value: null, errors: ordered };
  return { value: { name: values.name!, amountPence, wardCode: values.wardCode ?? null }, errors: {} };
}

/**
 * One budget: a name, an amount (pounds text, or bigint pence), and a ward code when the money
 * is for one ward. `existingNames` refuses a second budget of the same name in the process.
 */
export function validateBudget(input: unknown, existingNames: readonly string[] = []): Validation<BudgetDraft> {
  const { value, errors } = parseBudget(input, "");
  if (value && existingNames.some((n) => n.trim().toLowerCase() === value.name.toLowerCase())) errors.name = "duplicate";
  if (!value || Object.keys(errors).length > 0) return invalid(errors);
  return ok(value);
}

export interface ProcessConfig {
  settings: ProcessSettings;
  budgets: BudgetDraft[];
}

/** A whole new process: settings plus at least one budget ("budgets.0.amount" style keys). */
export function validateProcessConfig(input: unknown): Validation<ProcessConfig> {
  const settings = validateProcessSettings(input);
  const errors: FieldErrors = settings.ok ? {} : { ...settings.detail.fieldErrors };
  const source = (typeof input === "object" && input !== null ? input : {}) as Record<string, unknown>;
  const rawBudgets = source.budgets;
  const budgets: BudgetDraft[] = [];
  if (!Array.isArray(rawBudgets) || rawBudgets.length === 0) errors.budgets = "too_few";
  else if (rawBudgets.length > PROCESS_LIMITS.budgetsMax) errors.budgets = "too_many";
  else {
    const names = new Set<string>();
    rawBudgets.forEach((raw, i) => {
      const parsed = parseBudget(raw, `budgets.${i}.`);
      Object.assign(errors, parsed.errors);
      if (!parsed.value) return;
      const key = parsed.value.name.toLowerCase();
      if (names.has(key)) setOnce(errors, `budgets.${i}.name`, "duplicate");
      names.add(key);
      budgets.push(parsed.value);
    });
  }
  if (!settings.ok || Object.keys(errors).length > 0) return invalid(errors);
  return ok({ settings: settings.value, budgets });
}

// ───────────────────────────── projects ─────────────────────────────

export interface ProjectDraft {
  title: string;
  description: string;
  costPence: Pence;
  wardCode: string | null;
  locationText: string | null;
  /** WGS84 degrees, both or neither: a point for the map beside the place in words. */
  latitude: number | null;
  longitude: number | null;
  /** Framework node ids with percentage weights summing to 100 (or none). */
  outcomes: { nodeId: string; weight: number }[];
}

const projectShape = {
  title: requiredText(PROCESS_LIMITS.projectTitleMin, PROCESS_LIMITS.projectTitleMax),
  description: requiredText(1, PROCESS_LIMITS.descriptionMax),
  wardCode: wardCodeField,
  locationText: optionalText(1, PROCESS_LIMITS.locationMax),
};

// Decimal degrees as typed ("53.4216", "-2.35"); nothing else (no "53°N"), so a typo is refused
// rather than guessed.
const DEGREES = /^[+-]?\d{1,3}(\.\d{1,10})?$/;

function coordinate(errors: FieldErrors, key: "latitude" | "longitude", value: unknown, limit: number): number | null {
  if (isBlank(value)) return null;
  const text = typeof value === "number" ? String(value) : typeof value === "string" ? value.trim() : "";
  if (!DEGREES.test(text)) {
    setOnce(errors, key, "invalid");
    return null;
  }
  const n = Number(text);
  if (n < -limit) setOnce(errors, key, "too_small");
  else if (n > limit) setOnce(errors, key, "too_large");
  return n;
}

/**
 * A project: title, description, cost (pounds text or bigint pence, more than zero and no more
 * than its budget — a project the budget cannot pay for can never be funded), optional ward and
 * place (words, and a point given as latitude and longitude together), and outcome mappings. Outcome weights are percentages: give none and the project's
 * weight is split evenly (the remainder to the first), or give all of them summing to 100.
 */
export function validateProject(input: unknown, budget: { amountPence: Pence }): Validation<ProjectDraft> {
  const { values, errors } = parseFields(projectShape, input);
  const source = (typeof input === "object" && input !== null ? input : {}) as Record<string, unknown>;
  const issues: { code: FieldErrorCode }[] = [];
  const costPence = moneyField(issues, source.cost);
  if (issues[0]) errors.cost = issues[0].code;
  else if (costPence !== null && costPence > budget.amountPence) errors.cost = "over_budget";
  const latitude = coordinate(errors, "latitude", source.latitude, 90);
  const longitude = coordinate(errors, "longitude", source.longitude, 180);
  // Half a point cannot be put on a map: ask for the missing half.
  if (latitude === null && longitude !== null && !errors.longitude) setOnce(errors, "latitude", "required");
  if (longitude === null && latitude !== null && !errors.latitude) setOnce(errors, "longitude", "required");

  const outcomes: { nodeId: string; weight: number }[] = [];
  const rawOutcomes = source.outcomes ?? [];
  if (!Array.isArray(rawOutcomes)) errors.outcomes = "invalid";
  else if (rawOutcomes.length > PROCESS_LIMITS.outcomesMax) errors.outcomes = "too_many";
  else {
    const seen = new Set<string>();
    const weights: (number | null)[] = [];
    rawOutcomes.forEach((raw: unknown, i) => {
      const o = (typeof raw === "object" && raw !== null ? raw : {}) as Record<string, unknown>;
      const nodeId = typeof o.nodeId === "string" ? o.nodeId.trim() : "";
      if (nodeId === "") return setOnce(errors, `outcomes.${i}.nodeId`, "required");
      if (seen.has(nodeId)) return setOnce(errors, `outcomes.${i}.nodeId`, "duplicate");
      seen.add(nodeId);
      const w = optionalInt(1, 100).safeParse(o.weight);
      if (!w.success) return setOnce(errors, `outcomes.${i}.weight`, (w.error.issues[0]?.message as FieldErrorCode) ?? "invalid");
      weights.push(w.data);
      outcomes.push({ nodeId, weight: w.data ?? 0 });
    });
    const given = weights.filter((w) => w !== null).length;
    if (!Object.keys(errors).some((k) => k.startsWith("outcomes")) && outcomes.length > 0) {
      if (given === 0) {
        const share = Math.floor(100 / outcomes.length);
        outcomes.forEach((o, i) => (o.weight = share + (i === 0 ? 100 - share * outcomes.length : 0)));
      } else if (given !== outcomes.length || outcomes.reduce((s, o) => s + o.weight, 0) !== 100) errors.outcomes = "weights_total";
    }
  }
  if (Object.keys(errors).length > 0 || costPence === null)
    return invalid(errors, ["title", "description", "cost", "wardCode", "locationText", "latitude", "longitude", "outcomes"]);
  return ok({
    title: values.title!,
    description: values.description!,
    costPence,
    wardCode: values.wardCode ?? null,
    locationText: values.locationText ?? null,
    latitude,
    longitude,
    outcomes,
  });
}

// ───────────────────────────── feasibility review ─────────────────────────────

export const REVIEW_DECISIONS = ["feasible", "not_feasible"] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

export interface ReviewDraft {
  decision: ReviewDecision;
  /** Published with the project. Required when not feasible: residents are told why. */
  reason: string | null;
}

const reviewShape = {
  decision: z.preprocess(blankToNull, z.enum(REVIEW_DECISIONS, { error: requiredCode })),
  reason: optionalText(10, 2000),
};

export function validateReview(input: unknown): Validation<ReviewDraft> {
  const { values, errors } = parseFields(reviewShape, input);
  if (values.decision === "not_feasible" && !values.reason && !errors.reason) errors.reason = "required";
  if (Object.keys(errors).length > 0) return invalid(errors, ["decision", "reason"]);
  return ok({ decision: values.decision!, reason: values.reason ?? null });
}

// ───────────────────────────── helpers ─────────────────────────────

/** Form order for the error summary: settings, then budgets by index, then anything else. */
export const SETTINGS_FIELD_ORDER = [...Object.keys(settingsShape), "budgets"] as const;

function inOrder(errors: FieldErrors, order: readonly string[]): FieldErrors {
  const rank = (path: string): [number, string] => {
    const top = path.split(".")[0]!;
    const i = order.indexOf(top);
    return [i === -1 ? order.length : i, path];
  };
  const keys = Object.keys(errors).sort((a, b) => {
    const [x, y] = [rank(a), rank(b)];
    return x[0] - y[0] || naturalCompare(x[1], y[1]);
  });
  return Object.fromEntries(keys.map((k) => [k, errors[k]!]));
}

function naturalCompare(a: string, b: string): number {
  return a.localeCompare(b, "en", { numeric: true });
}

function invalid(errors: FieldErrors, order: readonly string[] = SETTINGS_FIELD_ORDER): Invalid {
  return { ok: false, reason: "invalid", detail: { fieldErrors: inOrder(errors, order) } };
}

/** The id an input gets on the page, so the error summary can link to it: "budgets.0.amount" → "budgets-0-amount". */
export function fieldId(path: string): string {
  return path.replaceAll(".", "-");
}

/** Whether a value is one of the phases (for parsing a posted "to" field). */
export function isPhase(value: unknown): value is Phase {
  return typeof value === "string" && (PHASES as readonly string[]).includes(value);
}
