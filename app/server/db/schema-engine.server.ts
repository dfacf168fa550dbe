// Prisma's WebAssembly schema engine, for writing migrations and checking drift without the
// native engine Prisma's CLI would download. Both sides of every diff are computed in throw-away
// in-memory PGlite databases, so these commands never touch a real database.
import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { MIGRATIONS_DIR, readMigrations } from "./migrations.server.ts";

export const SCHEMA_PATH = path.resolve(process.cwd(), "prisma/schema.prisma");

type Engine = import("@prisma/schema-engine-wasm").SchemaEngine;

/**
 * The package's entry imports the .wasm file as an ES module, which Node 20 only allows behind
 * --experimental-wasm-modules; instantiating it by hand works on every supported Node.
 */
async function loadEngineModule() {
  const require = createRequire(import.meta.url);
  const entry = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
  const bindings = (await import(entry)) as typeof import("@prisma/schema-engine-wasm") & {
    __wbg_set_wasm(exports: WebAssembly.Exports): void;
  };
  const wasm = new WebAssembly.Module(readFileSync(path.join(path.dirname(entry), "schema_engine_bg.wasm")));
  const instance = new WebAssembly.Instance(wasm, { "./schema_engine_bg.js": bindings as never });
  bindings.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as () => void)();
  return bindings;
}

async function withEngine<T>(schema: string, fn: (engine: Engine) => Promise<T>): Promise<T> {
  const { SchemaEngine } = await loadEngineModule();
  const pglite = new PGlite("memory://");
  const factory = bindMigrationAwareSqlAdapterFactory(new PrismaPGlite(pglite));
  const engine = await SchemaEngine.new({ datamodels: [["schema.prisma", schema]] }, () => {}, factory);
  try {
    return await fn(engine);
  } finally {
    engine.free();
    await pglite.close();
  }
}

async function migrationList(dir: string) {
  const migrations = await readMigrations(dir);
  const lockPath = path.join(dir, "migration_lock.toml");
  return {
    baseDir: dir,
    lockfile: { path: lockPath, content: await readFile(lockPath, "utf8").catch(() => null) },
    shadowDbInitScript: "",
    migrationDirectories: migrations.map((m) => ({
      path: m.name,
      migrationFile: { path: "migration.sql", content: { tag: "ok" as const, value: m.sql } },
    })),
  };
}

/**
 * The SQL that takes a database from the state the migrations build to the state the schema
 * describes; an empty string when they agree.
 */
export async function diffMigrationsToSchema(options: { schemaPath?: string; migrationsDir?: string } = {}) {
  const schemaPath = options.schemaPath ?? SCHEMA_PATH;
  const schema = await readFile(schemaPath, "utf8");
  const list = await migrationList(options.migrationsDir ?? MIGRATIONS_DIR);
  return withEngine(schema, async (engine) => {
    const result = await engine.diff({
      from: { tag: "migrations", ...list },
      to: { tag: "schemaDatamodel", files: [{ path: schemaPath, content: schema }] },
      script: true,
      exitCode: true,
      filters: { externalTables: [], externalEnums: [] },
    });
    // An empty diff still prints a comment line; exit code 2 means "there are changes".
    return result.exitCode === 2 ? (result.stdout ?? "") : "";
  });
}
