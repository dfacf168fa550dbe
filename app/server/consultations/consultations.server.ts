// Consultation use cases for officers — create, edit (versioned once open), open, extend, close,
// move to analysis — and the reads the public and officer pages use. Rules live in
// app/domain/consultations/lifecycle.ts and app/domain/questionnaires; this file loads,
// authorises, calls them and writes in one transaction with an audit event.
//
// Tenancy: every query is filtered by councilId; another council's consultation is 'not_found'.
// Gunning (uk-standards.md §1): a consultation opens only with its background written and at
// least one question; an open period shorter than the council's minimum needs a reason, shown
// publicly with the dates; edits after opening are new numbered versions with a note, and an edit
// that would change what earlier respondents answered is refused.
import { can } from "~/domain/accounts/permissions.ts";
import { checkExtend, checkOpen, classifyEdit, type LifecycleReason } from "~/domain/consultations/lifecycle.ts";
import { parseQuestionnaire, type Questionnaire } from "~/domain/questionnaires/questionnaire.ts";
import { err, ok, type Result } from "~/domain/result.ts";
import type { Actor } from "~/server/accounts/sessions.server.ts";
import { audit } from "~/server/audit/audit.server.ts";
import { Refusal, transact, type Tx } from "~/server/db/transact.server.ts";
import { Prisma } from "~/server/db/generated/client.ts";
import type { Services } from "~/server/services.server.ts";

export type ConsultationDeps = Pick<Services, "prisma" | "now" | "config">;

export type ConsultationStatus = "draft" | "open" | "closed" | "analysis" | "published";

/** Whether `actor` may run consultations in `councilId` (officers and admins). */
export function canManageConsultations(actor: Actor | null, councilId: string): actor is Actor {
  return actor !== null && can(actor.roles, councilId, "consultations.manage");
}

export type ConsultationReason =
  | "forbidden"
  | "not_found"
  | "invalid"
  | "slug_taken"
  | "locked"
  | "change_note_required"
  | "no_questions"
  | "no_background"
  | LifecycleReason;

export type FieldErrors = Record<string, string>;

function refuse(reason: ConsultationReason, detail?: unknown): never {
  throw new Refusal(err(reason, detail));
}

// ───────────────────────────── the details form ─────────────────────────────

export interface ConsultationDetailsInput {
  title: string;
  titleCy?: string;
  slug: string;
  summary: string;
  summaryCy?: string;
  background: string;
  backgroundCy?: string;
  audience?: string;
  wardCodes?: string[];
  allowAnonymous?: boolean;
  equalityMonitoring?: boolean;
}

const LIMITS = { title: 150, summary: 600, background: 20_000, audience: 300 } as const;
const SLUG = /^[a-z0-9](?:[a-z0-9-]{1,58}[a-z0-9])$/;

/** The details as stored, or the field errors ('required', 'too_long', 'slug_format'). */
export function readDetails(input: ConsultationDetailsInput): Result<Required<ConsultationDetailsInput>, "invalid"> {
  const errors: FieldErrors = {};
  const text = (name: keyof typeof LIMITS | "titleCy" | "summaryCy" | "backgroundCy", value: string | undefined, required: boolean) => {
    const v = (value ?? "").trim();
    const limit = LIMITS[name.replace(/Cy$/, "") as keyof typeof LIMITS];
    if (required && v === "") errors[name] = "required";
    else if (v.length > limit) errors[name] = "too_long";
    return v;
  };
  const details = {
    title: text("title", input.title, true),
    titleCy: text("titleCy", input.titleCy, false),
    slug: (input.slug ?? "").trim().toLowerCase(),
    summary: text("summary", input.summary, true),
    summaryCy: text("summaryCy", input.summaryCy, false),
    background: text("background", input.background, false),
    backgroundCy: text("backgroundCy", input.backgroundCy, false),
    audience: text("audience", input.audience, false),
    wardCodes: [...new Set((input.wardCodes ?? []).filter((c) => c !== ""))],
    allowAnonymous: input.allowAnonymous === true,
    equalityMonitoring: input.equalityMonitoring === true,
  };
  if (!SLUG.test(details.slug)) errors.slug = details.slug === "" ? "required" : "slug_format";
  return Object.keys(errors).length > 0 ? err("invalid", { fieldErrors: errors }) : ok(details);
}

async function unknownWards(tx: Tx, councilId: string, codes: readonly string[]): Promise<string[]> {
  if (codes.length === 0) return [];
  const found = await tx.area.findMany({ where: { councilId, type: "ward", code: { in: [...codes] } }, select: { code: true } });
  const known = new Set(found.map((a) => a.code));
  return codes.filter((c) => !known.has(c));
}

const EMPTY_QUESTIONNAIRE: Questionnaire = { pages: [] };

function columns(details: Required<ConsultationDetailsInput>) {
  return {
    title: details.title,
    titleCy: details.titleCy || null,
    slug: details.slug,
    summary: details.summary,
    summaryCy: details.summaryCy || null,
    background: details.background,
    backgroundCy: details.backgroundCy || null,
    audience: details.audience || null,
    wardCodes: details.wardCodes,
    allowAnonymous: details.allowAnonymous,
    // The ONS harmonised set as the council's defaults; per-question choice is a later refinement.
    equality: details.equalityMonitoring ? ({ enabled: true } as Prisma.InputJsonValue) : Prisma.DbNull,
  };
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}

// ───────────────────────────── officers: create and edit ─────────────────────────────

/** A new consultation in draft, with no questions yet. Audit: consultation.created. */
export async function createConsultation(
  deps: ConsultationDeps,
  actor: Actor | null,
  input: { councilId: string } & ConsultationDetailsInput,
): Promise<Result<{ id: string }, ConsultationReason>> {
  if (!canManageConsultations(actor, input.councilId)) return err("forbidden");
  const details = readDetails(input);
  if (!details.ok) return details;
  try {
    return await transact(deps.prisma, async (tx) => {
      const badWards = await unknownWards(tx, input.councilId, details.value.wardCodes);
      if (badWards.length > 0) refuse("invalid", { fieldErrors: { wardCodes: "unknown_ward" } });
      const created = await tx.consultation.create({
        data: {
          councilId: input.councilId,
          ...columns(details.value),
          questionnaire: EMPTY_QUESTIONNAIRE as unknown as Prisma.InputJsonValue,
          createdAt: deps.now(),
        },
        select: { id: true },
      });
      await audit(tx, deps, {
        councilId: input.councilId,
        actorId: actor.account.id,
        action: "consultation.created",
        subjectType: "Consultation",
        subjectId: created.id,
        data: { title: details.value.title, slug: details.value.slug },
      });
      return ok(created);
    }, { attempts: 1 });
  } catch (error) {
    if (isUniqueViolation(error)) return err("invalid", { fieldErrors: { slug: "slug_taken" } });
    throw error;
  }
}

interface LockedConsultation {
  id: string;
  status: ConsultationStatus;
  version: number;
  title: string;
  summary: string;
  background: string;
  questionnaire: unknown;
  opensAt: Date | null;
  closesAt: Date | null;
}

/** Locks the consultation row for the rest of the transaction; null when not this council's. */
async function lockConsultation(tx: Tx, councilId: string, consultationId: string): Promise<LockedConsultation | null> {
  const rows = await tx.$queryRaw<LockedConsultation[]>`
    SELECT "id", "status"::text AS "status", "version", "title", "summary", "background", "questionnaire", "opensAt", "closesAt"
    FROM "Consultation" WHERE "id" = ${consultationId} AND "councilId" = ${councilId} FOR UPDATE`;
  const row = rows[0];
  if (!row) return null;
  // json columns come back parsed from PostgreSQL and as text from some adapters.
  return { ...row, questionnaire: typeof row.questionnaire === "string" ? JSON.parse(row.questionnaire) : row.questionnaire };
}

function questionShape(questionnaire: Questionnaire) {
  return {
    questions: questionnaire.pages.flatMap((p) =>
      p.questions.map((q) => ({ id: q.id, kind: q.kind, optionIds: "options" in q && q.options ? q.options.map((o) => o.id) : [] })),
    ),
  };
}

/**
 * Saves a change to the details and/or the questions. In draft: saved as it is. Once open: only
 * changes that leave earlier answers meaningful (wording, hints, new optional questions), with a
 * note of what changed; the version number goes up and the new version is kept for the public
 * record. Closed consultations cannot be edited. Audit: consultation.edited (with the version).
 */
export async function editConsultation(
  deps: ConsultationDeps,
  actor: Actor | null,
  input: {
    councilId: string;
    consultationId: string;
    details?: ConsultationDetailsInput;
    questionnaire?: unknown;
    changeNote?: string;
  },
): Promise<Result<{ version: number }, ConsultationReason>> {
  if (!canManageConsultations(actor, input.councilId)) return err("forbidden");
  const details = input.details ? readDetails(input.details) : null;
  if (details && !details.ok) return details;
  let questionnaire: Questionnaire | null = null;
  if (input.questionnaire !== undefined) {
    const parsed = parseQuestionnaire(input.questionnaire);
    if (!parsed.ok) return err("invalid", { questionnaire: parsed });
    questionnaire = parsed.value;
  }
  try {
    return await transact(deps.prisma, async (tx) => {
      const current = await lockConsultation(tx, input.councilId, input.consultationId);
      if (!current) refuse("not_found");
      if (current.status !== "draft" && current.status !== "open") refuse("locked", { status: current.status });
      if (details) {
        const badWards = await unknownWards(tx, input.councilId, details.value.wardCodes);
        if (badWards.length > 0) refuse("invalid", { fieldErrors: { wardCodes: "unknown_ward" } });
      }
      let version = current.version;
      const note = (input.changeNote ?? "").trim();
      if (current.status === "open") {
        if (note.length < 10 || note.length > 1000) refuse("change_note_required");
        if (questionnaire) {
          const before = parseQuestionnaire(current.questionnaire);
          const verdict = classifyEdit(before.ok ? questionShape(before.value) : { questions: [] }, questionShape(questionnaire));
          if (!verdict.ok) refuse(verdict.reason, verdict.detail);
        }
        version = current.version + 1;
      }
      const data = {
        // The web address of an open consultation is already on posters and in emails: it stays.
        ...(details ? { ...columns(details.value), slug: current.status === "open" ? undefined : details.value.slug } : {}),
        ...(questionnaire ? { questionnaire: questionnaire as unknown as Prisma.InputJsonValue } : {}),
        version,
      };
      const saved = await tx.consultation.update({
        where: { id: current.id },
        data,
        select: { title: true, summary: true, background: true, questionnaire: true, closesAt: true },
      });
      if (current.status === "open") {
        await tx.consultationVersion.create({
          data: {
            consultationId: current.id,
            version,
            title: saved.title,
            summary: saved.summary,
            background: saved.background,
            questionnaire: saved.questionnaire as Prisma.InputJsonValue,
            closesAt: saved.closesAt,
            changeNote: note,
            createdAt: deps.now(),
          },
        });
      }
      await audit(tx, deps, {
        councilId: input.councilId,
        actorId: actor.account.id,
        action: "consultation.edited",
        subjectType: "Consultation",
        subjectId: current.id,
        data: { version, details: details !== null, questions: questionnaire !== null, ...(note ? { changeNote: note } : {}) },
      });
      return ok({ version });
    }, { attempts: 3 });
  } catch (error) {
    if (isUniqueViolation(error)) return err("invalid", { fieldErrors: { slug: "slug_taken" } });
    throw error;
  }
}

// ───────────────────────────── officers: opening and closing ─────────────────────────────

/**
 * Opens a draft for responses between `opensAt` and `closesAt`. Refused without background or
 * questions (Gunning 2: enough information), or when the period is shorter than the council's
 * minimum without a reason of at least a sentence (the reason is published with the dates).
 * Audit: consultation.opened.
 */
export async function openConsultation(
  deps: ConsultationDeps,
  actor: Actor | null,
  input: { councilId: string; consultationId: string; opensAt: Date; closesAt: Date; shortDurationReason?: string },
): Promise<Result<{ status: "open" }, ConsultationReason>> {
  if (!canManageConsultations(actor, input.councilId)) return err("forbidden");
  return transact(deps.prisma, async (tx) => {
    const current = await lockConsultation(tx, input.councilId, input.consultationId);
    if (!current) refuse("not_found");
    if (current.status !== "draft") refuse("invalid_transition", { from: current.status, to: "open" });
    if (current.background.trim() === "") refuse("no_background");
    const questionnaire = parseQuestionnaire(current.questionnaire);
    if (!questionnaire.ok || questionnaire.value.pages.every((p) => p.questions.length === 0)) refuse("no_questions");
    const council = await tx.council.findUniqueOrThrow({ where: { id: input.councilId }, select: { consultationMinimumDays: true } });
    const reason = (input.shortDurationReason ?? "").trim();
    const checked = checkOpen({
      opensAt: input.opensAt,
      closesAt: input.closesAt,
      now: deps.now(),
      minimumDurationDays: council.consultationMinimumDays,
      shortDurationReason: reason,
    });
    if (!checked.ok) refuse(checked.reason, checked.detail);
    await tx.consultation.update({
      where: { id: current.id },
      data: { status: "open", opensAt: input.opensAt, closesAt: input.closesAt, shortDurationReason: reason || null, openedAt: deps.now() },
    });
    await audit(tx, deps, {
      councilId: input.councilId,
      actorId: actor.account.id,
      action: "consultation.opened",
      subjectType: "Consultation",
      subjectId: current.id,
      data: { opensAt: input.opensAt.toISOString(), closesAt: input.closesAt.toISOString(), ...(reason ? { shortDurationReason: reason } : {}) },
    });
    return ok({ status: "open" as const });
  });
}

/** Moves the closing date of an open consultation later, with a published reason. Audit: consultation.extended. */
export async function extendConsultation(
  deps: ConsultationDeps,
  actor: Actor | null,
  input: { councilId: string; consultationId: string; closesAt: Date; reason: string },
): Promise<Result<{ version: number }, ConsultationReason>> {
  if (!canManageConsultations(actor, input.councilId)) return err("forbidden");
  return transact(deps.prisma, async (tx) => {
    const current = await lockConsultation(tx, input.councilId, input.consultationId);
    if (!current) refuse("not_found");
    const reason = input.reason.trim();
    const checked = checkExtend({ status: current.status, closesAt: current.closesAt, newClosesAt: input.closesAt, now: deps.now(), reason });
    if (!checked.ok) refuse(checked.reason, checked.detail);
    const version = current.version + 1;
    await tx.consultation.update({ where: { id: current.id }, data: { closesAt: input.closesAt, version } });
    await tx.consultationVersion.create({
      data: {
        consultationId: current.id,
        version,
        title: current.title,
        summary: current.summary,
        background: current.background,
        questionnaire: current.questionnaire as Prisma.InputJsonValue,
        closesAt: input.closesAt,
        changeNote: reason,
        createdAt: deps.now(),
      },
    });
    await audit(tx, deps, {
      councilId: input.councilId,
      actorId: actor.account.id,
      action: "consultation.extended",
      subjectType: "Consultation",
      subjectId: current.id,
      data: { from: current.closesAt?.toISOString() ?? null, to: input.closesAt.toISOString(), reason },
    });
    return ok({ version });
  });
}

/**
 * Closes an open consultation now (the closing date also stops responses by itself), or moves
 * a closed one to analysis. Forward only. Audit: consultation.closed / consultation.analysis.
 */
export async function advanceConsultation(
  deps: ConsultationDeps,
  actor: Actor | null,
  input: { councilId: string; consultationId: string; to: "closed" | "analysis" },
): Promise<Result<{ status: ConsultationStatus }, ConsultationReason>> {
  if (!canManageConsultations(actor, input.councilId)) return err("forbidden");
  return transact(deps.prisma, async (tx) => {
    const current = await lockConsultation(tx, input.councilId, input.consultationId);
    if (!current) refuse("not_found");
    const from = current.status;
    if (!((from === "open" && input.to === "closed") || (from === "closed" && input.to === "analysis")))
      refuse("invalid_transition", { from, to: input.to });
    const now = deps.now();
    await tx.consultation.update({
      where: { id: current.id },
      // Closing early also moves the published closing date, so the public record says when it ended.
      data: input.to === "closed" ? { status: "closed", closedAt: now, closesAt: current.closesAt && current.closesAt < now ? current.closesAt : now } : { status: "analysis" },
    });
    await audit(tx, deps, {
      councilId: input.councilId,
      actorId: actor.account.id,
      action: input.to === "closed" ? "consultation.closed" : "consultation.analysis",
      subjectType: "Consultation",
      subjectId: current.id,
      data: { from },
    });
    return ok({ status: input.to });
  });
}

// ───────────────────────────── reads ─────────────────────────────

/**
 * The status residents see: an open consultation whose closing time has passed is closed to
 * them, whatever the stored status says until an officer (or a job) records it.
 */
export function effectiveStatus(c: { status: ConsultationStatus; opensAt: Date | null; closesAt: Date | null }, now: Date): ConsultationStatus | "upcoming" {
  if (c.status !== "open") return c.status;
  if (c.opensAt && now < c.opensAt) return "upcoming";
  if (c.closesAt && now >= c.closesAt) return "closed";
  return "open";
}

const SUMMARY_SELECT = {
  id: true,
  slug: true,
  title: true,
  titleCy: true,
  summary: true,
  summaryCy: true,
  status: true,
  opensAt: true,
  closesAt: true,
  wardCodes: true,
  _count: { select: { responses: true } },
} as const;

/** Consultations of a council: every one for its officers; the public ones (not drafts) for everyone else. */
export async function listConsultations(deps: ConsultationDeps, actor: Actor | null, input: { councilId: string; scope: "public" | "officer" }) {
  if (input.scope === "officer" && !canManageConsultations(actor, input.councilId)) return err("forbidden");
  const rows = await deps.prisma.consultation.findMany({
    where: { councilId: input.councilId, ...(input.scope === "public" ? { status: { not: "draft" } } : {}) },
    orderBy: [{ closesAt: "desc" }, { createdAt: "desc" }],
    select: SUMMARY_SELECT,
  });
  const now = deps.now();
  return ok(
    rows.map(({ _count, ...r }) => ({
      ...r,
      status: r.status as ConsultationStatus,
      shownStatus: effectiveStatus(r as { status: ConsultationStatus; opensAt: Date | null; closesAt: Date | null }, now),
      // Response counts are for officers; the public list does not show them before analysis.
      responses: input.scope === "officer" ? _count.responses : null,
    })),
  );
}

/**
 * One consultation by slug (residents) or id (officers), with its questionnaire and its
 * version history. A draft is 'not_found' to anyone who cannot manage consultations.
 */
export async function getConsultation(deps: ConsultationDeps, actor: Actor | null, input: { councilId: string; slugOrId: string }) {
  const row = await deps.prisma.consultation.findFirst({
    where: { councilId: input.councilId, OR: [{ slug: input.slugOrId }, { id: input.slugOrId }] },
    select: {
      ...SUMMARY_SELECT,
      background: true,
      backgroundCy: true,
      audience: true,
      shortDurationReason: true,
      allowAnonymous: true,
      equality: true,
      questionnaire: true,
      version: true,
      openedAt: true,
      closedAt: true,
      versions: { orderBy: { version: "asc" }, select: { version: true, changeNote: true, createdAt: true, closesAt: true } },
    },
  });
  if (!row) return err("not_found");
  if (row.status === "draft" && !canManageConsultations(actor, input.councilId)) return err("not_found");
  const questionnaire = parseQuestionnaire(row.questionnaire);
  const { _count, ...rest } = row;
  return ok({
    ...rest,
    status: row.status as ConsultationStatus,
    shownStatus: effectiveStatus(row as { status: ConsultationStatus; opensAt: Date | null; closesAt: Date | null }, deps.now()),
    equalityMonitoring: row.equality !== null,
    // Stored definitions were parsed on the way in; a failure here is a bug, shown as no questions.
    questionnaire: questionnaire.ok ? questionnaire.value : EMPTY_QUESTIONNAIRE,
    responses: canManageConsultations(actor, input.councilId) ? _count.responses : null,
  });
}

/** The shortest open period the council accepts without a published reason. */
export async function consultationMinimumDays(deps: Pick<ConsultationDeps, "prisma">, councilId: string): Promise<number> {
  const council = await deps.prisma.council.findUniqueOrThrow({ where: { id: councilId }, select: { consultationMinimumDays: true } });
  return council.consultationMinimumDays;
}

export type ConsultationView = Extract<Awaited<ReturnType<typeof getConsultation>>, { ok: true }>["value"];
