import { describe, expect, it } from "vitest";
import {
  CONSULTATION_STATUSES,
  DEFAULT_MINIMUM_DURATION_DAYS,
  acceptsResponses,
  calendarDaysBetween,
  canTransition,
  checkExtend,
  checkOpen,
  checkTransition,
  classifyEdit,
  isConsultationStatus,
  isPublicStatus,
  londonDayNumber,
  nextStatuses,
  type ConsultationContent,
} from "~/domain/consultations/lifecycle.ts";

const NOW = new Date("2026-03-02T09:00:00Z"); // Monday 2 March 2026, 9am GMT
const REASON = "The budget must be set by the full council meeting on 4 March.";

describe("statuses", () => {
  it("moves forward one step at a time and never back", () => {
    expect(nextStatuses("draft")).toEqual(["open"]);
    expect(canTransition("open", "closed")).toBe(true);
    expect(canTransition("closed", "analysis")).toBe(true);
    expect(canTransition("analysis", "published")).toBe(true);
    expect(canTransition("closed", "open")).toBe(false);
    expect(canTransition("draft", "closed")).toBe(false);
    expect(canTransition("closed", "published")).toBe(false);
    expect(canTransition("open", "open")).toBe(false);
    for (const s of CONSULTATION_STATUSES) expect(canTransition(s, "draft")).toBe(false);
  });

  it("says why a move is refused", () => {
    expect(checkTransition("closed", "open")).toEqual({ ok: false, reason: "invalid_transition", detail: { from: "closed", to: "open" } });
    expect(checkTransition("published", "analysis")).toMatchObject({ ok: false, reason: "already_published" });
    expect(checkTransition("draft", "open")).toEqual({ ok: true, value: { from: "draft", to: "open" } });
  });

  it("recognises statuses and which are public", () => {
    expect(isConsultationStatus("analysis")).toBe(true);
    expect(isConsultationStatus("analysed")).toBe(false);
    expect(isPublicStatus("draft")).toBe(false);
    expect(isPublicStatus("open")).toBe(true);
  });
});

describe("calendar days in Europe/London", () => {
  it("counts 12 weeks across the clocks going forward as 84 days", () => {
    // Clocks go forward on Sunday 29 March 2026: 25 May is on BST.
    expect(calendarDaysBetween(new Date("2026-03-02T09:00:00Z"), new Date("2026-05-25T22:59:00Z"))).toBe(84);
  });

  it("uses the UK date, not the UTC date", () => {
    // 23:30 UTC on 31 May is 00:30 on 1 June in London (BST).
    expect(londonDayNumber(new Date("2026-05-31T23:30:00Z"))).toBe(londonDayNumber(new Date("2026-06-01T12:00:00Z")));
    expect(calendarDaysBetween(new Date("2026-06-01T00:30:00+01:00"), new Date("2026-06-01T23:30:00+01:00"))).toBe(0);
  });

  it("counts across the clocks going back", () => {
    expect(calendarDaysBetween(new Date("2026-10-20T12:00:00Z"), new Date("2026-11-03T12:00:00Z"))).toBe(14);
  });
});

describe("checkOpen", () => {
  const twelveWeeks = { opensAt: NOW, closesAt: new Date("2026-05-25T22:59:00Z"), now: NOW };

  it("opens a 12-week consultation without a reason", () => {
    expect(checkOpen(twelveWeeks)).toEqual({
      ok: true,
      value: { opensAt: NOW, closesAt: twelveWeeks.closesAt, durationDays: 84, minimumDurationDays: DEFAULT_MINIMUM_DURATION_DAYS, belowMinimum: false, shortDurationReason: null },
    });
  });

  it("refuses a period below the council's minimum without a reason", () => {
    const closesAt = new Date("2026-03-30T22:59:00Z"); // 4 weeks
    const r = checkOpen({ opensAt: NOW, closesAt, now: NOW, minimumDurationDays: 42, shortDurationReason: "  " });
    expect(r).toMatchObject({ ok: false, reason: "too_short_without_reason", detail: { durationDays: 28, minimumDurationDays: 42 } });
  });

  it("allows a short period with a recorded reason of 20 to 2000 characters", () => {
    const closesAt = new Date("2026-03-30T22:59:00Z");
    const short = (shortDurationReason: string) => checkOpen({ opensAt: NOW, closesAt, now: NOW, minimumDurationDays: 42, shortDurationReason });
    expect(short(`  ${REASON}  `)).toMatchObject({ ok: true, value: { belowMinimum: true, durationDays: 28, shortDurationReason: REASON } });
    expect(short("Too soon.")).toMatchObject({ ok: false, reason: "reason_too_short" });
    expect(short("x".repeat(2001))).toMatchObject({ ok: false, reason: "reason_too_long" });
    expect(short("x".repeat(19)).ok).toBe(false);
    expect(short("x".repeat(20)).ok).toBe(true);
    expect(short("x".repeat(2000)).ok).toBe(true);
  });

  it("counts Welsh characters as one each", () => {
    const closesAt = new Date("2026-03-30T22:59:00Z");
    const reason = "ŵŷâêîôû".repeat(3); // 21 characters
    expect(checkOpen({ opensAt: NOW, closesAt, now: NOW, minimumDurationDays: 42, shortDurationReason: reason }).ok).toBe(true);
  });

  it("uses the default minimum of 84 days", () => {
    const closesAt = new Date("2026-05-24T22:59:00Z"); // 83 days
    expect(checkOpen({ opensAt: NOW, closesAt, now: NOW })).toMatchObject({ ok: false, reason: "too_short_without_reason", detail: { durationDays: 83, minimumDurationDays: 84 } });
  });

  it("ignores a reason when the period is long enough", () => {
    expect(checkOpen({ ...twelveWeeks, shortDurationReason: REASON })).toMatchObject({ ok: true, value: { shortDurationReason: null } });
  });

  it("refuses dates in the wrong order or in the past", () => {
    expect(checkOpen({ opensAt: NOW, closesAt: NOW, now: NOW })).toMatchObject({ ok: false, reason: "closes_before_opens" });
    expect(checkOpen({ opensAt: NOW, closesAt: new Date("2026-03-01T00:00:00Z"), now: NOW })).toMatchObject({ ok: false, reason: "closes_before_opens" });
    const past = { opensAt: new Date("2026-01-01T00:00:00Z"), closesAt: new Date("2026-03-01T00:00:00Z"), now: NOW };
    expect(checkOpen(past)).toMatchObject({ ok: false, reason: "closes_in_past" });
    expect(checkOpen({ opensAt: new Date("nonsense"), closesAt: NOW, now: NOW })).toEqual({ ok: false, reason: "invalid_date" });
  });

  it("counts from now when the opening date is in the past, so backdating gains nothing", () => {
    const r = checkOpen({ opensAt: new Date("2025-12-01T09:00:00Z"), closesAt: new Date("2026-04-13T22:59:00Z"), now: NOW, minimumDurationDays: 84 });
    expect(r).toMatchObject({ ok: false, reason: "too_short_without_reason", detail: { durationDays: 42 } });
  });

  it("schedules a consultation that opens later", () => {
    const opensAt = new Date("2026-04-01T08:00:00Z");
    expect(checkOpen({ opensAt, closesAt: new Date("2026-06-24T22:59:00Z"), now: NOW })).toMatchObject({ ok: true, value: { opensAt, durationDays: 84 } });
  });

  it("treats a bad minimum as a programming error", () => {
    expect(() => checkOpen({ ...twelveWeeks, minimumDurationDays: -1 })).toThrow(RangeError);
    expect(() => checkOpen({ ...twelveWeeks, minimumDurationDays: 1.5 })).toThrow(RangeError);
  });
});

describe("checkExtend", () => {
  const closesAt = new Date("2026-04-13T22:59:00Z");
  const later = new Date("2026-04-27T22:59:00Z");

  it("extends an open consultation to a later date with a reason", () => {
    const r = checkExtend({ status: "open", closesAt, newClosesAt: later, now: NOW, reason: ` ${REASON} ` });
    expect(r).toEqual({ ok: true, value: { previousClosesAt: closesAt, closesAt: later, addedDays: 14, reason: REASON, recordedAt: NOW } });
  });

  it("refuses without a reason, or with one too short or too long", () => {
    expect(checkExtend({ status: "open", closesAt, newClosesAt: later, now: NOW, reason: "" })).toMatchObject({ ok: false, reason: "reason_required" });
    expect(checkExtend({ status: "open", closesAt, newClosesAt: later, now: NOW, reason: "More time." })).toMatchObject({ ok: false, reason: "reason_too_short" });
    expect(checkExtend({ status: "open", closesAt, newClosesAt: later, now: NOW, reason: "x".repeat(2001) })).toMatchObject({ ok: false, reason: "reason_too_long" });
  });

  it("only moves the date later", () => {
    expect(checkExtend({ status: "open", closesAt, newClosesAt: closesAt, now: NOW, reason: REASON })).toMatchObject({ ok: false, reason: "not_later" });
    expect(checkExtend({ status: "open", closesAt, newClosesAt: new Date("2026-04-01T00:00:00Z"), now: NOW, reason: REASON })).toMatchObject({ ok: false, reason: "not_later" });
  });

  it("only while open: a closed consultation is never reopened", () => {
    expect(checkExtend({ status: "closed", closesAt, newClosesAt: later, now: NOW, reason: REASON })).toMatchObject({ ok: false, reason: "not_open" });
    expect(checkExtend({ status: "draft", closesAt, newClosesAt: later, now: NOW, reason: REASON })).toMatchObject({ ok: false, reason: "not_open" });
    expect(checkExtend({ status: "published", closesAt, newClosesAt: later, now: NOW, reason: REASON })).toMatchObject({ ok: false, reason: "already_published" });
    // Still "open" in the database, but its closing moment has passed (the closing job has not run yet).
    expect(checkExtend({ status: "open", closesAt, newClosesAt: later, now: closesAt, reason: REASON })).toMatchObject({ ok: false, reason: "already_closed" });
  });

  it("handles a missing current closing date and bad dates", () => {
    expect(checkExtend({ status: "open", closesAt: null, newClosesAt: later, now: NOW, reason: REASON })).toMatchObject({ ok: true, value: { previousClosesAt: null } });
    expect(checkExtend({ status: "open", closesAt, newClosesAt: new Date(Number.NaN), now: NOW, reason: REASON })).toEqual({ ok: false, reason: "invalid_date" });
  });
});

describe("acceptsResponses", () => {
  const opensAt = new Date("2026-03-02T09:00:00Z");
  const closesAt = new Date("2026-05-25T22:59:00Z");

  it("takes responses from opening until just before closing", () => {
    expect(acceptsResponses("open", opensAt, closesAt, opensAt)).toBe(true);
    expect(acceptsResponses("open", opensAt, closesAt, new Date(closesAt.getTime() - 1))).toBe(true);
    expect(acceptsResponses("open", opensAt, closesAt, closesAt)).toBe(false);
    expect(acceptsResponses("open", opensAt, closesAt, new Date(opensAt.getTime() - 1))).toBe(false);
  });

  it("takes none unless open, and none without a closing date", () => {
    for (const status of ["draft", "closed", "analysis", "published"] as const) expect(acceptsResponses(status, opensAt, closesAt, NOW)).toBe(false);
    expect(acceptsResponses("open", opensAt, null, NOW)).toBe(false);
    expect(acceptsResponses("open", null, closesAt, NOW)).toBe(true);
  });

  it("also takes the consultation as an object", () => {
    expect(acceptsResponses({ status: "open", opensAt, closesAt }, NOW)).toBe(true);
    expect(acceptsResponses({ status: "closed", opensAt, closesAt }, NOW)).toBe(false);
  });
});

describe("classifyEdit", () => {
  const before: ConsultationContent = {
    title: "Longford Park: your views",
    summary: "We are planning improvements to Longford Park.",
    documentIds: ["plan-v1"],
    questions: [
      { id: "q-priorities", kind: "choice", optionIds: ["play", "toilets", "cafe"], text: "What should we improve first?" },
      { id: "q-likert", kind: "likert", optionIds: ["1", "2", "3", "4", "5"], text: "How satisfied are you with the park?" },
      { id: "q-other", kind: "free_text", optionIds: [] },
    ],
  };

  it("says an identical edit changes nothing", () => {
    expect(classifyEdit(before, structuredClone(before))).toEqual({ ok: true, value: { kind: "unchanged", changes: [] } });
  });

  it("allows wording, documents, new questions and options as a new version", () => {
    const after: ConsultationContent = {
      ...before,
      title: "Longford Park improvements: your views",
      documentIds: ["plan-v2"],
      questions: [
        { ...before.questions[0]!, optionIds: ["play", "toilets", "cafe", "paths"], text: "Which should we improve first?" },
        before.questions[1]!,
        before.questions[2]!,
        { id: "q-new", kind: "choice", optionIds: ["yes", "no"] },
      ],
    };
    const r = classifyEdit(before, after);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.kind).toBe("new_version");
    expect(r.value.changes.sort()).toEqual(["documents", "option_added", "question_added", "question_wording", "title"]);
  });

  it("notices reordering and hints", () => {
    const after: ConsultationContent = {
      ...before,
      questions: [before.questions[1]!, { ...before.questions[0]!, optionIds: ["cafe", "play", "toilets"], hint: "Choose one" }, before.questions[2]!],
    };
    const r = classifyEdit(before, after);
    expect(r.ok && r.value.changes.sort()).toEqual(["option_order", "question_hint", "question_order"]);
  });

  it("refuses removing a question or option, or changing a question's kind", () => {
    const after: ConsultationContent = {
      ...before,
      questions: [{ ...before.questions[0]!, optionIds: ["play", "cafe"] }, { ...before.questions[1]!, kind: "choice" }],
    };
    expect(classifyEdit(before, after)).toEqual({
      ok: false,
      reason: "edit_changes_answered_questions",
      detail: {
        questionIds: ["q-priorities", "q-likert", "q-other"],
        removedQuestions: ["q-other"],
        removedOptions: [{ questionId: "q-priorities", optionIds: ["toilets"] }],
        changedKinds: [{ questionId: "q-likert", from: "likert", to: "choice" }],
      },
    });
  });

  it("allows structural changes while nobody has responded", () => {
    const after: ConsultationContent = { questions: [before.questions[0]!] };
    expect(classifyEdit({ questions: before.questions }, after, { responseCount: 0 })).toEqual({ ok: true, value: { kind: "new_version", changes: ["question_removed"] } });
    expect(classifyEdit({ questions: before.questions }, after, { responseCount: 3 }).ok).toBe(false);
  });

  it("works on questions alone, as the server extracts them", () => {
    expect(classifyEdit({ questions: [] }, { questions: [{ id: "a", kind: "choice", optionIds: ["x"] }] })).toEqual({
      ok: true,
      value: { kind: "new_version", changes: ["question_added"] },
    });
  });
});
