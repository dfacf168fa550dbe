// Benchmark (not a test): `npx tsx e2e/load/bench-analysis.ts [--database postgres://…|pglite]
// [--responses 100000] [--other-responses N] [--runs 50] [--warm-ups 3] [--cold-runs 5]
// [--new-per-run 10] [--index]`.
// The officer's analysis of a consultation with 100,000 responses (target: p99 < 300 ms on
// PostgreSQL). The responses are generated in SQL (INSERT … SELECT over generate_series, one
// statement per question), spread over Trafford's wards and deprivation deciles as real
// responses are, ten questions each, next to another consultation's responses in the same
// tables. Then, one call at a time:
// 1. `analyseConsultation` in process, next to `SELECT 1` through the same Prisma client: the
//    first analysis in a process (kept tallies dropped before each run), then after warm-ups
//    with nothing new since the last, then with new responses arriving between runs;
// 2. the officer's analysis page over HTTP from the server `npm start` runs, with the officer's
//    session cookie — its first view, then after warm-ups — next to GET /healthz through the
//    same client and server.
// Prints p50/p99 of each against the target. With --index, first creates by hand the index on
// ConsultationResponse ("consultationId", "submittedAt") that the README proposes.
// The analysis is also checked against plain SQL counts from scratch — after the first run,
// after new responses, after responses settle into the kept tally, and after a response appears
// among the settled ones — and the exit code is 1 if it ever differs: timings are figures.
import { parseArgs } from "node:util";
import { withServices } from "../../app/cli/start.ts";
import { analyseConsultation, forgetTallies, TALLY_SETTLE_MS, type ConsultationAnalysis } from "../../app/server/consultations/analysis.server.ts";
import type { Services } from "../../app/server/services.server.ts";
import { describeRun, mb, ms, peakRss, percentile, printTable, verdict, whole, withLoadDatabase } from "./ballot-kit.ts";
import { generateResponses, openTestConsultation, request, setUpTraffordCouncil, withServer } from "./consultation-kit.ts";

const { values: args } = parseArgs({
  options: {
    database: { type: "string", default: "postgres://postgres@127.0.0.1:5432/test" },
    responses: { type: "string", default: "100000" },
    "other-responses": { type: "string" },
    runs: { type: "string", default: "50" },
    "warm-ups": { type: "string", default: "3" },
    "cold-runs": { type: "string", default: "5" },
    "new-per-run": { type: "string", default: "10" },
    index: { type: "boolean", default: false },
  },
});
const RESPONSES = Number(args.responses);
const OTHER = Number(args["other-responses"] ?? Math.round(RESPONSES / 5));
const RUNS = Number(args.runs);
const WARM_UPS = Number(args["warm-ups"]);
const COLD_RUNS = Number(args["cold-runs"]);
const NEW_PER_RUN = Number(args["new-per-run"]);
const TARGET_P99_MS = 300;
if (!(RESPONSES >= 1) || !(OTHER >= 0) || !(RUNS >= 1) || !(WARM_UPS >= 0) || !(COLD_RUNS >= 1) || !(NEW_PER_RUN >= 1))
  throw new Error("--responses, --runs, --cold-runs and --new-per-run must be positive");
const PROPOSED_INDEX = `CREATE INDEX "ConsultationResponse_consultationId_submittedAt_idx" ON "ConsultationResponse" ("consultationId", "submittedAt")`;

// ───────────────────────────── checking the analysis against the rows ─────────────────────────────

/**
 * Where the analysis disagrees with plain SQL over every row, counted from scratch: the total,
 * respondents per question, every shown cell's count, points and mean rank, and the ward and
 * decile tables. `when` names the moment in the messages.
 */
async function miscounts(services: Services, consultationId: string, analysis: ConsultationAnalysis, when: string): Promise<string[]> {
  const { prisma } = services;
  const problems: string[] = [];
  const [[total], options, answered, wards, deciles] = await Promise.all([
    prisma.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS "n" FROM "ConsultationResponse" WHERE "consultationId" = ${consultationId}`,
    prisma.$queryRaw<{ questionId: string; optionId: string; n: number; total: number | null }[]>`
      SELECT a."questionId", a."optionId", count(*)::int AS "n", sum(a."value")::float8 AS "total" FROM "ResponseAnswer" a
      WHERE a."responseId" IN (SELECT "id" FROM "ConsultationResponse" WHERE "consultationId" = ${consultationId})
      GROUP BY a."questionId", a."optionId"`,
    prisma.$queryRaw<{ questionId: string; n: number }[]>`
      SELECT a."questionId", count(DISTINCT a."responseId")::int AS "n" FROM "ResponseAnswer" a
      WHERE a."responseId" IN (SELECT "id" FROM "ConsultationResponse" WHERE "consultationId" = ${consultationId})
      GROUP BY a."questionId"`,
    prisma.$queryRaw<{ key: string | null; n: number }[]>`
      SELECT "wardCode" AS "key", count(*)::int AS "n" FROM "ConsultationResponse" WHERE "consultationId" = ${consultationId} GROUP BY 1`,
    prisma.$queryRaw<{ key: number | null; n: number }[]>`
      SELECT "imdDecile" AS "key", count(*)::int AS "n" FROM "ConsultationResponse" WHERE "consultationId" = ${consultationId} GROUP BY 1`,
  ]);
  const say = (what: string) => problems.push(`${when}: ${what}`);
  if (analysis.responses !== total!.n) say(`the analysis counts ${analysis.responses} responses; ${total!.n} are stored`);
  const option = new Map(options.map((r) => [`${r.questionId}/${r.optionId}`, r]));
  const respondents = new Map(answered.map((r) => [r.questionId, r.n]));
  for (const q of analysis.questions) {
    const want = respondents.get(q.question.id) ?? 0;
    if (q.answered !== "fewer_than" && q.answered !== want) say(`${q.question.id}: ${q.answered} answered, the rows say ${want}`);
    for (const cell of q.cells) {
      if (cell.kind !== "count") continue;
      const row = option.get(`${q.question.id}/${cell.optionId}`);
      if (cell.count !== (row?.n ?? 0)) say(`${q.question.id} / ${cell.optionId}: ${cell.count}, the rows say ${row?.n ?? 0}`);
      if (cell.points !== undefined && cell.points !== (row?.total ?? 0)) say(`${q.question.id} / ${cell.optionId}: ${cell.points} points, the rows say ${row?.total}`);
      if (cell.meanRank !== undefined && row && cell.meanRank !== Math.round(((row.total ?? 0) / row.n) * 10) / 10)
        say(`${q.question.id} / ${cell.optionId}: mean rank ${cell.meanRank}, the rows say ${(row.total ?? 0) / row.n}`);
    }
  }
  const byKey = (rows: { key: string | number | null; n: number }[]) => new Map(rows.map((r) => [r.key === null ? "not_recorded" : String(r.key), r.n]));
  for (const [name, table, rows] of [
    ["ward", analysis.byWard, byKey(wards)],
    ["decile", analysis.byImdDecile, byKey(deciles)],
  ] as const)
    for (const cell of table.cells) if (cell.kind === "count" && cell.count !== (rows.get(cell.key) ?? 0)) say(`${name} ${cell.key}: ${cell.count}, the rows say ${rows.get(cell.key) ?? 0}`);
  return problems;
}

// ───────────────────────────── timing ─────────────────────────────

interface Series {
  latencies: Float64Array;
}

/** `runs` calls one at a time after `warmUps` untimed ones; `before` runs untimed before each. */
async function time(runs: number, warmUps: number, op: () => Promise<unknown>, before?: () => Promise<unknown>): Promise<Series> {
  for (let i = 0; i < warmUps; i++) {
    await before?.();
    await op();
  }
  const latencies = new Float64Array(runs);
  for (let i = 0; i < runs; i++) {
    await before?.();
    const t0 = performance.now();
    await op();
    latencies[i] = performance.now() - t0;
  }
  return { latencies: latencies.sort() };
}

const row = (name: string, s: Series, target?: number) => {
  const p99 = percentile(s.latencies, 99);
  const mean = s.latencies.reduce((a, b) => a + b, 0) / s.latencies.length;
  return [name, String(s.latencies.length), ms(percentile(s.latencies, 50)), ms(p99), ms(mean), ms(percentile(s.latencies, 100)), target === undefined ? "" : p99 < target ? "met" : "not met"];
};

const database = args.database === "pglite" ? undefined : args.database;
const held = await withLoadDatabase(database, async (db) => {
  describeRun(
    `Consultation analysis — ${whole(RESPONSES)} responses (and ${whole(OTHER)} to another consultation), ${RUNS} runs after ${WARM_UPS} warm-ups` +
      (args.index ? ", with the proposed index" : ""),
    db,
  );
  const inProcess = await withServices(async (services) => {
    const started = performance.now();
    const council = await setUpTraffordCouncil(services);
    const consultation = await openTestConsultation(services, council, "bench-analysis");
    const other = await openTestConsultation(services, council, "bench-other");
    const setUpSeconds = (performance.now() - started) / 1000;
    const generating = performance.now();
    await generateResponses(services, council.councilId, consultation.id, RESPONSES, "a");
    if (OTHER > 0) await generateResponses(services, council.councilId, other.id, OTHER, "b");
    // As autovacuum would soon after a load this size: the planner needs the tables' statistics.
    await services.prisma.$executeRawUnsafe(`ANALYZE "ConsultationResponse", "ResponseAnswer"`);
    const generatedSeconds = (performance.now() - generating) / 1000;
    if (args.index) await services.prisma.$executeRawUnsafe(PROPOSED_INDEX);
    const [answers] = await services.prisma.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS "n" FROM "ResponseAnswer"`;
    const [spread] = await services.prisma.$queryRaw<{ wards: number; deciles: number }[]>`
      SELECT count(DISTINCT "wardCode")::int AS "wards", count(DISTINCT "imdDecile")::int AS "deciles" FROM "ConsultationResponse" WHERE "consultationId" = ${consultation.id}`;
    console.log(
      `set-up: council, Trafford places and two consultations in ${setUpSeconds.toFixed(1)} s; ` +
        `${whole(RESPONSES + OTHER)} responses with ${whole(answers!.n)} answer rows generated in ${generatedSeconds.toFixed(1)} s ` +
        `(${spread!.wards} wards, ${spread!.deciles} deciles)`,
    );

    const input = { councilId: council.councilId, consultationId: consultation.id };
    const analyse = async () => {
      const result = await analyseConsultation(services, council.officer, input);
      if (!result.ok) throw new Error(`analyseConsultation: ${result.reason}`);
      return result.value;
    };
    const problems: string[] = [];
    const check = async (when: string) => problems.push(...(await miscounts(services, consultation.id, await analyse(), when)));
    let batch = 0;
    const addResponses = (count: number, secondsAgo: number) => generateResponses(services, council.councilId, consultation.id, count, `n${++batch}`, secondsAgo);

    const selectOne = await time(RUNS, WARM_UPS, () => services.prisma.$queryRaw`SELECT 1`);
    // The first analysis of the consultation in a process: every row is read.
    const cold = await time(COLD_RUNS, 0, async () => {
      forgetTallies();
      await analyse();
    });
    await check("after the first analysis");
    const warm = await time(RUNS, WARM_UPS, analyse);
    // An open consultation: responses arrive between two views of the page (written untimed).
    const fresh = await time(RUNS, WARM_UPS, analyse, () => addResponses(NEW_PER_RUN, 0));
    await check(`after ${whole(batch * NEW_PER_RUN)} new responses`);
    // Responses just young enough to be recent, then old enough to settle into the kept tally.
    await addResponses(20, TALLY_SETTLE_MS / 1000 - 8);
    await check("with responses about to settle");
    await new Promise((resolve) => setTimeout(resolve, 10_000));
    await check("once they have settled");
    // A response among the settled ones that the kept tally has not counted (as a clock jump
    // would make): the settled count differs, and everything is counted again.
    await addResponses(5, 86_400);
    await check("after a response appeared among the settled ones");
    return { council, consultation, problems, selectOne, cold, warm, fresh, rss: process.memoryUsage().rss };
  });

  // The page, from the server `npm start` runs (it owns the database now).
  const { council, consultation } = inProcess;
  const page = `/${council.slug}/officer/consultations/${consultation.id}/analysis`;
  const http = await withServer(async (server) => {
    let pageBytes = 0;
    let badPages = 0;
    const get = async () => {
      const reply = await request(server.origin, "GET", page, { sessionToken: council.officerToken });
      if (reply.status !== 200 || !reply.body.includes('id="by-ward"')) badPages++;
      pageBytes = reply.body.length;
    };
    const healthz = await time(RUNS, WARM_UPS, () => request(server.origin, "GET", "/healthz"));
    const first = await time(1, 0, get);
    const pages = await time(RUNS, WARM_UPS, get);
    return { healthz, first, pages, pageBytes, badPages, serverPeak: server.peakRss() };
  });
  const problems = [...inProcess.problems];
  if (http.badPages > 0) problems.push(`${http.badPages} analysis pages did not answer 200 with the tables`);

  console.log("");
  printTable(
    ["one at a time", "runs", "p50", "p99", "mean", "max", `p99 < ${TARGET_P99_MS} ms`],
    [
      row("baseline: SELECT 1 (Prisma, same pool)", inProcess.selectOne),
      row("analyseConsultation, first in the process", inProcess.cold, TARGET_P99_MS),
      row("analyseConsultation, nothing new since the last", inProcess.warm, TARGET_P99_MS),
      row(`analyseConsultation, ${NEW_PER_RUN} new responses since the last`, inProcess.fresh, TARGET_P99_MS),
      row("baseline: GET /healthz (same HTTP client)", http.healthz),
      row("GET the analysis page, first in the server", http.first, TARGET_P99_MS),
      row("GET the analysis page, after warm-ups", http.pages, TARGET_P99_MS),
    ],
  );
  const ratio = (a: Series, b: Series) => (percentile(a.latencies, 50) / percentile(b.latencies, 50)).toFixed(0);
  console.log(
    `(p50 × baseline: analysis ${ratio(inProcess.warm, inProcess.selectOne)} × SELECT 1 (first in the process: ${ratio(inProcess.cold, inProcess.selectOne)} ×); ` +
      `page ${ratio(http.pages, http.healthz)} × /healthz; the page is ${whole(http.pageBytes)} bytes)`,
  );
  console.log(`\nmemory (RSS): bench ${mb(inProcess.rss)} after the in-process runs, peak ${mb(peakRss())}; server process peak ${mb(http.serverPeak)}`);
  return verdict(problems);
});
if (!held) process.exitCode = 1;
