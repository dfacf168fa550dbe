// Fault test (not run by `npm test`): `npx tsx e2e/load/ballots-crash.ts [--database postgres://…]
// [--voters 1000] [--clients 20] [--kills 3] [--kill-after 150]`.
// A process dies mid-load and nothing a voter was told is lost or doubled. A child process
// (ballots-crash-driver.ts) casts ballots at load — half by residents signed in, half by printed
// voting codes, in two processes — and prints each confirmation as castBallot returns it. After
// `--kill-after` confirmations it is SIGKILLed, with ballots in flight, and a new child is started
// on the same database (`--kills` times); a last child then casts for every voter again and runs
// to the end. Checked afterwards in SQL:
// - every confirmed reference is stored exactly once, under that voter's key, and no voter was
//   ever given two references;
// - every voter has exactly one ballot, each with its choices, and Participation agrees
//   (one per account; as many code participations as code ballots as spent codes).
// Also reported: whether the database opened again after each kill (for PGlite: whether its
// folder survives a SIGKILL) and ballots stored but never confirmed (the kill came between the
// commit and the reply). Exit code 1 if any check fails.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { PGlite } from "@electric-sql/pglite";
import { withServices } from "../../app/cli/start.ts";
import {
  ROOT,
  countRows,
  createResidents,
  describeRun,
  openVotingProcess,
  printTable,
  setUpCouncil,
  verdict,
  voterKeyOf,
  whole,
  withLoadDatabase,
  type LoadDatabase,
} from "./ballot-kit.ts";
import type { CrashFixture } from "./ballots-crash-driver.ts";

const { values: args } = parseArgs({
  options: {
    database: { type: "string" },
    voters: { type: "string", default: "1000" },
    clients: { type: "string", default: "20" },
    kills: { type: "string", default: "3" },
    "kill-after": { type: "string", default: "150" },
  },
});
const VOTERS = Number(args.voters);
const CLIENTS = Number(args.clients);
const KILLS = Number(args.kills);
const KILL_AFTER = Number(args["kill-after"]);
const DRIVER = path.join(ROOT, "e2e/load/ballots-crash-driver.ts");

interface Round {
  name: string;
  start: number;
  /** Lines handed out (one per voter the child finished with), to find the next start. */
  handled: number;
  openMs: number | null;
  casts: number;
  statuses: Record<string, number>;
  refused: Map<string, number>;
  errors: string[];
  ended: string;
  peakRssMb: number | null;
  stderrTail: string;
  /** PGlite only: a postmaster.pid was left in the folder when the child died. */
  pidFileLeft: boolean | null;
}

function peakRssMb(pid: number): number | null {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** Every confirmation any child printed: voter → references (more than one would be a bug). */
const confirmed = new Map<string, Set<string>>();
/**
 * Voters a restarted child found already voted without any earlier confirmation: a killed child
 * committed their ballot but died before replying.
 */
const storedUnconfirmed = { residents: new Set<string>(), codeVoters: new Set<string>() };

async function runChild(db: LoadDatabase, fixturePath: string, name: string, start: number, killAfter: number | null): Promise<Round> {
  const round: Round = {
    name,
    start,
    handled: 0,
    openMs: null,
    casts: 0,
    statuses: {},
    refused: new Map(),
    errors: [],
    ended: "",
    peakRssMb: null,
    stderrTail: "",
    pidFileLeft: null,
  };
  const child = spawn(process.execPath, ["--import", "tsx", DRIVER, fixturePath, "--clients", String(CLIENTS), "--start", String(start)], {
    cwd: ROOT,
    env: process.env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
    round.stderrTail = (round.stderrTail + chunk).slice(-2000);
  });
  const exited = once(child, "exit") as Promise<[number | null, NodeJS.Signals | null]>;
  const lines = createInterface({ input: child.stdout });
  const allRead = once(lines, "close");
  let killed = false;
  lines.on("line", (line) => {
    const [kind, voter = "", a = "", b = ""] = line.split(" ");
    if (kind === "ready") round.openMs = Number(voter);
    if (kind === "cast" || kind === "refused" || kind === "error") round.handled++;
    if (kind === "cast") {
      const seen = confirmed.get(voter);
      if (!seen && b === "unchanged") storedUnconfirmed.residents.add(voter);
      if (seen) seen.add(a);
      else confirmed.set(voter, new Set([a]));
      round.casts++;
      round.statuses[b] = (round.statuses[b] ?? 0) + 1;
      if (killAfter !== null && !killed && round.casts >= killAfter) {
        killed = true;
        round.peakRssMb = peakRssMb(child.pid!);
        child.kill("SIGKILL");
      }
    }
    if (kind === "refused") {
      if (a === "code_used" && !confirmed.has(voter)) storedUnconfirmed.codeVoters.add(voter);
      const key = `${a}${voter.startsWith("code-") ? " (code voter)" : " (resident)"}`;
      round.refused.set(key, (round.refused.get(key) ?? 0) + 1);
    }
    if (kind === "error") round.errors.push(`${voter}: ${line.split(" ").slice(2).join(" ")}`);
  });
  const [code, signal] = await exited;
  await allRead;
  round.ended = signal ? `${signal} after ${round.casts} confirmations` : `exit ${code}`;
  if (signal === null && code !== 0) round.ended = `exit ${code}${round.openMs === null ? " before the database opened" : ""}`;
  if (db.kind === "PGlite") round.pidFileLeft = existsSync(path.join(db.where, "postmaster.pid"));
  return round;
}

const held = await withLoadDatabase(args.database, async (db) => {
  describeRun(`Crash test — ${whole(VOTERS)} voters, ${CLIENTS} at a time, SIGKILL after ${KILL_AFTER} confirmations, ${KILLS} times`, db);

  const residents = Math.ceil(VOTERS / 2);
  const fixture: CrashFixture = await withServices(async (services) => {
    const council = await setUpCouncil(services);
    const accounts = await openVotingProcess(services, council, "crash-residents");
    const codes = await openVotingProcess(services, council, "crash-codes", VOTERS - residents);
    const people = await createResidents(services, council.councilId, residents, "resident");
    const voters: CrashFixture["voters"] = [];
    for (let i = 0; i < VOTERS; i++) {
      const k = i >> 1;
      voters.push(
        i % 2 === 0 && k < people.length
          ? { scene: "residents", voter: people[k]!, option: i % accounts.scene.options.length }
          : { scene: "codes", voter: { label: `code-${k}`, votingCode: codes.codes[k]! }, option: i % codes.scene.options.length },
      );
    }
    return { scenes: { residents: accounts.scene, codes: codes.scene }, voters };
  });
  // Holds session tokens and voting codes: private to this run, removed at the end.
  const scratch = mkdtempSync(path.join(os.tmpdir(), "commonweal-crash-"));
  const fixturePath = path.join(scratch, "fixture.json");
  writeFileSync(fixturePath, JSON.stringify(fixture), { mode: 0o600 });

  const problems: string[] = [];
  const rounds: Round[] = [];
  let start = 0;
  try {
    for (let k = 0; k <= KILLS; k++) {
      const isLast = k === KILLS;
      let round = await runChild(db, fixturePath, isLast ? "last child (runs to the end)" : `child ${k + 1}`, isLast ? 0 : start, isLast ? null : KILL_AFTER);
      rounds.push(round);
      if (round.openMs === null) {
        // The database did not open after a kill: try once more, to tell "needs a second start"
        // from "broken for good".
        problems.push(`${round.name}: the database did not open (${round.ended}); stderr: ${round.stderrTail.trim().split("\n").slice(-5).join(" | ")}`);
        round = await runChild(db, fixturePath, `${round.name}, started again`, isLast ? 0 : start, isLast ? null : KILL_AFTER);
        rounds.push(round);
        if (round.openMs === null) {
          problems.push(`${round.name}: the database still did not open; stopping`);
          break;
        }
      }
      start = (start + round.handled) % VOTERS;
      if (isLast && round.ended !== "exit 0") problems.push(`the last child ended with ${round.ended}`);
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }

  for (const round of rounds) {
    for (const [reason, n] of round.refused) if (!reason.startsWith("code_used (code voter)")) problems.push(`${round.name}: ${n} refused: ${reason}`);
    for (const e of round.errors.slice(0, 5)) problems.push(`${round.name}: error ${e}`);
  }

  printTable(
    ["", "start at", "opened in", "confirmed", "recorded", "unchanged", "refused", "peak RSS", "ended", ...(db.kind === "PGlite" ? ["postmaster.pid left"] : [])],
    rounds.map((r) => [
      r.name,
      String(r.start),
      r.openMs === null ? "did not open" : `${(r.openMs / 1000).toFixed(1)} s`,
      whole(r.casts),
      whole(r.statuses.recorded ?? 0),
      whole(r.statuses.unchanged ?? 0),
      whole([...r.refused.values()].reduce((s, n) => s + n, 0)),
      r.peakRssMb === null ? "–" : `${r.peakRssMb.toFixed(0)} MB`,
      r.ended,
      ...(r.pidFileLeft === null ? [] : [r.pidFileLeft ? "yes" : "no"]),
    ]),
  );
  console.log("(refused after a restart: a code voter's code was already spent by a ballot stored earlier — by design)");
  // What a SIGKILL test can and cannot show for the embedded database: the app opens PGlite with
  // its default start parameters, which turn fsync off.
  if (db.kind === "PGlite" && PGlite.defaultStartParams.includes("-F"))
    console.log(
      "(PGlite runs PostgreSQL with -F, fsync off: a commit reaches the operating system, not the disk. A killed process loses nothing; a power cut or kernel crash is not covered here.)",
    );

  const finished = rounds.at(-1)?.ended === "exit 0";
  await withServices(async (services) => {
    const secret = services.config.appSecret;
    const byLabel = new Map(fixture.voters.map((v) => [v.voter.label, v]));
    const rows = await services.prisma.ballot.findMany({
      where: { processId: { in: Object.values(fixture.scenes).map((s) => s.processId) } },
      select: { processId: true, voterKey: true, reference: true, _count: { select: { choices: true } } },
    });
    const byReference = new Map(rows.map((r) => [r.reference, r]));

    let confirmations = 0;
    for (const [label, references] of confirmed) {
      confirmations += references.size;
      if (references.size > 1) problems.push(`${label} was given ${references.size} different references: ${[...references].join(", ")}`);
      const { scene, voter } = byLabel.get(label)!;
      for (const reference of references) {
        const row = byReference.get(reference);
        if (!row) problems.push(`LOST: ${label} was confirmed ${reference}, which is not stored`);
        else if (row.voterKey !== voterKeyOf(secret, fixture.scenes[scene]!, voter) || row.processId !== fixture.scenes[scene]!.processId)
          problems.push(`${reference}, confirmed to ${label}, is stored as another voter's ballot`);
      }
    }
    if (rows.some((r) => r._count.choices === 0)) problems.push(`${rows.filter((r) => r._count.choices === 0).length} ballots are stored without choices`);

    const table: string[][] = [];
    for (const [name, scene] of Object.entries(fixture.scenes)) {
      const expected = fixture.voters.filter((v) => v.scene === name).length;
      const keys = new Set(fixture.voters.filter((v) => v.scene === name).map((v) => voterKeyOf(secret, scene, v.voter)));
      const mine = rows.filter((r) => r.processId === scene.processId);
      const stray = mine.filter((r) => !keys.has(r.voterKey)).length;
      const distinctKeys = new Set(mine.map((r) => r.voterKey)).size;
      const p = scene.processId;
      const participations = await countRows(services, `SELECT count(*)::int AS n FROM "Participation" WHERE "processId" = $1`, p);
      const accountsDistinct = await countRows(services, `SELECT count(DISTINCT "accountId")::int AS n FROM "Participation" WHERE "processId" = $1`, p);
      const anonymous = await countRows(services, `SELECT count(*)::int AS n FROM "Participation" WHERE "processId" = $1 AND "accountId" IS NULL`, p);
      const spent = await countRows(services, `SELECT count(*)::int AS n FROM "VotingCode" WHERE "processId" = $1 AND "usedAt" IS NOT NULL`, p);
      const maxPerKey = await countRows(services, `SELECT coalesce(max(c), 0)::int AS n FROM (SELECT count(*) AS c FROM "Ballot" WHERE "processId" = $1 GROUP BY "voterKey") t`, p);
      if (finished && mine.length !== expected) problems.push(`${name}: ${mine.length} ballots stored for ${expected} voters`);
      if (distinctKeys !== mine.length || maxPerKey > 1) problems.push(`${name}: a voter key holds more than one ballot`);
      if (stray > 0) problems.push(`${name}: ${stray} ballots under keys of no voter`);
      if (participations !== mine.length) problems.push(`${name}: ${participations} participations for ${mine.length} ballots`);
      if (name === "residents" && accountsDistinct !== mine.length) problems.push(`${name}: ${accountsDistinct} distinct accounts took part, ${mine.length} ballots`);
      if (name === "codes" && (anonymous !== mine.length || spent !== mine.length))
        problems.push(`${name}: ${mine.length} ballots, ${anonymous} code participations, ${spent} spent codes`);
      table.push([
        name === "residents" ? "residents (signed in)" : "voting codes",
        whole(expected),
        whole(mine.length),
        String(maxPerKey),
        whole(participations),
        name === "residents" ? whole(accountsDistinct) : "–",
        name === "codes" ? whole(spent) : "–",
      ]);
    }
    console.log("");
    printTable(["SQL after the last child", "voters", "ballots", "max per key", "participations", "distinct accounts", "spent codes"], table);
    console.log("");
    printTable(
      ["", "count"],
      [
        ["voters given a reference (printed confirmations)", whole(confirmations)],
        ["confirmed references missing from the database", whole(problems.filter((p) => p.startsWith("LOST")).length)],
        ["stored but never confirmed (resident: answered unchanged on retry)", whole(storedUnconfirmed.residents.size)],
        ["stored but never confirmed (code voter: answered code_used on retry)", whole(storedUnconfirmed.codeVoters.size)],
      ],
    );
  });
  return verdict(problems);
});
if (!held) process.exitCode = 1;
