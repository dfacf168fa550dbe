// Shared by the ballot load and fault tests (ballots-*.ts): a fresh database prepared as
// `npm start` prepares one, a council with a process in the voting phase set up through the use
// cases, residents with real sessions, voting codes, the one "cast one ballot" step every script
// drives, and the figures. Not a test suite: each script checks its own invariant and sets the
// exit code.
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import type { BallotChoiceInput } from "../../app/domain/budgeting/ballot.ts";
import { createSession, getActor, type Actor } from "../../app/server/accounts/sessions.server.ts";
import {
  accountVoterKey,
  castBallot,
  codeVoterKey,
  issueVotingCodes,
  normaliseVotingCode,
  type CastReceipt,
} from "../../app/server/budgeting/ballots.server.ts";
import { addProject, changePhase, createProcess, reviewProject } from "../../app/server/budgeting/processes.server.ts";
import type { Services } from "../../app/server/services.server.ts";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));

// ───────────────────────────── the database ─────────────────────────────

export interface LoadDatabase {
  /** DATABASE_URL of this run. */
  url: string;
  kind: "PGlite" | "PostgreSQL";
  /** The PGlite folder, or the PostgreSQL schema. */
  where: string;
}

async function adminQuery(postgres: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: postgres });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * Runs `work` on a database of its own — a fresh PGlite folder, or a fresh schema in the given
 * PostgreSQL database — migrated the way `npm start` migrates it (`db prepare` in a short-lived
 * child, without the demo council), and removes it afterwards whatever happened.
 *
 * The run's APP_SECRET is random: voter keys are HMACs under it, and child processes of the same
 * run inherit it through the environment.
 */
export async function withLoadDatabase<T>(postgres: string | undefined, work: (db: LoadDatabase) => Promise<T>): Promise<T> {
  let db: LoadDatabase;
  let dispose: () => Promise<void>;
  if (postgres) {
    const schema = `load_${randomBytes(5).toString("hex")}`;
    await adminQuery(postgres, `CREATE SCHEMA "${schema}"`);
    const url = new URL(postgres);
    url.searchParams.set("schema", schema);
    db = { url: url.toString(), kind: "PostgreSQL", where: `schema ${schema}` };
    dispose = () => adminQuery(postgres, `DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } else {
    const folder = mkdtempSync(path.join(os.tmpdir(), "commonweal-load-"));
    db = { url: `pglite:${folder}`, kind: "PGlite", where: folder };
    dispose = async () => rmSync(folder, { recursive: true, force: true });
  }
  process.env.DATABASE_URL = db.url;
  process.env.APP_SECRET ??= randomBytes(24).toString("base64url");
  process.env.DEMO_SEED = "false";
  process.env.LOG_LEVEL ??= "warn";
  try {
    const prepared = spawnSync(process.execPath, ["--import", "tsx", path.join(ROOT, "app/cli/main.ts"), "db", "prepare"], {
      cwd: ROOT,
      stdio: "inherit",
      env: process.env,
    });
    if (prepared.status !== 0) throw new Error("preparing the load database failed; see the messages above");
    return await work(db);
  } finally {
    await dispose();
  }
}

// ───────────────────────────── set-up through the use cases ─────────────────────────────

/** What the result type of every use case looks like, for `must`. */
type AnyResult<T> = { ok: true; value: T } | { ok: false; reason: string; detail?: unknown };

function must<T>(result: AnyResult<T>, what: string): T {
  if (!result.ok) {
    const detail = JSON.stringify(result.detail ?? null, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
    throw new Error(`${what}: ${result.reason} ${detail}`);
  }
  return result.value;
}

export interface LoadCouncil {
  councilId: string;
  slug: string;
  officer: Actor;
}

/**
 * A council and one of its officers signed in with password and TOTP passed. Councils have no
 * use case of their own (they come from the demo seed or the places import), so the row is
 * written directly, as the server test kits do; the officer's session is a real one.
 */
export async function setUpCouncil(services: Services): Promise<LoadCouncil> {
  const { prisma } = services;
  const council = await prisma.council.create({ data: { slug: "loadshire", name: "Loadshire Council" }, select: { id: true, slug: true } });
  const account = await prisma.account.create({ data: { email: "officer@loadshire.invalid" }, select: { id: true } });
  await prisma.membership.create({ data: { accountId: account.id, councilId: council.id, role: "officer" } });
  const { token } = await createSession(services, prisma, { accountId: account.id, kind: "staff", twoFactorVerified: true });
  const officer = await getActor(services, token);
  if (!officer) throw new Error("the officer's session did not validate");
  return { councilId: council.id, slug: council.slug, officer };
}

export interface VotingScene {
  councilId: string;
  councilSlug: string;
  processId: string;
  processSlug: string;
  budgetId: string;
  /**
   * Valid approval ballots: one or two of the four projects (any two fit the £10,000 budget),
   * so voters can differ and change their minds.
   */
  options: BallotChoiceInput[][];
}

/**
 * A process in the voting phase with one £10,000 approval budget (at most two projects) and
 * four feasible projects, built by the officer through createProcess, addProject,
 * reviewProject and changePhase. With `votingCodes`, the process uses printed codes and that
 * many are issued (issueVotingCodes) before voting opens; they are returned once, as printed.
 */
export async function openVotingProcess(
  services: Services,
  council: LoadCouncil,
  slug: string,
  votingCodes = 0,
): Promise<{ scene: VotingScene; codes: string[] }> {
  const { councilId, officer } = council;
  const process = must(
    await createProcess(services, officer, {
      councilId,
      title: `Community budget (${slug})`,
      slug,
      summary: "Residents decide how £10,000 is spent in their area.",
      ballotType: "approval",
      maxProjects: "2",
      countingRule: "greedy",
      ...(votingCodes > 0 ? { useVotingCodes: "on" } : {}),
      budgets: [{ name: "Whole area", amount: "£10,000" }],
    }),
    "createProcess",
  );
  const budget = await services.prisma.processBudget.findFirstOrThrow({ where: { processId: process.id }, select: { id: true } });
  must(await changePhase(services, officer, { councilId, processId: process.id, to: "review" }), "changePhase review");
  const projectIds: string[] = [];
  for (const [title, cost] of [
    ["Benches by the river", "£5,000"],
    ["Wildflower verges", "£3,000"],
    ["Youth club kit", "£2,000"],
    ["Defibrillator at the library", "£1,000"],
  ] as const) {
    const project = must(
      await addProject(services, officer, { councilId, processId: process.id, budgetId: budget.id, title, description: `${title} for the whole area.`, cost }),
      "addProject",
    );
    must(await reviewProject(services, officer, { councilId, projectId: project.id, decision: "feasible" }), "reviewProject");
    projectIds.push(project.id);
  }
  const codes: string[] = [];
  while (codes.length < votingCodes) {
    const count = Math.min(5000, votingCodes - codes.length);
    codes.push(...must(await issueVotingCodes(services, officer, { councilId, processId: process.id, count }), "issueVotingCodes").codes);
  }
  must(await changePhase(services, officer, { councilId, processId: process.id, to: "voting" }), "changePhase voting");

  const options: BallotChoiceInput[][] = projectIds.map((id) => [{ projectId: id, value: 1 }]);
  for (let i = 0; i < projectIds.length; i++)
    for (let j = i + 1; j < projectIds.length; j++) options.push([{ projectId: projectIds[i]!, value: 1 }, { projectId: projectIds[j]!, value: 1 }]);
  return {
    scene: { councilId, councilSlug: council.slug, processId: process.id, processSlug: process.slug, budgetId: budget.id, options },
    codes,
  };
}

/** What a voter holds between requests: a resident's session cookie, or a printed voting code. */
export type Voter = { label: string; accountId: string; sessionToken: string } | { label: string; votingCode: string };

/**
 * `count` residents of the council, each with a signed-in resident session (the cookie a voter's
 * browser would hold). Accounts and memberships are written in bulk, as a sign-up would leave
 * them; each session is created by createSession, as signing in does.
 */
export async function createResidents(services: Services, councilId: string, count: number, prefix: string): Promise<Voter[]> {
  const { prisma } = services;
  const voters: Voter[] = [];
  for (let from = 0; from < count; from += 1000) {
    const emails = Array.from({ length: Math.min(1000, count - from) }, (_, i) => `${prefix}-${from + i}@loadshire.invalid`);
    await prisma.account.createMany({ data: emails.map((email) => ({ email })) });
    const accounts = await prisma.account.findMany({ where: { email: { in: emails } }, select: { id: true, email: true } });
    const byEmail = new Map(accounts.map((a) => [a.email, a.id]));
    const ids = emails.map((email) => byEmail.get(email)!);
    await prisma.membership.createMany({ data: ids.map((accountId) => ({ accountId, councilId, role: "resident" as const })) });
    const tokens = await inBatches(ids, 10, async (accountId) => (await createSession(services, prisma, { accountId, kind: "resident" })).token);
    ids.forEach((accountId, i) => voters.push({ label: `${prefix}-${from + i}`, accountId, sessionToken: tokens[i]! }));
  }
  return voters;
}

/** Maps `items` through `f` with at most `width` calls in flight, keeping the order. */
async function inBatches<T, U>(items: readonly T[], width: number, f: (item: T) => Promise<U>): Promise<U[]> {
  const out = new Array<U>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await f(items[i]!);
      }
    }),
  );
  return out;
}

/** The voter key the database holds for this voter's ballot in the scene's budget. */
export function voterKeyOf(appSecret: string, scene: VotingScene, voter: Voter): string {
  if ("sessionToken" in voter) return accountVoterKey(appSecret, scene.budgetId, voter.accountId);
  const code = normaliseVotingCode(voter.votingCode);
  if (!code) throw new Error(`not a voting code: ${voter.votingCode}`);
  return codeVoterKey(appSecret, scene.budgetId, code);
}

// ───────────────────────────── casting one ballot ─────────────────────────────

export interface BallotSubmission {
  scene: VotingScene;
  voter: Voter;
  choices: readonly BallotChoiceInput[];
  /** The revision the voter's page showed, when changing a ballot. */
  expectedRevision?: number;
}

export type CastOutcome =
  | { ok: true; reference: string; revision: number; status: CastReceipt["status"] }
  | { ok: false; reason: string };

/** The one step every script drives. */
export type CastOne = (submission: BallotSubmission) => Promise<CastOutcome>;

/**
 * Casts one ballot as the voting page will: resolve the voter's session (as the HTTP server does
 * for every request), then the castBallot use case, on the process's shared database pool. To
 * load the real pages instead, write a CastOne that POSTs the same submission to the voting
 * page with the voter's cookie (or code) and reads the reference off the confirmation page;
 * nothing else in the scripts changes.
 */
export function inProcessCaster(services: Services): CastOne {
  return async ({ scene, voter, choices, expectedRevision }) => {
    const actor = "sessionToken" in voter ? await getActor(services, voter.sessionToken) : null;
    const result = await castBallot(services, actor, {
      councilId: scene.councilId,
      processId: scene.processId,
      budgetId: scene.budgetId,
      choices,
      votingCode: "votingCode" in voter ? voter.votingCode : null,
      expectedRevision: expectedRevision ?? null,
      // As the voting page does: the receipt goes out in the page's language.
      locale: "en",
    });
    if (!result.ok) return { ok: false, reason: result.reason };
    return { ok: true, reference: result.value.reference, revision: result.value.revision, status: result.value.status };
  };
}

// ───────────────────────────── checks in SQL ─────────────────────────────

/** One count in plain SQL (`… AS n`), with `$1…` parameters: the check reads the tables, not the use cases. */
export async function countRows(services: Services, sql: string, ...params: unknown[]): Promise<number> {
  const rows = await services.prisma.$queryRawUnsafe<{ n: number | bigint }[]>(sql, ...params);
  return Number(rows[0]?.n ?? 0);
}

// ───────────────────────────── figures ─────────────────────────────

export interface Timing {
  /** Operations finished (whatever their outcome). */
  ops: number;
  failures: number;
  seconds: number;
  /** Milliseconds, sorted. */
  latencies: Float64Array;
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** Growable list of latencies without one boxed number per sample. */
class Samples {
  private values = new Float64Array(1024);
  length = 0;
  add(ms: number) {
    if (this.length === this.values.length) {
      const bigger = new Float64Array(this.values.length * 2);
      bigger.set(this.values);
      this.values = bigger;
    }
    this.values[this.length++] = ms;
  }
  sorted(): Float64Array {
    return this.values.slice(0, this.length).sort();
  }
}

/**
 * `clients` concurrent callers, each running `op` until `seconds` have passed (an operation
 * started before the end is waited for and counted). `op` resolves to whether it succeeded; a
 * throw counts as a failure and is handed to `onError`.
 *
 * Without `rate`, each caller runs back to back (a closed loop: the offered load is whatever the
 * system can take, so latency is mostly queueing). With `rate` (operations per second, all
 * callers together), each caller starts its operations on a fixed schedule, one every
 * clients ÷ rate seconds (an open loop, like people arriving), and latency is counted from the
 * scheduled start — so a slow operation that delays the next one is charged for the delay, not
 * hidden by it ("coordinated omission").
 */
export async function runFor(
  clients: number,
  seconds: number,
  op: (client: number) => Promise<boolean>,
  onError: (error: unknown) => void = () => {},
  rate?: number,
): Promise<Timing> {
  const samples = new Samples();
  let failures = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const interval = rate ? (clients / rate) * 1000 : 0;
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      // Staggered, so the callers do not all start on the same tick.
      let scheduled = started + (interval * client) / clients;
      while ((interval ? scheduled : performance.now()) < deadline) {
        if (interval) {
          const wait = scheduled - performance.now();
          if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        }
        const t0 = interval ? scheduled : performance.now();
        let ok = false;
        try {
          ok = await op(client);
        } catch (error) {
          onError(error);
        }
        samples.add(performance.now() - t0);
        if (!ok) failures++;
        scheduled += interval;
      }
    }),
  );
  return { ops: samples.length, failures, seconds: (performance.now() - started) / 1000, latencies: samples.sorted() };
}

export const ms = (x: number) => (Number.isFinite(x) ? `${x.toFixed(x < 10 ? 1 : 0)} ms` : "–");
export const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
export const whole = (n: number) => n.toLocaleString("en-GB");

/** Peak resident memory of this process so far. */
export function peakRss(): number {
  return process.resourceUsage().maxRSS * 1024;
}

/** A small table: the first column left-aligned, the rest right-aligned. */
export function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? "").length)));
  const line = (cells: string[]) => cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join("  ");
  console.log(line(header));
  console.log(widths.map((w) => "─".repeat(w)).join("  "));
  for (const row of rows) console.log(line(row));
}

/** The machine and database, printed first: the figures mean little without them. */
export function describeRun(title: string, db: LoadDatabase): void {
  const pool = db.kind === "PostgreSQL" ? `pool of ${process.env.DATABASE_POOL_SIZE ?? 10} connections` : "one embedded connection";
  console.log(title);
  console.log(`${db.kind} (${db.where}), ${pool}`);
  console.log(
    `Node ${process.version}, ${os.cpus()[0]?.model ?? "unknown CPU"} × ${os.cpus().length}, load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}`,
  );
  console.log("");
}

/**
 * Prints the verdict of an invariant check; true when it holds. The caller sets the exit code
 * only once the database is closed: PGlite resets process.exitCode to 0 when it closes.
 */
export function verdict(problems: string[]): boolean {
  console.log("");
  if (problems.length === 0) {
    console.log("Invariant holds.");
    return true;
  }
  console.log(`INVARIANT BROKEN (${problems.length}):`);
  for (const p of problems.slice(0, 30)) console.log(`  - ${p}`);
  if (problems.length > 30) console.log(`  … and ${problems.length - 30} more`);
  return false;
}
