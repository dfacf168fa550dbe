// "We asked, you said, we did" on a real database (PGlite; PostgreSQL too when TEST_DATABASE_URL
// is set): officers write a draft outcome while in analysis, publish it once, and everyone who
// asked to be told is emailed — a failed email leaves that person to be retried; residents who
// tick the box are recorded apart from their response; the public read shows nothing before
// publishing. Per role and per council.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Questionnaire } from "~/domain/questionnaires/questionnaire.ts";
import { must, openBudgetingTestContext, openVotingProcess, type BudgetingTestContext } from "~/server/budgeting/test-kit.server.ts";
import type { Email } from "~/server/email/mailer.server.ts";
import { advanceConsultation, createConsultation, editConsultation, openConsultation } from "./consultations.server.ts";
import { getOutcomeForOfficer, getPublishedOutcome, notifyFollowers, projectChoices, publishOutcome, saveOutcome } from "./outcomes.server.ts";
import { submitResponse, type Respondent } from "./responses.server.ts";

let ctx: BudgetingTestContext;
const DAY = 86_400_000;

const QUESTIONS: Questionnaire = {
  pages: [
    {
      id: "p1",
      questions: [
        { id: "visits", kind: "single_choice", title: { en: "How often do you visit a park?" }, required: true, options: [{ id: "weekly", label: { en: "Every week" } }, { id: "rarely", label: { en: "Rarely" } }] },
      ],
    },
  ],
};

const YOU_SAID = "Most of you visit a park every week. Many of you said the toilets are often locked.";
const WE_DID = "We have opened the toilets at Longford Park every day from 8am to 6pm.";
const me = (actor: BudgetingTestContext["residentA"]): Respondent => ({ kind: "account", actor });

beforeAll(async () => {
  ctx = await openBudgetingTestContext();
});

afterAll(async () => {
  await ctx?.db.close();
});

/** A consultation of council A, opened, answered by `respondents` (some asking to be told), closed and in analysis. */
async function inAnalysis(slug: string, respondents: { email: string; follow?: boolean; locale?: "en" | "cy"; visits?: string }[] = [], over: { allowAnonymous?: boolean } = {}) {
  const { id } = must(
    await createConsultation(ctx.deps, ctx.officerA, {
      councilId: ctx.councilA,
      title: `Parks ${slug}`,
      titleCy: `Parciau ${slug}`,
      slug,
      summary: "How should we look after our parks?",
      background: "We are writing a new parks strategy. These are the options we considered.",
      ...over,
    }),
  );
  must(await editConsultation(ctx.deps, ctx.officerA, { councilId: ctx.councilA, consultationId: id, questionnaire: QUESTIONS }));
  const now = ctx.clock.now().getTime();
  must(await openConsultation(ctx.deps, ctx.officerA, { councilId: ctx.councilA, consultationId: id, opensAt: new Date(now - DAY), closesAt: new Date(now + 90 * DAY) }));
  for (const r of respondents) {
    const resident = await ctx.resident(ctx.councilA, r.email);
    must(await submitResponse(ctx.deps, me(resident), { councilId: ctx.councilA, consultationId: id, answers: { visits: r.visits ?? "weekly" }, locale: r.locale ?? "en", follow: r.follow ? {} : null }));
  }
  return id;
}

async function toAnalysis(id: string) {
  must(await advanceConsultation(ctx.deps, ctx.officerA, { councilId: ctx.councilA, consultationId: id, to: "closed" }));
  must(await advanceConsultation(ctx.deps, ctx.officerA, { councilId: ctx.councilA, consultationId: id, to: "analysis" }));
}

const ids = (id: string) => ({ councilId: ctx.councilA, consultationId: id });

describe("the draft outcome", () => {
  it("is for this council's officers only, and only while in analysis", async () => {
    const id = await inAnalysis("outcome-who");
    const outcome = { youSaid: YOU_SAID, weDid: WE_DID, links: [] };
    expect(await saveOutcome(ctx.deps, ctx.residentA, { ...ids(id), outcome })).toMatchObject({ ok: false, reason: "forbidden" });
    expect(await saveOutcome(ctx.deps, ctx.officerB, { ...ids(id), outcome })).toMatchObject({ ok: false, reason: "forbidden" });
    expect(await saveOutcome(ctx.deps, ctx.officerB, { councilId: ctx.councilB, consultationId: id, outcome })).toMatchObject({ ok: false, reason: "not_found" });
    expect(await getOutcomeForOfficer(ctx.deps, ctx.officerB, { councilId: ctx.councilB, consultationId: id })).toMatchObject({ ok: false, reason: "not_found" });
    // Still open: the outcome comes after the responses have been read.
    expect(await saveOutcome(ctx.deps, ctx.officerA, { ...ids(id), outcome })).toMatchObject({ ok: false, reason: "not_in_analysis" });
    expect(await publishOutcome(ctx.deps, ctx.officerA, ids(id))).toMatchObject({ ok: false, reason: "invalid_transition" });
    await toAnalysis(id);
    expect(must(await saveOutcome(ctx.deps, ctx.officerA, { ...ids(id), outcome }))).toEqual({ links: 0 });
  });

  it("may be half written, links to https pages and this council's projects only, and replaces its links in order", async () => {
    const id = await inAnalysis("outcome-links");
    await toAnalysis(id);
    const ours = await openVotingProcess(ctx, "outcome-links-process");
    const theirs = await openVotingProcess(ctx, "outcome-links-salford", {}, ctx.councilB, ctx.officerB);
    const projectA = ours.projects["P-1"]!;
    expect((await projectChoices(ctx.deps, ctx.councilA)).map((p) => p.id)).toContain(projectA);
    expect((await projectChoices(ctx.deps, ctx.councilA)).map((p) => p.id)).not.toContain(theirs.projects["P-1"]);

    const refused = await saveOutcome(ctx.deps, ctx.officerA, {
      ...ids(id),
      outcome: {
        youSaid: "",
        weDid: "",
        links: [
          { label: "Old site", url: "http://democratic.trafford.gov.uk/decision" },
          { label: "Salford's project", projectId: theirs.projects["P-1"]! },
        ],
      },
    });
    expect(refused).toMatchObject({ ok: false, reason: "outcome_invalid", detail: { fieldErrors: { "link-0-target": "link_url_not_https", "link-1-target": "link_project_unknown" } } });
    expect(await ctx.db.prisma.consultationDecisionLink.count({ where: { consultationId: id } })).toBe(0);

    // Half written: a draft may have no texts yet.
    must(await saveOutcome(ctx.deps, ctx.officerA, { ...ids(id), outcome: { youSaid: YOU_SAID, weDid: "", links: [{ label: "Benches", projectId: projectA }, { label: "Decision", url: "https://democratic.trafford.gov.uk/d/1" }] } }));
    must(await saveOutcome(ctx.deps, ctx.officerA, { ...ids(id), outcome: { youSaid: YOU_SAID, weDid: "", links: [{ label: "Decision", url: "https://democratic.trafford.gov.uk/d/1" }, { label: "Benches", projectId: projectA }] } }));
    const view = must(await getOutcomeForOfficer(ctx.deps, ctx.officerA, ids(id)));
    expect(view).toMatchObject({ status: "analysis", youSaid: YOU_SAID, weDid: "", publishedAt: null });
    expect(view.links.map((l) => [l.label, l.url, l.project?.title ?? null])).toEqual([
      ["Decision", "https://democratic.trafford.gov.uk/d/1", null],
      ["Benches", null, "Benches by the river"],
    ]);
    const events = await ctx.db.prisma.auditEvent.findMany({ where: { subjectId: id, action: "consultation.outcome_saved" } });
    expect(events).toHaveLength(2);

    // The public sees nothing yet.
    expect(await getPublishedOutcome(ctx.deps, ids(id))).toMatchObject({ ok: false, reason: "not_found" });
  });
});

describe("publishing", () => {
  it("needs both halves, publishes once, and emails every follower in their language", async () => {
    const id = await inAnalysis("outcome-publish", [
      { email: "told-en@example.org", follow: true },
      { email: "told-cy@example.org", follow: true, locale: "cy" },
      { email: "not-told@example.org" },
    ]);
    await toAnalysis(id);
    expect(await ctx.db.prisma.consultationFollower.count({ where: { consultationId: id } })).toBe(2);
    must(await saveOutcome(ctx.deps, ctx.officerA, { ...ids(id), outcome: { youSaid: YOU_SAID, weDid: "", links: [] } }));
    expect(await publishOutcome(ctx.deps, ctx.officerA, ids(id))).toMatchObject({ ok: false, reason: "outcome_invalid", detail: { fieldErrors: { weDid: "we_did_required" } } });
    expect(await ctx.db.prisma.consultation.findUniqueOrThrow({ where: { id }, select: { status: true } })).toEqual({ status: "analysis" });

    must(await saveOutcome(ctx.deps, ctx.officerA, { ...ids(id), outcome: { youSaid: YOU_SAID, weDid: WE_DID, links: [{ label: "Decision", url: "https://democratic.trafford.gov.uk/d/2" }] } }));
    const before = ctx.mailer.sent.length;
    const result = must(await publishOutcome(ctx.deps, ctx.officerA, ids(id)));
    expect(result.notified).toEqual({ sent: 2, failed: 0, remaining: 0 });
    expect(result.publishedAt).toEqual(ctx.clock.now());
    const mail = ctx.mailer.sent.slice(before);
    expect(mail.map((m) => m.to).sort()).toEqual(["told-cy@example.org", "told-en@example.org"]);
    const en = mail.find((m) => m.to === "told-en@example.org")!;
    expect(en.subject).toBe("What we did with what people said: Parks outcome-publish");
    expect(en.text).toContain("https://have-your-say.example.gov.uk/trafford/consultations/outcome-publish");
    expect(mail.find((m) => m.to === "told-cy@example.org")!.subject).toBe("Beth wnaethom gyda'r hyn a ddywedodd pobl: Parciau outcome-publish");
    expect(await ctx.db.prisma.consultationFollower.count({ where: { consultationId: id } })).toBe(0);

    const row = await ctx.db.prisma.consultation.findUniqueOrThrow({ where: { id }, select: { status: true, publishedAt: true } });
    expect(row).toEqual({ status: "published", publishedAt: ctx.clock.now() });
    const events = await ctx.db.prisma.auditEvent.findMany({ where: { subjectId: id, action: { in: ["consultation.published", "consultation.followers_notified"] } }, select: { action: true, data: true } });
    expect(events).toEqual(
      expect.arrayContaining([
        { action: "consultation.published", data: { from: "analysis", links: 1, followers: 2 } },
        { action: "consultation.followers_notified", data: { sent: 2, failed: 0, remaining: 0 } },
      ]),
    );
    expect(must(await getOutcomeForOfficer(ctx.deps, ctx.officerA, ids(id)))).toMatchObject({ status: "published", followersWaiting: 0, followersTold: 2 });

    // Never twice, and no more changes.
    expect(await publishOutcome(ctx.deps, ctx.officerA, ids(id))).toMatchObject({ ok: false, reason: "already_published" });
    expect(await saveOutcome(ctx.deps, ctx.officerA, { ...ids(id), outcome: { youSaid: YOU_SAID, weDid: WE_DID, links: [] } })).toMatchObject({ ok: false, reason: "already_published" });
    expect(ctx.mailer.sent.length).toBe(before + 2);
  });

  it("two officers publishing at once publish once and email each follower once", async () => {
    const id = await inAnalysis("outcome-race", [{ email: "race@example.org", follow: true }]);
    await toAnalysis(id);
    must(await saveOutcome(ctx.deps, ctx.officerA, { ...ids(id), outcome: { youSaid: YOU_SAID, weDid: WE_DID, links: [] } }));
    const before = ctx.mailer.sent.filter((m) => m.to === "race@example.org").length;
    const results = await Promise.all([publishOutcome(ctx.deps, ctx.officerA, ids(id)), publishOutcome(ctx.deps, ctx.officerA, ids(id))]);
    expect(results.map((r) => (r.ok ? "ok" : r.reason)).sort()).toEqual(["already_published", "ok"]);
    expect(ctx.mailer.sent.filter((m) => m.to === "race@example.org").length).toBe(before + 1);
  });

  it("leaves a follower whose email failed to be retried, and counts everyone told", async () => {
    const id = await inAnalysis("outcome-retry", [
      { email: "works@example.org", follow: true },
      { email: "bounces@example.org", follow: true },
    ]);
    await toAnalysis(id);
    must(await saveOutcome(ctx.deps, ctx.officerA, { ...ids(id), outcome: { youSaid: YOU_SAID, weDid: WE_DID, links: [] } }));
    const sent: Email[] = [];
    const flaky = {
      ...ctx.deps,
      mailer: {
        kind: "outbox" as const,
        send: async (email: Email) => {
          if (email.to === "bounces@example.org") throw new Error("SMTP 451 try again later");
          sent.push(email);
        },
      },
    };
    expect(must(await publishOutcome(flaky, ctx.officerA, ids(id))).notified).toEqual({ sent: 1, failed: 1, remaining: 1 });
    expect(await ctx.db.prisma.consultationFollower.findMany({ where: { consultationId: id }, select: { email: true } })).toEqual([{ email: "bounces@example.org" }]);
    expect(must(await getOutcomeForOfficer(ctx.deps, ctx.officerA, ids(id)))).toMatchObject({ followersWaiting: 1, followersTold: 1 });

    expect(await notifyFollowers(ctx.deps, ctx.residentA, ids(id))).toMatchObject({ ok: false, reason: "forbidden" });
    expect(must(await notifyFollowers(ctx.deps, ctx.officerA, ids(id)))).toEqual({ sent: 1, failed: 0, remaining: 0 });
    expect(must(await getOutcomeForOfficer(ctx.deps, ctx.officerA, ids(id)))).toMatchObject({ followersWaiting: 0, followersTold: 2 });
    // Nothing left: a further run sends nothing.
    expect(must(await notifyFollowers(ctx.deps, ctx.officerA, ids(id)))).toEqual({ sent: 0, failed: 0, remaining: 0 });
  });

  it("refuses to email followers of a consultation that is not published", async () => {
    const id = await inAnalysis("outcome-not-yet", [{ email: "waiting@example.org", follow: true }]);
    expect(await notifyFollowers(ctx.deps, ctx.officerA, ids(id))).toMatchObject({ ok: false, reason: "not_published" });
    expect(await ctx.db.prisma.consultationFollower.count({ where: { consultationId: id } })).toBe(1);
  });
});

describe("the public outcome", () => {
  it("shows the texts, the links and the suppressed counts once published", async () => {
    const people = Array.from({ length: 14 }, (_, i) => ({ email: `public-${i}@example.org`, visits: i < 12 ? "weekly" : "rarely" }));
    const id = await inAnalysis("outcome-public", people);
    await toAnalysis(id);
    const process = await openVotingProcess(ctx, "outcome-public-process");
    must(
      await saveOutcome(ctx.deps, ctx.officerA, {
        ...ids(id),
        outcome: { youSaid: YOU_SAID, weDid: WE_DID, weDidCy: "Rydym wedi agor y toiledau bob dydd.", links: [{ label: "Benches", projectId: process.projects["P-1"]! }, { label: "Decision", url: "https://democratic.trafford.gov.uk/d/3" }] },
      }),
    );
    must(await publishOutcome(ctx.deps, ctx.officerA, ids(id)));
    const shown = must(await getPublishedOutcome(ctx.deps, ids(id)));
    expect(shown).toMatchObject({ youSaid: YOU_SAID, youSaidCy: null, weDid: WE_DID, weDidCy: "Rydym wedi agor y toiledau bob dydd." });
    expect(shown.links).toEqual([
      { label: "Benches", href: "/trafford/budgets/outcome-public-process/projects/P-1", kind: "project" },
      { label: "Decision", href: "https://democratic.trafford.gov.uk/d/3", kind: "url" },
    ]);
    expect(shown.analysis.responses).toBe(14);
    // 12 and 2: the 2 is fewer than 10, and the 12 is hidden too, or the 2 could be worked out.
    expect(shown.analysis.questions[0]!.cells.map((c) => c.kind)).toEqual(["not_shown", "fewer_than"]);
    expect(await getPublishedOutcome(ctx.deps, { councilId: ctx.councilB, consultationId: id })).toMatchObject({ ok: false, reason: "not_found" });
  });
});

describe("asking to be told", () => {
  it("records a signed-in resident's account address apart from the response, at the day only", async () => {
    const id = await inAnalysis("outcome-follow", [{ email: "follower@example.org", follow: true, locale: "cy" }]);
    const followers = await ctx.db.prisma.consultationFollower.findMany({ where: { consultationId: id } });
    expect(followers).toHaveLength(1);
    expect(followers[0]).toMatchObject({ email: "follower@example.org", locale: "cy" });
    const response = await ctx.db.prisma.consultationResponse.findFirstOrThrow({ where: { consultationId: id } });
    expect(followers[0]!.createdAt.getTime()).not.toBe(response.submittedAt.getTime());
    expect(followers[0]!.createdAt.toISOString()).toBe(`${response.submittedAt.toISOString().slice(0, 10)}T00:00:00.000Z`);
    // Nothing in the response names the follower.
    expect(JSON.stringify(response)).not.toContain("follower@example.org");
  });

  it("takes an anonymous respondent's address only when it is a real one, storing nothing otherwise", async () => {
    const id = await inAnalysis("outcome-anonymous", [], { allowAnonymous: true });
    const browser: Respondent = { kind: "anonymous", token: "c".repeat(32) };
    const submit = (email: string) => submitResponse(ctx.deps, browser, { ...ids(id), answers: { visits: "weekly" }, locale: "en", follow: { email } });
    expect(await submit("not an address")).toMatchObject({ ok: false, reason: "follower_email_invalid" });
    expect(await ctx.db.prisma.consultationResponse.count({ where: { consultationId: id } })).toBe(0);
    must(await submit(" Someone@Example.org "));
    expect(await ctx.db.prisma.consultationFollower.findMany({ where: { consultationId: id }, select: { email: true } })).toEqual([{ email: "someone@example.org" }]);
    // Another browser giving the same address: still one follower, still one email later.
    must(await submitResponse(ctx.deps, { kind: "anonymous", token: "d".repeat(32) }, { ...ids(id), answers: { visits: "rarely" }, locale: "en", follow: { email: "someone@example.org" } }));
    expect(await ctx.db.prisma.consultationFollower.count({ where: { consultationId: id } })).toBe(1);
    expect(await ctx.db.prisma.consultationResponse.count({ where: { consultationId: id } })).toBe(2);
  });
});
