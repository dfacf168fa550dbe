// Load test (not run by `npm test`): `npx tsx e2e/load/ballots-duplicates.ts [--database postgres://…]
// [--voters 200] [--submissions 20]`.
// Double clicks, retries and two open tabs at scale: 200 residents each send 20 identical ballots
// at once — 4,000 castBallot calls in flight together on the app's shared pool. The invariant:
// exactly one ballot and one participation per voter (SQL counts), every submission of a voter
// answered with the same reference, exactly one of them "recorded". Exit code 1 if it fails.
// Next to it, a baseline measured in the same run: the same number of parallel `SELECT 1`
// through the same pool (see README.md for why that baseline).
import { parseArgs } from "node:util";
import { withServices } from "../../app/cli/start.ts";
import {
  countRows,
  createResidents,
  describeRun,
  inProcessCaster,
  mb,
  ms,
  openVotingProcess,
  peakRss,
  percentile,
  printTable,
  setUpCouncil,
  verdict,
  voterKeyOf,
  whole,
  withLoadDatabase,
  type CastOutcome,
} from "./ballot-kit.ts";

const { values: args } = parseArgs({
  options: {
    database: { type: "string" },
    voters: { type: "string", default: "200" },
    submissions: { type: "string", default: "20" },
  },
});
const VOTERS = Number(args.voters);
const SUBMISSIONS = Number(args.submissions);

/** Starts every call before awaiting any; returns each result with its own wall time. */
async function allAtOnce<T>(calls: (() => Promise<T>)[]): Promise<{ results: (T | Error)[]; latencies: Float64Array; seconds: number }> {
  const latencies = new Float64Array(calls.length);
  const started = performance.now();
  const results = await Promise.all(
    calls.map(async (call, i) => {
      const t0 = performance.now();
      try {
        return await call();
      } catch (error) {
        return error instanceof Error ? error : new Error(String(error));
      } finally {
        latencies[i] = performance.now() - t0;
      }
    }),
  );
  return { results, latencies: latencies.sort(), seconds: (performance.now() - started) / 1000 };
}

const held = await withLoadDatabase(args.database, (db) =>
  withServices(async (services) => {
    describeRun(`Duplicate submissions — ${VOTERS} voters × ${SUBMISSIONS} identical ballots, all in parallel`, db);
    const council = await setUpCouncil(services);
    const { scene } = await openVotingProcess(services, council, "duplicates");
    const voters = await createResidents(services, council.councilId, VOTERS, "duplicate-voter");
    const cast = inProcessCaster(services);
    const rssAfterSetUp = process.memoryUsage().rss;

    const baseline = await allAtOnce(Array.from({ length: VOTERS * SUBMISSIONS }, () => () => services.prisma.$queryRaw`SELECT 1`));

    // Voter-major order: a voter's 20 submissions start back to back, the tightest race.
    const plan = voters.flatMap((voter, v) => Array.from({ length: SUBMISSIONS }, () => ({ voter, v, choices: scene.options[v % scene.options.length]! })));
    const run = await allAtOnce(plan.map(({ voter, choices }) => () => cast({ scene, voter, choices })));

    const problems: string[] = [];
    const failures = new Map<string, number>();
    const perVoter = voters.map(() => ({ references: new Set<string>(), recorded: 0, unchanged: 0, other: 0 }));
    run.results.forEach((result, i) => {
      const mine = perVoter[plan[i]!.v]!;
      if (result instanceof Error) {
        const key = `threw: ${result.message.split("\n")[0]}`;
        failures.set(key, (failures.get(key) ?? 0) + 1);
        return;
      }
      const outcome: CastOutcome = result;
      if (!outcome.ok) {
        failures.set(outcome.reason, (failures.get(outcome.reason) ?? 0) + 1);
        return;
      }
      mine.references.add(outcome.reference);
      if (outcome.status === "recorded") mine.recorded++;
      else if (outcome.status === "unchanged") mine.unchanged++;
      else mine.other++;
    });
    for (const [reason, n] of failures) problems.push(`${n} submissions failed: ${reason}`);
    perVoter.forEach((mine, v) => {
      if (mine.references.size !== 1) problems.push(`${voters[v]!.label} was given ${mine.references.size} references`);
      if (mine.recorded !== 1) problems.push(`${voters[v]!.label} had ${mine.recorded} submissions "recorded" (expected 1)`);
      if (mine.other !== 0) problems.push(`${voters[v]!.label} had ${mine.other} submissions "replaced"`);
    });

    const p = scene.processId;
    const ballots = await countRows(services, "SELECT count(*)::int AS n FROM \"Ballot\" WHERE \"processId\" = $1", p);
    const voterKeys = await countRows(services, "SELECT count(DISTINCT \"voterKey\")::int AS n FROM \"Ballot\" WHERE \"processId\" = $1", p);
    const participations = await countRows(services, "SELECT count(*)::int AS n FROM \"Participation\" WHERE \"processId\" = $1", p);
    const participants = await countRows(services, "SELECT count(DISTINCT \"accountId\")::int AS n FROM \"Participation\" WHERE \"processId\" = $1", p);
    const choices = await countRows(services, "SELECT count(*)::int AS n FROM \"BallotChoice\" c JOIN \"Ballot\" b ON b.\"id\" = c.\"ballotId\" WHERE b.\"processId\" = $1", p);
    const expectedChoices = plan.filter((_, i) => i % SUBMISSIONS === 0).reduce((sum, s) => sum + s.choices.length, 0);
    if (ballots !== VOTERS) problems.push(`${ballots} ballots stored (expected ${VOTERS})`);
    if (voterKeys !== VOTERS) problems.push(`${voterKeys} distinct voter keys (expected ${VOTERS})`);
    if (participations !== VOTERS) problems.push(`${participations} participations stored (expected ${VOTERS})`);
    if (participants !== VOTERS) problems.push(`${participants} distinct participating accounts (expected ${VOTERS})`);
    if (choices !== expectedChoices) problems.push(`${choices} ballot choices stored (expected ${expectedChoices})`);

    // The reference each voter was given is the one stored under their voter key.
    const stored = new Map(
      (await services.prisma.ballot.findMany({ where: { processId: p }, select: { voterKey: true, reference: true } })).map((b) => [b.voterKey, b.reference]),
    );
    voters.forEach((voter, v) => {
      const given = [...perVoter[v]!.references][0];
      const storedReference = stored.get(voterKeyOf(services.config.appSecret, scene, voter));
      if (given !== undefined && storedReference !== given) problems.push(`${voter.label} was given ${given} but the database holds ${storedReference ?? "no ballot"}`);
    });

    const recorded = perVoter.reduce((s, m) => s + m.recorded, 0);
    const unchanged = perVoter.reduce((s, m) => s + m.unchanged, 0);
    const failed = [...failures.values()].reduce((s, n) => s + n, 0);
    const figures = (name: string, t: { results: unknown[]; latencies: Float64Array; seconds: number }) => [
      name,
      whole(t.results.length),
      `${t.seconds.toFixed(2)} s`,
      (t.results.length / t.seconds).toFixed(0),
      ms(percentile(t.latencies, 50)),
      ms(percentile(t.latencies, 99)),
      ms(percentile(t.latencies, 100)),
    ];
    printTable(
      ["", "calls", "wall", "calls/s", "p50", "p99", "max"],
      [figures(`baseline: ${whole(baseline.results.length)} × SELECT 1 in parallel`, baseline), figures(`${whole(plan.length)} ballot submissions in parallel`, run)],
    );
    console.log("");
    printTable(
      ["outcome", "count", "expected"],
      [
        ["submissions recorded", whole(recorded), whole(VOTERS)],
        ["submissions unchanged (same reference)", whole(unchanged), whole(VOTERS * (SUBMISSIONS - 1))],
        ["submissions failed", whole(failed), "0"],
        ["Ballot rows (SQL count)", whole(ballots), whole(VOTERS)],
        ["distinct voter keys", whole(voterKeys), whole(VOTERS)],
        ["Participation rows (SQL count)", whole(participations), whole(VOTERS)],
        ["BallotChoice rows", whole(choices), whole(expectedChoices)],
      ],
    );
    console.log(`\nmemory of this process (RSS): ${mb(rssAfterSetUp)} after set-up, peak ${mb(peakRss())}`);
    return verdict(problems);
  }),
);
if (!held) process.exitCode = 1;
