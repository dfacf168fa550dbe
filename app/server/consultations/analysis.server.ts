// What officers see of a consultation's responses: counts by question and option, and who
// responded by ward and deprivation decile — aggregated in SQL (GROUP BY over ResponseAnswer),
// never by loading responses, so the page stays fast at 100,000 responses. Small cells are
// suppressed (app/domain/budgeting/turnout.ts: fewer than 10 shown as "fewer than 10", and
// further cells hidden where a small one could be worked out from the total).
import { can } from "~/domain/accounts/permissions.ts";
import { NOT_RECORDED, SMALL_CELL_THRESHOLD, suppressTable, type TurnoutTable } from "~/domain/budgeting/turnout.ts";
import { allQuestions, parseQuestionnaire, type Question } from "~/domain/questionnaires/questionnaire.ts";
import { err, ok } from "~/domain/result.ts";
import type { Actor } from "~/server/accounts/sessions.server.ts";
import type { Services } from "~/server/services.server.ts";

type AnalysisDeps = Pick<Services, "prisma">;

export type OptionCell =
  | { optionId: string; kind: "count"; count: number; percent: number; /** points questions: points given in all */ points?: number; /** ranking: mean rank, 1 = first */ meanRank?: number }
  | { optionId: string; kind: "fewer_than"; threshold: number }
  | { optionId: string; kind: "not_shown" };

export interface QuestionAnalysis {
  question: Question;
  /** Respondents who answered this question. */
  answered: number | "fewer_than";
  cells: OptionCell[];
  /** Free text, number, postcode and place questions: no option table. */
  openAnswers: number;
}

export interface ConsultationAnalysis {
  responses: number;
  questions: QuestionAnalysis[];
  byWard: TurnoutTable;
  byImdDecile: TurnoutTable;
}

/** Officers, admins and moderators of the council (responses.read). Another council's: not_found. */
export async function analyseConsultation(deps: AnalysisDeps, actor: Actor | null, input: { councilId: string; consultationId: string }) {
  if (!actor || !can(actor.roles, input.councilId, "responses.read")) return err("forbidden" as const);
  const consultation = await deps.prisma.consultation.findFirst({
    where: { id: input.consultationId, councilId: input.councilId },
    select: { id: true, questionnaire: true },
  });
  if (!consultation) return err("not_found" as const);
  return ok(await aggregateResponses(deps, consultation));
}

/**
 * The aggregates themselves, with no permission check: for the officer analysis above, and for
 * the public "what you said" once a consultation's results are published (suppressed the same way).
 */
export async function aggregateResponses(deps: AnalysisDeps, consultation: { id: string; questionnaire: unknown }): Promise<ConsultationAnalysis> {
  const parsed = parseQuestionnaire(consultation.questionnaire);
  const questions = parsed.ok ? allQuestions(parsed.value) : [];

  const [totals, options, answered, wards, deciles] = await Promise.all([
    deps.prisma.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS "n" FROM "ConsultationResponse" WHERE "consultationId" = ${consultation.id}`,
    deps.prisma.$queryRaw<{ questionId: string; optionId: string; n: number; total: number | null }[]>`
      SELECT a."questionId", a."optionId", count(*)::int AS "n", sum(a."value")::float8 AS "total"
      FROM "ResponseAnswer" a JOIN "ConsultationResponse" r ON r."id" = a."responseId"
      WHERE r."consultationId" = ${consultation.id}
      GROUP BY a."questionId", a."optionId"`,
    deps.prisma.$queryRaw<{ questionId: string; n: number }[]>`
      SELECT a."questionId", count(DISTINCT a."responseId")::int AS "n"
      FROM "ResponseAnswer" a JOIN "ConsultationResponse" r ON r."id" = a."responseId"
      WHERE r."consultationId" = ${consultation.id}
      GROUP BY a."questionId"`,
    deps.prisma.$queryRaw<{ key: string | null; n: number }[]>`
      SELECT "wardCode" AS "key", count(*)::int AS "n" FROM "ConsultationResponse"
      WHERE "consultationId" = ${consultation.id} GROUP BY "wardCode"`,
    deps.prisma.$queryRaw<{ key: number | null; n: number }[]>`
      SELECT "imdDecile" AS "key", count(*)::int AS "n" FROM "ConsultationResponse"
      WHERE "consultationId" = ${consultation.id} GROUP BY "imdDecile"`,
  ]);
  const byQuestion = new Map<string, { optionId: string; n: number; total: number | null }[]>();
  for (const row of options) byQuestion.set(row.questionId, [...(byQuestion.get(row.questionId) ?? []), row]);
  const answeredBy = new Map(answered.map((r) => [r.questionId, r.n]));

  const analysed: QuestionAnalysis[] = questions.map((question) => {
    const n = answeredBy.get(question.id) ?? 0;
    const rows = byQuestion.get(question.id) ?? [];
    const answeredShown = n < SMALL_CELL_THRESHOLD ? ("fewer_than" as const) : n;
    if (!("options" in question) || !question.options) return { question, answered: answeredShown, cells: [], openAnswers: n };
    const count = new Map(rows.map((r) => [r.optionId, r]));
    const counts = question.options.map((o) => ({ key: o.id, count: count.get(o.id)?.n ?? 0 }));
    // One answer each: the options partition the respondents, so a small cell could be worked
    // out from the total — suppress as a table. Several answers each: no such sum exists.
    const partition = question.kind === "single_choice" || question.kind === "likert";
    const table = partition ? suppressTable(counts).cells : counts.map((c) => primaryOnly(c.key, c.count, n));
    const cells: OptionCell[] = table.map((cell) => {
      if (cell.kind !== "count") return { optionId: cell.key, ...cell };
      const row = count.get(cell.key);
      const percent = n > 0 ? Math.round((100 * cell.count) / n) : 0;
      return {
        optionId: cell.key,
        kind: "count",
        count: cell.count,
        percent,
        ...(question.kind === "points" ? { points: row?.total ?? 0 } : {}),
        ...(question.kind === "ranking" && row && row.n > 0 ? { meanRank: Math.round(((row.total ?? 0) / row.n) * 10) / 10 } : {}),
      };
    });
    return { question, answered: answeredShown, cells, openAnswers: 0 };
  });

  const key = (k: string | number | null) => (k === null ? NOT_RECORDED : String(k));
  return {
    responses: totals[0]?.n ?? 0,
    questions: analysed,
    byWard: suppressTable(wards.map((w) => ({ key: key(w.key), count: w.n })).sort((a, b) => (a.key < b.key ? -1 : 1))),
    byImdDecile: suppressTable(deciles.map((d) => ({ key: key(d.key), count: d.n })).sort((a, b) => (a.key === NOT_RECORDED ? 1 : b.key === NOT_RECORDED ? -1 : Number(a.key) - Number(b.key)))),
  };
}

function primaryOnly(key: string, count: number, answered: number) {
  if (count < SMALL_CELL_THRESHOLD) return { key, kind: "fewer_than" as const, threshold: SMALL_CELL_THRESHOLD };
  return { key, kind: "count" as const, count, percent: answered > 0 ? Math.round((100 * count) / answered) : 0 };
}
