// Shared set-up for the budgeting integration tests: a real, migrated database (PGlite, or a
// PostgreSQL schema when TEST_DATABASE_URL is set), two councils, real accounts with real
// sessions (actors come from `getActor`, so roles are read from memberships as in production),
// a controllable clock and a mailer that records what was sent. Only the mail transport is fake.
import { loadConfig } from "~/server/config.server.ts";
import type { Database } from "~/server/db/client.server.ts";
import { recordingMailer, testClock, type Clock, type RecordingMailer } from "~/server/accounts/test-kit.server.ts";
import { createSession, getActor, type Actor } from "~/server/accounts/sessions.server.ts";
import { openTestDatabase } from "~/server/testing/test-database.server.ts";
import { issueVotingCodes, type BallotDeps } from "./ballots.server.ts";
import { addProject, changePhase, createProcess, reviewProject } from "./processes.server.ts";

export interface BudgetingTestContext {
  db: Database;
  deps: BallotDeps;
  mailer: RecordingMailer;
  clock: Clock;
  councilA: string;
  councilB: string;
  officerA: Actor;
  officerB: Actor;
  /** An officer of A signed in with a resident session: staff powers need a staff session. */
  residentA: Actor;
  residentB: Actor;
  /** Makes a resident of `councilId` with a signed-in resident session. */
  resident(councilId: string, email: string, locale?: string): Promise<Actor>;
}

async function actorFor(db: Database, clock: Clock, email: string, grants: { councilId: string; role: "resident" | "officer" | "admin" }[], locale = "en"): Promise<Actor> {
  const account = await db.prisma.account.create({ data: { email, locale } });
  await db.prisma.membership.createMany({ data: grants.map((g) => ({ accountId: account.id, ...g })) });
  const staff = grants.some((g) => g.role !== "resident");
  const { token } = await createSession({ now: clock.now }, db.prisma, {
    accountId: account.id,
    kind: staff ? "staff" : "resident",
    twoFactorVerified: true,
  });
  const actor = await getActor({ prisma: db.prisma, now: clock.now }, token);
  if (!actor) throw new Error("test actor has no session");
  return actor;
}

/** Another member of staff of `councilId` with a signed-in staff session (a second pair of hands). */
export function staffActor(ctx: BudgetingTestContext, councilId: string, email: string, role: "officer" | "admin"): Promise<Actor> {
  return actorFor(ctx.db, ctx.clock, email, [{ councilId, role }]);
}

export async function openBudgetingTestContext(): Promise<BudgetingTestContext> {
  const db = await openTestDatabase();
  const mailer = recordingMailer();
  const clock = testClock(new Date("2026-05-04T10:00:00.000Z"));
  const config = loadConfig({ APP_ENV: "test", PUBLIC_URL: "https://have-your-say.example.gov.uk", APP_SECRET: "test-secret-for-budgeting-0123456789" });
  const councilA = (await db.prisma.council.create({ data: { slug: "trafford", name: "Trafford Council" } })).id;
  const councilB = (await db.prisma.council.create({ data: { slug: "salford", name: "Salford City Council" } })).id;
  return {
    db,
    mailer,
    clock,
    councilA,
    councilB,
    deps: { prisma: db.prisma, now: clock.now, config, mailer },
    officerA: await actorFor(db, clock, "officer@trafford.test", [{ councilId: councilA, role: "officer" }]),
    officerB: await actorFor(db, clock, "officer@salford.test", [{ councilId: councilB, role: "officer" }]),
    residentA: await actorFor(db, clock, "resident@trafford.test", [{ councilId: councilA, role: "resident" }]),
    residentB: await actorFor(db, clock, "resident@salford.test", [{ councilId: councilB, role: "resident" }]),
    resident: (councilId, email, locale) => actorFor(db, clock, email, [{ councilId, role: "resident" }], locale),
  };
}

export function must<T>(result: { ok: true; value: T } | { ok: false; reason: string; detail?: unknown }): T {
  if (!result.ok) {
    const detail = JSON.stringify(result.detail ?? null, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
    throw new Error(`expected ok, got ${result.reason} ${detail}`);
  }
  return result.value;
}

export interface OpenProcess {
  processId: string;
  slug: string;
  budgetId: string;
  /** Feasible projects by reference: P-1 £5,000, P-2 £3,000, P-3 £2,000, P-4 £1,000. */
  projects: Record<string, string>;
  /** A project found not feasible (never on the ballot). */
  infeasibleId: string;
}

/**
 * A process of `councilId` in the voting phase with one £10,000 budget and four feasible
 * projects (plus one not feasible), built through the use cases themselves.
 */
export async function openVotingProcess(
  ctx: BudgetingTestContext,
  slug: string,
  settings: Record<string, unknown> = {},
  councilId = ctx.councilA,
  officer = ctx.officerA,
): Promise<OpenProcess> {
  const process = must(
    await createProcess(ctx.deps, officer, {
      councilId,
      title: `Community budget ${slug}`,
      slug,
      summary: "Residents decide how £10,000 is spent in their area.",
      ballotType: "approval",
      maxProjects: "2",
      countingRule: "greedy",
      budgets: [{ name: "Whole area", amount: "£10,000" }],
      ...settings,
    }),
  );
  const budget = await ctx.db.prisma.processBudget.findFirstOrThrow({ where: { processId: process.id }, select: { id: true } });
  must(await changePhase(ctx.deps, officer, { councilId, processId: process.id, to: "review" }));
  const projects: Record<string, string> = {};
  for (const [title, cost] of [
    ["Benches by the river", "£5,000"],
    ["Wildflower verges", "£3,000"],
    ["Youth club kit", "£2,000"],
    ["Defibrillator at the library", "£1,000"],
  ] as const) {
    const p = must(
      await addProject(ctx.deps, officer, {
        councilId,
        processId: process.id,
        budgetId: budget.id,
        title,
        description: `${title}: a project for the whole area.`,
        cost,
      }),
    );
    must(await reviewProject(ctx.deps, officer, { councilId, projectId: p.id, decision: "feasible" }));
    projects[p.reference] = p.id;
  }
  const infeasible = must(
    await addProject(ctx.deps, officer, {
      councilId,
      processId: process.id,
      budgetId: budget.id,
      title: "Swimming pool",
      description: "A new pool.",
      cost: "£9,000",
    }),
  );
  must(
    await reviewProject(ctx.deps, officer, {
      councilId,
      projectId: infeasible.id,
      decision: "not_feasible",
      reason: "The site is not the council's land.",
    }),
  );
  // Voting needs at least one code issued; tests that need plain codes issue their own.
  if (settings.useVotingCodes) must(await issueVotingCodes(ctx.deps, officer, { councilId, processId: process.id, count: 1 }));
  must(await changePhase(ctx.deps, officer, { councilId, processId: process.id, to: "voting" }));
  return { processId: process.id, slug, budgetId: budget.id, projects, infeasibleId: infeasible.id };
}

/** Row counts that must not move when a ballot is refused. */
export async function ballotCounts(ctx: BudgetingTestContext) {
  const p = ctx.db.prisma;
  return {
    ballots: await p.ballot.count(),
    choices: await p.ballotChoice.count(),
    participations: await p.participation.count(),
    usedCodes: await p.votingCode.count({ where: { usedAt: { not: null } } }),
  };
}
