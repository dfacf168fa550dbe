// Load test (not run by `npm test`): `npx tsx e2e/load/responses-throughput.ts [--database postgres://…]
// [--seconds 60] [--clients 100] [--double-share 0.1] [--baseline-seconds 5] [--residents N]`.
// Residents sending consultation responses through the real server: 100 concurrent clients for
// 60 s, each a signed-in resident (a session cookie) who presses Send on "Check your answers" —
// the form post the respond page makes without JavaScript, through the CSRF check, the form
// parsing, the route and submitResponse — then opens the confirmation page it is redirected to
// and reads the reference. A share of residents press Send twice at once (a double click): both
// must be shown the same reference, and only one of them may be the one that was recorded.
// Prints responses/s and p50/p99 next to a baseline measured before and after in the same run
// through the same HTTP client and server: GET /healthz, which touches no database. Then checks
// in SQL that every confirmed resident has exactly one stored response, with the reference they
// were shown and all their answers, and that references are unique.
// Exit code 1 only if that check fails: the timings are figures, not assertions.
import { parseArgs } from "node:util";
import { withServices } from "../../app/cli/start.ts";
import type { EqualityFormValues } from "../../app/domain/consultations/equality.ts";
import type { Answers } from "../../app/domain/questionnaires/answers.ts";
import { respondentKey, type Respondent } from "../../app/server/consultations/responses.server.ts";
import { createResidents, describeRun, mb, ms, peakRss, percentile, printTable, runFor, verdict, whole, withLoadDatabase, type Timing, type Voter } from "./ballot-kit.ts";
import {
  answerRowCount,
  generator,
  openTestConsultation,
  randomAnswers,
  randomEquality,
  referenceOnPage,
  request,
  respondentPlaces,
  sendForm,
  setUpTraffordCouncil,
  withServer,
  type Reply,
} from "./consultation-kit.ts";

const { values: args } = parseArgs({
  options: {
    database: { type: "string" },
    seconds: { type: "string", default: "60" },
    clients: { type: "string", default: "100" },
    "double-share": { type: "string", default: "0.1" },
    "baseline-seconds": { type: "string", default: "5" },
    residents: { type: "string" },
  },
});
const SECONDS = Number(args.seconds);
const CLIENTS = Number(args.clients);
const DOUBLE_SHARE = Number(args["double-share"]);
const BASELINE_SECONDS = Number(args["baseline-seconds"]);
// Each response uses a resident nobody has used yet; enough for 400 responses a second (well
// above what one process on this machine takes), so they do not run out.
const RESIDENTS = Number(args.residents ?? Math.ceil(SECONDS * 400) + CLIENTS);
if (!(CLIENTS >= 1) || !(SECONDS > 0) || !(RESIDENTS >= CLIENTS)) throw new Error("--clients and --seconds must be positive, and --residents at least --clients");

type Resident = Extract<Voter, { sessionToken: string }>;

interface Confirmed {
  accountId: string;
  reference: string;
  rows: number;
}

const held = await withLoadDatabase(args.database, async (db) => {
  describeRun(
    `Consultation responses over HTTP — ${CLIENTS} concurrent residents for ${SECONDS} s, ${Math.round(DOUBLE_SHARE * 100)}% pressing Send twice at once`,
    db,
  );
  const setUpStarted = performance.now();
  // Set-up through the use cases, then the database is closed: the server process owns it while
  // it runs (PGlite has one owner at a time).
  const scene = await withServices(async (services) => {
    const council = await setUpTraffordCouncil(services);
    const consultation = await openTestConsultation(services, council, "load-responses");
    const random = generator(2027);
    const places = await respondentPlaces(services, council.councilId, random);
    const wardCodes = (await services.prisma.area.findMany({ where: { councilId: council.councilId, type: "ward" }, select: { code: true } })).map((a) => a.code);
    const residents = (await createResidents(services, council.councilId, RESIDENTS, "respondent")) as Resident[];
    return { council, consultation, places, wardCodes, residents, appSecret: services.config.appSecret };
  });
  console.log(`set-up: Trafford places, the consultation, ${whole(RESIDENTS)} residents with sessions in ${((performance.now() - setUpStarted) / 1000).toFixed(1)} s`);
  const rssAfterSetUp = process.memoryUsage().rss;

  const { council, consultation, places, wardCodes, residents } = scene;
  const base = `/${council.slug}/consultations/${consultation.slug}`;
  const random = generator(7);
  const errors = new Map<string, number>();
  const fail = (what: string) => {
    errors.set(what, (errors.get(what) ?? 0) + 1);
    return false;
  };
  const onError = (error: unknown) => fail(`threw: ${(error instanceof Error ? error.message : String(error)).split("\n")[0]}`);

  const confirmed: Confirmed[] = [];
  let nextResident = 0;
  let ranOut = false;
  let doubles = 0;
  const sentCounts = new Map<string, number>();

  /** Send, then the confirmation page the redirect names: what the resident's browser does. */
  async function submitOnce(resident: Resident, answers: Answers, equality: EqualityFormValues): Promise<{ sent: string; reference: string } | string> {
    const posted: Reply = await request(server.origin, "POST", `${base}/respond`, { sessionToken: resident.sessionToken, form: sendForm(answers, equality) });
    const target = posted.location ? new URL(posted.location, server.origin) : null;
    if (posted.status !== 302 || !target || target.pathname !== `${base}/confirmation`) return `send answered ${posted.status}${posted.location ? ` → ${posted.location}` : ""}`;
    const page = await request(server.origin, "GET", target.pathname + target.search, { sessionToken: resident.sessionToken });
    const reference = page.status === 200 ? referenceOnPage(page.body) : null;
    if (!reference) return `confirmation page answered ${page.status} without a reference`;
    return { sent: target.searchParams.get("sent") ?? "", reference };
  }

  let server!: { origin: string; peakRss(): number };
  const run = await withServer(async (started) => {
    server = started;
    const healthz = () => runFor(CLIENTS, BASELINE_SECONDS, async () => (await request(server.origin, "GET", "/healthz")).status === 200, onError);
    const before = await healthz();
    const responding = await runFor(
      CLIENTS,
      SECONDS,
      async () => {
        if (nextResident >= residents.length) {
          ranOut = true;
          // Nothing left to send: wait out the run rather than spin.
          await new Promise((resolve) => setTimeout(resolve, 50));
          return false;
        }
        const resident = residents[nextResident++]!;
        const place = random() < 0.9 && places.length ? places[Math.floor(random() * places.length)]! : null;
        const answers = randomAnswers(random, place, wardCodes);
        const equality = randomEquality(random);
        const twice = random() < DOUBLE_SHARE;
        const outcomes = await Promise.all(Array.from({ length: twice ? 2 : 1 }, () => submitOnce(resident, answers, equality)));
        for (const o of outcomes) if (typeof o === "string") return fail(o);
        const got = outcomes as { sent: string; reference: string }[];
        for (const o of got) sentCounts.set(o.sent, (sentCounts.get(o.sent) ?? 0) + 1);
        if (twice) {
          doubles++;
          if (got[0]!.reference !== got[1]!.reference) fail("a double submit was shown two different references");
          // One of the two was recorded (and emailed); the other found it.
          const recorded = got.filter((o) => o.sent !== "earlier").length;
          if (recorded !== 1) fail(`a double submit was recorded ${recorded} times (sent=${got.map((o) => o.sent).join(", ")})`);
        } else if (got[0]!.sent === "earlier") fail("a first submit was answered as if sent earlier");
        confirmed.push({ accountId: resident.accountId, reference: got[0]!.reference, rows: answerRowCount(answers) });
        return true;
      },
      onError,
    );
    const after = await healthz();
    return { before, responding, after, serverPeak: server.peakRss() };
  });

  // The check, in SQL on the tables: one response per confirmed resident, with the reference
  // they were shown and every answer; nothing doubled; references unique.
  const problems: string[] = [];
  for (const [what, n] of errors) if (!what.startsWith("send answered") && !what.startsWith("threw") && !what.startsWith("confirmation page")) problems.push(`${n} × ${what}`);
  const counts = await withServices(async (services) => {
    const rows = await services.prisma.$queryRaw<{ respondentKey: string; reference: string; answers: number }[]>`
      SELECT r."respondentKey", r."reference", (SELECT count(*)::int FROM "ResponseAnswer" a WHERE a."responseId" = r."id") AS "answers"
      FROM "ConsultationResponse" r WHERE r."consultationId" = ${consultation.id}`;
    const [unique] = await services.prisma.$queryRaw<{ references: number; keys: number; total: number }[]>`
      SELECT count(DISTINCT "reference")::int AS "references", count(DISTINCT "respondentKey")::int AS "keys", count(*)::int AS "total"
      FROM "ConsultationResponse" WHERE "consultationId" = ${consultation.id}`;
    return { rows, unique: unique! };
  });
  const byKey = new Map(counts.rows.map((r) => [r.respondentKey, r]));
  // respondentKey reads only the account's id from a signed-in respondent.
  const keyOf = (accountId: string) => respondentKey(scene.appSecret, consultation.id, { kind: "account", actor: { account: { id: accountId } } } as unknown as Respondent);
  let missing = 0;
  let wrongReference = 0;
  let wrongAnswers = 0;
  const confirmedKeys = new Set<string>();
  for (const c of confirmed) {
    const key = keyOf(c.accountId);
    confirmedKeys.add(key);
    const row = byKey.get(key);
    if (!row) missing++;
    else if (row.reference !== c.reference) wrongReference++;
    else if (row.answers !== c.rows) wrongAnswers++;
  }
  const unconfirmed = counts.rows.filter((r) => !confirmedKeys.has(r.respondentKey)).length;
  const withoutAnswers = counts.rows.filter((r) => r.answers === 0).length;
  if (missing) problems.push(`${missing} confirmed responses are not stored (lost)`);
  if (wrongReference) problems.push(`${wrongReference} residents were shown a reference other than their stored response's`);
  if (wrongAnswers) problems.push(`${wrongAnswers} stored responses do not have every answer that was sent`);
  if (withoutAnswers) problems.push(`${withoutAnswers} stored responses have no answers`);
  if (counts.unique.references !== counts.unique.total) problems.push(`${counts.unique.total - counts.unique.references} references are shared by two responses`);
  if (counts.unique.keys !== counts.unique.total) problems.push(`${counts.unique.total - counts.unique.keys} residents have two responses (doubled)`);
  // A response stored for a resident whose request failed (a time-out after the commit) is not
  // lost; one stored when nothing failed came from nowhere.
  if (unconfirmed > 0 && run.responding.failures === 0) problems.push(`${unconfirmed} responses are stored that no resident was confirmed`);

  const { before, responding, after } = run;
  const rate = (t: Timing) => t.ops / t.seconds;
  const baselineRate = (rate(before) + rate(after)) / 2;
  const baselineP99 = (percentile(before.latencies, 99) + percentile(after.latencies, 99)) / 2;
  const figures = (name: string, t: Timing) => [
    name,
    whole(t.ops),
    whole(t.failures),
    rate(t).toFixed(0),
    ms(percentile(t.latencies, 50)),
    ms(percentile(t.latencies, 99)),
    ms(percentile(t.latencies, 100)),
    (baselineRate / rate(t)).toFixed(1),
  ];
  console.log("");
  printTable(
    ["", "calls", "failed", "per s", "p50", "p99", "max", "× baseline"],
    [
      figures("baseline before: GET /healthz", before),
      figures("responses (Send, then the confirmation)", responding),
      figures("baseline after: GET /healthz", after),
    ],
  );
  console.log("(× baseline: how many /healthz requests one response costs, from the two baselines' mean rate; a double submit counts as one response)");
  console.log(
    `responses/s ${rate(responding).toFixed(0)}, p50 ${ms(percentile(responding.latencies, 50))}, p99 ${ms(percentile(responding.latencies, 99))}; ` +
      `baseline p50 ${ms((percentile(before.latencies, 50) + percentile(after.latencies, 50)) / 2)}, p99 ${ms(baselineP99)}; ` +
      `p99 ratio ${(percentile(responding.latencies, 99) / baselineP99).toFixed(1)}, rate ratio ${(baselineRate / rate(responding)).toFixed(1)}`,
  );
  console.log(`(${CLIENTS} clients with no pause: mean latency = ${CLIENTS} ÷ rate, by Little's law)`);
  console.log("");
  printTable(
    ["outcome", "count"],
    [
      ["residents shown a reference", whole(confirmed.length)],
      ["… of whom pressed Send twice at once", whole(doubles)],
      ...[...sentCounts].sort().map(([sent, n]) => [`confirmation pages ?sent=${sent}`, whole(n)]),
      ["ConsultationResponse rows (SQL count)", whole(counts.unique.total)],
      ["… distinct references / respondent keys", `${whole(counts.unique.references)} / ${whole(counts.unique.keys)}`],
      ["stored for a resident whose request failed", whole(unconfirmed)],
      ["ResponseAnswer rows of the confirmed", whole(counts.rows.reduce((n, r) => n + r.answers, 0))],
    ],
  );
  if (errors.size) {
    console.log("\nfailed calls:");
    for (const [what, n] of errors) console.log(`  ${whole(n)} × ${what}`);
  }
  if (ranOut) console.log(`(the ${whole(RESIDENTS)} residents ran out before the end; raise --residents)`);
  console.log(`\nmemory (RSS): load client ${mb(rssAfterSetUp)} after set-up, peak ${mb(peakRss())}; server process peak ${mb(run.serverPeak)}`);
  return verdict(problems);
});
if (!held) process.exitCode = 1;
