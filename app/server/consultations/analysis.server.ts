// What officers see of a consultation's responses: counts by question and option, and who
// responded by ward and deprivation decile — aggregated in SQL (GROUP BY over ResponseAnswer),
// never by loading responses, and kept between requests so that only responses not yet counted
// are read again (see "tallies" below): the page stays fast at 100,000 responses. Small cells are
// suppressed (app/domain/budgeting/turnout.ts: fewer than 10 shown as "fewer than 10", and
// further cells hidden where a small one could be worked out from the total).
import { can } from "~/domain/accounts/permissions.ts";
import { NOT_RECORDED, SMALL_CELL_THRESHOLD, suppressTable, type TurnoutTable } from "~/domain/budgeting/turnout.ts";
import { allQuestions, parseQuestionnaire, type Question } from "~/domain/questionnaires/questionnaire.ts";
import { err, ok } from "~/domain/result.ts";
import type { Actor } from "~/server/accounts/sessions.server.ts";
import { Prisma } from "~/server/db/generated/client.ts";
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

// ───────────────────────────── tallies ─────────────────────────────
//
// Why a tally kept between requests: with 100,000 responses a consultation has about 1.5 million
// ResponseAnswer rows, and one GROUP BY over them costs about 400 ms with two parallel workers on
// an idle two-core machine (a second of CPU: EXPLAIN ANALYZE in e2e/load/README.md), however it
// is written. So the rows are aggregated once per process and consultation, and after that only
// responses not yet counted are: counts and sums add up, so the tally of all responses is the
// tally of the settled ones (kept here) plus the tally of the recent ones (queried each time).
//
// A response is settled once TALLY_SETTLE_MS old: submittedAt is stamped just before the transaction
// that writes it (at most 40 s: TX_OPTIONS), so by then it has committed or never will, and no
// response can appear among the settled ones later. Responses are never updated or deleted one
// by one (only with their consultation); should that change, or a clock jump, the settled count
// is checked on every request and a difference recomputes the whole tally.

export const TALLY_SETTLE_MS = 5 * 60_000;
/** Consultations whose tallies are kept: a few kilobytes each; the least recently read go first. */
const MAX_KEPT = 500;
const EPOCH = new Date(0);

interface OptionTally {
  questionId: string;
  optionId: string;
  /** Answer rows: respondents who chose the option, or gave it points or a rank. */
  n: number;
  /** Sum of value: points given, or ranks. */
  total: number;
  /** Rows with value 1: for a ranking, each respondent's first choice, so one per respondent. */
  ones: number;
}

/** What the analysis needs of a set of responses; the tally of two disjoint sets is the sum of theirs. */
interface Tally {
  options: Map<string, OptionTally>;
  /** Respondents to each multiple-choice and points question (several rows per respondent). */
  respondents: Map<string, number>;
  /** Responses by ward and decile together; totals and the two tables are its margins. */
  areas: Map<string, { wardCode: string | null; imdDecile: number | null; n: number }>;
}

interface Kept {
  settled: Tally;
  /** Responses submitted before this are in `settled`. */
  settledBefore: Date;
  settledCount: number;
  /** The questions `respondents` covers. */
  multi: ReadonlySet<string>;
}

const kept = new Map<string, Kept>();

/** Drops every kept tally, so the next analysis counts all rows again: for benchmarks and tests. */
export function forgetTallies(): void {
  kept.clear();
}

function emptyTally(): Tally {
  return { options: new Map(), respondents: new Map(), areas: new Map() };
}

function addTo(into: Tally, from: Tally): Tally {
  for (const [k, o] of from.options) {
    const t = into.options.get(k);
    if (t) into.options.set(k, { ...t, n: t.n + o.n, total: t.total + o.total, ones: t.ones + o.ones });
    else into.options.set(k, o);
  }
  for (const [q, n] of from.respondents) into.respondents.set(q, (into.respondents.get(q) ?? 0) + n);
  for (const [k, a] of from.areas) {
    const t = into.areas.get(k);
    into.areas.set(k, t ? { ...t, n: t.n + a.n } : a);
  }
  return into;
}

function copyTally(t: Tally): Tally {
  return addTo(emptyTally(), t);
}

/** Questions whose answer is several rows, so respondents must be counted apart from rows. */
function multiRowQuestions(questions: readonly Question[]): string[] {
  return questions.filter((q) => q.kind === "multiple_choice" || q.kind === "points").map((q) => q.id);
}

/**
 * The tallies of the responses submitted in [from, cut) ("advancing": settled now) and from
 * `cut` on ("recent"), and how many responses the consultation has in all (to check the settled
 * count). One statement, so one snapshot: a response committing meanwhile is in every part or in
 * none. On a kept tally it reads only the newer responses and their answers (through
 * ResponseAnswer's primary key) and counts the rest from an index.
 */
async function tallySince(deps: AnalysisDeps, consultationId: string, from: Date, cut: Date, multi: readonly string[]) {
  const rows = await deps.prisma.$queryRaw<{ part: string; recent: boolean | null; a: string | null; b: string | null; decile: number | null; n: number; total: number | null; ones: number | null }[]>`
    SELECT 'all' AS "part", NULL::boolean AS "recent", NULL::text AS "a", NULL::text AS "b", NULL::int AS "decile", count(*)::int AS "n", NULL::float8 AS "total", NULL::int AS "ones"
    FROM "ConsultationResponse" WHERE "consultationId" = ${consultationId}
    UNION ALL
    SELECT 'area', "submittedAt" >= ${cut}, "wardCode", NULL, "imdDecile", count(*)::int, NULL, NULL
    FROM "ConsultationResponse" WHERE "consultationId" = ${consultationId} AND "submittedAt" >= ${from}
    GROUP BY 2, 3, 5
    UNION ALL
    SELECT 'option', r."submittedAt" >= ${cut}, a."questionId", a."optionId", NULL,
           count(*)::int, sum(a."value")::float8, count(*) FILTER (WHERE a."value" = 1)::int
    FROM "ConsultationResponse" r JOIN "ResponseAnswer" a ON a."responseId" = r."id"
    WHERE r."consultationId" = ${consultationId} AND r."submittedAt" >= ${from}
    GROUP BY 2, 3, 4
    ${
      multi.length === 0
        ? Prisma.empty
        : Prisma.sql`UNION ALL
    SELECT 'respondents', r."submittedAt" >= ${cut}, a."questionId", NULL, NULL, count(DISTINCT a."responseId")::int, NULL, NULL
    FROM "ConsultationResponse" r JOIN "ResponseAnswer" a ON a."responseId" = r."id"
    WHERE r."consultationId" = ${consultationId} AND r."submittedAt" >= ${from} AND a."questionId" IN (${Prisma.join(multi)})
    GROUP BY 2, 3`
    }`;
  const advancing = emptyTally();
  const recent = emptyTally();
  let all = 0;
  let newer = 0;
  let advancingCount = 0;
  for (const row of rows) {
    const into = row.recent ? recent : advancing;
    if (row.part === "all") all = row.n;
    else if (row.part === "area") {
      newer += row.n;
      if (!row.recent) advancingCount += row.n;
      into.areas.set(JSON.stringify([row.a, row.decile]), { wardCode: row.a, imdDecile: row.decile, n: row.n });
    } else if (row.part === "option")
      into.options.set(JSON.stringify([row.a, row.b]), { questionId: row.a!, optionId: row.b!, n: row.n, total: row.total ?? 0, ones: row.ones ?? 0 });
    else into.respondents.set(row.a!, row.n);
  }
  return { before: all - newer, advancing, advancingCount, recent };
}

/** The tally of all the consultation's responses: the kept settled part brought up to date, plus the recent ones. */
async function currentTally(deps: AnalysisDeps, consultationId: string, questions: readonly Question[]): Promise<Tally> {
  const multi = multiRowQuestions(questions);
  let base = kept.get(consultationId);
  if (base && multi.some((q) => !base!.multi.has(q))) base = undefined;
  for (let attempt = 0; ; attempt++) {
    const from = base?.settledBefore ?? EPOCH;
    const settleAt = new Date(Date.now() - TALLY_SETTLE_MS);
    // A clock that went back: settle nothing new rather than count a window twice.
    const cut = settleAt > from ? settleAt : from;
    const got = await tallySince(deps, consultationId, from, cut, multi);
    if (got.before !== (base?.settledCount ?? 0) && attempt === 0) {
      // The settled responses changed under the kept tally: count everything again.
      kept.delete(consultationId);
      base = undefined;
      continue;
    }
    const settled = addTo(base ? copyTally(base.settled) : emptyTally(), got.advancing);
    kept.delete(consultationId);
    kept.set(consultationId, { settled, settledBefore: cut, settledCount: got.before + got.advancingCount, multi: new Set(multi) });
    if (kept.size > MAX_KEPT) kept.delete(kept.keys().next().value!);
    return addTo(copyTally(settled), got.recent);
  }
}

/**
 * The aggregates themselves, with no permission check: for the officer analysis above, and for
 * the public "what you said" once a consultation's results are published (suppressed the same way).
 */
export async function aggregateResponses(deps: AnalysisDeps, consultation: { id: string; questionnaire: unknown }): Promise<ConsultationAnalysis> {
  const parsed = parseQuestionnaire(consultation.questionnaire);
  const questions = parsed.ok ? allQuestions(parsed.value) : [];
  const tally = await currentTally(deps, consultation.id, questions);

  const byQuestion = new Map<string, OptionTally[]>();
  for (const row of tally.options.values()) byQuestion.set(row.questionId, [...(byQuestion.get(row.questionId) ?? []), row]);
  /**
   * Respondents who answered: one row per answer for most kinds; a ranking's answer has exactly
   * one first choice (value 1); multiple choice and points are counted apart.
   */
  const answeredBy = (question: Question, rows: readonly OptionTally[]) => {
    if (question.kind === "multiple_choice" || question.kind === "points") return tally.respondents.get(question.id) ?? 0;
    if (question.kind === "ranking") return rows.reduce((n, r) => n + r.ones, 0);
    return rows.reduce((n, r) => n + r.n, 0);
  };

  const analysed: QuestionAnalysis[] = questions.map((question) => {
    const rows = byQuestion.get(question.id) ?? [];
    const n = answeredBy(question, rows);
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
        ...(question.kind === "ranking" && row && row.n > 0 ? { meanRank: Math.round((row.total / row.n) * 10) / 10 } : {}),
      };
    });
    return { question, answered: answeredShown, cells, openAnswers: 0 };
  });

  const wards = new Map<string | null, number>();
  const deciles = new Map<number | null, number>();
  let responses = 0;
  for (const a of tally.areas.values()) {
    responses += a.n;
    wards.set(a.wardCode, (wards.get(a.wardCode) ?? 0) + a.n);
    deciles.set(a.imdDecile, (deciles.get(a.imdDecile) ?? 0) + a.n);
  }
  const key = (k: string | number | null) => (k === null ? NOT_RECORDED : String(k));
  return {
    responses,
    questions: analysed,
    byWard: suppressTable([...wards].map(([k, n]) => ({ key: key(k), count: n })).sort((a, b) => (a.key < b.key ? -1 : 1))),
    byImdDecile: suppressTable(
      [...deciles]
        .map(([k, n]) => ({ key: key(k), count: n }))
        .sort((a, b) => (a.key === NOT_RECORDED ? 1 : b.key === NOT_RECORDED ? -1 : Number(a.key) - Number(b.key))),
    ),
  };
}

function primaryOnly(key: string, count: number, answered: number) {
  if (count < SMALL_CELL_THRESHOLD) return { key, kind: "fewer_than" as const, threshold: SMALL_CELL_THRESHOLD };
  return { key, kind: "count" as const, count, percent: answered > 0 ? Math.round((100 * count) / answered) : 0 };
}
