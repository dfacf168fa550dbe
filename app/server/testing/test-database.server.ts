// A fresh, migrated database for one integration test file.
// Default: in-memory PGlite. With TEST_DATABASE_URL=postgres://… : a new schema in that
// database, dropped again by `close()`, so parallel test files never see each other's rows.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { openDatabase, parseDatabaseUrl, type Database } from "../db/client.server.ts";
import { applyMigrations } from "../db/migrations.server.ts";

export async function openTestDatabase(): Promise<Database> {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) {
    const db = await openDatabase(parseDatabaseUrl("pglite:memory"));
    await applyMigrations(db);
    return db;
  }
  const schema = `test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE SCHEMA "${schema}"`);
  await admin.end();
  const url = new URL(base);
  url.searchParams.set("schema", schema);
  const db = await openDatabase(parseDatabaseUrl(url.toString()));
  await applyMigrations(db);
  return {
    ...db,
    close: async () => {
      await db.close();
      const dropper = new pg.Client({ connectionString: base });
      await dropper.connect();
      await dropper.query(`DROP SCHEMA "${schema}" CASCADE`);
      await dropper.end();
    },
  };
}
