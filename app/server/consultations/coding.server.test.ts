// Coding free-text answers on a real database (PGlite; PostgreSQL too when TEST_DATABASE_URL is
// set): who may code (responses.read on the council), the codebook (labels unique whatever the
// case, rename keeps codings, delete confirmed by count, mapping only to adopted frameworks),
// keyset pages of answers with filters and nothing about the respondent, saving a coder's codes
// for a page in one transaction with every id checked, counts and agreement between coders.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CODE_LIMITS } from "~/domain/consultations/coding.ts";
import type { Questionnaire } from "~/domain/questionnaires/questionnaire.ts";
import { createSession, getActor, type Actor } from "~/server/accounts/sessions.server.ts";
import { must, openBudgetingTestContext, staffActor, type BudgetingTestContext } from "~/server/budgeting/test-kit.server.ts";
import {
  codeCounts,
  codingAgreement,
  createCode,
  deleteCode,
  getCodingOverview,
  listCodingQuestions,
  listCouncilOutcomes,
  mapCode,
  readAnswers,
  renameCode,
  setAnswerCodes,
} from "./coding.server.ts";
import { createConsultation, editConsultation, openConsultation } from "./consultations.server.ts";
import { submitResponse } from "./responses.server.ts";

let ctx: BudgetingTestContext;
let admin: Actor;
let moderator: Actor;
const DAY = 86_400_000;

const QUESTIONS: Questionnaire = {
  pages: [
    {
      id: "p1",
      questions: [
        { id: "matters", kind: "single_choice", title: { en: "What matters most?" }, required: true, options: [{ id: "health", label: { en: "Health" } }, { id: "buses", label: { en: "Buses" } }] },
        { id: "change", kind: "free_text", title: { en: "What one change would help?", cy: "Pa newid fyddai'n helpu?" }, required: false, maxLength: 500, multiline: true },
        { id: "else", kind: "free_text", title: { en: "Anything else?" }, required: false, maxLength: 500, multiline: false },
      ],
    },
  ],
};

async function moderatorOf(councilId: string, email: string): Promise<Actor> {
  const account = await ctx.db.prisma.account.create({ data: { email } });
  await ctx.db.prisma.membership.create({ data: { accountId: account.id, councilId, role: "moderator" } });
  const { token } = await createSession({ now: ctx.clock.now }, ctx.db.prisma, { accountId: account.id, kind: "staff", twoFactorVerified: true });
  return (await getActor({ prisma: ctx.db.prisma, now: ctx.clock.now }, token))!;
}

async function openOne(slug: string, councilId = ctx.councilA, officer = ctx.officerA) {
  const { id } = must(await createConsultation(ctx.deps, officer, { councilId, title: `Coding ${slug}`, slug, summary: "What would help?", background: "We want to hear from you about what would help." }));
  must(await editConsultation(ctx.deps, officer, { councilId, consultationId: id, questionnaire: QUESTIONS }));
  const now = ctx.clock.now().getTime();
  must(await openConsultation(ctx.deps, officer, { councilId, consultationId: id, opensAt: new Date(now - DAY), closesAt: new Date(now + 60 * DAY) }));
  return id;
}

/**
 * Responses written as rows, the way a submission stores them (one is sent through the use case
 * below too): 25 answers a test needs for paging would otherwise need 25 accounts.
 */
async function addResponses(consultationId: string, answers: { change?: string; else?: string }[]): Promise<string[]> {
  const ids: string[] = [];
  for (const [i, a] of answers.entries()) {
    const id = randomUUID();
    ids.push(id);
    await ctx.db.prisma.consultationResponse.create({
      data: {
        id,
        consultationId,
        respondentKey: `key-${id}`,
        reference: `CR-${id.slice(0, 4).toUpperCase()}-${id.slice(4, 8).toUpperCase()}-${i}`,
        version: 1,
        submittedAt: ctx.clock.now(),
        answers: {
          create: [
            { questionId: "matters", optionId: "health", value: 1 },
            ...(a.change !== undefined ? [{ questionId: "change", optionId: "", text: a.change }] : []),
            ...(a.else !== undefined ? [{ questionId: "else", optionId: "", text: a.else }] : []),
          ],
        },
      },
    });
  }
  return ids;
}

let frameworkNodes: { adopted: string; notAdopted: string; otherCouncils: string };

beforeAll(async () => {
  ctx = await openBudgetingTestContext();
  admin = await staffActor(ctx, ctx.councilA, "admin-coding@example.org", "admin");
  moderator = await moderatorOf(ctx.councilA, "moderator-coding@example.org");
  const p = ctx.db.prisma;
  // A built-in framework with two published versions: the council adopted version 2 only.
  const builtin = await p.framework.create({ data: { slug: "thriving-places-index", name: "Thriving Places Index" } });
  const v1 = await p.frameworkVersion.create({ data: { frameworkId: builtin.id, version: 1, status: "published", source: "Centre for Thriving Places" } });
  const v2 = await p.frameworkVersion.create({ data: { frameworkId: builtin.id, version: 2, status: "published", source: "Centre for Thriving Places" } });
  const old = await p.frameworkNode.create({ data: { versionId: v1.id, slug: "transport", name: "Transport", position: 0 } });
  const current = await p.frameworkNode.create({ data: { versionId: v2.id, slug: "transport", name: "Transport", nameCy: "Trafnidiaeth", position: 0 } });
  await p.frameworkNode.create({ data: { versionId: v2.id, slug: "green-space", name: "Green space", position: 1 } });
  await p.councilFramework.create({ data: { councilId: ctx.councilA, versionId: v2.id } });
  // Another council's own framework, adopted by that council.
  const theirs = await p.framework.create({ data: { slug: "salford-plan", name: "Salford plan", councilId: ctx.councilB } });
  const tv = await p.frameworkVersion.create({ data: { frameworkId: theirs.id, version: 1, status: "published", source: "Salford City Council" } });
  const theirNode = await p.frameworkNode.create({ data: { versionId: tv.id, slug: "buses", name: "Buses", position: 0 } });
  await p.councilFramework.create({ data: { councilId: ctx.councilB, versionId: tv.id } });
  frameworkNodes = { adopted: current.id, notAdopted: old.id, otherCouncils: theirNode.id };
});

afterAll(async () => {
  await ctx?.db.close();
});

const ids = (consultationId: string, questionId = "change") => ({ councilId: ctx.councilA, consultationId, questionId });

describe("who may code", () => {
  it("officers, moderators and admins of the council; residents are forbidden; another council's consultation is not found", async () => {
    const id = await openOne("who-codes");
    for (const staff of [ctx.officerA, moderator, admin]) expect((await listCodingQuestions(ctx.deps, staff, { councilId: ctx.councilA, consultationId: id })).ok).toBe(true);
    expect(await listCodingQuestions(ctx.deps, ctx.residentA, { councilId: ctx.councilA, consultationId: id })).toMatchObject({ ok: false, reason: "forbidden" });
    expect(await listCodingQuestions(ctx.deps, null, { councilId: ctx.councilA, consultationId: id })).toMatchObject({ ok: false, reason: "forbidden" });
    // Salford's officer, asking through Salford, does not find Trafford's consultation…
    const asB = { councilId: ctx.councilB, consultationId: id };
    expect(await listCodingQuestions(ctx.deps, ctx.officerB, asB)).toMatchObject({ ok: false, reason: "not_found" });
    expect(await createCode(ctx.deps, ctx.officerB, { ...asB, questionId: "change", label: "Buses" })).toMatchObject({ ok: false, reason: "not_found" });
    expect(await readAnswers(ctx.deps, ctx.officerB, { ...asB, questionId: "change", filter: { show: "all" } })).toMatchObject({ ok: false, reason: "not_found" });
    // …and through Trafford has no permission there.
    expect(await listCodingQuestions(ctx.deps, ctx.officerB, { councilId: ctx.councilA, consultationId: id })).toMatchObject({ ok: false, reason: "forbidden" });
    expect(await createCode(ctx.deps, ctx.residentA, { ...ids(id), label: "Buses" })).toMatchObject({ ok: false, reason: "forbidden" });
    // Only free-text questions are coded.
    expect(await createCode(ctx.deps, ctx.officerA, { ...ids(id, "matters"), label: "Buses" })).toMatchObject({ ok: false, reason: "not_found" });
    expect(await ctx.db.prisma.responseCode.count({ where: { consultationId: id } })).toBe(0);
  });
});

describe("the codebook", () => {
  it("creates codes with labels unique per question whatever the case, audited", async () => {
    const id = await openOne("codebook");
    const buses = must(await createCode(ctx.deps, ctx.officerA, { ...ids(id), label: "  More   buses " }));
    expect(buses.label).toBe("More buses");
    expect(await createCode(ctx.deps, moderator, { ...ids(id), label: "MORE BUSES" })).toMatchObject({ ok: false, reason: "invalid", detail: { field: "label", problem: "taken" } });
    expect(await createCode(ctx.deps, ctx.officerA, { ...ids(id), label: "" })).toMatchObject({ ok: false, reason: "invalid", detail: { field: "label", problem: "required" } });
    expect(await createCode(ctx.deps, ctx.officerA, { ...ids(id), label: "x".repeat(CODE_LIMITS.labelMax + 1) })).toMatchObject({ ok: false, detail: { problem: "too_long" } });
    // The same label on another question is another code.
    must(await createCode(ctx.deps, moderator, { ...ids(id, "else"), label: "More buses" }));
    const events = await ctx.db.prisma.auditEvent.findMany({ where: { action: "consultation.code_created", subjectId: buses.id } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ councilId: ctx.councilA, actorId: ctx.officerA.account.id, data: { consultationId: id, questionId: "change", label: "More buses" } });
  });

  it("two officers adding the same label in different case at once get one code", async () => {
    const id = await openOne("codebook-race");
    const results = await Promise.all(["Litter", "litter", "LITTER", "Litter "].map((label, i) => createCode(ctx.deps, i % 2 ? moderator : ctx.officerA, { ...ids(id), label })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.detail)).toEqual(Array(3).fill(expect.objectContaining({ problem: "taken" })));
    expect(await ctx.db.prisma.responseCode.count({ where: { consultationId: id } })).toBe(1);
  });

  it("renames a code keeping its codings, and refuses another code's label", async () => {
    const id = await openOne("rename");
    const [r1] = await addResponses(id, [{ change: "More buses at night" }]);
    const buses = must(await createCode(ctx.deps, ctx.officerA, { ...ids(id), label: "buses" }));
    const lights = must(await createCode(ctx.deps, ctx.officerA, { ...ids(id), label: "Street lights" }));
    must(await setAnswerCodes(ctx.deps, ctx.officerA, { ...ids(id), answers: [{ answerId: r1!, codeIds: [buses.id] }] }));
    expect(must(await renameCode(ctx.deps, ctx.officerA, { councilId: ctx.councilA, consultationId: id, codeId: buses.id, label: "Buses at night" }))).toEqual({ id: buses.id, label: "Buses at night" });
    expect(await renameCode(ctx.deps, ctx.officerA, { councilId: ctx.councilA, consultationId: id, codeId: lights.id, label: "BUSES AT NIGHT" })).toMatchObject({ ok: false, detail: { field: "label", problem: "taken" } });
    // A change of case of its own label is fine.
    must(await renameCode(ctx.deps, ctx.officerA, { councilId: ctx.councilA, consultationId: id, codeId: lights.id, label: "street lights" }));
    expect(await ctx.db.prisma.answerCoding.findMany({ where: { responseId: r1 }, select: { codeId: true } })).toEqual([{ codeId: buses.id }]);
    const renamed = await ctx.db.prisma.auditEvent.findFirstOrThrow({ where: { action: "consultation.code_renamed", subjectId: buses.id } });
    expect(renamed.data).toMatchObject({ from: "buses", to: "Buses at night" });
    // A code id of another consultation is not found.
    const other = await openOne("rename-other");
    expect(await renameCode(ctx.deps, ctx.officerA, { councilId: ctx.councilA, consultationId: other, codeId: buses.id, label: "Hijacked" })).toMatchObject({ ok: false, reason: "not_found" });
  });

  it("deletes an unused code at once, and a used one only with the number of codings confirmed", async () => {
    const id = await openOne("delete");
    const [r1, r2] = await addResponses(id, [{ change: "Potholes" }, { change: "Potholes and lights" }]);
    const unused = must(await createCode(ctx.deps, ctx.officerA, { ...ids(id), label: "Unused" }));
    expect(must(await deleteCode(ctx.deps, ctx.officerA, { councilId: ctx.councilA, consultationId: id, codeId: unused.id }))).toEqual({ label: "Unused", codings: 0 });
    const roads = must(await createCode(ctx.deps, ctx.officerA, { ...ids(id), label: "Roads" }));
    must(await setAnswerCodes(ctx.deps, ctx.officerA, { ...ids(id), answers: [{ answerId: r1!, codeIds: [roads.id] }, { answerId: r2!, codeIds: [roads.id] }] }));
    must(await setAnswerCodes(ctx.deps, moderator, { ...ids(id), answers: [{ answerId: r1!, codeIds: [roads.id] }] }));
    const del = (confirmCodings?: number) => deleteCode(ctx.deps, ctx.officerA, { councilId: ctx.councilA, consultationId: id, codeId: roads.id, confirmCodings });
    expect(await del()).toEqual({ ok: false, reason: "in_use", detail: { codings: 3, answers: 2, label: "Roads" } });
    // A count from before someone else coded is asked again.
    expect(await del(2)).toMatchObject({ ok: false, reason: "in_use", detail: { codings: 3 } });
    expect(must(await del(3))).toEqual({ label: "Roads", codings: 3 });
    expect(await ctx.db.prisma.answerCoding.count({ where: { codeId: roads.id } })).toBe(0);
    const event = await ctx.db.prisma.auditEvent.findFirstOrThrow({ where: { action: "consultation.code_deleted", subjectId: roads.id } });
    expect(event.data).toMatchObject({ label: "Roads", codings: 3 });
  });

  it("maps a code to a node of an adopted framework only, audited, and lists those nodes", async () => {
    const id = await openOne("mapping");
    const buses = must(await createCode(ctx.deps, ctx.officerA, { ...ids(id), label: "Buses" }));
    const map = (nodeId: string | null) => mapCode(ctx.deps, moderator, { councilId: ctx.councilA, consultationId: id, codeId: buses.id, nodeId });
    expect(must(await map(frameworkNodes.adopted)).node).toMatchObject({ id: frameworkNodes.adopted, name: "Transport", framework: { name: "Thriving Places Index", version: 2 } });
    // The version the council did not adopt, another council's framework, nonsense: refused.
    for (const nodeId of [frameworkNodes.notAdopted, frameworkNodes.otherCouncils, "no-such-node"]) {
      expect(await map(nodeId)).toMatchObject({ ok: false, reason: "invalid", detail: { field: "nodeId", problem: "node_not_adopted" } });
    }
    const overview = must(await getCodingOverview(ctx.deps, ctx.officerA, { councilId: ctx.councilA, consultationId: id }));
    expect(overview.questions[0]!.codes[0]!.node).toMatchObject({ slug: "transport" });
    must(await map(null));
    const events = await ctx.db.prisma.auditEvent.findMany({ where: { action: "consultation.code_mapped", subjectId: buses.id }, orderBy: { createdAt: "asc" }, select: { data: true } });
    expect(events.map((e) => (e.data as { to: string | null }).to)).toEqual([frameworkNodes.adopted, null]);
    const outcomes = must(await listCouncilOutcomes(ctx.deps, ctx.officerA, { councilId: ctx.councilA }));
    expect(outcomes.map((o) => [o.framework.name, o.framework.version, o.nodes.map((n) => n.slug)])).toEqual([["Thriving Places Index", 2, ["transport", "green-space"]]]);
    expect(await listCouncilOutcomes(ctx.deps, ctx.residentA, { councilId: ctx.councilA })).toMatchObject({ ok: false, reason: "forbidden" });
  });
});

describe("reading and coding answers", () => {
  it("pages through answers 20 at a time by keyset, with the text only, and the filters", async () => {
    const id = await openOne("paging");
    // 25 answers to "change", 3 responses that skipped it, and answers to "else".
    const answered = await addResponses(id, Array.from({ length: 25 }, (_, i) => ({ change: `Change number ${i}`, else: i < 2 ? `Else ${i}` : undefined })));
    await addResponses(id, [{}, {}, { else: "Only the other question" }]);
    // And one through the real submission.
    const resident = await ctx.resident(ctx.councilA, "coding-resident@example.org");
    const receipt = must(await submitResponse(ctx.deps, { kind: "account", actor: resident }, { councilId: ctx.councilA, consultationId: id, answers: { matters: "buses", change: "More buses & trams, \"please\"" }, locale: "en" }));
    const total = 26;

    const first = must(await readAnswers(ctx.deps, ctx.officerA, { ...ids(id), filter: { show: "all" } }));
    expect(first.answers).toHaveLength(CODE_LIMITS.pageSize);
    expect(first.next).toBe(first.answers.at(-1)!.id);
    // Nothing about the respondent: the id, the text and my codes only.
    expect(Object.keys(first.answers[0]!).sort()).toEqual(["id", "mine", "text"]);
    expect(JSON.stringify(first)).not.toContain(receipt.reference);
    expect(JSON.stringify(first)).not.toContain("key-");
    const second = must(await readAnswers(ctx.deps, ctx.officerA, { ...ids(id), filter: { show: "all" }, after: first.next }));
    expect(second.answers).toHaveLength(total - CODE_LIMITS.pageSize);
    expect(second.next).toBeNull();
    const seen = [...first.answers, ...second.answers].map((a) => a.id);
    expect(new Set(seen).size).toBe(total);
    // In byte order of the id, the order the keyset pages in.
    expect(seen).toEqual([...seen].sort());
    expect(seen).toEqual(expect.arrayContaining(answered));
    // Resident text comes back as it was written: the page escapes it when it renders.
    expect([...first.answers, ...second.answers].map((a) => a.text)).toContain('More buses & trams, "please"');
    expect(first.progress).toMatchObject({ answers: total, mine: { coded: 0, total, percent: 0 } });
    expect(await readAnswers(ctx.deps, ctx.officerA, { ...ids(id), filter: { show: "all" }, after: "'; DROP TABLE x" })).toMatchObject({ ok: false, reason: "invalid", detail: { field: "after" } });

    // Code the first page: it leaves "not yet coded by me", for me only.
    const buses = must(await createCode(ctx.deps, ctx.officerA, { ...ids(id), label: "Buses" }));
    const other = must(await createCode(ctx.deps, ctx.officerA, { ...ids(id), label: "Other" }));
    const saved = must(await setAnswerCodes(ctx.deps, ctx.officerA, { ...ids(id), answers: first.answers.map((a, i) => ({ answerId: a.id, codeIds: i < 5 ? [buses.id, other.id] : [other.id] })) }));
    expect(saved).toEqual({ answers: 20, codings: 25 });
    const uncoded = must(await readAnswers(ctx.deps, ctx.officerA, { ...ids(id), filter: { show: "uncoded" } }));
    expect(uncoded.answers.map((a) => a.id)).toEqual(second.answers.map((a) => a.id));
    expect(uncoded.progress.mine).toEqual({ coded: 20, total, percent: 76 });
    expect(must(await readAnswers(ctx.deps, moderator, { ...ids(id), filter: { show: "uncoded" } })).answers).toHaveLength(20);
    const withBuses = must(await readAnswers(ctx.deps, moderator, { ...ids(id), filter: { show: "code", codeId: buses.id } }));
    expect(withBuses.answers.map((a) => a.id)).toEqual(first.answers.slice(0, 5).map((a) => a.id));
    // The moderator sees the answers, not the officer's codes, as their own.
    expect(withBuses.answers.every((a) => a.mine.length === 0)).toBe(true);
    expect(must(await readAnswers(ctx.deps, ctx.officerA, { ...ids(id), filter: { show: "all" } })).answers[0]!.mine.sort()).toEqual([buses.id, other.id].sort());
    // A code of another question is no filter here.
    const elseCode = must(await createCode(ctx.deps, ctx.officerA, { ...ids(id, "else"), label: "Buses" }));
    expect(await readAnswers(ctx.deps, ctx.officerA, { ...ids(id), filter: { show: "code", codeId: elseCode.id } })).toMatchObject({ ok: false, reason: "not_found" });

    const counts = must(await codeCounts(ctx.deps, admin, ids(id)));
    expect(counts.map((c) => [c.label, c.answers])).toEqual([["Buses", 5], ["Other", 20]]);
    const questions = must(await listCodingQuestions(ctx.deps, moderator, { councilId: ctx.councilA, consultationId: id }));
    expect(questions.questions.map((q) => [q.question.id, q.answers, q.mine.coded, q.anyone.coded])).toEqual([
      ["change", total, 0, 20],
      ["else", 3, 0, 0],
    ]);
  });

  it("replaces only this coder's codes on the answers saved, keeping when each was first given", async () => {
    const id = await openOne("replace");
    const [r1, r2] = await addResponses(id, [{ change: "Buses and bins" }, { change: "Bins" }]);
    const buses = must(await createCode(ctx.deps, ctx.officerA, { ...ids(id), label: "Buses" }));
    const bins = must(await createCode(ctx.deps, ctx.officerA, { ...ids(id), label: "Bins" }));
    must(await setAnswerCodes(ctx.deps, ctx.officerA, { ...ids(id), answers: [{ answerId: r1!, codeIds: [buses.id] }, { answerId: r2!, codeIds: [bins.id] }] }));
    must(await setAnswerCodes(ctx.deps, moderator, { ...ids(id), answers: [{ answerId: r1!, codeIds: [bins.id] }] }));
    const firstGiven = await ctx.db.prisma.answerCoding.findUniqueOrThrow({ where: { responseId_questionId_codeId_coderId: { responseId: r1!, questionId: "change", codeId: buses.id, coderId: ctx.officerA.account.id } } });
    ctx.clock.advance(60_000);
    const eventsBefore = await ctx.db.prisma.auditEvent.count();
    // r1 gets bins as well; r2 is cleared (an empty list).
    must(await setAnswerCodes(ctx.deps, ctx.officerA, { ...ids(id), answers: [{ answerId: r1!, codeIds: [buses.id, bins.id, bins.id] }, { answerId: r2!, codeIds: [] }] }));
    const rows = await ctx.db.prisma.answerCoding.findMany({ where: { questionId: "change", code: { consultationId: id } }, select: { responseId: true, codeId: true, coderId: true, createdAt: true } });
    const mine = rows.filter((r) => r.coderId === ctx.officerA.account.id);
    expect(mine.map((r) => [r.responseId, r.codeId]).sort()).toEqual([[r1, buses.id], [r1, bins.id]].sort());
    expect(mine.find((r) => r.codeId === buses.id)!.createdAt).toEqual(firstGiven.createdAt);
    expect(rows.filter((r) => r.coderId === moderator.account.id).map((r) => [r.responseId, r.codeId])).toEqual([[r1, bins.id]]);
    // Coding is not audited (see coding.server.ts): the rows carry coder and time.
    expect(await ctx.db.prisma.auditEvent.count()).toBe(eventsBefore);
  });

  it("refuses an answer or a code of another question or consultation, saving nothing", async () => {
    const id = await openOne("refusals");
    const [r1, onlyElse, skipped] = await addResponses(id, [{ change: "Buses" }, { else: "Only else" }, {}]);
    const otherId = await openOne("refusals-other");
    const [foreign] = await addResponses(otherId, [{ change: "Elsewhere" }]);
    const buses = must(await createCode(ctx.deps, ctx.officerA, { ...ids(id), label: "Buses" }));
    const elseCode = must(await createCode(ctx.deps, ctx.officerA, { ...ids(id, "else"), label: "Else" }));
    const foreignCode = must(await createCode(ctx.deps, ctx.officerA, { ...ids(otherId), label: "Buses" }));
    const save = (answers: { answerId: string; codeIds: string[] }[]) => setAnswerCodes(ctx.deps, ctx.officerA, { ...ids(id), answers });
    const cases: [{ answerId: string; codeIds: string[] }[], string][] = [
      [[{ answerId: r1!, codeIds: [buses.id] }, { answerId: onlyElse!, codeIds: [buses.id] }], "answer_not_in_question"],
      [[{ answerId: skipped!, codeIds: [buses.id] }], "answer_not_in_question"],
      [[{ answerId: foreign!, codeIds: [buses.id] }], "answer_not_in_question"],
      [[{ answerId: "not an id!", codeIds: [] }], "answer_not_in_question"],
      [[{ answerId: r1!, codeIds: [elseCode.id] }], "code_not_in_question"],
      [[{ answerId: r1!, codeIds: [foreignCode.id] }], "code_not_in_question"],
      [[{ answerId: r1!, codeIds: [buses.id] }, { answerId: r1!, codeIds: [] }], "duplicate_answer"],
      [Array.from({ length: 101 }, () => ({ answerId: r1!, codeIds: [] })), "too_many_answers"],
    ];
    for (const [answers, problem] of cases) expect(await save(answers), problem).toMatchObject({ ok: false, reason: "invalid", detail: { field: "answers", problem } });
    expect(await ctx.db.prisma.answerCoding.count({ where: { code: { consultationId: { in: [id, otherId] } } } })).toBe(0);
    // The question is this consultation's free-text one, or nothing.
    expect(await setAnswerCodes(ctx.deps, ctx.officerA, { ...ids(id, "matters"), answers: [{ answerId: r1!, codeIds: [] }] })).toMatchObject({ ok: false, reason: "not_found" });
    expect(await setAnswerCodes(ctx.deps, ctx.residentA, { ...ids(id), answers: [{ answerId: r1!, codeIds: [buses.id] }] })).toMatchObject({ ok: false, reason: "forbidden" });
  });

  it("a save and a delete of the same code at once end consistent: the delete counts what it removes", async () => {
    const id = await openOne("save-delete-race");
    const answers = await addResponses(id, Array.from({ length: 10 }, (_, i) => ({ change: `Answer ${i}` })));
    const code = must(await createCode(ctx.deps, ctx.officerA, { ...ids(id), label: "Race" }));
    const [saved, deleted] = await Promise.all([
      setAnswerCodes(ctx.deps, moderator, { ...ids(id), answers: answers.map((answerId) => ({ answerId, codeIds: [code.id] })) }),
      deleteCode(ctx.deps, ctx.officerA, { councilId: ctx.councilA, consultationId: id, codeId: code.id }),
    ]);
    // Either the delete ran first (the save then finds no such code) or the save did (the
    // delete then asks to confirm its 10 codings). Never a half-saved page or an error.
    if (deleted.ok) expect(saved).toMatchObject({ ok: false, detail: { problem: "code_not_in_question" } });
    else expect(deleted).toMatchObject({ reason: "in_use", detail: { codings: 10 } });
    expect(await ctx.db.prisma.answerCoding.count({ where: { codeId: code.id } })).toBe(saved.ok ? 10 : 0);
  });
});

describe("agreement and the overview", () => {
  it("shows kappa per code and the mean for each pair over the answers both coded", async () => {
    const id = await openOne("agreement");
    const [r1, r2, r3, r4, r5] = await addResponses(id, [{ change: "a" }, { change: "b" }, { change: "c" }, { change: "d" }, { change: "e" }]);
    const buses = must(await createCode(ctx.deps, ctx.officerA, { ...ids(id), label: "Buses" }));
    const litter = must(await createCode(ctx.deps, ctx.officerA, { ...ids(id), label: "Litter" }));
    const lights = must(await createCode(ctx.deps, ctx.officerA, { ...ids(id), label: "Lights" }));
    const code = (actor: Actor, marks: [string, string[]][]) => setAnswerCodes(ctx.deps, actor, { ...ids(id), answers: marks.map(([answerId, codeIds]) => ({ answerId, codeIds })) });
    // The worked example of app/domain/consultations/coding.test.ts, on real rows.
    must(await code(ctx.officerA, [[r1!, [buses.id]], [r2!, [buses.id, litter.id]], [r3!, [litter.id]], [r4!, [buses.id]], [r5!, [litter.id]]]));
    must(await code(moderator, [[r1!, [buses.id]], [r2!, [buses.id]], [r3!, [litter.id]], [r4!, [litter.id]]]));
    const agreement = must(await codingAgreement(ctx.deps, admin, ids(id)));
    expect(agreement.coders.map((c) => c.name).sort()).toEqual(["moderator-coding@example.org", "officer@trafford.test"]);
    expect(agreement.pairs).toHaveLength(1);
    const [pair] = agreement.pairs;
    expect(pair!.sharedAnswers).toBe(4);
    const by = new Map(pair!.codes.map((c) => [c.codeId, c]));
    expect(by.get(buses.id)).toMatchObject({ observed: 0.75, kappa: 0.5, status: "ok" });
    expect(by.get(litter.id)).toMatchObject({ observed: 0.5, kappa: 0, status: "ok" });
    expect(by.get(lights.id)).toMatchObject({ observed: 1, kappa: null, status: "no_variation" });
    expect(pair!.meanKappa).toBe(0.25);

    const overview = must(await getCodingOverview(ctx.deps, moderator, { councilId: ctx.councilA, consultationId: id }));
    const change = overview.questions.find((q) => q.question.id === "change")!;
    expect(change.mine).toEqual({ coded: 4, total: 5, percent: 80 });
    expect(change.anyone).toEqual({ coded: 5, total: 5, percent: 100 });
    expect(change.codes.map((c) => [c.label, c.answers, c.codings])).toEqual([["Buses", 3, 5], ["Lights", 0, 0], ["Litter", 4, 5]]);
    expect(change.agreement.pairs[0]!.meanKappa).toBe(0.25);
    expect(overview.questions.find((q) => q.question.id === "else")!.agreement).toEqual({ coders: [], pairs: [] });
  });
});
