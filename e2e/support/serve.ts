// Starts the app for the Playwright run on a database of its own: a fresh PGlite folder, or a
// fresh schema in TEST_DATABASE_URL's PostgreSQL. The demo council is seeded as `npm start` does.
import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";

const base = process.env.TEST_DATABASE_URL;
if (base) {
  const schema = `e2e_${Date.now().toString(36)}`;
  const client = new pg.Client({ connectionString: base });
  await client.connect();
  // Schemas left by earlier runs are dropped first, so the shared test database stays small —
  // only those over an hour old (the name carries its creation time), so a run in progress
  // elsewhere keeps its own.
  const old = await client.query<{ nspname: string }>(`SELECT nspname FROM pg_namespace WHERE nspname LIKE 'e2e\\_%'`);
  for (const row of old.rows) {
    const created = parseInt(row.nspname.slice("e2e_".length), 36);
    if (Number.isFinite(created) && Date.now() - created < 60 * 60_000) continue;
    await client.query(`DROP SCHEMA "${row.nspname}" CASCADE`);
  }
  await client.query(`CREATE SCHEMA "${schema}"`);
  await client.end();
  const url = new URL(base);
  url.searchParams.set("schema", schema);
  process.env.DATABASE_URL = url.toString();
} else {
  // PGlite folders left by earlier runs (about 40 MB each; the server is killed, so it cannot
  // tidy up after itself). Only those over an hour old, so a run in progress keeps its own.
  for (const name of readdirSync(os.tmpdir())) {
    if (!/^commonweal-e2e-[A-Za-z0-9]{6}$/.test(name)) continue;
    const folder = path.join(os.tmpdir(), name);
    const modified = statSync(folder, { throwIfNoEntry: false })?.mtimeMs ?? Date.now();
    if (Date.now() - modified > 60 * 60_000) rmSync(folder, { recursive: true, force: true });
  }
  process.env.DATABASE_URL = `pglite:${mkdtempSync(path.join(os.tmpdir(), "commonweal-e2e-"))}`;
}

// The demo council first, as `npm start` would seed it, then the journeys' own fixtures — both
// before the server opens the database, because an embedded database has one owner at a time.
const { prepare, start, withServices } = await import("../../app/cli/start.ts");
await prepare();
const { seedFixtures } = await import("./fixtures/index.ts");
await withServices(seedFixtures);
await start();
