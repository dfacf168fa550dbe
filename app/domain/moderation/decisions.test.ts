import { describe, expect, it } from "vitest";
import {
  MODERATION_REASONS,
  checkAppeal,
  checkAppealDecision,
  checkDecision,
  checkReport,
  initialStatus,
  isModerationReason,
  isPubliclyVisible,
  newModerationRecord,
  type ModerationRecord,
} from "~/domain/moderation/decisions.ts";
import { filterText } from "~/domain/moderation/filter.ts";

const AUTHOR = "resident-amira";
const visible: ModerationRecord = { status: "visible", authorId: AUTHOR, decision: null, appeal: null };
const held: ModerationRecord = { ...visible, status: "held" };
const hiddenByMo: ModerationRecord = { status: "hidden", authorId: AUTHOR, decision: { action: "hide", moderatorId: "mod-mo", reason: "abusive" }, appeal: null };

function must<T>(r: { ok: true; value: T } | { ok: false; reason: string }): T {
  if (!r.ok) throw new Error(`expected ok, got ${r.reason}`);
  return r.value;
}

describe("where an item starts", () => {
  it("holds everything under pre-moderation, and only filtered text under post-moderation", () => {
    expect(initialStatus("pre", { hold: false })).toBe("held");
    expect(initialStatus("post", { hold: false })).toBe("visible");
    expect(initialStatus("post", filterText("Ring me on 07700 900123"))).toBe("held");
    expect(newModerationRecord(AUTHOR, "post", { hold: false })).toEqual(visible);
    expect(isPubliclyVisible("visible")).toBe(true);
    expect(isPubliclyVisible("held") || isPubliclyVisible("hidden") || isPubliclyVisible("rejected")).toBe(false);
  });

  it("has stable reason codes", () => {
    expect(MODERATION_REASONS).toEqual(["personal_information", "abusive", "off_topic", "duplicate", "spam", "defamatory", "commercial"]);
    expect(isModerationReason("spam")).toBe(true);
    expect(isModerationReason("rude")).toBe(false);
  });
});

describe("checkDecision", () => {
  it("approves or rejects a held item", () => {
    expect(must(checkDecision(held, { action: "approve", moderatorId: "mod-mo" }))).toEqual(visible);
    expect(must(checkDecision(held, { action: "reject", moderatorId: "mod-mo", reason: "personal_information" }))).toEqual({
      ...held,
      status: "rejected",
      decision: { action: "reject", moderatorId: "mod-mo", reason: "personal_information" },
    });
  });

  it("hides a visible item and restores it", () => {
    const hidden = must(checkDecision(visible, { action: "hide", moderatorId: "mod-mo", reason: "abusive", note: "Slur in the second line" }));
    expect(hidden).toEqual(hiddenByMo);
    expect(must(checkDecision(hidden, { action: "restore", moderatorId: "mod-sam" }))).toEqual(visible);
  });

  it("needs a known reason to hide or reject", () => {
    expect(checkDecision(visible, { action: "hide", moderatorId: "mod-mo" })).toEqual({ ok: false, reason: "reason_required" });
    expect(checkDecision(held, { action: "reject", moderatorId: "mod-mo", reason: "rude" })).toEqual({ ok: false, reason: "unknown_reason" });
  });

  it("refuses a decision that does not fit the state", () => {
    expect(checkDecision(visible, { action: "approve", moderatorId: "mod-mo" })).toMatchObject({ ok: false, reason: "invalid_decision" });
    expect(checkDecision(held, { action: "hide", moderatorId: "mod-mo", reason: "spam" })).toMatchObject({ ok: false, reason: "invalid_decision" });
    expect(checkDecision(visible, { action: "restore", moderatorId: "mod-mo" })).toMatchObject({ ok: false, reason: "invalid_decision" });
    expect(checkDecision(hiddenByMo, { action: "reject", moderatorId: "mod-mo", reason: "spam" })).toMatchObject({ ok: false, reason: "invalid_decision" });
  });

  it("never lets a moderator decide on their own writing", () => {
    expect(checkDecision({ ...held, authorId: "mod-mo" }, { action: "approve", moderatorId: "mod-mo" })).toEqual({ ok: false, reason: "own_content" });
  });

  it("sends a pending appeal through the appeal, and limits the note", () => {
    const appealed = { ...hiddenByMo, appeal: { status: "pending" as const, decidedBy: null } };
    expect(checkDecision(appealed, { action: "restore", moderatorId: "mod-sam" })).toEqual({ ok: false, reason: "appeal_pending" });
    expect(checkDecision(visible, { action: "hide", moderatorId: "mod-mo", reason: "spam", note: "x".repeat(1001) })).toMatchObject({ ok: false, reason: "note_too_long" });
  });
});

describe("reports", () => {
  const report = { reporterId: "resident-ben", reason: "abusive", alreadyReported: false, earlierReports: 0, holdAfterReports: null };

  it("records one report per resident and leaves the item visible", () => {
    expect(checkReport(visible, report)).toEqual({ ok: true, value: { reason: "abusive", holdNow: false, record: visible } });
    expect(checkReport(visible, { ...report, alreadyReported: true })).toEqual({ ok: false, reason: "already_reported" });
  });

  it("refuses reports of one's own writing, of items not shown, and without a known reason", () => {
    expect(checkReport(visible, { ...report, reporterId: AUTHOR })).toEqual({ ok: false, reason: "own_content" });
    expect(checkReport(held, report)).toEqual({ ok: false, reason: "not_visible" });
    expect(checkReport(visible, { ...report, reason: "" })).toEqual({ ok: false, reason: "reason_required" });
    expect(checkReport(visible, { ...report, reason: "boring" })).toEqual({ ok: false, reason: "unknown_reason" });
  });

  it("holds for review after the council's number of distinct reports", () => {
    expect(must(checkReport(visible, { ...report, earlierReports: 1, holdAfterReports: 3 })).holdNow).toBe(false);
    expect(must(checkReport(visible, { ...report, earlierReports: 2, holdAfterReports: 3 }))).toEqual({ reason: "abusive", holdNow: true, record: held });
    expect(() => checkReport(visible, { ...report, holdAfterReports: 0 })).toThrow(RangeError);
  });
});

describe("appeals", () => {
  const statement = "I was quoting the sign on the bus shelter, not calling anyone names.";

  it("lets the author appeal a hide or a reject once", () => {
    const r = must(checkAppeal(hiddenByMo, { appellantId: AUTHOR, statement: `  ${statement} ` }));
    expect(r).toEqual({ record: { ...hiddenByMo, appeal: { status: "pending", decidedBy: null } }, statement });
    expect(checkAppeal(r.record, { appellantId: AUTHOR, statement })).toEqual({ ok: false, reason: "already_appealed" });
    const dismissed = must(checkAppealDecision(r.record, { moderatorId: "mod-sam", outcome: "dismissed" }));
    expect(checkAppeal(dismissed, { appellantId: AUTHOR, statement })).toEqual({ ok: false, reason: "already_appealed" });
  });

  it("refuses appeals by others, of visible or held items, and without a statement", () => {
    expect(checkAppeal(hiddenByMo, { appellantId: "resident-ben", statement })).toEqual({ ok: false, reason: "not_author" });
    expect(checkAppeal(visible, { appellantId: AUTHOR, statement })).toEqual({ ok: false, reason: "not_appealable" });
    expect(checkAppeal(held, { appellantId: AUTHOR, statement })).toEqual({ ok: false, reason: "not_appealable" });
    expect(checkAppeal(hiddenByMo, { appellantId: AUTHOR, statement: "   " })).toEqual({ ok: false, reason: "statement_required" });
    expect(checkAppeal(hiddenByMo, { appellantId: AUTHOR, statement: "x".repeat(1001) })).toMatchObject({ ok: false, reason: "statement_too_long" });
  });

  it("is decided by a different moderator from the one who decided", () => {
    const pending = must(checkAppeal(hiddenByMo, { appellantId: AUTHOR, statement })).record;
    expect(checkAppealDecision(pending, { moderatorId: "mod-mo", outcome: "upheld" })).toEqual({ ok: false, reason: "same_moderator", detail: { decidedBy: "mod-mo" } });
    expect(checkAppealDecision(pending, { moderatorId: AUTHOR, outcome: "upheld" })).toEqual({ ok: false, reason: "own_content" });
    expect(must(checkAppealDecision(pending, { moderatorId: "mod-sam", outcome: "upheld" }))).toEqual({
      status: "visible",
      authorId: AUTHOR,
      decision: null,
      appeal: { status: "upheld", decidedBy: "mod-sam" },
    });
    expect(must(checkAppealDecision(pending, { moderatorId: "mod-sam", outcome: "dismissed" }))).toEqual({ ...hiddenByMo, appeal: { status: "dismissed", decidedBy: "mod-sam" } });
    expect(checkAppealDecision(hiddenByMo, { moderatorId: "mod-sam", outcome: "upheld" })).toEqual({ ok: false, reason: "no_pending_appeal" });
  });

  it("gives a new decision a new appeal", () => {
    const pending = must(checkAppeal(hiddenByMo, { appellantId: AUTHOR, statement })).record;
    const upheld = must(checkAppealDecision(pending, { moderatorId: "mod-sam", outcome: "upheld" }));
    const hiddenAgain = must(checkDecision(upheld, { action: "hide", moderatorId: "mod-lee", reason: "defamatory" }));
    expect(hiddenAgain.appeal).toBeNull();
    expect(checkAppeal(hiddenAgain, { appellantId: AUTHOR, statement }).ok).toBe(true);
  });
});
