// Shared by the consultation load test and benchmark (responses-throughput.ts, bench-analysis.ts):
// a council on real Trafford geography with an officer, an open consultation with a realistic
// questionnaire built through the use cases, residents' answers that pass it, and the app's HTTP
// server started as `npm start` starts it, in a child process on a port of its own, with a small
// HTTP client for the scripts to drive it; and, for the benchmark, responses generated in bulk in
// SQL. The database, the residents and the figures come from ballot-kit.ts.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import http from "node:http";
import net from "node:net";
import path from "node:path";
import { EQUALITY_QUESTIONS, type EqualityFormValues } from "../../app/domain/consultations/equality.ts";
import { checkComplete, type Answers } from "../../app/domain/questionnaires/answers.ts";
import { allQuestions, likertOptions, type Questionnaire } from "../../app/domain/questionnaires/questionnaire.ts";
import { createSession, getActor, type Actor } from "../../app/server/accounts/sessions.server.ts";
import { SESSION_COOKIE_NAME } from "../../app/server/accounts/cookies.server.ts";
import { createConsultation, editConsultation, openConsultation } from "../../app/server/consultations/consultations.server.ts";
import { importPlaces, loadTraffordBundle } from "../../app/server/places/places.server.ts";
import type { Services } from "../../app/server/services.server.ts";
import { ROOT } from "./ballot-kit.ts";

const DAY_MS = 86_400_000;

// ───────────────────────────── the council and the consultation ─────────────────────────────

export interface ConsultationCouncil {
  councilId: string;
  slug: string;
  officer: Actor;
  /** The officer's session token: the cookie the officer's browser holds. */
  officerToken: string;
}

/**
 * A council on Trafford's real wards, LSOAs, postcodes and deprivation deciles (the bundle the
 * demo imports, through importPlaces), and one officer signed in with password and TOTP passed.
 * The council row is written directly (councils have no use case; they come from the seed or the
 * places import); the officer's session is a real one.
 */
export async function setUpTraffordCouncil(services: Services): Promise<ConsultationCouncil> {
  const { prisma } = services;
  const council = await prisma.council.create({
    data: { slug: "trafford-load", name: "Trafford Council (load test)", onsCode: "E08000009" },
    select: { id: true, slug: true },
  });
  const places = await importPlaces(services, { councilId: council.id, bundle: await loadTraffordBundle(ROOT) });
  if (!places.ok) throw new Error(`importing the Trafford places failed: ${places.reason}`);
  const account = await prisma.account.create({ data: { email: "officer@trafford-load.invalid" }, select: { id: true } });
  await prisma.membership.create({ data: { accountId: account.id, councilId: council.id, role: "officer" } });
  const { token } = await createSession(services, prisma, { accountId: account.id, kind: "staff", twoFactorVerified: true });
  const officer = await getActor(services, token);
  if (!officer) throw new Error("the officer's session did not validate");
  return { councilId: council.id, slug: council.slug, officer, officerToken: token };
}

const PRIORITIES = ["health", "getting-around", "jobs-and-money", "housing", "green-spaces", "feeling-safe", "community"];
const SERVICES_USED = ["parks", "libraries", "leisure-centres", "buses", "trams", "youth-clubs"];
const THEMES = ["parks-and-green-spaces", "buses-walking-and-cycling", "youth-services", "care-for-older-people", "libraries-and-culture"];
const IMPROVEMENTS = ["potholes", "street-lighting", "bus-shelters", "cycle-lanes", "public-toilets"];
const LIKERT = likertOptions().map((o) => o.id);

const label = (id: string) => ({ en: id.replace(/-/g, " ").replace(/^./, (c) => c.toUpperCase()) });
const options = (ids: readonly string[]) => ids.map((id) => ({ id, label: label(id) }));

/**
 * Ten questions on four pages, of every kind a council consultation usually has: a single
 * choice, a multiple choice, points shared between themes, a top-three ranking, three
 * agree/disagree statements, a written answer, a number and a postcode (from which the ward and
 * deprivation decile are derived). Modelled on the demo's "Our wellbeing priorities".
 */
export const QUESTIONNAIRE: Questionnaire = {
  pages: [
    {
      id: "priorities",
      title: { en: "Your priorities" },
      questions: [
        { id: "what-matters-most", kind: "single_choice", title: { en: "Which of these matters most to your wellbeing?" }, required: true, options: options(PRIORITIES) },
        { id: "services-used", kind: "multiple_choice", title: { en: "Which of these have you used in the last year?" }, required: false, options: options(SERVICES_USED) },
      ],
    },
    {
      id: "spending",
      title: { en: "Spending" },
      questions: [
        {
          id: "spending-themes",
          kind: "points",
          title: { en: "Share 100 points between these, to show where you would spend more" },
          required: true,
          options: options(THEMES),
          total: 100,
          mustUseAll: true,
        },
        { id: "improvements", kind: "ranking", title: { en: "Put your top three improvements in order" }, required: false, options: options(IMPROVEMENTS), rankCount: 3 },
      ],
    },
    {
      id: "your-area",
      title: { en: "Your area" },
      questions: [
        { id: "good-place-to-grow-up", kind: "likert", title: { en: "Trafford is a good place for children to grow up" }, required: true, options: likertOptions() },
        { id: "safe-after-dark", kind: "likert", title: { en: "I feel safe walking in my area after dark" }, required: true, options: likertOptions() },
        { id: "proud-of-area", kind: "likert", title: { en: "I am proud of where I live" }, required: false, options: likertOptions() },
        { id: "one-change", kind: "free_text", title: { en: "What one change would make the biggest difference where you live?" }, required: false, maxLength: 2000, multiline: true },
      ],
    },
    {
      id: "about-you",
      title: { en: "About you" },
      questions: [
        { id: "household-size", kind: "number", title: { en: "How many people live in your home?" }, required: false, min: 1, max: 20, integer: true },
        { id: "postcode", kind: "postcode", title: { en: "What is your postcode?" }, required: false },
      ],
    },
  ],
};

/**
 * Creates the consultation through the officer's use cases — createConsultation (draft, with
 * equality monitoring), editConsultation (the questions) and openConsultation (opened a week
 * ago, closing in twelve weeks) — as the officer's pages do.
 */
export async function openTestConsultation(services: Services, council: ConsultationCouncil, slug: string): Promise<{ id: string; slug: string }> {
  const { councilId, officer } = council;
  const created = await createConsultation(services, officer, {
    councilId,
    title: `Our wellbeing priorities (${slug})`,
    slug,
    summary: "Tell us what matters most to your wellbeing, and where you would spend more, before we set next year's budget.",
    background: "We are setting the budget for next year. Before councillors decide, we want to know what matters most to the people who live here.",
    audience: "Everyone who lives, works or studies in Trafford",
    equalityMonitoring: true,
  });
  if (!created.ok) throw new Error(`createConsultation: ${created.reason} ${JSON.stringify(created.detail ?? null)}`);
  const id = created.value.id;
  const edited = await editConsultation(services, officer, { councilId, consultationId: id, questionnaire: QUESTIONNAIRE });
  if (!edited.ok) throw new Error(`editConsultation: ${edited.reason} ${JSON.stringify(edited.detail ?? null)}`);
  const now = services.now();
  const opened = await openConsultation(services, officer, {
    councilId,
    consultationId: id,
    opensAt: new Date(now.getTime() - 7 * DAY_MS),
    closesAt: new Date(now.getTime() + 84 * DAY_MS),
  });
  if (!opened.ok) throw new Error(`openConsultation: ${opened.reason} ${JSON.stringify(opened.detail ?? null)}`);
  return { id, slug };
}

// ───────────────────────────── residents' answers ─────────────────────────────

/** A small deterministic generator, so two runs send the same answers. */
export function generator(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export interface Place {
  postcode: string;
  wardCode: string;
  imdDecile: number | null;
}

/**
 * The council's postcodes with their neighbourhood's deprivation decile, drawn less often the
 * more deprived the neighbourhood (as consultations hear less from them): the pool residents'
 * postcodes are picked from.
 */
export async function respondentPlaces(services: Services, councilId: string, random: () => number): Promise<Place[]> {
  const rows = await services.prisma.$queryRaw<Place[]>`
    SELECT p."postcode", p."wardCode", a."imdDecile"
    FROM "Postcode" p LEFT JOIN "Area" a ON a."councilId" = p."councilId" AND a."type" = 'lsoa' AND a."code" = p."lsoaCode"
    WHERE p."councilId" = ${councilId} ORDER BY p."postcode"`;
  return rows.filter((p) => random() < 0.25 + 0.075 * (p.imdDecile ?? 5));
}

const CHANGES = [
  "More buses in the evening so I can get home from work.",
  "Fix the potholes on our road and the pavements for wheelchairs.",
  "Somewhere for teenagers to go after school that is not the shopping centre.",
  "Keep the library open on Saturdays.",
  "More bins and more litter picking in the park.",
  "Safer crossings near the primary school.",
  "Help for older neighbours who live on their own.",
  "Street lights that work on the path to the tram stop.",
];

/** One resident's complete answers, as the pages would have collected them; checked by `checkComplete`. */
export function randomAnswers(random: () => number, place: Place | null, wardCodes: readonly string[]): Answers {
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const weights = THEMES.map(() => random() ** 2);
  const sum = weights.reduce((a, b) => a + b, 0);
  const shares = weights.map((w) => Math.floor((100 * w) / sum));
  shares[0]! += 100 - shares.reduce((a, b) => a + b, 0);
  const points = Object.fromEntries(THEMES.map((t, i) => [t, shares[i]!]).filter(([, n]) => (n as number) > 0));
  const services = SERVICES_USED.filter(() => random() < 0.4);
  const ranked = [...IMPROVEMENTS].sort(() => random() - 0.5).slice(0, 3);
  const raw: Answers = {
    "what-matters-most": pick(PRIORITIES),
    ...(services.length ? { "services-used": services } : {}),
    "spending-themes": points,
    ...(random() < 0.7 ? { improvements: ranked } : {}),
    "good-place-to-grow-up": pick(LIKERT),
    "safe-after-dark": pick(LIKERT),
    ...(random() < 0.8 ? { "proud-of-area": pick(LIKERT) } : {}),
    ...(random() < 0.4 ? { "one-change": pick(CHANGES) } : {}),
    ...(random() < 0.85 ? { "household-size": 1 + Math.floor(random() ** 1.5 * 6) } : {}),
    ...(place ? { postcode: place.postcode } : {}),
  };
  const checked = checkComplete(QUESTIONNAIRE, raw, { wardCodes });
  if (!checked.ok) throw new Error(`generated answers do not pass the questionnaire: ${JSON.stringify(checked.detail)}`);
  return checked.value;
}

/** How many ResponseAnswer rows a submission of these answers stores: one per chosen option. */
export function answerRowCount(answers: Answers): number {
  let rows = 0;
  for (const question of allQuestions(QUESTIONNAIRE)) {
    const a = answers[question.id];
    if (a === undefined) continue;
    rows += Array.isArray(a) ? a.length : question.kind === "points" ? Object.keys(a).length : 1;
  }
  return rows;
}

/** The optional equality questions as a resident answers them: most answer a few, some none. */
export function randomEquality(random: () => number): EqualityFormValues {
  const out: EqualityFormValues = {};
  if (random() < 0.2) return out;
  for (const question of EQUALITY_QUESTIONS) {
    if (random() < 0.5) continue;
    const option = question.options[Math.floor(random() * question.options.length)];
    if (option) out[question.id] = option.id;
  }
  return out;
}

// ───────────────────────────── generating the responses in SQL ─────────────────────────────

/** A SQL literal of one of this file's own ids or phrases (no user input reaches here). */
const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;
const array = (items: readonly string[]) => `ARRAY[${items.map(lit).join(", ")}]::text[]`;

function optionIds(questionId: string): string[] {
  for (const page of QUESTIONNAIRE.pages)
    for (const q of page.questions) if (q.id === questionId && "options" in q && q.options) return q.options.map((o) => o.id);
  throw new Error(`no question ${questionId} with options`);
}

/**
 * `count` responses to one consultation generated in SQL (INSERT … SELECT over generate_series,
 * for the analysis benchmark: 100,000 in seconds, where submitResponse would take minutes), each
 * at one of the council's postcodes (the most deprived neighbourhoods drawn less often, as in
 * respondentPlaces), 10 % with no postcode (ward and decile not recorded); then their answers,
 * one INSERT … SELECT per question, as submitResponse stores them: one row per chosen option,
 * points and ranks in `value`, free text in `text`, the postcode answer as its ward. Answers lean
 * with deprivation, as real ones do.
 */
export async function generateResponses(
  services: Services,
  councilId: string,
  consultationId: string,
  count: number,
  prefix: string,
  /** When they were submitted: at random over the last week, or all this many seconds ago. */
  submittedSecondsAgo?: number,
): Promise<void> {
  const run = (sql: string) => services.prisma.$executeRawUnsafe(sql);
  const c = lit(consultationId);
  await run(`
    CREATE TABLE "_bench_place" AS
    SELECT (row_number() OVER (ORDER BY p."postcode"))::int AS "n", p."postcode", p."wardCode", p."lsoaCode", a."imdDecile"
    FROM "Postcode" p LEFT JOIN "Area" a ON a."councilId" = p."councilId" AND a."type" = 'lsoa' AND a."code" = p."lsoaCode"
    WHERE p."councilId" = ${lit(councilId)} AND random() < 0.25 + 0.075 * coalesce(a."imdDecile", 5)`);
  await run(`
    INSERT INTO "ConsultationResponse" ("id", "consultationId", "respondentKey", "reference", "version", "locale", "wardCode", "lsoaCode", "imdDecile", "postcode", "postcodeClearAfter", "submittedAt")
    SELECT gen_random_uuid()::text, ${c}, ${lit(`${prefix}-`)} || s.g, 'CR-' || ${lit(prefix.toUpperCase())} || '-' || lpad(s.g::text, 8, '0'), 1,
           CASE WHEN s.g % 25 = 0 THEN 'cy' ELSE 'en' END,
           p."wardCode", p."lsoaCode", p."imdDecile", p."postcode",
           CASE WHEN p."postcode" IS NULL THEN NULL ELSE now() + interval '90 days' END,
           ${submittedSecondsAgo === undefined ? `now() - s.age * interval '7 days'` : `now() - interval '${Math.round(submittedSecondsAgo)} seconds'`}
    FROM (SELECT g, CASE WHEN random() < 0.9 THEN 1 + floor(random() * (SELECT count(*) FROM "_bench_place"))::int END AS pick, random() AS age
          FROM generate_series(1, ${count}) AS g OFFSET 0) s
    LEFT JOIN "_bench_place" p ON p."n" = s.pick`);
  // This batch's responses (the respondent keys carry the prefix). Each response's own random
  // draws are made once per row in a fenced subquery (OFFSET 0), not once per join comparison.
  const responses = `(SELECT "id", coalesce("imdDecile", 5) AS "decile", "wardCode", "postcode" FROM "ConsultationResponse"
    WHERE "consultationId" = ${c} AND "respondentKey" LIKE ${lit(`${prefix}-%`)} OFFSET 0)`;
  const insert = `INSERT INTO "ResponseAnswer" ("responseId", "questionId", "optionId", "value", "text")`;
  const likert = array(likertOptions().map((o) => o.id));
  const skewed = (k: string, n: number) => `least(${n - 1}, floor(${n} * power(random(), ${k})))::int + 1`;

  const priorities = optionIds("what-matters-most");
  await run(`${insert} SELECT r."id", 'what-matters-most', (${array(priorities)})[${skewed("1.4", priorities.length)}], 1, NULL FROM ${responses} r`);
  // Ticked boxes: each service with its own likelihood, none at all for some.
  const used = optionIds("services-used").map((id, i) => `(${lit(id)}, ${[0.7, 0.45, 0.3, 0.5, 0.25, 0.08][i] ?? 0.3})`);
  await run(`${insert} SELECT r."id", 'services-used', o."id", 1, NULL FROM ${responses} r CROSS JOIN (VALUES ${used.join(", ")}) AS o("id", "p") WHERE random() < o."p"`);
  // 100 points shared by weights, the rounding remainder to the first theme; zeros not stored.
  const themes = optionIds("spending-themes").map((id, i) => `(${lit(id)}, ${i + 1})`);
  await run(`${insert}
    SELECT "id", 'spending-themes', "optionId", "points", NULL FROM (
      SELECT "id", "optionId", "share" + CASE WHEN "ord" = 1 THEN 100 - sum("share") OVER (PARTITION BY "id") ELSE 0 END AS "points" FROM (
        SELECT "id", "optionId", "ord", floor(100 * "w" / sum("w") OVER (PARTITION BY "id")) AS "share" FROM (
          SELECT r."id", o."optionId", o."ord", power(random(), 2) + 1e-9 AS "w" FROM ${responses} r CROSS JOIN (VALUES ${themes.join(", ")}) AS o("optionId", "ord")
        ) w
      ) s
    ) t WHERE "points" > 0`);
  // A top three of five, from seven in ten respondents.
  const improvements = optionIds("improvements").map((id, i) => `(${lit(id)}, ${1 + i * 0.3})`);
  await run(`${insert}
    SELECT "id", 'improvements', "optionId", "rank", NULL FROM (
      SELECT r."id", o."optionId", row_number() OVER (PARTITION BY r."id" ORDER BY random() * o."w") AS "rank"
      FROM (SELECT "id" FROM ${responses} x WHERE random() < 0.7 OFFSET 0) r CROSS JOIN (VALUES ${improvements.join(", ")}) AS o("optionId", "w")
    ) ranked WHERE "rank" <= 3`);
  await run(`${insert} SELECT r."id", 'good-place-to-grow-up', (${likert})[${skewed("(0.8 + 0.08 * r.\"decile\")", 5)}], 1, NULL FROM ${responses} r`);
  await run(`${insert} SELECT r."id", 'safe-after-dark', (${likert})[${skewed("(0.6 + 0.12 * r.\"decile\")", 5)}], 1, NULL FROM ${responses} r`);
  await run(`${insert} SELECT r."id", 'proud-of-area', (${likert})[${skewed("1.2", 5)}], 1, NULL FROM (SELECT * FROM ${responses} x WHERE random() < 0.8 OFFSET 0) r`);
  await run(`${insert} SELECT r."id", 'one-change', '', NULL, (${array(CHANGES)})[1 + floor(random() * ${CHANGES.length})::int] FROM (SELECT * FROM ${responses} x WHERE random() < 0.4 OFFSET 0) r`);
  await run(`${insert} SELECT r."id", 'household-size', '', 1 + floor(power(random(), 1.5) * 6), NULL FROM (SELECT * FROM ${responses} x WHERE random() < 0.85 OFFSET 0) r`);
  await run(`${insert} SELECT r."id", 'postcode', '', NULL, r."wardCode" FROM ${responses} r WHERE r."postcode" IS NOT NULL`);
  await run(`DROP TABLE "_bench_place"`);
}

// ───────────────────────────── the HTTP server, as `npm start` runs it ─────────────────────────────

/** A port nobody listens on: a server left over from another run must never answer for ours. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().once("error", reject).listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface AppServer {
  origin: string;
  pid: number;
  /** The server process's peak resident memory so far (VmHWM), in bytes. */
  peakRss(): number;
}

function peakRssOf(pid: number): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/**
 * Runs `work` against the app's server started the way `npm start` starts it — `app/cli/main.ts
 * start` in a child process (building the pages first if the build is older than the source,
 * then `db prepare`, then serving) — on a free port of its own and this run's DATABASE_URL and
 * APP_SECRET, and stops it with SIGTERM afterwards, as an operator would. The child owns the
 * database while it runs: with PGlite (one owner at a time) the caller must have closed its own
 * services first.
 */
export async function withServer<T>(work: (server: AppServer) => Promise<T>): Promise<T> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "app/cli/main.ts"), "start"], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", PUBLIC_URL: origin, DEMO_SEED: "false", LOG_LEVEL: process.env.LOG_LEVEL ?? "warn" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  let exited: number | null | undefined;
  const gone = new Promise<void>((resolve) =>
    child.once("exit", (code) => {
      exited = code;
      resolve();
    }),
  );
  try {
    const started = performance.now();
    // Long enough for a build of the pages, which start does first when the source is newer.
    while (true) {
      if (exited !== undefined) throw new Error(`the server exited (code ${exited}) before it was ready`);
      if (performance.now() - started > 600_000) throw new Error("the server was not ready within 10 minutes");
      try {
        if ((await request(origin, "GET", "/readyz")).status === 200) break;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    return await work({ origin, pid: child.pid!, peakRss: () => peakRssOf(child.pid!) });
  } finally {
    if (exited === undefined) {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await gone;
      clearTimeout(timer);
    }
  }
}

// ───────────────────────────── a small HTTP client ─────────────────────────────

// node:http with keep-alive rather than fetch: the client shares the machine's two cores with
// the server, and the lighter it is, the more of the figure is the server's.
const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });

export interface Reply {
  status: number;
  location: string | null;
  body: string;
}

/**
 * One request as a browser without JavaScript sends it: the session cookie, and for a form
 * post the urlencoded body with the Origin and `Sec-Fetch-Site: same-origin` headers every
 * current browser adds (what the server's CSRF check reads). Redirects are not followed.
 */
export function request(origin: string, method: "GET" | "POST", pathname: string, options: { sessionToken?: string; form?: URLSearchParams } = {}): Promise<Reply> {
  const body = options.form ? options.form.toString() : undefined;
  const headers: http.OutgoingHttpHeaders = { Accept: "text/html" };
  if (options.sessionToken) headers.Cookie = `${SESSION_COOKIE_NAME}=${options.sessionToken}`;
  if (body !== undefined) {
    headers["Content-Type"] = "application/x-www-form-urlencoded";
    headers["Content-Length"] = Buffer.byteLength(body);
    headers.Origin = origin;
    headers["Sec-Fetch-Site"] = "same-origin";
  }
  return new Promise((resolve, reject) => {
    const req = http.request(`${origin}${pathname}`, { method, headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, location: res.headers.location ?? null, body: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.setTimeout(120_000, () => req.destroy(new Error(`${method} ${pathname} timed out`)));
    req.end(body);
  });
}

/** The form the "Check your answers" page posts when the resident presses Send (hidden fields carry the answers). */
export function sendForm(answers: Answers, equality: EqualityFormValues): URLSearchParams {
  return new URLSearchParams({ step: "check", answers: JSON.stringify(answers), equality: JSON.stringify(equality), intent: "send" });
}

/** The reference on a confirmation page ("CR-7K3Q-9XD2"), or null. */
export function referenceOnPage(html: string): string | null {
  return /<strong>(CR-[0-9A-Z]{4}-[0-9A-Z]{4})<\/strong>/.exec(html)?.[1] ?? null;
}
