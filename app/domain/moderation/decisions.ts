// Moderation of what residents write (priorities, comments, free-text answers shown publicly):
// the states an item moves through, the reasons a moderator may give, reports from residents,
// and the one appeal an author has. Pure: the server loads the item's moderation record, calls
// these rules, and writes the new record with an audit event.
//
// States:
//   visible  — shown publicly.
//   held     — waiting for a moderator: pre-moderation, the filter (filter.ts) held it, or
//              enough residents reported it.
//   hidden   — was shown, then taken down by a moderator.
//   rejected — never shown: a moderator refused a held item.
//
// Pre-moderation shows nothing until a moderator approves it; post-moderation shows everything
// at once unless the filter holds it. Councils choose per consultation (EngagementHQ offers the
// same choice; ../shared/reference/anchors.md §2.9).
//
// Fairness rules, and why:
// - A hide or a reject always carries one of MODERATION_REASONS, and the author is told which,
//   in their language: a published moderation policy and reasons for removal are what make
//   moderation open to scrutiny (Cabinet Office Consultation Principles 2018, I; the Scottish
//   Government's Polis deployment asks for a published moderation policy and a moderation log,
//   crownshy/comhairle#1047, #1049, #1084).
// - No moderator decides on their own writing.
// - The author may appeal a hide or a reject once, and the appeal is decided by a different
//   moderator from the one who made the decision: no one reviews their own decision (the rule
//   against bias in natural justice, nemo iudex in causa sua).
import { err, ok, type Result } from "../result.ts";

export const MODERATION_STATUSES = ["visible", "held", "hidden", "rejected"] as const;
export type ModerationStatus = (typeof MODERATION_STATUSES)[number];

export type ModerationMode = "pre" | "post";

/** Why a moderator hides or rejects an item, or a resident reports one. Stable codes. */
export const MODERATION_REASONS = ["personal_information", "abusive", "off_topic", "duplicate", "spam", "defamatory", "commercial"] as const;
export type ModerationReason = (typeof MODERATION_REASONS)[number];

export function isModerationReason(value: unknown): value is ModerationReason {
  return typeof value === "string" && (MODERATION_REASONS as readonly string[]).includes(value);
}

/** Only visible items are shown to the public (held ones only to their author and moderators). */
export function isPubliclyVisible(status: ModerationStatus): boolean {
  return status === "visible";
}

/** The status a new item starts in: held under pre-moderation or when the filter held it, else visible. */
export function initialStatus(mode: ModerationMode, filter: { hold: boolean }): "visible" | "held" {
  return mode === "pre" || filter.hold ? "held" : "visible";
}

/** Another name for initialStatus. */
export const initialState = initialStatus;

/** What the rules need to know about an item's moderation (the server loads it). */
export interface ModerationRecord {
  status: ModerationStatus;
  authorId: string;
  /** The hide or reject in force, if any. */
  decision: { action: "hide" | "reject"; moderatorId: string; reason: ModerationReason } | null;
  /** The author's appeal against that decision, if any. */
  appeal: { status: "pending" | "upheld" | "dismissed"; decidedBy: string | null } | null;
}

/** A new item's record. */
export function newModerationRecord(authorId: string, mode: ModerationMode, filter: { hold: boolean }): ModerationRecord {
  return { status: initialStatus(mode, filter), authorId, decision: null, appeal: null };
}

export const MODERATION_LIMITS = {
  /** A moderator's note, kept in the audit log, never shown publicly. */
  noteMax: 1000,
  /** What the author says in their appeal. */
  appealStatementMax: 1000,
} as const;

const chars = (s: string) => [...s].length;

// ───────────────────────────── decisions ─────────────────────────────

export type ModeratorAction = "approve" | "reject" | "hide" | "restore";

export interface Decision {
  action: ModeratorAction;
  moderatorId: string;
  /** Required for reject and hide: one of MODERATION_REASONS. */
  reason?: string | null;
  note?: string | null;
}

export type DecisionReason = "invalid_decision" | "reason_required" | "unknown_reason" | "own_content" | "appeal_pending" | "note_too_long";

// approve: a held item is published.
// reject:  a held item is refused without ever being shown.
// hide:    a visible item is taken down.
// restore: a hidden or rejected item is published after all (a moderator reversing a mistake).
const FROM: Readonly<Record<ModeratorAction, readonly ModerationStatus[]>> = {
  approve: ["held"],
  reject: ["held"],
  hide: ["visible"],
  restore: ["hidden", "rejected"],
};

/**
 * Checks a moderator's decision and gives the record after it. Reject and hide need a reason
 * the author is told; approve and restore take none. While the author's appeal is pending the
 * item is decided through the appeal (checkAppealDecision), so the author gets an answer to it.
 * A new hide or reject is a new decision: the author may appeal it afresh.
 */
export function checkDecision(record: ModerationRecord, decision: Decision): Result<ModerationRecord, DecisionReason> {
  if (decision.moderatorId === record.authorId) return err("own_content");
  if (!FROM[decision.action].includes(record.status)) return err("invalid_decision", { status: record.status, action: decision.action });
  if (record.appeal?.status === "pending") return err("appeal_pending");
  if (decision.note && chars(decision.note.trim()) > MODERATION_LIMITS.noteMax) return err("note_too_long", { max: MODERATION_LIMITS.noteMax });
  switch (decision.action) {
    case "approve":
      return ok({ ...record, status: "visible", decision: null, appeal: null });
    case "restore":
      return ok({ ...record, status: "visible", decision: null });
    case "reject":
    case "hide": {
      if (decision.reason === undefined || decision.reason === null || decision.reason === "") return err("reason_required");
      if (!isModerationReason(decision.reason)) return err("unknown_reason");
      const action = decision.action;
      return ok({
        ...record,
        status: action === "hide" ? "hidden" : "rejected",
        decision: { action, moderatorId: decision.moderatorId, reason: decision.reason },
        appeal: null,
      });
    }
  }
}

// ───────────────────────────── reports ─────────────────────────────

export type ReportReason = "not_visible" | "own_content" | "already_reported" | "reason_required" | "unknown_reason";

export interface ReportInput {
  reporterId: string;
  reason: string | null | undefined;
  /** Whether this resident has already reported this item (the database's unique key is the guard). */
  alreadyReported: boolean;
  /** Reports by other residents before this one. */
  earlierReports: number;
  /** Hold the item for review once this many residents have reported it; null never holds. */
  holdAfterReports: number | null;
}

/**
 * A resident's report of a visible item: one per resident per item, never of their own. A report
 * does not hide anything by itself — mass-reporting must not silence a view — unless the council
 * sets a number of distinct reports after which the item goes back to the queue as held.
 */
export function checkReport(
  record: ModerationRecord,
  input: ReportInput,
): Result<{ reason: ModerationReason; holdNow: boolean; record: ModerationRecord }, ReportReason> {
  if (record.status !== "visible") return err("not_visible");
  if (input.reporterId === record.authorId) return err("own_content");
  if (input.alreadyReported) return err("already_reported");
  if (input.reason === undefined || input.reason === null || input.reason === "") return err("reason_required");
  if (!isModerationReason(input.reason)) return err("unknown_reason");
  if (input.holdAfterReports !== null && (!Number.isInteger(input.holdAfterReports) || input.holdAfterReports < 1))
    throw new RangeError(`holdAfterReports must be a whole number above 0 or null (got ${input.holdAfterReports})`);
  const holdNow = input.holdAfterReports !== null && input.earlierReports + 1 >= input.holdAfterReports;
  return ok({ reason: input.reason, holdNow, record: holdNow ? { ...record, status: "held" } : record });
}

// ───────────────────────────── appeals ─────────────────────────────

export type AppealReason = "not_author" | "not_appealable" | "already_appealed" | "statement_required" | "statement_too_long";

/**
 * The author's appeal against the hide or reject in force: once per decision, with a statement
 * of why they think it was wrong (shown to the moderator who decides the appeal).
 */
export function checkAppeal(
  record: ModerationRecord,
  input: { appellantId: string; statement: string },
): Result<{ record: ModerationRecord; statement: string }, AppealReason> {
  if (input.appellantId !== record.authorId) return err("not_author");
  if ((record.status !== "hidden" && record.status !== "rejected") || !record.decision) return err("not_appealable");
  if (record.appeal) return err("already_appealed");
  const statement = input.statement.trim();
  if (statement === "") return err("statement_required");
  if (chars(statement) > MODERATION_LIMITS.appealStatementMax) return err("statement_too_long", { max: MODERATION_LIMITS.appealStatementMax });
  return ok({ record: { ...record, appeal: { status: "pending", decidedBy: null } }, statement });
}

export type AppealDecisionReason = "no_pending_appeal" | "same_moderator" | "own_content";

/**
 * Decides a pending appeal. "upheld": the author was right, the item is shown. "dismissed": the
 * decision stands; there is no second appeal. The moderator must not be the one who made the
 * decision appealed against, nor the author.
 */
export function checkAppealDecision(
  record: ModerationRecord,
  input: { moderatorId: string; outcome: "upheld" | "dismissed" },
): Result<ModerationRecord, AppealDecisionReason> {
  if (record.appeal?.status !== "pending" || !record.decision) return err("no_pending_appeal");
  if (input.moderatorId === record.authorId) return err("own_content");
  if (input.moderatorId === record.decision.moderatorId) return err("same_moderator", { decidedBy: record.decision.moderatorId });
  const appeal = { status: input.outcome, decidedBy: input.moderatorId };
  return ok(input.outcome === "upheld" ? { ...record, status: "visible", decision: null, appeal } : { ...record, appeal });
}

/** Every refusal a moderation rule can give; messages.ts words each one. */
export type ModerationRefusal = DecisionReason | ReportReason | AppealReason | AppealDecisionReason;
