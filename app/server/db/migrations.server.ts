// Applies prisma/migrations/*/migration.sql in order, recording each in Prisma's own
// `_prisma_migrations` table (same columns and SHA-256 checksums), so a database migrated here
// is also one `prisma migrate deploy` recognises. Needs no native engine and no network.
import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { Database, SqlSession } from "./client.server.ts";

// npm runs every script from the package root.
export const MIGRATIONS_DIR = path.resolve(process.cwd(), "prisma/migrations");

// The lock id Prisma Migrate uses, so our runner and Prisma's never overlap on PostgreSQL.
const ADVISORY_LOCK_ID = 72707369;

export interface MigrationFileInfo {
  name: string;
  sql: string;
  checksum: string;
}

export async function readMigrations(dir = MIGRATIONS_DIR): Promise<MigrationFileInfo[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    }),
  );
}

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
}

async function appliedMigrations(session: SqlSession): Promise<AppliedRow[]> {
  return session.query<AppliedRow>(
    `SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL`,
  );
}

export class MigrationError extends Error {}

/** Pending migration names, without applying anything (for /readyz). */
export async function pendingMigrations(db: Database, dir = MIGRATIONS_DIR): Promise<string[]> {
  const files = await readMigrations(dir);
  return db.withSession(async (session) => {
    const [exists] = await session.query<{ present: boolean }>(
      `SELECT to_regclass('"_prisma_migrations"') IS NOT NULL AS present`,
    );
    if (!exists?.present) return files.map((f) => f.name);
    const done = new Set((await appliedMigrations(session)).filter((r) => r.finished_at).map((r) => r.migration_name));
    return files.filter((f) => !done.has(f.name)).map((f) => f.name);
  });
}

/**
 * Applies every pending migration, each in its own transaction with its bookkeeping row,
 * under an advisory lock so several app processes starting together apply each migration once.
 */
export async function applyMigrations(db: Database, dir = MIGRATIONS_DIR): Promise<string[]> {
  const files = await readMigrations(dir);
  return db.withSession(async (session) => {
    await session.exec(`SELECT pg_advisory_lock(${ADVISORY_LOCK_ID})`);
    try {
      await session.exec(CREATE_TABLE);
      const applied = new Map((await appliedMigrations(session)).map((r) => [r.migration_name, r]));
      const done: string[] = [];
      for (const file of files) {
        const row = applied.get(file.name);
        if (row) {
          if (!row.finished_at) throw new MigrationError(`Migration ${file.name} failed earlier and needs attention.`);
          if (row.checksum !== file.checksum)
            throw new MigrationError(`Migration ${file.name} was edited after it was applied.`);
          continue;
        }
        const id = randomUUID();
        await session.exec("BEGIN");
        try {
          await session.exec(file.sql);
          await session.query(
            `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, finished_at, applied_steps_count)
             VALUES ($1, $2, $3, now(), 1)`,
            [id, file.checksum, file.name],
          );
          await session.exec("COMMIT");
        } catch (error) {
          await session.exec("ROLLBACK");
          throw new MigrationError(`Migration ${file.name} failed: ${(error as Error).message}`);
        }
        done.push(file.name);
      }
      return done;
    } finally {
      await session.exec(`SELECT pg_advisory_unlock(${ADVISORY_LOCK_ID})`);
    }
  });
}
