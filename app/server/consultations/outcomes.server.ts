// "We asked, you said, we did": officers write the outcome of a consultation while it is in
// analysis (a draft they can save and come back to), publish it — the move analysis → published,
// once — and everyone who asked to be told is emailed a link to the public page. Rules:
// app/domain/consultations/outcome.ts (what may be published) and lifecycle.ts (the move).
//
// Invariants
// - Officers only ("consultations.manage", as for every other step of a consultation); another
//   council's consultation is 'not_found'. Every query is filtered by councilId.
// - Publishing checks the stored outcome and the lifecycle in the transaction that sets the
//   status and publishedAt, with the consultation row locked, so it happens once: a second
//   attempt (a double click, a second officer) is refused 'already_published'.
// - Followers (ConsultationFollower) are emailed after the commit, one by one, and each row is
//   deleted once its email has gone: a failure stops nothing else and leaves that row (and any
//   not reached) for "send the remaining emails". A row is never linked to a response.
// - The public read shows nothing until the consultation is published, and its counts come from
//   `aggregateResponses`, suppressed below 10 as on the officers' analysis page.
import { can } from "~/domain/accounts/permissions.ts";
import { checkTransition, type TransitionReason } from "~/domain/consultations/lifecycle.ts";
import { checkOutcome, outcomePublishedEmail, type OutcomeFieldErrors, type OutcomeInput } from "~/domain/consultations/outcome.ts";
import { isLocale, type Locale } from "~/domain/i18n/locale.ts";
import { err, ok, type Result } from "~/domain/result.ts";
import type { Actor } from "~/server/accounts/sessions.server.ts";
import { audit } from "~/server/audit/audit.server.ts";
import { Refusal, transact, type Tx } from "~/server/db/transact.server.ts";
import type { Services } from "~/server/services.server.ts";
import { aggregateResponses, type ConsultationAnalysis } from "./analysis.server.ts";

export type OutcomeDeps = Pick<Services, "prisma" | "now" | "config" | "mailer">;

export type OutcomeReason = "forbidden" | "not_found" | "not_in_analysis" | "not_published" | "outcome_invalid" | TransitionReason;

/** Emails sent in one request at most: the rest wait for "send the remaining emails". */
export const NOTIFY_BATCH = 500;

const NOTIFIED_ACTION = "consultation.followers_notified";

function canManage(actor: Actor | null, councilId: string): actor is Actor {
  return actor !== null && can(actor.roles, councilId, "consultations.manage");
}

function refuse(reason: OutcomeReason, detail?: unknown): never {
  throw new Refusal(err(reason, detail));
}

interface LockedOutcome {
  id: string;
  status: string;
  youSaid: string | null;
  youSaidCy: string | null;
  weDid: string | null;
  weDidCy: string | null;
}

async function lockConsultation(tx: Tx, councilId: string, consultationId: string): Promise<LockedOutcome | null> {
  const rows = await tx.$queryRaw<LockedOutcome[]>`
    SELECT "id", "status"::text AS "status", "youSaid", "youSaidCy", "weDid", "weDidCy"
    FROM "Consultation" WHERE "id" = ${consultationId} AND "councilId" = ${councilId} FOR UPDATE`;
  return rows[0] ?? null;
}

/**
 * The projects an outcome may link to: this council's, in processes residents can see (not
 * drafts), so every link published leads to a page that exists for the public.
 */
async function linkableProjectIds(db: Tx | OutcomeDeps["prisma"], councilId: string): Promise<Set<string>> {
  const rows = await db.project.findMany({ where: { process: { councilId, phase: { not: "draft" } } }, select: { id: true } });
  return new Set(rows.map((r) => r.id));
}

export interface ProjectChoice {
  id: string;
  title: string;
  reference: string;
  process: string;
}

/** The projects to choose from on the officer's page, grouped by process. */
export async function projectChoices(deps: Pick<OutcomeDeps, "prisma">, councilId: string): Promise<ProjectChoice[]> {
  const rows = await deps.prisma.project.findMany({
    where: { process: { councilId, phase: { not: "draft" } } },
    orderBy: [{ process: { title: "asc" } }, { title: "asc" }],
    select: { id: true, title: true, reference: true, process: { select: { title: true } } },
  });
  return rows.map((r) => ({ id: r.id, title: r.title, reference: r.reference, process: r.process.title }));
}

// ───────────────────────────── officers: the draft ─────────────────────────────

/**
 * Saves the outcome as it stands, while the consultation is in analysis: the texts (which may
 * still be empty) and the links, replacing the earlier ones in the order given. Nothing that
 * could never be published is stored. Audit: consultation.outcome_saved.
 */
export async function saveOutcome(
  deps: OutcomeDeps,
  actor: Actor | null,
  input: { councilId: string; consultationId: string; outcome: OutcomeInput },
): Promise<Result<{ links: number }, OutcomeReason>> {
  if (!canManage(actor, input.councilId)) return err("forbidden");
  return transact(deps.prisma, async (tx) => {
    const current = await lockConsultation(tx, input.councilId, input.consultationId);
    if (!current) refuse("not_found");
    if (current.status === "published") refuse("already_published");
    if (current.status !== "analysis") refuse("not_in_analysis", { status: current.status });
    const checked = checkOutcome(input.outcome, { projectIds: await linkableProjectIds(tx, input.councilId), mode: "draft" });
    if (!checked.ok) refuse("outcome_invalid", checked.detail);
    const o = checked.value;
    await tx.consultation.update({
      where: { id: current.id },
      data: { youSaid: o.youSaid || null, youSaidCy: o.youSaidCy, weDid: o.weDid || null, weDidCy: o.weDidCy },
    });
    await tx.consultationDecisionLink.deleteMany({ where: { consultationId: current.id } });
    if (o.links.length > 0)
      await tx.consultationDecisionLink.createMany({
        data: o.links.map((link, position) => ({ consultationId: current.id, label: link.label, url: link.url, projectId: link.projectId, position })),
      });
    await audit(tx, deps, {
      councilId: input.councilId,
      actorId: actor.account.id,
      action: "consultation.outcome_saved",
      subjectType: "Consultation",
      subjectId: current.id,
      data: { links: o.links.length, youSaid: o.youSaid !== "", weDid: o.weDid !== "", welsh: o.youSaidCy !== null || o.weDidCy !== null },
    });
    return ok({ links: o.links.length });
  });
}

export interface OfficerOutcome {
  status: string;
  slug: string;
  publishedAt: Date | null;
  youSaid: string;
  youSaidCy: string;
  weDid: string;
  weDidCy: string;
  links: { id: string; label: string; url: string | null; projectId: string | null; project: { title: string; reference: string; process: string } | null }[];
  /** People still to be emailed (all of them before publishing). */
  followersWaiting: number;
  /** People emailed so far, from the audit record of each sending. */
  followersTold: number;
}

/** What the officer's outcome page shows. */
export async function getOutcomeForOfficer(
  deps: Pick<OutcomeDeps, "prisma">,
  actor: Actor | null,
  input: { councilId: string; consultationId: string },
): Promise<Result<OfficerOutcome, "forbidden" | "not_found">> {
  if (!canManage(actor, input.councilId)) return err("forbidden");
  const row = await deps.prisma.consultation.findFirst({
    where: { id: input.consultationId, councilId: input.councilId },
    select: {
      status: true,
      slug: true,
      publishedAt: true,
      youSaid: true,
      youSaidCy: true,
      weDid: true,
      weDidCy: true,
      decisionLinks: {
        orderBy: { position: "asc" },
        select: { id: true, label: true, url: true, projectId: true, project: { select: { title: true, reference: true, process: { select: { title: true } } } } },
      },
      _count: { select: { followers: true } },
    },
  });
  if (!row) return err("not_found");
  return ok({
    status: row.status,
    slug: row.slug,
    publishedAt: row.publishedAt,
    youSaid: row.youSaid ?? "",
    youSaidCy: row.youSaidCy ?? "",
    weDid: row.weDid ?? "",
    weDidCy: row.weDidCy ?? "",
    links: row.decisionLinks.map((l) => ({
      id: l.id,
      label: l.label,
      url: l.url,
      projectId: l.projectId,
      project: l.project ? { title: l.project.title, reference: l.project.reference, process: l.project.process.title } : null,
    })),
    followersWaiting: row._count.followers,
    followersTold: await followersTold(deps, input.councilId, input.consultationId),
  });
}

async function followersTold(deps: Pick<OutcomeDeps, "prisma">, councilId: string, consultationId: string): Promise<number> {
  const events = await deps.prisma.auditEvent.findMany({ where: { councilId, subjectId: consultationId, action: NOTIFIED_ACTION }, select: { data: true } });
  return events.reduce((sum, e) => {
    const sent = (e.data as { sent?: unknown } | null)?.sent;
    return sum + (typeof sent === "number" ? sent : 0);
  }, 0);
}

// ───────────────────────────── officers: publishing ─────────────────────────────

export interface Notified {
  /** Emails sent by this run. */
  sent: number;
  /** Emails that failed in this run (their followers stay, to be retried). */
  failed: number;
  /** Followers still to be emailed after this run. */
  remaining: number;
}

/**
 * Publishes the saved outcome: analysis → published, once, with publishedAt; refused when the
 * saved texts or links would not pass (the field errors say which). Then emails the followers.
 * Audit: consultation.published (and consultation.followers_notified for the emails).
 */
export async function publishOutcome(
  deps: OutcomeDeps,
  actor: Actor | null,
  input: { councilId: string; consultationId: string },
): Promise<Result<{ publishedAt: Date; notified: Notified }, OutcomeReason>> {
  if (!canManage(actor, input.councilId)) return err("forbidden");
  const published = await transact<Result<{ publishedAt: Date }, OutcomeReason>, Result<{ publishedAt: Date }, OutcomeReason>>(deps.prisma, async (tx) => {
    const current = await lockConsultation(tx, input.councilId, input.consultationId);
    if (!current) refuse("not_found");
    const move = checkTransition(current.status as Parameters<typeof checkTransition>[0], "published");
    if (!move.ok) refuse(move.reason, move.detail);
    const links = await tx.consultationDecisionLink.findMany({ where: { consultationId: current.id }, orderBy: { position: "asc" }, select: { label: true, url: true, projectId: true } });
    const checked = checkOutcome(
      { youSaid: current.youSaid ?? "", youSaidCy: current.youSaidCy, weDid: current.weDid ?? "", weDidCy: current.weDidCy, links },
      { projectIds: await linkableProjectIds(tx, input.councilId), mode: "publish" },
    );
    if (!checked.ok) refuse("outcome_invalid", checked.detail);
    const publishedAt = deps.now();
    await tx.consultation.update({ where: { id: current.id }, data: { status: "published", publishedAt } });
    const followers = await tx.consultationFollower.count({ where: { consultationId: current.id } });
    await audit(tx, deps, {
      councilId: input.councilId,
      actorId: actor.account.id,
      action: "consultation.published",
      subjectType: "Consultation",
      subjectId: current.id,
      data: { from: current.status, links: links.length, followers },
    });
    return ok({ publishedAt });
  });
  if (!published.ok) return published;
  const notified = await notifyFollowers(deps, actor, input);
  return ok({ publishedAt: published.value.publishedAt, notified: notified.ok ? notified.value : { sent: 0, failed: 0, remaining: 0 } });
}

/**
 * Emails up to NOTIFY_BATCH followers of a published consultation, in their language, with the
 * public page's address, deleting each follower once their email has gone. Sent outside any
 * transaction (the development outbox writes to the database itself, and an SMTP server may be
 * slow): an email that was sent but whose row could not be deleted is sent again on a retry —
 * better told twice than never. Audit: consultation.followers_notified, with the counts.
 */
export async function notifyFollowers(
  deps: OutcomeDeps,
  actor: Actor | null,
  input: { councilId: string; consultationId: string; limit?: number },
): Promise<Result<Notified, OutcomeReason>> {
  if (!canManage(actor, input.councilId)) return err("forbidden");
  const c = await deps.prisma.consultation.findFirst({
    where: { id: input.consultationId, councilId: input.councilId },
    select: { id: true, slug: true, status: true, title: true, titleCy: true, council: { select: { slug: true, name: true, nameCy: true } } },
  });
  if (!c) return err("not_found");
  if (c.status !== "published") return err("not_published");
  const url = `${deps.config.publicUrl.replace(/\/$/, "")}/${c.council.slug}/consultations/${c.slug}`;
  const emails: Record<Locale, { subject: string; text: string }> = {
    en: outcomePublishedEmail("en", { title: c.title, council: c.council.name, url }),
    cy: outcomePublishedEmail("cy", { title: c.titleCy || c.title, council: c.council.nameCy || c.council.name, url }),
  };
  const followers = await deps.prisma.consultationFollower.findMany({
    where: { consultationId: c.id },
    orderBy: [{ createdAt: "asc" }, { email: "asc" }],
    take: Math.max(1, Math.min(input.limit ?? NOTIFY_BATCH, NOTIFY_BATCH)),
    select: { email: true, locale: true },
  });
  let sent = 0;
  let failed = 0;
  for (const follower of followers) {
    // Another officer's run may have told this person a moment ago.
    const still = await deps.prisma.consultationFollower.findUnique({ where: { consultationId_email: { consultationId: c.id, email: follower.email } }, select: { email: true } });
    if (!still) continue;
    try {
      await deps.mailer.send({ to: follower.email, ...emails[isLocale(follower.locale) ? follower.locale : "en"] });
    } catch {
      failed++;
      continue;
    }
    sent++;
    await deps.prisma.consultationFollower.deleteMany({ where: { consultationId: c.id, email: follower.email } });
  }
  const remaining = await deps.prisma.consultationFollower.count({ where: { consultationId: c.id } });
  if (sent + failed > 0)
    await transact(deps.prisma, (tx) =>
      audit(tx, deps, {
        councilId: input.councilId,
        actorId: actor.account.id,
        action: NOTIFIED_ACTION,
        subjectType: "Consultation",
        subjectId: c.id,
        data: { sent, failed, remaining },
      }),
    );
  return ok({ sent, failed, remaining });
}

// ───────────────────────────── residents: the published outcome ─────────────────────────────

export interface PublishedLink {
  label: string;
  /** A path on this site for a project, or the https address of a decision. */
  href: string;
  kind: "project" | "url";
}

export interface PublishedOutcome {
  publishedAt: Date;
  youSaid: string;
  youSaidCy: string | null;
  weDid: string;
  weDidCy: string | null;
  links: PublishedLink[];
  /** "What you said" in numbers: counts by question and option, small cells suppressed. */
  analysis: ConsultationAnalysis;
}

/** The published "You said, we did" of a consultation; 'not_found' until it is published. */
export async function getPublishedOutcome(deps: Pick<OutcomeDeps, "prisma">, input: { councilId: string; consultationId: string }): Promise<Result<PublishedOutcome, "not_found">> {
  const row = await deps.prisma.consultation.findFirst({
    where: { id: input.consultationId, councilId: input.councilId, status: "published" },
    select: {
      id: true,
      questionnaire: true,
      publishedAt: true,
      youSaid: true,
      youSaidCy: true,
      weDid: true,
      weDidCy: true,
      council: { select: { slug: true } },
      decisionLinks: {
        orderBy: { position: "asc" },
        select: { label: true, url: true, project: { select: { reference: true, process: { select: { slug: true, phase: true, councilId: true } } } } },
      },
    },
  });
  if (!row || !row.publishedAt) return err("not_found");
  const links: PublishedLink[] = [];
  for (const l of row.decisionLinks) {
    if (l.url) links.push({ label: l.label, href: l.url, kind: "url" });
    // A project whose process went back to draft, or was removed, is no longer a public page.
    else if (l.project && l.project.process.councilId === input.councilId && l.project.process.phase !== "draft")
      links.push({ label: l.label, href: `/${row.council.slug}/budgets/${l.project.process.slug}/projects/${l.project.reference}`, kind: "project" });
  }
  return ok({
    publishedAt: row.publishedAt,
    youSaid: row.youSaid ?? "",
    youSaidCy: row.youSaidCy,
    weDid: row.weDid ?? "",
    weDidCy: row.weDidCy,
    links,
    analysis: await aggregateResponses(deps, { id: row.id, questionnaire: row.questionnaire }),
  });
}

/** The field errors of an 'outcome_invalid' refusal. */
export function outcomeFieldErrors(detail: unknown): OutcomeFieldErrors {
  return ((detail as { fieldErrors?: OutcomeFieldErrors } | undefined)?.fieldErrors ?? {}) as OutcomeFieldErrors;
}
