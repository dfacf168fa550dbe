// Residents' responses to consultations: saving a draft to come back to, and submitting once.
// Rules: app/domain/questionnaires (answers), app/domain/consultations (lifecycle, equality).
//
// Invariants
// - One response per respondent per consultation: UNIQUE (consultationId, respondentKey). The
//   key is a keyed hash of the account (or, where anonymous responses are allowed, of a random
//   token in the respondent's browser) and the consultation, so the table names nobody. A second
//   submission — a double click, a retry after a lost page — inserts nothing and is answered with
//   the first response's reference.
// - Nothing is stored for a refused response: every check runs before the first write, and the
//   response, its answers and its equality answers are written in one transaction.
// - Answers are stored one row per chosen option (ResponseAnswer), so analysis is GROUP BY.
// - Postcodes: the ward, LSOA and IMD decile are derived at submission; the postcode itself is
//   kept only until postcodeClearAfter (POSTCODE_RETENTION_DAYS). Equality answers are kept apart
//   (EqualityAnswers, special category data) and deleted after EQUALITY_RETENTION_DAYS.
// - A free-text answer is stored as typed (after the engine's plain-text check) and always
//   rendered escaped.
// - Someone who asks to be told what the council did is recorded in ConsultationFollower, in the
//   response's transaction but never linked to it: no response id, and only the day it was
//   recorded, so the time cannot match a row to a response's submittedAt.
import { randomUUID } from "node:crypto";
import { can } from "~/domain/accounts/permissions.ts";
import { checkEquality, EQUALITY_RETENTION_DAYS, POSTCODE_RETENTION_DAYS, type EqualityAnswers } from "~/domain/consultations/equality.ts";
import { acceptsResponses } from "~/domain/consultations/lifecycle.ts";
import { checkFollowerEmail } from "~/domain/consultations/outcome.ts";
import { receiptEmail } from "~/domain/consultations/receipt.ts";
import type { Locale } from "~/domain/i18n/locale.ts";
import { allQuestions, parseQuestionnaire, type Question, type Questionnaire } from "~/domain/questionnaires/questionnaire.ts";
import { checkComplete, type AnswerValue, type Answers, type PlaceAnswer } from "~/domain/questionnaires/answers.ts";
import { summaryRows } from "~/domain/questionnaires/summary.ts";
import { err, ok, type Result } from "~/domain/result.ts";
import { hmacHex } from "~/server/accounts/crypto.server.ts";
import type { Actor } from "~/server/accounts/sessions.server.ts";
import { transact } from "~/server/db/transact.server.ts";
import type { Prisma } from "~/server/db/generated/client.ts";
import { randomCrockford } from "~/server/random.server.ts";
import type { Services } from "~/server/services.server.ts";

export type ResponseDeps = Pick<Services, "prisma" | "now" | "config" | "mailer">;

/** Who is answering: a signed-in resident, or an anonymous browser (where the officer allows it). */
export type Respondent = { kind: "account"; actor: Actor } | { kind: "anonymous"; token: string };

export type ResponseReason =
  | "not_found"
  | "not_open"
  | "not_signed_in"
  | "not_eligible"
  | "incomplete"
  | "equality_invalid"
  | "follower_email_invalid"
  | "too_large";

export function respondentKey(appSecret: string, consultationId: string, who: Respondent): string {
  const subject = who.kind === "account" ? `account\u0000${who.actor.account.id}` : `browser\u0000${who.token}`;
  return hmacHex(appSecret, "consultation-respondent", `${consultationId}\u0000${subject}`);
}

/** "CR-7K3Q-9XD2": random (40 bits), not derived from the respondent, unique by constraint. */
function newResponseReference(): string {
  return `CR-${randomCrockford(4)}-${randomCrockford(4)}`;
}

const DAY_MS = 86_400_000;
/** A draft larger than this is not a questionnaire being filled in. */
const MAX_DRAFT_BYTES = 200_000;

interface OpenConsultation {
  id: string;
  title: string;
  titleCy: string | null;
  version: number;
  allowAnonymous: boolean;
  equalityMonitoring: boolean;
  questionnaire: Questionnaire;
}

async function loadOpen(deps: ResponseDeps, councilId: string, consultationId: string): Promise<Result<OpenConsultation, ResponseReason>> {
  const row = await deps.prisma.consultation.findFirst({
    where: { id: consultationId, councilId },
    select: { id: true, title: true, titleCy: true, status: true, opensAt: true, closesAt: true, version: true, allowAnonymous: true, equality: true, questionnaire: true },
  });
  if (!row || row.status === "draft") return err("not_found");
  if (!acceptsResponses(row, deps.now())) return err("not_open");
  const questionnaire = parseQuestionnaire(row.questionnaire);
  if (!questionnaire.ok) return err("not_open");
  return ok({
    id: row.id,
    title: row.title,
    titleCy: row.titleCy,
    version: row.version,
    allowAnonymous: row.allowAnonymous,
    equalityMonitoring: row.equality !== null,
    questionnaire: questionnaire.value,
  });
}

function checkRespondent(councilId: string, consultation: OpenConsultation, who: Respondent | null): Result<Respondent, ResponseReason> {
  if (!who) return err(consultation.allowAnonymous ? "not_found" : "not_signed_in");
  if (who.kind === "anonymous") return consultation.allowAnonymous ? ok(who) : err("not_signed_in");
  // Staff answer as residents through a resident membership, like anyone else.
  return can(who.actor.roles, councilId, "participate") ? ok(who) : err("not_eligible");
}

/** The council's wards (the place question's list, and its check). */
async function councilWards(deps: ResponseDeps, councilId: string): Promise<string[]> {
  const rows = await deps.prisma.area.findMany({ where: { councilId, type: "ward" }, select: { code: true } });
  return rows.map((r) => r.code);
}

// ───────────────────────────── where the respondent stands ─────────────────────────────

export interface ResponseProgress {
  /** Set once the respondent has submitted. */
  submitted: { reference: string } | null;
  /** Saved answers of a signed-in resident, to resume. */
  draft: { answers: Answers; pageId: string } | null;
}

export async function getResponseProgress(
  deps: Pick<ResponseDeps, "prisma" | "config">,
  who: Respondent | null,
  input: { consultationId: string },
): Promise<ResponseProgress> {
  if (!who) return { submitted: null, draft: null };
  const key = respondentKey(deps.config.appSecret, input.consultationId, who);
  const [response, draft] = await Promise.all([
    deps.prisma.consultationResponse.findUnique({
      where: { consultationId_respondentKey: { consultationId: input.consultationId, respondentKey: key } },
      select: { reference: true },
    }),
    who.kind === "account"
      ? deps.prisma.consultationDraft.findUnique({
          where: { consultationId_accountId: { consultationId: input.consultationId, accountId: who.actor.account.id } },
          select: { answers: true, pageId: true },
        })
      : null,
  ]);
  return {
    submitted: response ? { reference: response.reference } : null,
    draft: draft ? { answers: draft.answers as Answers, pageId: draft.pageId } : null,
  };
}

// ───────────────────────────── save and come back later ─────────────────────────────

/**
 * Keeps a signed-in resident's answers so far (checked or not: a draft may be half done), and
 * the page to come back to. Only while the consultation takes responses. Anonymous respondents
 * carry their answers from page to page in the form instead.
 */
export async function saveDraft(
  deps: ResponseDeps,
  actor: Actor | null,
  input: { councilId: string; consultationId: string; answers: Answers; pageId: string },
): Promise<Result<{ saved: true }, ResponseReason>> {
  const consultation = await loadOpen(deps, input.councilId, input.consultationId);
  if (!consultation.ok) return consultation;
  const who = checkRespondent(input.councilId, consultation.value, actor ? { kind: "account", actor } : null);
  if (!who.ok) return who;
  const known = new Set(allQuestions(consultation.value.questionnaire).map((q) => q.id));
  const answers: Answers = {};
  for (const [id, value] of Object.entries(input.answers)) if (known.has(id)) answers[id] = value;
  const json = JSON.stringify(answers);
  if (json.length > MAX_DRAFT_BYTES) return err("too_large");
  const pageId = consultation.value.questionnaire.pages.some((p) => p.id === input.pageId) ? input.pageId : (consultation.value.questionnaire.pages[0]?.id ?? "");
  const data = { answers: answers as Prisma.InputJsonValue, pageId, updatedAt: deps.now() };
  await deps.prisma.consultationDraft.upsert({
    where: { consultationId_accountId: { consultationId: consultation.value.id, accountId: actor!.account.id } },
    create: { consultationId: consultation.value.id, accountId: actor!.account.id, ...data },
    update: data,
  });
  return ok({ saved: true });
}

// ───────────────────────────── submitting ─────────────────────────────

interface AnswerRow {
  questionId: string;
  optionId: string;
  value: number | null;
  text: string | null;
}

/**
 * One row per chosen option. A postcode answer is stored as the ward it is in (text), never as
 * the postcode: the response row holds the postcode until its retention ends, the answers never do.
 */
function answerRows(questions: readonly Question[], answers: Answers, wardOfPostcode: Map<string, string | null>): AnswerRow[] {
  const rows: AnswerRow[] = [];
  for (const q of questions) {
    const a: AnswerValue | undefined = answers[q.id];
    if (a === undefined) continue;
    const one = (optionId: string, value: number | null, text: string | null) => rows.push({ questionId: q.id, optionId, value, text });
    switch (q.kind) {
      case "single_choice":
      case "likert":
        one(a as string, 1, null);
        break;
      case "multiple_choice":
        for (const id of a as string[]) one(id, 1, null);
        break;
      case "ranking":
        (a as string[]).forEach((id, i) => one(id, i + 1, null));
        break;
      case "points":
        for (const [id, points] of Object.entries(a as Record<string, number>)) one(id, points, null);
        break;
      case "number":
        one("", a as number, null);
        break;
      case "free_text":
        one("", null, a as string);
        break;
      case "postcode":
        one("", null, wardOfPostcode.get(a as string) ?? null);
        break;
      case "map": {
        const place = a as PlaceAnswer;
        one(place.wardCode ?? "", null, place.description ?? null);
        break;
      }
    }
  }
  return rows;
}

export interface ResponseReceipt {
  reference: string;
  /** recorded: this submission was stored; already_submitted: an earlier one was (nothing written). */
  status: "recorded" | "already_submitted";
  receiptSent: boolean;
}

/**
 * Submits a response. Checks every visible question (answers to hidden questions are dropped),
 * the optional equality answers, and the respondent; derives ward, LSOA and IMD decile from the
 * first postcode question; writes the response, its answers and its equality answers in one
 * transaction; removes the draft. A signed-in respondent is emailed a copy of their answers.
 * With `follow`, the respondent is also recorded to be told when the outcome is published: at
 * their account's address when signed in, else at the address they gave (checked first).
 */
export async function submitResponse(
  deps: ResponseDeps,
  who: Respondent | null,
  input: {
    councilId: string;
    consultationId: string;
    answers: Answers;
    equality?: Record<string, string>;
    locale: Locale;
    /** "Email me when the council publishes what it did"; `email` only for anonymous respondents. */
    follow?: { email?: string } | null;
  },
): Promise<Result<ResponseReceipt, ResponseReason>> {
  const consultation = await loadOpen(deps, input.councilId, input.consultationId);
  if (!consultation.ok) return consultation;
  const c = consultation.value;
  const respondent = checkRespondent(input.councilId, c, who);
  if (!respondent.ok) return respondent;
  const key = respondentKey(deps.config.appSecret, c.id, respondent.value);

  // An earlier submission wins before any check: a resubmission gets its reference back even
  // if the consultation's questions changed since.
  const earlier = await deps.prisma.consultationResponse.findUnique({
    where: { consultationId_respondentKey: { consultationId: c.id, respondentKey: key } },
    select: { reference: true },
  });
  if (earlier) return ok({ reference: earlier.reference, status: "already_submitted", receiptSent: false });

  const wardCodes = await councilWards(deps, input.councilId);
  const complete = checkComplete(c.questionnaire, input.answers, { wardCodes });
  if (!complete.ok) return complete;
  const answers = complete.value;
  let equality: EqualityAnswers = {};
  if (c.equalityMonitoring && input.equality) {
    const checked = checkEquality(input.equality);
    if (!checked.ok) return err("equality_invalid", checked.detail);
    equality = checked.value;
  }
  let followerEmail: string | null = null;
  if (input.follow) {
    if (respondent.value.kind === "account") followerEmail = respondent.value.actor.account.email;
    else {
      const checked = checkFollowerEmail(input.follow.email ?? "");
      if (!checked.ok) return err("follower_email_invalid");
      followerEmail = checked.value;
    }
  }

  const questions = allQuestions(c.questionnaire);
  const postcodes = questions.filter((q) => q.kind === "postcode").map((q) => answers[q.id]).filter((p): p is string => typeof p === "string");
  const places = postcodes.length
    ? await deps.prisma.postcode.findMany({ where: { councilId: input.councilId, postcode: { in: postcodes } }, select: { postcode: true, wardCode: true, lsoaCode: true } })
    : [];
  const wardOfPostcode = new Map(places.map((p) => [p.postcode, p.wardCode] as const));
  // The first postcode answered is where the respondent lives, for the area breakdowns.
  const home = postcodes.length ? places.find((p) => p.postcode === postcodes[0]) : undefined;
  const lsoa = home
    ? await deps.prisma.area.findUnique({ where: { councilId_type_code: { councilId: input.councilId, type: "lsoa", code: home.lsoaCode } }, select: { imdDecile: true } })
    : null;
  const rows = answerRows(questions, answers, wardOfPostcode);
  const now = deps.now();
  const hasEquality = Object.values(equality).some((v) => v !== undefined && v !== "");

  const result = await transact<Result<ResponseReceipt, ResponseReason>, Result<ResponseReceipt, ResponseReason>>(deps.prisma, async (tx) => {
    const id = randomUUID();
    const reference = newResponseReference();
    // ON CONFLICT DO NOTHING: a concurrent identical submission waits for the first to commit,
    // inserts nothing, and is answered with the first one's reference below.
    const inserted = await tx.$queryRaw<{ id: string }[]>`
      INSERT INTO "ConsultationResponse"
        ("id", "consultationId", "respondentKey", "reference", "version", "locale", "wardCode", "lsoaCode", "imdDecile", "postcode", "postcodeClearAfter", "submittedAt")
      VALUES (${id}, ${c.id}, ${key}, ${reference}, ${c.version}, ${input.locale}, ${home?.wardCode ?? null}, ${home?.lsoaCode ?? null},
              ${lsoa?.imdDecile ?? null}::int, ${postcodes[0] ?? null}, ${postcodes[0] ? new Date(now.getTime() + POSTCODE_RETENTION_DAYS * DAY_MS) : null}, ${now})
      ON CONFLICT ("consultationId", "respondentKey") DO NOTHING
      RETURNING "id"`;
    if (inserted.length === 0) {
      const first = await tx.consultationResponse.findUnique({
        where: { consultationId_respondentKey: { consultationId: c.id, respondentKey: key } },
        select: { reference: true },
      });
      // The reference collided (40 random bits) rather than the respondent: try again.
      if (!first) throw Object.assign(new Error("reference collision"), { code: "23505" });
      return ok({ reference: first.reference, status: "already_submitted" as const, receiptSent: false });
    }
    if (rows.length > 0) {
      await tx.$executeRaw`
        INSERT INTO "ResponseAnswer" ("responseId", "questionId", "optionId", "value", "text")
        SELECT ${id}, x."questionId", x."optionId", x."value", x."text"
        FROM json_to_recordset(${JSON.stringify(rows)}::json) AS x("questionId" text, "optionId" text, "value" double precision, "text" text)`;
    }
    if (hasEquality)
      await tx.equalityAnswers.create({ data: { responseId: id, ...equality, deleteAfter: new Date(now.getTime() + EQUALITY_RETENTION_DAYS * DAY_MS) } });
    if (respondent.value.kind === "account")
      await tx.consultationDraft.deleteMany({ where: { consultationId: c.id, accountId: respondent.value.actor.account.id } });
    // Already following (the same address given twice): one email is enough.
    if (followerEmail)
      await tx.$executeRaw`
        INSERT INTO "ConsultationFollower" ("consultationId", "email", "locale", "createdAt")
        VALUES (${c.id}, ${followerEmail}, ${input.locale}, ${new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS)})
        ON CONFLICT ("consultationId", "email") DO NOTHING`;
    return ok({ reference, status: "recorded" as const, receiptSent: false });
  });
  if (!result.ok || result.value.status !== "recorded" || respondent.value.kind !== "account") return result;
  const wardNames = new Map((await deps.prisma.area.findMany({ where: { councilId: input.councilId, type: "ward" }, select: { code: true, name: true } })).map((w) => [w.code, w.name]));
  const receiptSent = await sendReceipt(deps, respondent.value.actor, input.locale, {
    title: input.locale === "cy" && c.titleCy ? c.titleCy : c.title,
    reference: result.value.reference,
    rows: summaryRows(c.questionnaire, answers, input.locale, { wardName: (code) => wardNames.get(code) }),
  });
  return ok({ ...result.value, receiptSent });
}

/** Sent after the commit: a mail failure never undoes a response; the page shows the reference. */
async function sendReceipt(
  deps: ResponseDeps,
  actor: Actor,
  locale: Locale,
  receipt: { title: string; reference: string; rows: { question: string; answer: string }[] },
): Promise<boolean> {
  try {
    await deps.mailer.send({ to: actor.account.email, ...receiptEmail(locale, receipt) });
    return true;
  } catch {
    return false;
  }
}
