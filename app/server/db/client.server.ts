// Opens the database named by DATABASE_URL:
//   unset             → embedded PGlite in ./data/pglite (git-ignored), so `npm start` needs no server
//   pglite:memory     → a throw-away in-memory PGlite (tests)
//   pglite:<folder>   → embedded PGlite in that folder
//   postgres://…      → PostgreSQL through @prisma/adapter-pg (production, several app processes)
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaClient } from "./generated/client.ts";

export type Db = PrismaClient;

export type DatabaseTarget =
  | { kind: "pglite"; dataDir: string | null }
  | { kind: "postgres"; url: string };

export const DEFAULT_PGLITE_DIR = "data/pglite";

export function parseDatabaseUrl(url: string | undefined, cwd = process.cwd()): DatabaseTarget {
  if (!url) return { kind: "pglite", dataDir: path.resolve(cwd, DEFAULT_PGLITE_DIR) };
  if (url === "pglite:memory") return { kind: "pglite", dataDir: null };
  if (url.startsWith("pglite:")) return { kind: "pglite", dataDir: path.resolve(cwd, url.slice("pglite:".length)) };
  if (url.startsWith("postgres://") || url.startsWith("postgresql://")) return { kind: "postgres", url };
  throw new Error(
    `DATABASE_URL must be unset, "pglite:memory", "pglite:<folder>" or a postgres:// URL; got "${url.split(":")[0]}:…"`,
  );
}

export interface SqlSession {
  exec(sql: string): Promise<void>;
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
}

export interface Database {
  prisma: PrismaClient;
  target: DatabaseTarget;
  /** The driver adapter factory, for the schema engine (migrations). */
  adapterFactory: SqlMigrationAwareDriverAdapterFactory;
  /** Raw SQL on one connection, outside Prisma: the migration runner and health checks. */
  withSession<T>(fn: (session: SqlSession) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  if (target.kind === "pglite") {
    const pglite = new PGlite(target.dataDir ?? "memory://", {
      // PostgreSQL's default 128 MB of shared buffers lives inside PGlite's WebAssembly memory,
      // which never shrinks; 32 MB holds a council's working set and keeps the server lean.
      startParams: [...PGlite.defaultStartParams, "-c", "shared_buffers=32MB"],
    });
    await pglite.waitReady;
    const adapterFactory = new PrismaPGlite(pglite);
    const prisma = new PrismaClient({ adapter: adapterFactory });
    return {
      prisma,
      target,
      adapterFactory,
      // PGlite is a single connection already.
      withSession: (fn) =>
        fn({
          exec: async (sql) => {
            await pglite.exec(sql);
          },
          query: async <T,>(sql: string, params: unknown[] = []) => (await pglite.query<T>(sql, params)).rows,
        }),
      close: async () => {
        await prisma.$disconnect();
        await pglite.close();
      },
    };
  }
  const { default: pg } = await import("pg");
  // Prisma's `?schema=` convention: tests use one schema each inside the shared test database.
  const url = new URL(target.url);
  const schema = url.searchParams.get("schema");
  url.searchParams.delete("schema");
  const pool = new pg.Pool({
    connectionString: url.toString(),
    max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
    ...(schema ? { options: `-c search_path="${schema.replaceAll('"', "")}"` } : {}),
  });
  const adapterFactory = new PrismaPg(pool, schema ? { schema } : undefined);
  const prisma = new PrismaClient({ adapter: adapterFactory });
  return {
    prisma,
    target,
    adapterFactory,
    withSession: async (fn) => {
      const client = await pool.connect();
      try {
        return await fn({
          exec: async (sql) => {
            await client.query(sql);
          },
          query: async <T,>(sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows as T[],
        });
      } finally {
        client.release();
      }
    },
    close: async () => {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}
