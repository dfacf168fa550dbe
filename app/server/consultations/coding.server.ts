// Coding free-text answers into themes, for the staff who read responses (responses.read:
// officers, moderators, admins of the council). Codes belong to one free-text question of one
// consultation and may count towards a node of one of the council's adopted outcome frameworks;
// each coder keeps their own set of codes per answer, so several people can code the same
// answers and their agreement can be shown (rules: app/domain/consultations/coding.ts).
//
// Built for thousands of answers: answers are read in keyset pages of 20 (never OFFSET, which
// slows with every page), counts and progress are GROUP BY queries, and only the codings of
// answers two or more people coded are loaded for the agreement table.
//
// What coders see of an answer is its text: never the respondent key, the reference emailed to
// the respondent, the ward or anything else about the response. Answers are identified on the
// page by the response's internal id, which is sent to nobody and names no one.
//
// Audit: creating, renaming, deleting and mapping a code are recorded
// (`consultation.code_created`, `.code_renamed`, `.code_deleted`, `.code_mapped`); coding an
// answer is not. A coder saves 20 answers a page through thousands of answers: an audit row for
// each would outgrow the log it sits in, and every AnswerCoding row already says who coded it,
// with which code, and when.
import { can } from "~/domain/accounts/permissions.ts";
import { agreementByPair, checkCodeLabel, CODE_LIMITS, codeLabelKey, progress, type CodeLabelReason, type PairAgreement, type Progress } from "~/domain/consultations/coding.ts";
import { allQuestions, parseQuestionnaire, type LocalText } from "~/domain/questionnaires/questionnaire.ts";
import { err, ok, type Result } from "~/domain/result.ts";
import type { Actor } from "~/server/accounts/sessions.server.ts";
import { audit } from "~/server/audit/audit.server.ts";
import { Prisma } from "~/server/db/generated/client.ts";
import { Refusal, transact, type Tx } from "~/server/db/transact.server.ts";
import type { Services } from "~/server/services.server.ts";

export type CodingDeps = Pick<Services, "prisma" | "now">;

/**
 * `invalid` carries `{ field, problem }`: field "label" with a CodeLabelReason; "nodeId" with
 * "node_not_adopted"; "answers" with "answer_not_in_question", "code_not_in_question",
 * "duplicate_answer" or "too_many_answers"; "after" with "bad_cursor". `in_use`: deleting a code
 * that answers carry needs the number of codings confirmed (`{ codings, answers }`).
 */
export type CodingReason = "forbidden" | "not_found" | "invalid" | "in_use";

export type CodingProblem =
  | CodeLabelReason
  | "node_not_adopted"
  | "answer_not_in_question"
  | "code_not_in_question"
  | "duplicate_answer"
  | "too_many_answers"
  | "bad_cursor";

function refuse(reason: CodingReason, detail?: unknown): never {
  throw new Refusal(err(reason, detail));
}

function invalid(field: string, problem: CodingProblem, extra: Record<string, unknown> = {}) {
  return err("invalid" as const, { field, problem, ...extra });
}

/** Answers one save may carry: a page is 20; a little room for a longer page later. */
const MAX_ANSWERS_PER_SAVE = 100;
/** Response ids are UUIDs (cuid in older rows): anything else in a cursor or a form is tampering. */
const ID = /^[A-Za-z0-9_-]{1,64}$/;

export interface CodingQuestion {
  id: string;
  title: LocalText;
}

interface Scope {
  actor: Actor;
  consultation: { id: string; title: string; titleCy: string | null; status: string };
  /** The consultation's free-text questions, in questionnaire order. */
  questions: CodingQuestion[];
}

/** Staff with responses.read on the council; the consultation must be this council's. */
async function scope(deps: CodingDeps, actor: Actor | null, councilId: string, consultationId: string): Promise<Result<Scope, "forbidden" | "not_found">> {
  if (!actor || !can(actor.roles, councilId, "responses.read")) return err("forbidden");
  const row = await deps.prisma.consultation.findFirst({
    where: { id: consultationId, councilId },
    select: { id: true, title: true, titleCy: true, status: true, questionnaire: true },
  });
  if (!row) return err("not_found");
  const parsed = parseQuestionnaire(row.questionnaire);
  const questions = parsed.ok ? allQuestions(parsed.value).filter((q) => q.kind === "free_text").map((q) => ({ id: q.id, title: q.title })) : [];
  return ok({ actor, consultation: { id: row.id, title: row.title, titleCy: row.titleCy, status: row.status }, questions });
}

async function questionScope(deps: CodingDeps, actor: Actor | null, councilId: string, consultationId: string, questionId: string) {
  const s = await scope(deps, actor, councilId, consultationId);
  if (!s.ok) return s;
  const question = s.value.questions.find((q) => q.id === questionId);
  if (!question) return err("not_found" as const);
  return ok({ ...s.value, question });
}

// A free-text answer: the row without an option, with some text (an optional question left
// blank stores no row, but guard against an empty string all the same).
const FREE_TEXT = Prisma.sql`a."optionId" = '' AND a."text" IS NOT NULL AND a."text" <> ''`;

// ───────────────────────────── reads ─────────────────────────────

export interface QuestionProgress {
  question: CodingQuestion;
  /** Free-text answers to the question. */
  answers: number;
  /** Answers this coder has given at least one code. */
  mine: Progress;
  /** Answers anyone has coded. */
  anyone: Progress;
}

async function progressOf(deps: CodingDeps, s: Scope): Promise<QuestionProgress[]> {
  if (s.questions.length === 0) return [];
  const ids = Prisma.join(s.questions.map((q) => q.id));
  const [totals, coded] = await Promise.all([
    deps.prisma.$queryRaw<{ questionId: string; n: number }[]>`
      SELECT a."questionId", count(*)::int AS "n"
      FROM "ResponseAnswer" a JOIN "ConsultationResponse" r ON r."id" = a."responseId"
      WHERE r."consultationId" = ${s.consultation.id} AND a."questionId" IN (${ids}) AND ${FREE_TEXT}
      GROUP BY a."questionId"`,
    deps.prisma.$queryRaw<{ questionId: string; anyone: number; mine: number }[]>`
      SELECT c."questionId", count(DISTINCT c."responseId")::int AS "anyone",
             count(DISTINCT c."responseId") FILTER (WHERE c."coderId" = ${s.actor.account.id})::int AS "mine"
      FROM "AnswerCoding" c JOIN "ConsultationResponse" r ON r."id" = c."responseId"
      WHERE r."consultationId" = ${s.consultation.id} AND c."questionId" IN (${ids})
      GROUP BY c."questionId"`,
  ]);
  const total = new Map(totals.map((t) => [t.questionId, t.n]));
  const done = new Map(coded.map((c) => [c.questionId, c]));
  return s.questions.map((question) => {
    const n = total.get(question.id) ?? 0;
    const c = done.get(question.id);
    // Codings are only ever set on answers of the question, so coded ≤ answers; min() keeps a
    // page up should that ever not hold.
    return { question, answers: n, mine: progress(Math.min(c?.mine ?? 0, n), n), anyone: progress(Math.min(c?.anyone ?? 0, n), n) };
  });
}

/** The consultation's free-text questions with their number of answers and how far coding has got. */
export async function listCodingQuestions(deps: CodingDeps, actor: Actor | null, input: { councilId: string; consultationId: string }) {
  const s = await scope(deps, actor, input.councilId, input.consultationId);
  if (!s.ok) return s;
  return ok({ consultation: s.value.consultation, questions: await progressOf(deps, s.value) });
}

export interface OutcomeNode {
  id: string;
  slug: string;
  name: string;
  nameCy: string | null;
  framework: { name: string; nameCy: string | null; version: number };
}

export interface CodeSummary {
  id: string;
  questionId: string;
  label: string;
  node: OutcomeNode | null;
  /** Distinct answers carrying the code, from any coder: the figure the analysis reports. */
  answers: number;
  /** Coding rows (answer × coder): what deleting the code would remove. */
  codings: number;
}

const NODE_SELECT = {
  id: true,
  slug: true,
  name: true,
  nameCy: true,
  version: { select: { version: true, framework: { select: { name: true, nameCy: true } } } },
} as const;

function nodeOf(n: { id: string; slug: string; name: string; nameCy: string | null; version: { version: number; framework: { name: string; nameCy: string | null } } }): OutcomeNode {
  return { id: n.id, slug: n.slug, name: n.name, nameCy: n.nameCy, framework: { ...n.version.framework, version: n.version.version } };
}

// Counts for officers who may read every answer anyway: no small-cell suppression here (that is
// for totals that leave the council, on the published results).
async function codesOf(deps: CodingDeps, consultationId: string, questionId?: string): Promise<CodeSummary[]> {
  const rows = await deps.prisma.$queryRaw<{ id: string; questionId: string; label: string; nodeId: string | null; answers: number; codings: number }[]>`
    SELECT k."id", k."questionId", k."label", k."nodeId",
           count(DISTINCT c."responseId")::int AS "answers", count(c."responseId")::int AS "codings"
    FROM "ResponseCode" k LEFT JOIN "AnswerCoding" c ON c."codeId" = k."id"
    WHERE k."consultationId" = ${consultationId} ${questionId === undefined ? Prisma.empty : Prisma.sql`AND k."questionId" = ${questionId}`}
    GROUP BY k."id", k."questionId", k."label", k."nodeId"`;
  const nodeIds = [...new Set(rows.flatMap((r) => (r.nodeId ? [r.nodeId] : [])))];
  const nodes = nodeIds.length === 0 ? [] : await deps.prisma.frameworkNode.findMany({ where: { id: { in: nodeIds } }, select: NODE_SELECT });
  const byId = new Map(nodes.map((n) => [n.id, nodeOf(n)]));
  // Alphabetical, whatever the case: a coder finds "Litter" between "Lighting" and "Parking".
  const key = (label: string) => codeLabelKey(label);
  return rows
    .map((r) => ({ id: r.id, questionId: r.questionId, label: r.label, node: r.nodeId ? (byId.get(r.nodeId) ?? null) : null, answers: r.answers, codings: r.codings }))
    .sort((a, b) => key(a.label).localeCompare(key(b.label), "en-GB") || (a.id < b.id ? -1 : 1));
}

/** Each code of a question with the distinct answers carrying it (any coder), for the analysis. */
export async function codeCounts(deps: CodingDeps, actor: Actor | null, input: { councilId: string; consultationId: string; questionId: string }) {
  const s = await questionScope(deps, actor, input.councilId, input.consultationId, input.questionId);
  if (!s.ok) return s;
  return ok(await codesOf(deps, s.value.consultation.id, s.value.question.id));
}

export interface Coder {
  id: string;
  name: string;
}

export interface QuestionAgreement {
  coders: Coder[];
  /** Pairs who coded at least one answer in common; see agreementByPair. */
  pairs: PairAgreement[];
}

async function agreementOf(deps: CodingDeps, consultationId: string, codes: readonly CodeSummary[], questionIds: readonly string[]): Promise<Map<string, QuestionAgreement>> {
  const out = new Map<string, QuestionAgreement>();
  if (questionIds.length === 0) return out;
  // Only answers two or more people coded can show agreement: load their codings, not all.
  const rows = await deps.prisma.$queryRaw<{ responseId: string; questionId: string; coderId: string; codeId: string }[]>`
    WITH shared AS (
      SELECT c."responseId", c."questionId"
      FROM "AnswerCoding" c JOIN "ConsultationResponse" r ON r."id" = c."responseId"
      WHERE r."consultationId" = ${consultationId} AND c."questionId" IN (${Prisma.join(questionIds)})
      GROUP BY c."responseId", c."questionId"
      HAVING count(DISTINCT c."coderId") >= 2
    )
    SELECT c."responseId", c."questionId", c."coderId", c."codeId"
    FROM "AnswerCoding" c JOIN shared s ON s."responseId" = c."responseId" AND s."questionId" = c."questionId"`;
  const coderIds = [...new Set(rows.map((r) => r.coderId))];
  const accounts = coderIds.length === 0 ? [] : await deps.prisma.account.findMany({ where: { id: { in: coderIds } }, select: { id: true, displayName: true, email: true } });
  const names = new Map(accounts.map((a) => [a.id, a.displayName?.trim() || a.email]));
  for (const questionId of questionIds) {
    const codings = rows.filter((r) => r.questionId === questionId).map((r) => ({ answerId: r.responseId, coderId: r.coderId, codeId: r.codeId }));
    const codeIds = codes.filter((c) => c.questionId === questionId).map((c) => c.id);
    const pairs = agreementByPair(codeIds, codings).filter((p) => p.sharedAnswers > 0);
    const inPairs = [...new Set(pairs.flatMap((p) => [p.coderA, p.coderB]))].sort();
    out.set(questionId, { coders: inPairs.map((id) => ({ id, name: names.get(id) ?? id })), pairs });
  }
  return out;
}

/** Agreement between every pair of coders of one question, over the answers both coded. */
export async function codingAgreement(deps: CodingDeps, actor: Actor | null, input: { councilId: string; consultationId: string; questionId: string }) {
  const s = await questionScope(deps, actor, input.councilId, input.consultationId, input.questionId);
  if (!s.ok) return s;
  const codes = await codesOf(deps, s.value.consultation.id, s.value.question.id);
  return ok((await agreementOf(deps, s.value.consultation.id, codes, [s.value.question.id])).get(s.value.question.id)!);
}

/** The coding overview: every free-text question with progress, its codes with counts and outcomes, and agreement. */
export async function getCodingOverview(deps: CodingDeps, actor: Actor | null, input: { councilId: string; consultationId: string }) {
  const s = await scope(deps, actor, input.councilId, input.consultationId);
  if (!s.ok) return s;
  const [questions, codes] = await Promise.all([progressOf(deps, s.value), codesOf(deps, s.value.consultation.id)]);
  const agreement = await agreementOf(deps, s.value.consultation.id, codes, s.value.questions.map((q) => q.id));
  return ok({
    consultation: s.value.consultation,
    questions: questions.map((q) => ({
      ...q,
      codes: codes.filter((c) => c.questionId === q.question.id),
      agreement: agreement.get(q.question.id) ?? { coders: [], pairs: [] },
    })),
  });
}

/** The outcomes a code may count towards: the nodes of the framework versions the council has adopted. */
export async function listCouncilOutcomes(deps: CodingDeps, actor: Actor | null, input: { councilId: string }) {
  if (!actor || !can(actor.roles, input.councilId, "responses.read")) return err("forbidden" as const);
  const versions = await deps.prisma.frameworkVersion.findMany({
    where: { choices: { some: { councilId: input.councilId } } },
    orderBy: [{ framework: { name: "asc" } }, { version: "desc" }],
    select: {
      id: true,
      version: true,
      framework: { select: { name: true, nameCy: true } },
      nodes: { orderBy: { position: "asc" }, select: { id: true, slug: true, parentSlug: true, name: true, nameCy: true } },
    },
  });
  return ok(versions.map((v) => ({ versionId: v.id, framework: { ...v.framework, version: v.version }, nodes: v.nodes })));
}

export type AnswerFilter = { show: "uncoded" } | { show: "all" } | { show: "code"; codeId: string };

export interface AnswerToCode {
  /** The response's internal id: what the form sends back. */
  id: string;
  text: string;
  /** This coder's codes on the answer. */
  mine: string[];
}

/**
 * One page of a question's answers, in a fixed order (by response id, so a page never shifts
 * while others code), after `after` (the last id of the page before). Filters: not yet coded
 * by me (the default, for working through), all, or coded with one code by anyone.
 */
export async function readAnswers(
  deps: CodingDeps,
  actor: Actor | null,
  input: { councilId: string; consultationId: string; questionId: string; filter: AnswerFilter; after?: string | null },
) {
  const s = await questionScope(deps, actor, input.councilId, input.consultationId, input.questionId);
  if (!s.ok) return s;
  const after = input.after ?? null;
  if (after !== null && !ID.test(after)) return invalid("after", "bad_cursor");
  const me = s.value.actor.account.id;
  const [codes, [questionProgress]] = await Promise.all([
    codesOf(deps, s.value.consultation.id, s.value.question.id),
    progressOf(deps, { ...s.value, questions: [s.value.question] }),
  ]);
  const filter = input.filter;
  if (filter.show === "code" && !codes.some((c) => c.id === filter.codeId)) return err("not_found" as const);
  const where =
    filter.show === "uncoded"
      ? Prisma.sql`AND NOT EXISTS (SELECT 1 FROM "AnswerCoding" c WHERE c."responseId" = a."responseId" AND c."questionId" = a."questionId" AND c."coderId" = ${me})`
      : filter.show === "code"
        ? Prisma.sql`AND EXISTS (SELECT 1 FROM "AnswerCoding" c WHERE c."responseId" = a."responseId" AND c."questionId" = a."questionId" AND c."codeId" = ${filter.codeId})`
        : Prisma.empty;
  // "C" collation: byte order, the same on PostgreSQL and PGlite whatever the server's locale,
  // so the keyset comparison and the ORDER BY agree.
  const rows = await deps.prisma.$queryRaw<{ id: string; text: string }[]>`
    SELECT a."responseId" AS "id", a."text"
    FROM "ResponseAnswer" a JOIN "ConsultationResponse" r ON r."id" = a."responseId"
    WHERE r."consultationId" = ${s.value.consultation.id} AND a."questionId" = ${s.value.question.id} AND ${FREE_TEXT}
      ${after === null ? Prisma.empty : Prisma.sql`AND a."responseId" COLLATE "C" > ${after}`}
      ${where}
    ORDER BY a."responseId" COLLATE "C"
    LIMIT ${CODE_LIMITS.pageSize + 1}`;
  const page = rows.slice(0, CODE_LIMITS.pageSize);
  const mine = page.length === 0 ? [] : await deps.prisma.answerCoding.findMany({
    where: { coderId: me, questionId: s.value.question.id, responseId: { in: page.map((r) => r.id) } },
    select: { responseId: true, codeId: true },
  });
  const byAnswer = new Map<string, string[]>();
  for (const m of mine) byAnswer.set(m.responseId, [...(byAnswer.get(m.responseId) ?? []), m.codeId]);
  return ok({
    consultation: s.value.consultation,
    question: s.value.question,
    progress: questionProgress!,
    codes,
    answers: page.map((r): AnswerToCode => ({ id: r.id, text: r.text, mine: byAnswer.get(r.id) ?? [] })),
    /** The cursor of the next page, or null on the last. */
    next: rows.length > CODE_LIMITS.pageSize ? page[page.length - 1]!.id : null,
  });
}

// ───────────────────────────── writes: codes ─────────────────────────────

/** Serialises changes to a consultation's codebook, so the case-insensitive label check holds under concurrency. */
async function lockCodebook(tx: Tx, consultationId: string) {
  await tx.$queryRaw`SELECT 1 FROM "Consultation" WHERE "id" = ${consultationId} FOR UPDATE`;
}

/** A new code for a free-text question. Audit: consultation.code_created. */
export async function createCode(
  deps: CodingDeps,
  actor: Actor | null,
  input: { councilId: string; consultationId: string; questionId: string; label: string },
): Promise<Result<{ id: string; label: string }, CodingReason>> {
  const s = await questionScope(deps, actor, input.councilId, input.consultationId, input.questionId);
  if (!s.ok) return s;
  const { consultation, question } = s.value;
  return transact(deps.prisma, async (tx) => {
    await lockCodebook(tx, consultation.id);
    const siblings = await tx.responseCode.findMany({ where: { consultationId: consultation.id, questionId: question.id }, select: { id: true, label: true } });
    const checked = checkCodeLabel(input.label, siblings);
    if (!checked.ok) throw new Refusal(invalid("label", checked.reason, (checked.detail ?? {}) as Record<string, unknown>));
    const created = await tx.responseCode.create({
      data: { consultationId: consultation.id, questionId: question.id, label: checked.value, createdAt: deps.now() },
      select: { id: true, label: true },
    });
    await audit(tx, deps, {
      councilId: input.councilId,
      actorId: s.value.actor.account.id,
      action: "consultation.code_created",
      subjectType: "ResponseCode",
      subjectId: created.id,
      data: { consultationId: consultation.id, questionId: question.id, label: created.label },
    });
    return ok(created);
  });
}

async function lockCode(tx: Tx, consultationId: string, codeId: string) {
  const rows = await tx.$queryRaw<{ id: string; questionId: string; label: string; nodeId: string | null }[]>`
    SELECT "id", "questionId", "label", "nodeId" FROM "ResponseCode"
    WHERE "id" = ${codeId} AND "consultationId" = ${consultationId} FOR UPDATE`;
  return rows[0] ?? null;
}

/** A new label for a code; its codings stay as they are. Audit: consultation.code_renamed. */
export async function renameCode(
  deps: CodingDeps,
  actor: Actor | null,
  input: { councilId: string; consultationId: string; codeId: string; label: string },
): Promise<Result<{ id: string; label: string }, CodingReason>> {
  const s = await scope(deps, actor, input.councilId, input.consultationId);
  if (!s.ok) return s;
  const { consultation } = s.value;
  return transact(deps.prisma, async (tx) => {
    await lockCodebook(tx, consultation.id);
    const code = await lockCode(tx, consultation.id, input.codeId);
    if (!code) refuse("not_found");
    const siblings = await tx.responseCode.findMany({ where: { consultationId: consultation.id, questionId: code.questionId }, select: { id: true, label: true } });
    const checked = checkCodeLabel(input.label, siblings, code.id);
    if (!checked.ok) throw new Refusal(invalid("label", checked.reason, (checked.detail ?? {}) as Record<string, unknown>));
    if (checked.value === code.label) return ok({ id: code.id, label: code.label });
    await tx.responseCode.update({ where: { id: code.id }, data: { label: checked.value } });
    await audit(tx, deps, {
      councilId: input.councilId,
      actorId: s.value.actor.account.id,
      action: "consultation.code_renamed",
      subjectType: "ResponseCode",
      subjectId: code.id,
      data: { consultationId: consultation.id, questionId: code.questionId, from: code.label, to: checked.value },
    });
    return ok({ id: code.id, label: checked.value });
  });
}

/**
 * Deletes a code. Unused: at once. Carried by answers: only with `confirmCodings` equal to the
 * number of codings that go with it (refused `in_use` with `{ codings, answers }` otherwise), so
 * an officer confirms what they were shown, and is asked again if someone coded meanwhile.
 * Audit: consultation.code_deleted, with how many codings went.
 */
export async function deleteCode(
  deps: CodingDeps,
  actor: Actor | null,
  input: { councilId: string; consultationId: string; codeId: string; confirmCodings?: number },
): Promise<Result<{ label: string; codings: number }, CodingReason>> {
  const s = await scope(deps, actor, input.councilId, input.consultationId);
  if (!s.ok) return s;
  const { consultation } = s.value;
  return transact(deps.prisma, async (tx) => {
    // The code's row lock waits for any save holding it (FOR SHARE in setAnswerCodes), so the
    // count below is the number of codings that will go.
    const code = await lockCode(tx, consultation.id, input.codeId);
    if (!code) refuse("not_found");
    const [counted] = await tx.$queryRaw<{ codings: number; answers: number }[]>`
      SELECT count(*)::int AS "codings", count(DISTINCT "responseId")::int AS "answers" FROM "AnswerCoding" WHERE "codeId" = ${code.id}`;
    const codings = counted?.codings ?? 0;
    if (codings > 0 && input.confirmCodings !== codings) refuse("in_use", { codings, answers: counted?.answers ?? 0, label: code.label });
    await tx.responseCode.delete({ where: { id: code.id } });
    await audit(tx, deps, {
      councilId: input.councilId,
      actorId: s.value.actor.account.id,
      action: "consultation.code_deleted",
      subjectType: "ResponseCode",
      subjectId: code.id,
      data: { consultationId: consultation.id, questionId: code.questionId, label: code.label, codings },
    });
    return ok({ label: code.label, codings });
  });
}

/**
 * Counts a code towards a node of one of the council's adopted frameworks, or towards none
 * (`nodeId` null). A node of a framework the council has not adopted is refused: the council's
 * reports are in its own frameworks' terms. Audit: consultation.code_mapped.
 */
export async function mapCode(
  deps: CodingDeps,
  actor: Actor | null,
  input: { councilId: string; consultationId: string; codeId: string; nodeId: string | null },
): Promise<Result<{ node: OutcomeNode | null }, CodingReason>> {
  const s = await scope(deps, actor, input.councilId, input.consultationId);
  if (!s.ok) return s;
  const { consultation } = s.value;
  return transact(deps.prisma, async (tx) => {
    const code = await lockCode(tx, consultation.id, input.codeId);
    if (!code) refuse("not_found");
    let node: OutcomeNode | null = null;
    if (input.nodeId !== null) {
      const found = await tx.frameworkNode.findFirst({
        where: { id: input.nodeId, version: { choices: { some: { councilId: input.councilId } } } },
        select: NODE_SELECT,
      });
      if (!found) throw new Refusal(invalid("nodeId", "node_not_adopted"));
      node = nodeOf(found);
    }
    if ((node?.id ?? null) === code.nodeId) return ok({ node });
    await tx.responseCode.update({ where: { id: code.id }, data: { nodeId: node?.id ?? null } });
    await audit(tx, deps, {
      councilId: input.councilId,
      actorId: s.value.actor.account.id,
      action: "consultation.code_mapped",
      subjectType: "ResponseCode",
      subjectId: code.id,
      data: { consultationId: consultation.id, questionId: code.questionId, label: code.label, from: code.nodeId, to: node?.id ?? null, ...(node ? { nodeSlug: node.slug, framework: node.framework.name } : {}) },
    });
    return ok({ node });
  });
}

// ───────────────────────────── writes: coding answers ─────────────────────────────

/**
 * Sets this coder's codes for each answer given — replacing whatever they had given it, and
 * touching no one else's — in one transaction: a page of 20 is saved whole or not at all. An
 * empty list clears the coder's codes on that answer. Every answer must be a free-text answer
 * to this question of this consultation, and every code one of this question's codes; otherwise
 * nothing is saved and the save is refused as `invalid` (field "answers").
 * Not audited, see the top of this file.
 */
export async function setAnswerCodes(
  deps: CodingDeps,
  actor: Actor | null,
  input: { councilId: string; consultationId: string; questionId: string; answers: readonly { answerId: string; codeIds: readonly string[] }[] },
): Promise<Result<{ answers: number; codings: number }, CodingReason>> {
  const s = await questionScope(deps, actor, input.councilId, input.consultationId, input.questionId);
  if (!s.ok) return s;
  const { consultation, question } = s.value;
  const me = s.value.actor.account.id;
  if (input.answers.length === 0) return ok({ answers: 0, codings: 0 });
  if (input.answers.length > MAX_ANSWERS_PER_SAVE) return invalid("answers", "too_many_answers", { max: MAX_ANSWERS_PER_SAVE });
  const answerIds = input.answers.map((a) => a.answerId);
  if (new Set(answerIds).size !== answerIds.length) return invalid("answers", "duplicate_answer");
  if (answerIds.some((id) => !ID.test(id))) return invalid("answers", "answer_not_in_question");
  const wanted = input.answers.map((a) => ({ answerId: a.answerId, codeIds: [...new Set(a.codeIds)] }));
  const codeIds = [...new Set(wanted.flatMap((a) => a.codeIds))];
  if (codeIds.some((id) => !ID.test(id))) return invalid("answers", "code_not_in_question");

  return transact(deps.prisma, async (tx) => {
    // FOR SHARE: a code cannot be deleted (or its count change under a delete's confirmation)
    // while this save uses it; saves by different coders do not wait for each other.
    const codes = await tx.$queryRaw<{ id: string }[]>`
      SELECT "id" FROM "ResponseCode" WHERE "consultationId" = ${consultation.id} AND "questionId" = ${question.id} FOR SHARE`;
    const known = new Set(codes.map((c) => c.id));
    if (codeIds.some((id) => !known.has(id))) throw new Refusal(invalid("answers", "code_not_in_question"));
    const found = await tx.$queryRaw<{ id: string }[]>`
      SELECT a."responseId" AS "id"
      FROM "ResponseAnswer" a JOIN "ConsultationResponse" r ON r."id" = a."responseId"
      WHERE r."consultationId" = ${consultation.id} AND a."questionId" = ${question.id} AND ${FREE_TEXT}
        AND a."responseId" IN (${Prisma.join(answerIds)})`;
    if (found.length !== answerIds.length) throw new Refusal(invalid("answers", "answer_not_in_question"));
    // Only what changed: a coding kept from before keeps the time it was first given, so saving
    // a page again does not rewrite when each answer was coded.
    await tx.answerCoding.deleteMany({
      where: { coderId: me, questionId: question.id, OR: wanted.map((a) => ({ responseId: a.answerId, codeId: { notIn: a.codeIds } })) },
    });
    const now = deps.now();
    const rows = wanted.flatMap((a) => a.codeIds.map((codeId) => ({ responseId: a.answerId, questionId: question.id, codeId, coderId: me, createdAt: now })));
    if (rows.length > 0) await tx.answerCoding.createMany({ data: rows, skipDuplicates: true });
    return ok({ answers: wanted.length, codings: rows.length });
  });
}
