import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "./client.server.ts";
import { applyMigrations, pendingMigrations } from "./migrations.server.ts";
import { openTestDatabase } from "../testing/test-database.server.ts";

describe("migrations", () => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(async () => {
    await db.close();
  });

  it("leaves nothing pending and applies nothing twice", async () => {
    expect(await pendingMigrations(db)).toEqual([]);
    expect(await applyMigrations(db)).toEqual([]);
  });

  it("records each migration as Prisma Migrate does", async () => {
    const rows = await db.withSession((s) =>
      s.query<{ migration_name: string; checksum: string }>(`SELECT migration_name, checksum FROM "_prisma_migrations"`),
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.checksum).toMatch(/^[0-9a-f]{64}$/);
  });

  it("gives a working Prisma client", async () => {
    const council = await db.prisma.council.create({ data: { slug: "test", name: "Test Council" } });
    expect((await db.prisma.council.findUniqueOrThrow({ where: { id: council.id } })).name).toBe("Test Council");
  });
});
