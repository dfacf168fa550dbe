// Between the officer's forms (process settings with budgets, projects) and the budgeting use
// cases: reads the posted fields into the input the use cases validate, keeps what was typed for
// re-display, and words field errors for the GOV.UK error summary, keyed by the id of the input
// each one belongs to. Pure: the routes pass the posted FormData in.
//
// Dates are GOV.UK date inputs (day, month, year; a time for when voting opens and closes). They
// are read as UK clock time (Europe/London, so British Summer Time is handled) and passed on as an
// exact instant: a council that says "voting closes at 17:00 on 30 June" means 17:00 in the UK,
// whatever time zone the server runs in.
import { fieldErrorMessage } from "~/domain/budgeting/ballot-messages.ts";
import { penceToInput, type Pence } from "~/domain/budgeting/money.ts";
import { SETTINGS_FIELD_ORDER, fieldId, type FieldErrorCode, type FieldErrors, PROCESS_LIMITS } from "~/domain/budgeting/process.ts";
import type { Locale } from "~/domain/i18n/locale.ts";

/** What a posted form offers: FormData fits, and so does a test's stand-in. */
export interface FormReader {
  get(name: string): unknown;
  getAll(name: string): unknown[];
}

function field(form: FormReader, name: string, max = 5000): string {
  const v = form.get(name);
  return typeof v === "string" ? v.slice(0, max) : "";
}

// ───────────────────────────── UK dates and times ─────────────────────────────

export const DATE_FIELDS = ["ideasOpenAt", "reviewOpenAt", "votingOpenAt", "votingCloseAt", "resultsAt"] as const;
export type DateField = (typeof DATE_FIELDS)[number];

/**
 * The dates that carry a time, and the time meant when none is typed: voting opens at the start
 * of its first day and closes at the end of its last (23:59), which is what people assume.
 */
export const TIMED_DATES: Partial<Record<DateField, string>> = { votingOpenAt: "00:00", votingCloseAt: "23:59" };

export interface DateParts {
  day: string;
  month: string;
  year: string;
  time: string;
}

const LONDON = "Europe/London";

function londonParts(instant: Date) {
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone: LONDON,
    hourCycle: "h23",
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "numeric",
  }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  return { year: get("year"), month: get("month"), day: get("day"), hour: get("hour"), minute: get("minute") };
}

/** Milliseconds the UK clock is ahead of UTC at `instant` (0 in winter, one hour in summer). */
function londonOffset(instant: number): number {
  const p = londonParts(new Date(instant));
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute) - Math.floor(instant / 60_000) * 60_000;
}

/**
 * The instant the UK clock shows `hour:minute` on the given day. A time in the hour repeated when
 * the clocks go back is read as the first of the two; a time in the hour skipped when they go
 * forward, as the same number of minutes into the hour after it.
 */
export function ukClockToInstant(year: number, month: number, day: number, hour: number, minute: number): Date {
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  // The UK offset is 0 or +1 hour; the offsets three hours either side cover both.
  const offsets = [...new Set([-3, 0, 3].map((h) => londonOffset(wall + h * 3_600_000)))];
  const matching = offsets.map((o) => wall - o).filter((t) => londonOffset(t) === wall - t);
  return new Date(matching.length > 0 ? Math.min(...matching) : wall - Math.min(...offsets));
}

/** The parts a date input shows for `date` (UK clock), or blanks. */
export function toDateParts(date: Date | string | null | undefined, timed: boolean): DateParts {
  if (!date) return { day: "", month: "", year: "", time: "" };
  const p = londonParts(new Date(date));
  return {
    day: String(p.day),
    month: String(p.month),
    year: String(p.year),
    time: timed ? `${String(p.hour).padStart(2, "0")}:${String(p.minute).padStart(2, "0")}` : "",
  };
}

/**
 * A date as the UK reads it, in GOV.UK style: "1 June 2026", and with the time "1 June 2026 at
 * 5:30pm" ("9am" for a whole hour; midnight as "12am"). Welsh: "1 Mehefin 2026 am 17:30".
 */
export function formatUkDate(date: Date | string, locale: Locale, withTime = false): string {
  const instant = new Date(date);
  const day = new Intl.DateTimeFormat(locale === "cy" ? "cy-GB" : "en-GB", { timeZone: LONDON, day: "numeric", month: "long", year: "numeric" }).format(instant);
  if (!withTime) return day;
  const { hour, minute } = londonParts(instant);
  const mm = String(minute).padStart(2, "0");
  if (locale === "cy") return `${day} am ${String(hour).padStart(2, "0")}:${mm}`;
  const h12 = hour % 12 === 0 ? 12 : hour % 12;
  return `${day} at ${h12}${minute === 0 ? "" : `:${mm}`}${hour < 12 ? "am" : "pm"}`;
}

/** "17:00", "9:30", "9", "5pm", "5.30pm", "12am" → hour and minute; null if it is not a time. */
export function parseTime(text: string): { hour: number; minute: number } | null {
  const m = /^(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?$/i.exec(text.trim());
  if (!m) return null;
  let hour = Number(m[1]);
  const minute = m[2] === undefined ? 0 : Number(m[2]);
  const half = m[3]?.toLowerCase().replaceAll(".", "");
  if (minute > 59) return null;
  if (half) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (half === "pm" ? 12 : 0);
  } else if (hour > 23) return null;
  return { hour, minute };
}

/**
 * Reads one date input: blank → null; a real date (and time) → the instant as ISO text; anything
 * else → the error for the date or for its time.
 */
export function readDate(parts: DateParts, defaultTime: string | undefined): { iso: string | null; error?: { path: string; code: FieldErrorCode } } {
  const { day, month, year, time } = { day: parts.day.trim(), month: parts.month.trim(), year: parts.year.trim(), time: parts.time.trim() };
  if (!day && !month && !year && !time) return { iso: null };
  const d = /^\d{1,2}$/.test(day) ? Number(day) : NaN;
  const mo = /^\d{1,2}$/.test(month) ? Number(month) : NaN;
  const y = /^\d{4}$/.test(year) ? Number(year) : NaN;
  const real = !Number.isNaN(d + mo + y) && mo >= 1 && mo <= 12 && d >= 1 && d <= new Date(Date.UTC(y, mo, 0)).getUTCDate() && y >= 2000;
  if (!real) return { iso: null, error: { path: "", code: "invalid_date" } };
  let clock = { hour: 0, minute: 0 };
  if (defaultTime !== undefined) {
    const parsed = parseTime(time || defaultTime);
    if (!parsed) return { iso: null, error: { path: "time", code: "invalid_time" } };
    clock = parsed;
  }
  return { iso: ukClockToInstant(y, mo, d, clock.hour, clock.minute).toISOString() };
}

// ───────────────────────────── process settings ─────────────────────────────

export interface BudgetRow {
  name: string;
  amount: string;
  wardCode: string;
}

export interface ProcessFormValues {
  title: string;
  titleCy: string;
  slug: string;
  summary: string;
  dates: Record<DateField, DateParts>;
  minimumAge: string;
  requirePostcodeInArea: boolean;
  useVotingCodes: boolean;
  ballotType: string;
  minProjects: string;
  maxProjects: string;
  points: string;
  pointsPerProjectCap: string;
  rankCount: string;
  countingRule: string;
  mesCompletion: string;
  mesUtilities: string;
  greedyThreshold: string;
  tieBreak: string;
  budgets: BudgetRow[];
}

const TEXT_SETTINGS = [
  "title",
  "titleCy",
  "slug",
  "summary",
  "minimumAge",
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
] as const;

/** A new process's form before anything is typed: the domain's defaults, one empty budget. */
export function blankProcessValues(): ProcessFormValues {
  return {
    title: "",
    titleCy: "",
    slug: "",
    summary: "",
    dates: Object.fromEntries(DATE_FIELDS.map((f) => [f, { day: "", month: "", year: "", time: "" }])) as Record<DateField, DateParts>,
    minimumAge: "",
    requirePostcodeInArea: true,
    useVotingCodes: false,
    ballotType: "approval",
    minProjects: "1",
    maxProjects: "",
    points: "",
    pointsPerProjectCap: "",
    rankCount: "",
    countingRule: "equal_shares",
    mesCompletion: "add1_utilitarian",
    mesUtilities: "cost",
    greedyThreshold: "",
    tieBreak: "default",
    budgets: [{ name: "", amount: "", wardCode: "" }],
  };
}

/** The stored settings of a process, as its edit form shows them. */
export function processToValues(p: {
  title: string;
  titleCy: string | null;
  slug: string;
  summary: string;
  ideasOpenAt: Date | string | null;
  reviewOpenAt: Date | string | null;
  votingOpenAt: Date | string | null;
  votingCloseAt: Date | string | null;
  resultsAt: Date | string | null;
  minimumAge: number | null;
  requirePostcodeInArea: boolean;
  useVotingCodes: boolean;
  ballotType: string;
  minProjects: number;
  maxProjects: number | null;
  points: number | null;
  pointsPerProjectCap: number | null;
  rankCount: number | null;
  countingRule: string;
  mesCompletion: string;
  mesUtilities: string;
  greedyThreshold: number | null;
  tieBreak: string;
}): ProcessFormValues {
  const str = (n: number | null) => (n === null ? "" : String(n));
  return {
    title: p.title,
    titleCy: p.titleCy ?? "",
    slug: p.slug,
    summary: p.summary,
    dates: Object.fromEntries(DATE_FIELDS.map((f) => [f, toDateParts(p[f], f in TIMED_DATES)])) as Record<DateField, DateParts>,
    minimumAge: str(p.minimumAge),
    requirePostcodeInArea: p.requirePostcodeInArea,
    useVotingCodes: p.useVotingCodes,
    ballotType: p.ballotType,
    minProjects: String(p.minProjects),
    maxProjects: str(p.maxProjects),
    points: str(p.points),
    pointsPerProjectCap: str(p.pointsPerProjectCap),
    rankCount: str(p.rankCount),
    countingRule: p.countingRule,
    mesCompletion: p.mesCompletion,
    mesUtilities: p.mesUtilities,
    greedyThreshold: str(p.greedyThreshold),
    tieBreak: p.tieBreak,
    budgets: [],
  };
}

export interface ReadProcessForm {
  values: ProcessFormValues;
  /** For createProcess / updateProcess (which validate it). */
  input: Record<string, unknown>;
  /** Problems found reading the form itself (dates and times), before the use case sees it. */
  errors: FieldErrors;
}

/**
 * Reads the process form. Budget rows left completely blank are dropped (the form always offers
 * an empty row to fill in) and the rest renumbered, so the rows shown again match the error keys.
 * A ward budget with no name is named after its ward. `addRow` asks for one more empty row.
 */
export function readProcessForm(
  form: FormReader,
  options: { wardNames?: Readonly<Record<string, string>>; withBudgets?: boolean; addRow?: boolean } = {},
): ReadProcessForm {
  const values = blankProcessValues();
  for (const key of TEXT_SETTINGS) values[key] = field(form, key, key === "summary" ? PROCESS_LIMITS.summaryMax + 500 : 500);
  values.requirePostcodeInArea = form.get("requirePostcodeInArea") === "on";
  values.useVotingCodes = form.get("useVotingCodes") === "on";
  const input: Record<string, unknown> = {
    ...Object.fromEntries(TEXT_SETTINGS.map((k) => [k, values[k]])),
    requirePostcodeInArea: values.requirePostcodeInArea,
    useVotingCodes: values.useVotingCodes,
  };
  const errors: FieldErrors = {};
  for (const f of DATE_FIELDS) {
    const parts = { day: field(form, `${f}.day`, 20), month: field(form, `${f}.month`, 20), year: field(form, `${f}.year`, 20), time: field(form, `${f}.time`, 20) };
    values.dates[f] = parts;
    const read = readDate(parts, TIMED_DATES[f]);
    input[f] = read.iso ?? "";
    if (read.error) errors[read.error.path ? `${f}.${read.error.path}` : f] = read.error.code;
  }
  values.budgets = [];
  if (options.withBudgets) {
    const rows: BudgetRow[] = [];
    for (let i = 0; i < PROCESS_LIMITS.budgetsMax; i++) {
      const row = { name: field(form, `budgets.${i}.name`, 200), amount: field(form, `budgets.${i}.amount`, 50), wardCode: field(form, `budgets.${i}.wardCode`, 20) };
      if (row.name.trim() || row.amount.trim() || row.wardCode.trim()) rows.push(row);
    }
    values.budgets = rows.map((r) => ({ ...r }));
    input.budgets = rows.map((r) => ({
      name: r.name.trim() || (r.wardCode && options.wardNames?.[r.wardCode]) || "",
      amount: r.amount,
      wardCode: r.wardCode,
    }));
    if (options.addRow || values.budgets.length === 0) values.budgets.push({ name: "", amount: "", wardCode: "" });
  }
  return { values, input, errors };
}

// ───────────────────────────── projects ─────────────────────────────

export interface ProjectFormValues {
  title: string;
  description: string;
  cost: string;
  budgetId: string;
  wardCode: string;
  locationText: string;
  latitude: string;
  longitude: string;
  outcomes: string[];
}

export function blankProjectValues(budgetId = ""): ProjectFormValues {
  return { title: "", description: "", cost: "", budgetId, wardCode: "", locationText: "", latitude: "", longitude: "", outcomes: [] };
}

export function projectToValues(p: {
  title: string;
  description: string;
  costPence: Pence;
  budgetId: string;
  wardCode: string | null;
  locationText: string | null;
  latitude: number | null;
  longitude: number | null;
  outcomes: readonly { nodeId: string }[];
}): ProjectFormValues {
  return {
    title: p.title,
    description: p.description,
    cost: penceToInput(p.costPence),
    budgetId: p.budgetId,
    wardCode: p.wardCode ?? "",
    locationText: p.locationText ?? "",
    latitude: p.latitude === null ? "" : String(p.latitude),
    longitude: p.longitude === null ? "" : String(p.longitude),
    outcomes: p.outcomes.map((o) => o.nodeId),
  };
}

/** Reads the project form; ticked outcomes share the project's weight evenly (see validateProject). */
export function readProjectForm(form: FormReader): { values: ProjectFormValues; input: Record<string, unknown> } {
  const values: ProjectFormValues = {
    title: field(form, "title", 500),
    description: field(form, "description", PROCESS_LIMITS.descriptionMax + 500),
    cost: field(form, "cost", 50),
    budgetId: field(form, "budgetId", 100),
    wardCode: field(form, "wardCode", 20),
    locationText: field(form, "locationText", 500),
    latitude: field(form, "latitude", 50),
    longitude: field(form, "longitude", 50),
    // More than the domain allows still reaches it (and is refused as too many), but a posted
    // list is never unbounded.
    outcomes: [...new Set(form.getAll("outcomes").filter((v): v is string => typeof v === "string" && v.length <= 100))].slice(0, 50),
  };
  const { outcomes, ...rest } = values;
  return { values, input: { ...rest, outcomes: outcomes.map((nodeId) => ({ nodeId })) } };
}

// ───────────────────────────── errors ─────────────────────────────

/** The input an error is shown beside: outcome errors on the first outcome box, a date's on its day. */
function inputFor(path: string): string {
  if (path === "budgets") return "budgets-0-name";
  if (path.startsWith("outcomes")) return "outcomes";
  return fieldId(path);
}

/**
 * Field errors worded for the page, keyed by input id, in form order (`order` names the top-level
 * fields; a date's time follows its date). The first error on an input wins.
 */
export function wordFieldErrors(fieldErrors: FieldErrors, locale: Locale, order: readonly string[] = SETTINGS_FIELD_ORDER): Record<string, string> {
  const rank = (path: string) => {
    const i = order.indexOf(path.split(".")[0]!);
    return i === -1 ? order.length : i;
  };
  const paths = Object.keys(fieldErrors).sort((a, b) => rank(a) - rank(b) || a.localeCompare(b, "en", { numeric: true }));
  const worded: Record<string, string> = {};
  for (const path of paths) {
    const id = inputFor(path);
    if (!(id in worded)) worded[id] = fieldErrorMessage(path, fieldErrors[path]!, locale);
  }
  return worded;
}

/** Form order of the project form, for `wordFieldErrors`. */
export const PROJECT_FIELD_ORDER = ["title", "description", "cost", "budgetId", "wardCode", "locationText", "latitude", "longitude", "outcomes"] as const;
