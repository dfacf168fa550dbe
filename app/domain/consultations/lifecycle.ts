// The life of a consultation: its status machine, the rules for opening and extending it, when
// it takes responses, and which edits an open consultation may take. Pure: no I/O, no clock
// (`now` is passed in). The server (app/server/consultations/consultations.server.ts) loads the
// facts, calls these rules, and writes with an audit event. The server and routes use most of
// what is exported here (see README.md): extend this module rather than replacing it.
//
// Statuses (DESIGN.md "Consultation"): draft → open → closed → analysis → published ("We asked,
// you said, we did"). Forward only, no skips. The draft is the "formative stage" of Gunning 1
// (R v Brent LBC ex p Gunning (1985) 84 LGR 168, approved in R (Moseley) v Haringey LBC [2014]
// UKSC 56): proposals can still change. Once residents have been asked, what they were asked is
// a public record, so:
// - a closed consultation is never reopened — that would move the deadline people were told
//   after they had stopped answering. Extending is its own rule (`checkExtend`), only while open,
//   only later, and with a reason that is published;
// - an open consultation may be edited only in ways that leave earlier answers meaningful
//   (`classifyEdit`); each edit is a new visible version.
import type { Locale } from "../i18n/locale.ts";
import { err, ok, type Result } from "../result.ts";

// ───────────────────────────── statuses ─────────────────────────────

export const CONSULTATION_STATUSES = ["draft", "open", "closed", "analysis", "published"] as const;
export type ConsultationStatus = (typeof CONSULTATION_STATUSES)[number];

const NEXT: Readonly<Record<ConsultationStatus, readonly ConsultationStatus[]>> = {
  draft: ["open"],
  open: ["closed"],
  // Analysis is not skippable: Gunning 4 asks that responses are conscientiously taken into
  // account, and the analysis status is where the product records that this is happening.
  closed: ["analysis"],
  analysis: ["published"],
  published: [],
};

export function isConsultationStatus(value: unknown): value is ConsultationStatus {
  return typeof value === "string" && (CONSULTATION_STATUSES as readonly string[]).includes(value);
}

/** The statuses an officer may move a consultation to from `status`. */
export function nextStatuses(status: ConsultationStatus): readonly ConsultationStatus[] {
  return NEXT[status];
}

export function canTransition(from: ConsultationStatus, to: ConsultationStatus): boolean {
  return NEXT[from].includes(to);
}

export type TransitionReason = "invalid_transition" | "already_published";

/** `canTransition` as a Result, so a route can say why: a published consultation is final. */
export function checkTransition(
  from: ConsultationStatus,
  to: ConsultationStatus,
): Result<{ from: ConsultationStatus; to: ConsultationStatus }, TransitionReason> {
  if (from === "published") return err("already_published", { from, to });
  if (!canTransition(from, to)) return err("invalid_transition", { from, to });
  return ok({ from, to });
}

/** Residents see a consultation from the moment it opens; drafts are for officers only. */
export function isPublicStatus(status: ConsultationStatus): boolean {
  return status !== "draft";
}

// ───────────────────────────── calendar days ─────────────────────────────

const DAY_MS = 86_400_000;

// Built once: constructing an Intl.DateTimeFormat costs far more than using one. The same
// approach as app/server/budgeting/support.server.ts `ukDay`, without node APIs, so it runs in
// the browser too.
const LONDON_DATE = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", year: "numeric", month: "2-digit", day: "2-digit" });

/**
 * The calendar day in the UK (Europe/London) of an instant, as a whole number of days since
 * 1 January 1970. Counting on these numbers makes a period that crosses a clock change still
 * come out in whole days.
 */
export function londonDayNumber(instant: Date): number {
  const parts = LONDON_DATE.formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return Date.UTC(get("year"), get("month") - 1, get("day")) / DAY_MS;
}

/**
 * Calendar days from the UK date of `from` to the UK date of `to`: a consultation opening on
 * Monday 2 March and closing on Monday 25 May is open for 84 days (12 weeks), whatever the
 * times of day and despite the clocks going forward on 29 March.
 */
export function calendarDaysBetween(from: Date, to: Date): number {
  return londonDayNumber(to) - londonDayNumber(from);
}

/** Another name for calendarDaysBetween, used by the officer pages. */
export const durationDays = calendarDaysBetween;

const isValidDate = (d: unknown): d is Date => d instanceof Date && !Number.isNaN(d.getTime());

// ───────────────────────────── opening ─────────────────────────────

/**
 * Twelve weeks: the figure the Cabinet Office Code of Practice on Consultation (2008) fixed and
 * many councils still use. The Consultation Principles (2016, updated 2018, principle E) replaced
 * it with "a proportionate amount of time", so the server passes each council's own minimum
 * (Council.consultationMinimumDays); this is only the default when none is given.
 */
export const DEFAULT_MINIMUM_DURATION_DAYS = 84;

/** A recorded reason (short period, extension) is published, so it must say something. */
export const REASON_LIMITS = { min: 20, max: 2000 } as const;
export const REASON_MIN_LENGTH = REASON_LIMITS.min;
export const REASON_MAX_LENGTH = REASON_LIMITS.max;

export type OpenReason =
  | "invalid_date"
  | "closes_before_opens"
  | "closes_in_past"
  | "too_short_without_reason"
  | "reason_too_short"
  | "reason_too_long";

export interface OpenInput {
  opensAt: Date;
  closesAt: Date;
  now: Date;
  /** The council's minimum open period in calendar days (whole, 0 or more). */
  minimumDurationDays?: number;
  /** Why the period is shorter than the minimum; published with the consultation. */
  shortDurationReason?: string | null;
}

export interface OpenChecked {
  /** When responses start: the later of the date asked for and now, so backdating gains nothing. */
  opensAt: Date;
  closesAt: Date;
  /** UK calendar days from opensAt to closesAt. */
  durationDays: number;
  minimumDurationDays: number;
  belowMinimum: boolean;
  /** The trimmed reason when the period is below the minimum, else null. */
  shortDurationReason: string | null;
}

const chars = (s: string) => [...s].length;

type ReasonTextProblem = "too_short_without_reason" | "reason_required" | "reason_too_short" | "reason_too_long";

function reasonTextProblem(text: string, missing: "too_short_without_reason" | "reason_required"): ReasonTextProblem | null {
  const length = chars(text);
  if (length === 0) return missing;
  if (length < REASON_LIMITS.min) return "reason_too_short";
  if (length > REASON_LIMITS.max) return "reason_too_long";
  return null;
}

const reasonDetail = (text: string) => ({
  min: REASON_LIMITS.min,
  max: REASON_LIMITS.max,
  minimumLength: REASON_LIMITS.min,
  maximumLength: REASON_LIMITS.max,
  length: chars(text),
});

/**
 * Whether an officer may open a consultation for this period. Gunning 3 needs "adequate time for
 * consideration and response"; what is adequate depends on the subject (Moseley), so a period
 * below the council's minimum is allowed only with a recorded reason (20–2000 characters), which
 * the consultation page shows. Calendar days are counted in Europe/London.
 */
export function checkOpen(input: OpenInput): Result<OpenChecked, OpenReason> {
  const { opensAt, closesAt, now } = input;
  const minimumDurationDays = input.minimumDurationDays ?? DEFAULT_MINIMUM_DURATION_DAYS;
  if (!Number.isInteger(minimumDurationDays) || minimumDurationDays < 0)
    throw new RangeError(`minimumDurationDays must be a whole number of days, 0 or more (got ${minimumDurationDays})`);
  if (!isValidDate(opensAt) || !isValidDate(closesAt) || !isValidDate(now)) return err("invalid_date");
  if (closesAt.getTime() <= opensAt.getTime()) return err("closes_before_opens", { opensAt, closesAt });
  if (closesAt.getTime() <= now.getTime()) return err("closes_in_past", { closesAt, now });
  const start = opensAt.getTime() < now.getTime() ? now : opensAt;
  const days = calendarDaysBetween(start, closesAt);
  const belowMinimum = days < minimumDurationDays;
  const reason = (input.shortDurationReason ?? "").trim();
  if (belowMinimum) {
    const problem = reasonTextProblem(reason, "too_short_without_reason") as OpenReason | null;
    if (problem) return err(problem, { ...reasonDetail(reason), durationDays: days, minimumDurationDays });
  }
  return ok({ opensAt: start, closesAt, durationDays: days, minimumDurationDays, belowMinimum, shortDurationReason: belowMinimum ? reason : null });
}

// ───────────────────────────── extending ─────────────────────────────

export type ExtendReason =
  | "invalid_date"
  | "already_published"
  | "not_open"
  | "already_closed"
  | "not_later"
  | "reason_required"
  | "reason_too_short"
  | "reason_too_long";

export interface ExtendInput {
  status: ConsultationStatus;
  /** The current closing date (null only for data that predates closing dates). */
  closesAt: Date | null;
  newClosesAt: Date;
  now: Date;
  /** Why: published with the new date, so earlier respondents and late ones see the same record. */
  reason: string;
}

export interface ExtendChecked {
  previousClosesAt: Date | null;
  closesAt: Date;
  /** UK calendar days added (0 when only the time of day moved later). */
  addedDays: number;
  reason: string;
  recordedAt: Date;
}

/**
 * Whether an open consultation's closing date may move later. Only while it is still taking
 * responses: once the closing moment has passed, moving it would reopen a consultation people
 * were told had ended. Only later: shortening a running consultation is closing it early, which
 * is a separate, visible decision. The reason is required because an extension changes the terms
 * for everyone (Cabinet Office Consultation Principles 2018, I: facilitate scrutiny).
 */
export function checkExtend(input: ExtendInput): Result<ExtendChecked, ExtendReason> {
  const { status, closesAt, newClosesAt, now } = input;
  if (!isValidDate(newClosesAt) || !isValidDate(now) || (closesAt !== null && !isValidDate(closesAt))) return err("invalid_date");
  if (status === "published") return err("already_published");
  if (status !== "open") return err("not_open", { status });
  if (closesAt !== null && closesAt.getTime() <= now.getTime()) return err("already_closed", { closesAt });
  const floor = closesAt ?? now;
  if (newClosesAt.getTime() <= floor.getTime()) return err("not_later", { closesAt, newClosesAt });
  const reason = input.reason.trim();
  const problem = reasonTextProblem(reason, "reason_required") as ExtendReason | null;
  if (problem) return err(problem, reasonDetail(reason));
  return ok({ previousClosesAt: closesAt, closesAt: newClosesAt, addedDays: calendarDaysBetween(floor, newClosesAt), reason, recordedAt: now });
}

// ───────────────────────────── taking responses ─────────────────────────────

export interface ResponseWindow {
  status: ConsultationStatus;
  opensAt: Date | null;
  closesAt: Date | null;
}

/**
 * Whether a response submitted at `now` is accepted: the consultation is open, its opening time
 * has come, and its closing time has not (the closing instant itself is too late — the page
 * says "closes at 11:59pm", so the officer picks the instant). A missing closing date fails
 * closed: checkOpen never lets one through, so it means the data is wrong.
 */
export function acceptsResponses(consultation: ResponseWindow, now: Date): boolean;
export function acceptsResponses(status: ConsultationStatus, opensAt: Date | null, closesAt: Date | null, now: Date): boolean;
export function acceptsResponses(first: ResponseWindow | ConsultationStatus, second: Date | null, third?: Date | null, fourth?: Date): boolean {
  const window: ResponseWindow = typeof first === "string" ? { status: first, opensAt: second, closesAt: third ?? null } : first;
  const now = typeof first === "string" ? fourth : second;
  if (!isValidDate(now)) throw new TypeError("acceptsResponses needs the current time");
  if (window.status !== "open" || !window.closesAt) return false;
  if (window.opensAt && now.getTime() < window.opensAt.getTime()) return false;
  return now.getTime() < window.closesAt.getTime();
}

// ───────────────────────────── edits after opening ─────────────────────────────

/** A question as far as edit rules care: its id, its kind and its options' ids. */
export interface EditQuestion {
  id: string;
  /** The questionnaire's question kind ("choice", "likert", "free_text", "ranking", "points"…). */
  kind: string;
  optionIds: readonly string[];
  /** Wording and hint, when the caller has them, so wording changes are listed in the version note. */
  text?: string | Partial<Record<Locale, string>>;
  hint?: string | Partial<Record<Locale, string>>;
}

/** What a consultation asks and shows, extracted by the caller from its columns and questionnaire JSON. */
export interface ConsultationContent {
  title?: string;
  summary?: string;
  /** Ids (or content hashes) of attached documents, in order. */
  documentIds?: readonly string[];
  questions: readonly EditQuestion[];
}

/** The questions alone (what the server extracts from a questionnaire). */
export type QuestionShape = ConsultationContent;

export type EditChange =
  | "title"
  | "summary"
  | "documents"
  | "question_wording"
  | "question_hint"
  | "question_added"
  | "option_added"
  | "question_order"
  | "option_order"
  // Only when nobody has responded yet (classifyEdit's responseCount = 0):
  | "question_removed"
  | "option_removed"
  | "question_kind";

export interface EditClassification {
  /** "unchanged": nothing a resident would see differs; "new_version": save as a new visible version. */
  kind: "unchanged" | "new_version";
  changes: EditChange[];
}

export type EditReason = "edit_changes_answered_questions";

export interface EditConflicts {
  /** Every question affected, in questionnaire order. */
  questionIds: string[];
  removedQuestions: string[];
  removedOptions: { questionId: string; optionIds: string[] }[];
  changedKinds: { questionId: string; from: string; to: string }[];
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
const sameOrder = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * Classifies an edit to an OPEN consultation (drafts may change freely; closed ones not at all).
 * Wording, hints, documents, order and new questions or options are allowed as a new visible
 * version: earlier answers still mean what they meant. Removing a question or an option, or
 * changing a question's kind, would change or orphan what earlier respondents answered, so it is
 * refused — unless `responseCount` is 0, when nobody's answer can be affected. Residents can
 * see every version (Gunning 2: they must know what they were responding to).
 */
export function classifyEdit(
  before: ConsultationContent,
  after: ConsultationContent,
  options: { responseCount?: number } = {},
): Result<EditClassification, EditReason> {
  const changes = new Set<EditChange>();
  if (!same(before.title, after.title)) changes.add("title");
  if (!same(before.summary, after.summary)) changes.add("summary");
  if (!same(before.documentIds ?? [], after.documentIds ?? [])) changes.add("documents");

  const afterById = new Map(after.questions.map((q) => [q.id, q]));
  const beforeIds = new Set(before.questions.map((q) => q.id));
  const conflicts: EditConflicts = { questionIds: [], removedQuestions: [], removedOptions: [], changedKinds: [] };

  for (const old of before.questions) {
    const now = afterById.get(old.id);
    if (!now) {
      conflicts.removedQuestions.push(old.id);
      conflicts.questionIds.push(old.id);
      continue;
    }
    const kept = new Set(now.optionIds);
    const had = new Set(old.optionIds);
    const removed = old.optionIds.filter((o) => !kept.has(o));
    if (old.kind !== now.kind) conflicts.changedKinds.push({ questionId: old.id, from: old.kind, to: now.kind });
    if (removed.length > 0) conflicts.removedOptions.push({ questionId: old.id, optionIds: removed });
    if (old.kind !== now.kind || removed.length > 0) conflicts.questionIds.push(old.id);
    if (now.optionIds.some((o) => !had.has(o))) changes.add("option_added");
    const common = (ids: readonly string[], keep: Set<string>) => ids.filter((o) => keep.has(o));
    if (!sameOrder(common(old.optionIds, kept), common(now.optionIds, had))) changes.add("option_order");
    if (!same(old.text, now.text)) changes.add("question_wording");
    if (!same(old.hint, now.hint)) changes.add("question_hint");
  }
  if (after.questions.some((q) => !beforeIds.has(q.id))) changes.add("question_added");
  const keptIds = before.questions.map((q) => q.id).filter((id) => afterById.has(id));
  const keptInNewOrder = after.questions.map((q) => q.id).filter((id) => beforeIds.has(id));
  if (!sameOrder(keptIds, keptInNewOrder)) changes.add("question_order");

  if (conflicts.questionIds.length > 0) {
    if (options.responseCount !== 0) return err("edit_changes_answered_questions", conflicts);
    if (conflicts.removedQuestions.length) changes.add("question_removed");
    if (conflicts.removedOptions.length) changes.add("option_removed");
    if (conflicts.changedKinds.length) changes.add("question_kind");
  }
  const list = [...changes];
  return ok({ kind: list.length === 0 ? "unchanged" : "new_version", changes: list });
}

/** Every reason a lifecycle rule can give; messages.ts words each one. */
export type LifecycleReason = TransitionReason | OpenReason | ExtendReason | EditReason;
