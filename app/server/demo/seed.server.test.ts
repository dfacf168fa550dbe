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

  it("seeds once: a second start changes nothing", async () => {
    const before = await db.prisma.auditEvent.count();
    await seedDemoIfEmpty(services, () => {});
    expect(await db.prisma.auditEvent.count()).toBe(before);
    expect(await db.prisma.session.count()).toBe(0);
  });
});
