// The demo `npm start` seeds: Trafford on real geography, staff, residents, and a budget process
// open for voting in three wards — built through the use cases, so it obeys their rules.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../config.server.ts";
import type { Database } from "../db/client.server.ts";
import { createMailer } from "../email/mailer.server.ts";
import { createLogger } from "../logger.server.ts";
import type { Services } from "../services.server.ts";
import { openTestDatabase } from "../testing/test-database.server.ts";
import { DEMO_COUNCIL, seedDemoIfEmpty } from "./seed.server.ts";

let db: Database;
let services: Services;

beforeAll(async () => {
  db = await openTestDatabase();
  const config = loadConfig({ APP_ENV: "test", APP_SECRET: "demo-seed-test-secret-0123456789abcdef" });
  services = {
    config,
    database: db,
    prisma: db.prisma,
    mailer: createMailer(config, db.prisma),
    logger: createLogger("silent"),
    now: () => new Date("2026-11-23T10:00:00Z"),
  };
  await seedDemoIfEmpty(services, () => {});
}, 180_000);

afterAll(() => db?.close());

describe("the demo council", () => {
  it("has a ward-based budget process open for voting, with reviewed projects in every ward", async () => {
    const council = await db.prisma.council.findUniqueOrThrow({ where: { slug: DEMO_COUNCIL.slug } });
    const process = await db.prisma.budgetProcess.findFirstOrThrow({
      where: { councilId: council.id, slug: "your-ward-your-say-2026" },
      include: { budgets: { include: { projects: true } } },
    });
    expect(process.phase).toBe("voting");
    expect(process.ballotType).toBe("knapsack");
    expect(process.votingCloseAt!.getTime()).toBeGreaterThan(services.now().getTime());
    expect(process.budgets.map((b) => b.wardCode).sort()).toEqual(["E05015244", "E05015253", "E05015255"]);
    for (const budget of process.budgets) {
      const feasible = budget.projects.filter((p) => p.status === "feasible");
      expect(feasible.length, budget.name).toBeGreaterThanOrEqual(4);
      expect(budget.projects.every((p) => p.costPence <= budget.amountPence)).toBe(true);
    }
    const notFeasible = process.budgets.flatMap((b) => b.projects).filter((p) => p.status === "not_feasible");
    expect(notFeasible).toHaveLength(1);
    expect(notFeasible[0]!.feasibilityReason).toMatch(/covenant/);
    const phaseChanges = await db.prisma.auditEvent.count({ where: { subjectId: process.id, action: "budget.phase_changed" } });
    expect(phaseChanges).toBe(3);
  });

  it("has a closed process whose published equal-shares result differs from most-votes-first, and whose projects are being delivered", async () => {
    const process = await db.prisma.budgetProcess.findFirstOrThrow({
      where: { slug: "trafford-community-chest-2026" },
      include: { results: true, projects: { include: { milestones: true } } },
    });
    expect(process.phase).toBe("delivery");
    expect(process.results).toHaveLength(1);
    expect(process.results[0]!.publishedAt).not.toBeNull();
    expect(process.results[0]!.ballotCount).toBe(120);
    expect(process.results[0]!.comparison).not.toBeNull();
    const funded = process.projects.filter((p) => ["selected", "in_delivery", "delivered"].includes(p.status));
    const fundedCost = funded.reduce((sum, p) => sum + p.costPence, 0n);
    expect(fundedCost).toBeLessThanOrEqual(6_000_000n);
    // Equal shares gives the smaller groups' projects their share, which most votes first would not.
    expect(funded.map((p) => p.title)).toContain("Repair café network");
    expect(funded.some((p) => p.status === "delivered")).toBe(true);
    expect(funded.every((p) => p.milestones.length === 2 && p.percentComplete !== null)).toBe(true);
    const turnout = await db.prisma.participation.groupBy({ by: ["wardCode"], where: { processId: process.id }, _count: { _all: true } });
    expect(turnout.map((t) => t._count._all)).toEqual(Array(6).fill(20));
  });

  it("seeds once: a second start changes nothing", async () => {
    const before = await db.prisma.auditEvent.count();
    await seedDemoIfEmpty(services, () => {});
    expect(await db.prisma.auditEvent.count()).toBe(before);
    expect(await db.prisma.session.count()).toBe(0);
  });
});
