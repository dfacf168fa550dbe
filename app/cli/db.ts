// `npm run db:migrate` applies pending migrations to DATABASE_URL's database.
// `npm run db:new -- <name>` writes prisma/migrations/<timestamp>_<name>/migration.sql from schema changes.
// `npm run db:check` exits 1 when the schema and the migrations disagree.
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { openDatabase, parseDatabaseUrl } from "~/server/db/client.server.ts";
import { MIGRATIONS_DIR, applyMigrations } from "~/server/db/migrations.server.ts";
import { diffMigrationsToSchema } from "~/server/db/schema-engine.server.ts";

export async function migrate() {
  const db = await openDatabase(parseDatabaseUrl(process.env.DATABASE_URL));
  try {
    const applied = await applyMigrations(db);
    console.log(applied.length ? `Applied ${applied.join(", ")}.` : "The database is up to date.");
  } finally {
    await db.close();
  }
}

function timestamp(now: Date) {
  return now.toISOString().replace(/[-:T]/g, "").slice(0, 14);
}

export async function newMigration(name: string | undefined) {
  if (!name || !/^[a-z0-9_]+$/.test(name)) {
    console.error("Give the migration a name in lower case with underscores: npm run db:new -- add_ballots");
    process.exitCode = 2;
    return;
  }
  const sql = await diffMigrationsToSchema();
  if (!sql.trim()) {
    console.log("The schema and the migrations already agree: nothing to write.");
    return;
  }
  const dir = path.join(MIGRATIONS_DIR, `${timestamp(new Date())}_${name}`);
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, "migration.sql"), sql);
  console.log(`Wrote ${path.relative(process.cwd(), dir)}/migration.sql — read it, then commit it.`);
}

export async function check() {
  const sql = await diffMigrationsToSchema();
  if (sql.trim()) {
    console.error("prisma/schema.prisma has changes no migration covers. Run `npm run db:new -- <name>`.\n");
    console.error(sql);
    process.exitCode = 1;
    return;
  }
  console.log("The schema and the migrations agree.");
}
