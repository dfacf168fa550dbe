// Consultations on a real database (PGlite; PostgreSQL too when TEST_DATABASE_URL is set):
// officers create, build, open (Gunning: a short period needs a published reason), edit with
// versions, and close; residents respond once, with every answer checked and nothing stored
// for a refused response; officers read suppressed counts. Per role and per council.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Questionnaire } from "~/domain/questionnaires/questionnaire.ts";
import { must, openBudgetingTestContext, staffActor, type BudgetingTestContext } from "~/server/budgeting/test-kit.server.ts";
import { analyseConsultation } from "./analysis.server.ts";
import {
  advanceConsultation,
  createConsultation,
  editConsultation,
  extendConsultation,
  getConsultation,
  listConsultations,
  openConsultation,
} from "./consultations.server.ts";
import { getResponseProgress, saveDraft, submitResponse, type Respondent } from "./responses.server.ts";

let ctx: BudgetingTestContext;
const DAY = 86_400_000;
const WARD = "E05000829";

const QUESTIONS: Questionnaire = {
  pages: [
    {
      id: "p1",
      questions: [
        { id: "matters", kind: "single_choice", title: { en: "What matters most?" }, required: true, options: [{ id: "health", label: { en: "Health" } }, { id: "buses", label: { en: "Buses" } }] },
        { id: "why-buses", kind: "free_text", title: { en: "Why buses?" }, required: true, maxLength: 200, multiline: true, showIf: { questionId: "matters", equals: "buses" } },
      ],
    },
    {
      id: "p2",
      questions: [
        { id: "themes", kind: "points", title: { en: "Share 10 points" }, required: true, total: 10, mustUseAll: true, options: [{ id: "parks", label: { en: "Parks" } }, { id: "youth", label: { en: "Youth" } }] },
        { id: "postcode", kind: "postcode", title: { en: "Postcode" }, required: false },
      ],
    },
  ],
};

beforeAll(async () => {
  ctx = await openBudgetingTestContext();
  await ctx.db.prisma.area.createMany({
    data: [
      { councilId: ctx.councilA, type: "ward", code: WARD, name: "Priory" },
      { councilId: ctx.councilA, type: "lsoa", code: "E01006100", name: "Trafford 001A", imdDecile: 3, parentCode: WARD },
    ],
  });
  await ctx.db.prisma.postcode.create({ data: { councilId: ctx.councilA, postcode: "M33 3AA", lsoaCode: "E01006100", wardCode: WARD } });
});

afterAll(async () => {
  await ctx?.db.close();
});

const details = (slug: string) => ({
  title: `Parks strategy ${slug}`,
  slug,
  summary: "How should we look after our parks?",
  background: "We are writing a new parks strategy. These are the options we considered.",
});

async function openOne(slug: string, over: { allowAnonymous?: boolean; equalityMonitoring?: boolean } = {}) {
  const { id } = must(await createConsultation(ctx.deps, ctx.officerA, { councilId: ctx.councilA, ...details(slug), ...over }));
  must(await editConsultation(ctx.deps, ctx.officerA, { councilId: ctx.councilA, consultationId: id, questionnaire: QUESTIONS }));
  const now = ctx.clock.now().getTime();
  must(await openConsultation(ctx.deps, ctx.officerA, { councilId: ctx.councilA, consultationId: id, opensAt: new Date(now - DAY), closesAt: new Date(now + 60 * DAY) }));
  return id;
}

const me = (actor: BudgetingTestContext["residentA"]): Respondent => ({ kind: "account", actor });
const good = { matters: "health", themes: { parks: 6, youth: 4 }, postcode: "m33 3aa" };

describe("officers", () => {
  it("only this council's officers and admins create consultations; another council's are not found", async () => {
    expect(await createConsultation(ctx.deps, ctx.residentA, { councilId: ctx.councilA, ...details("by-resident") })).toMatchObject({ ok: false, reason: "forbidden" });
    expect(await createConsultation(ctx.deps, ctx.officerB, { councilId: ctx.councilA, ...details("by-other-council") })).toMatchObject({ ok: false, reason: "forbidden" });
    const { id } = must(await createConsultation(ctx.deps, ctx.officerA, { councilId: ctx.councilA, ...details("draft-one") }));
    expect(await getConsultation(ctx.deps, ctx.officerB, { councilId: ctx.councilB, slugOrId: id })).toMatchObject({ ok: false, reason: "not_found" });
    // A draft is invisible to residents and to the public list.
    expect(await getConsultation(ctx.deps, ctx.residentA, { councilId: ctx.councilA, slugOrId: "draft-one" })).toMatchObject({ ok: false, reason: "not_found" });
    const listed = must(await listConsultations(ctx.deps, null, { councilId: ctx.councilA, scope: "public" }));
    expect(listed.map((c) => c.slug)).not.toContain("draft-one");
    expect(await editConsultation(ctx.deps, ctx.officerB, { councilId: ctx.councilB, consultationId: id, questionnaire: QUESTIONS })).toMatchObject({ ok: false, reason: "not_found" });
  });

  it("refuses a slug in use, bad fields and wards of another council, storing nothing", async () => {
    must(await createConsultation(ctx.deps, ctx.officerA, { councilId: ctx.councilA, ...details("taken") }));
    expect(await createConsultation(ctx.deps, ctx.officerA, { councilId: ctx.councilA, ...details("taken") })).toMatchObject({ ok: false, reason: "invalid", detail: { fieldErrors: { slug: "slug_taken" } } });
    expect(await createConsultation(ctx.deps, ctx.officerA, { councilId: ctx.councilA, ...details("Not A Slug!"), title: "" })).toMatchObject({
      ok: false,
      detail: { fieldErrors: { title: "required", slug: "slug_format" } },
    });
    expect(await createConsultation(ctx.deps, ctx.officerA, { councilId: ctx.councilA, ...details("foreign-ward"), wardCodes: ["E05999999"] })).toMatchObject({ ok: false, detail: { fieldErrors: { wardCodes: "unknown_ward" } } });
    expect(await ctx.db.prisma.consultation.count({ where: { slug: { in: ["foreign-ward"] } } })).toBe(0);
  });

  it("opens only with background and questions, and a short period only with a reason that is kept", async () => {
    const { id } = must(await createConsultation(ctx.deps, ctx.officerA, { councilId: ctx.councilA, ...details("short-one") }));
    const now = ctx.clock.now().getTime();
    const dates = { opensAt: new Date(now), closesAt: new Date(now + 14 * DAY) };
    expect(await openConsultation(ctx.deps, ctx.officerA, { councilId: ctx.councilA, consultationId: id, ...dates })).toMatchObject({ ok: false, reason: "no_questions" });
    must(await editConsultation(ctx.deps, ctx.officerA, { councilId: ctx.councilA, consultationId: id, questionnaire: QUESTIONS }));
    expect(await openConsultation(ctx.deps, ctx.officerA, { councilId: ctx.councilA, consultationId: id, ...dates })).toMatchObject({ ok: false, reason: "too_short_without_reason" });
    const reason = "The government's deadline for our bid is in three weeks' time.";
    must(await openConsultation(ctx.deps, ctx.officerA, { councilId: ctx.councilA, consultationId: id, ...dates, shortDurationReason: reason }));
    const opened = must(await getConsultation(ctx.deps, null, { councilId: ctx.councilA, slugOrId: "short-one" }));
    expect(opened).toMatchObject({ status: "open", shownStatus: "open", shortDurationReason: reason });
    const events = await ctx.db.prisma.auditEvent.findMany({ where: { subjectId: id }, select: { action: true } });
    expect(events.map((e) => e.action)).toEqual(expect.arrayContaining(["consultation.created", "consultation.edited", "consultation.opened"]));
  });

  it("edits after opening need a note, become a version, and may not remove what people answered", async () => {
    const id = await openOne("versioned");
    const reworded: Questionnaire = structuredClone(QUESTIONS);
    reworded.pages[0]!.questions[0]!.title = { en: "What matters most to you?" };
    expect(await editConsultation(ctx.deps, ctx.officerA, { councilId: ctx.councilA, consultationId: id, questionnaire: reworded })).toMatchObject({ ok: false, reason: "change_note_required" });
    expect(must(await editConsultation(ctx.deps, ctx.officerA, { councilId: ctx.councilA, consultationId: id, questionnaire: reworded, changeNote: "Clearer wording for question 1." }))).toEqual({ version: 2 });
    const removed: Questionnaire = { pages: [QUESTIONS.pages[1]!] };
    expect(await editConsultation(ctx.deps, ctx.officerA, { councilId: ctx.councilA, consultationId: id, questionnaire: removed, changeNote: "Dropping the first page." })).toMatchObject({
      ok: false,
      reason: "edit_changes_answered_questions",
    });
    const view = must(await getConsultation(ctx.deps, null, { councilId: ctx.councilA, slugOrId: "versioned" }));
    expect(view.versions.map((v) => [v.version, v.changeNote])).toEqual([[2, "Clearer wording for question 1."]]);
    const later = new Date(view.closesAt!.getTime() + 7 * DAY);
    must(await extendConsultation(ctx.deps, ctx.officerA, { councilId: ctx.councilA, consultationId: id, closesAt: later, reason: "Two more weeks after requests from the residents' forum." }));
    must(await advanceConsultation(ctx.deps, ctx.officerA, { councilId: ctx.councilA, consultationId: id, to: "closed" }));
    expect(await editConsultation(ctx.deps, ctx.officerA, { councilId: ctx.councilA, consultationId: id, questionnaire: reworded, changeNote: "After closing." })).toMatchObject({ ok: false, reason: "locked" });
    expect(await advanceConsultation(ctx.deps, ctx.officerA, { councilId: ctx.councilA, consultationId: id, to: "closed" })).toMatchObject({ ok: false, reason: "invalid_transition" });
  });
});

describe("residents responding", () => {
  it("stores one response with its answers, derives ward and decile, emails a copy, and answers a second submit with the same reference", async () => {
    const id = await openOne("respond-once", { equalityMonitoring: true });
    const resident = await ctx.resident(ctx.councilA, "respond-once@example.org");
    const first = must(await submitResponse(ctx.deps, me(resident), { councilId: ctx.councilA, consultationId: id, answers: good, equality: { "eq-ageBand": "25_to_34" }, locale: "en" }));
    expect(first).toMatchObject({ status: "recorded", receiptSent: true });
    expect(first.reference).toMatch(/^CR-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    const again = must(await submitResponse(ctx.deps, me(resident), { councilId: ctx.councilA, consultationId: id, answers: good, locale: "en" }));
    expect(again).toEqual({ reference: first.reference, status: "already_submitted", receiptSent: false });
    const stored = await ctx.db.prisma.consultationResponse.findMany({ where: { consultationId: id }, include: { answers: true, equality: true } });
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ wardCode: WARD, lsoaCode: "E01006100", imdDecile: 3, postcode: "M33 3AA", equality: { ageBand: "25_to_34" } });
    // The postcode answer is kept as the ward, never as the postcode.
    expect(stored[0]!.answers.find((a) => a.questionId === "postcode")).toMatchObject({ text: WARD });
    expect(JSON.stringify(stored[0]!.answers)).not.toContain("M33");
    const copy = ctx.mailer.sent.filter((e) => e.to === "respond-once@example.org").at(-1)!;
    expect(copy.text).toContain(first.reference);
    expect(copy.text).toContain("Parks: 6");
  });

  it("ten parallel submissions by one resident store one response, all answered with its reference", async () => {
    const id = await openOne("parallel");
    const resident = await ctx.resident(ctx.councilA, "parallel@example.org");
    const results = await Promise.all(Array.from({ length: 10 }, () => submitResponse(ctx.deps, me(resident), { councilId: ctx.councilA, consultationId: id, answers: good, locale: "en" })));
    const references = new Set(results.map((r) => must(r).reference));
    expect(references.size).toBe(1);
    expect(results.filter((r) => must(r).status === "recorded")).toHaveLength(1);
    expect(await ctx.db.prisma.consultationResponse.count({ where: { consultationId: id } })).toBe(1);
  });

  it("refuses a skipped required question, points that do not add up, markup and another consultation's option, storing nothing", async () => {
    const id = await openOne("refusals");
    const resident = await ctx.resident(ctx.councilA, "refusals@example.org");
    const submit = (answers: Record<string, unknown>) => submitResponse(ctx.deps, me(resident), { councilId: ctx.councilA, consultationId: id, answers: answers as never, locale: "en" });
    expect(await submit({ themes: { parks: 5, youth: 5 } })).toMatchObject({ ok: false, reason: "incomplete", detail: { pageId: "p1" } });
    expect(await submit({ ...good, themes: { parks: 5, youth: 4 } })).toMatchObject({ ok: false, reason: "incomplete", detail: { pageId: "p2" } });
    expect(await submit({ ...good, matters: "buses", "why-buses": "<script>alert(1)</script>" })).toMatchObject({ ok: false, reason: "incomplete" });
    expect(await submit({ ...good, matters: "option-of-another-consultation" })).toMatchObject({ ok: false, reason: "incomplete" });
    expect(await ctx.db.prisma.consultationResponse.count({ where: { consultationId: id } })).toBe(0);
  });

  it("drops answers to questions that were not shown", async () => {
    const id = await openOne("hidden-answers");
    const resident = await ctx.resident(ctx.councilA, "hidden@example.org");
    const receipt = must(await submitResponse(ctx.deps, me(resident), { councilId: ctx.councilA, consultationId: id, answers: { ...good, "why-buses": "Not asked" }, locale: "en" }));
    const answers = await ctx.db.prisma.responseAnswer.findMany({ where: { response: { reference: receipt.reference } } });
    expect(answers.map((a) => a.questionId).sort()).toEqual(["matters", "postcode", "themes", "themes"]);
  });

  it("needs a resident of this council; anonymous only where allowed; never after closing", async () => {
    const id = await openOne("who-may");
    expect(await submitResponse(ctx.deps, null, { councilId: ctx.councilA, consultationId: id, answers: good, locale: "en" })).toMatchObject({ ok: false, reason: "not_signed_in" });
    expect(await submitResponse(ctx.deps, { kind: "anonymous", token: "a".repeat(32) }, { councilId: ctx.councilA, consultationId: id, answers: good, locale: "en" })).toMatchObject({ ok: false, reason: "not_signed_in" });
    expect(await submitResponse(ctx.deps, me(ctx.residentB), { councilId: ctx.councilA, consultationId: id, answers: good, locale: "en" })).toMatchObject({ ok: false, reason: "not_eligible" });
    expect(await submitResponse(ctx.deps, me(ctx.officerA), { councilId: ctx.councilA, consultationId: id, answers: good, locale: "en" })).toMatchObject({ ok: false, reason: "not_eligible" });
    // Another council's id for the same consultation is not found.
    expect(await submitResponse(ctx.deps, me(ctx.residentB), { councilId: ctx.councilB, consultationId: id, answers: good, locale: "en" })).toMatchObject({ ok: false, reason: "not_found" });

    const open = await openOne("anonymous-ok", { allowAnonymous: true });
    const browser: Respondent = { kind: "anonymous", token: "b".repeat(32) };
    const one = must(await submitResponse(ctx.deps, browser, { councilId: ctx.councilA, consultationId: open, answers: good, locale: "en" }));
    expect(must(await submitResponse(ctx.deps, browser, { councilId: ctx.councilA, consultationId: open, answers: good, locale: "en" })).reference).toBe(one.reference);

    must(await advanceConsultation(ctx.deps, ctx.officerA, { councilId: ctx.councilA, consultationId: id, to: "closed" }));
    const late = await ctx.resident(ctx.councilA, "late@example.org");
    expect(await submitResponse(ctx.deps, me(late), { councilId: ctx.councilA, consultationId: id, answers: good, locale: "en" })).toMatchObject({ ok: false, reason: "not_open" });
  });

  it("saves a draft for a signed-in resident and removes it on submission", async () => {
    const id = await openOne("drafts");
    const resident = await ctx.resident(ctx.councilA, "draft@example.org");
    must(await saveDraft(ctx.deps, resident, { councilId: ctx.councilA, consultationId: id, answers: { matters: "health", unknown: "dropped" }, pageId: "p2" }));
    expect(await getResponseProgress(ctx.deps, me(resident), { consultationId: id })).toEqual({ submitted: null, draft: { answers: { matters: "health" }, pageId: "p2" } });
    const receipt = must(await submitResponse(ctx.deps, me(resident), { councilId: ctx.councilA, consultationId: id, answers: good, locale: "en" }));
    expect(await getResponseProgress(ctx.deps, me(resident), { consultationId: id })).toEqual({ submitted: { reference: receipt.reference }, draft: null });
  });
});

describe("analysis", () => {
  it("counts by option in SQL with small cells suppressed, for this council's staff only", async () => {
    const id = await openOne("analysed");
    for (let i = 0; i < 12; i++) {
      const resident = await ctx.resident(ctx.councilA, `analysed-${i}@example.org`);
      must(await submitResponse(ctx.deps, me(resident), { councilId: ctx.councilA, consultationId: id, answers: { ...good, matters: i < 11 ? "health" : "buses", "why-buses": "More of them" }, locale: "en" }));
    }
    const analysis = must(await analyseConsultation(ctx.deps, ctx.officerA, { councilId: ctx.councilA, consultationId: id }));
    expect(analysis.responses).toBe(12);
    const matters = analysis.questions.find((q) => q.question.id === "matters")!;
    // 11 and 1: the 1 is suppressed, and the 11 too, or the 1 could be worked out from the total.
    expect(matters.cells.map((c) => c.kind)).toEqual(["not_shown", "fewer_than"]);
    const themes = analysis.questions.find((q) => q.question.id === "themes")!;
    expect(themes.cells[0]).toMatchObject({ optionId: "parks", kind: "count", count: 12, points: 72 });
    expect(await analyseConsultation(ctx.deps, ctx.officerB, { councilId: ctx.councilA, consultationId: id })).toMatchObject({ ok: false, reason: "forbidden" });
    expect(await analyseConsultation(ctx.deps, ctx.residentA, { councilId: ctx.councilA, consultationId: id })).toMatchObject({ ok: false, reason: "forbidden" });
    const moderator = await staffActor(ctx, ctx.councilA, "moderator-analysis@example.org", "admin");
    expect((await analyseConsultation(ctx.deps, moderator, { councilId: ctx.councilA, consultationId: id })).ok).toBe(true);
  });
});
