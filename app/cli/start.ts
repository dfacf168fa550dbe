// `npm start`: build the pages if the build is missing or older than the source; prepare the
// database (migrate, and seed the demo council on an empty one outside production) in a
// short-lived child process; then serve. SIGINT/SIGTERM stop accepting requests, close the
// database and exit within 5 seconds.
//
// Why a child process: creating an embedded database (PGlite's initdb) and bulk-loading the demo
// grow WebAssembly memory to ~800 MB, and WebAssembly memory is never returned; done in the
// server process, that would stay its footprint for as long as it runs.
import { spawnSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "react-router";
import { loadConfig, type Config } from "~/server/config.server.ts";
import { openDatabase, parseDatabaseUrl, type Database } from "~/server/db/client.server.ts";
import { applyMigrations } from "~/server/db/migrations.server.ts";
import { createMailer } from "~/server/email/mailer.server.ts";
import { createAppServer } from "~/server/http/server.server.ts";
import { createLogger } from "~/server/logger.server.ts";
import type { Services } from "~/server/services.server.ts";
import { describeDemo, seedDemoIfEmpty } from "~/server/demo/seed.server.ts";

const ROOT = process.cwd();
const SERVER_BUILD = path.join(ROOT, "build/server/index.js");
const CLIENT_DIR = path.join(ROOT, "build/client");

function newestMtime(target: string): number {
  const info = statSync(target, { throwIfNoEntry: false });
  if (!info) return 0;
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

function buildIfStale(log: (message: string) => void) {
  const built = statSync(SERVER_BUILD, { throwIfNoEntry: false })?.mtimeMs ?? 0;
  const source = Math.max(...["app", "vite.config.ts", "react-router.config.ts", "public"].map((p) => newestMtime(path.join(ROOT, p))));
  if (built >= source) return;
  log("Building the pages…");
  const result = spawnSync(process.execPath, [path.join(ROOT, "node_modules/@react-router/dev/bin.js"), "build"], {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, NODE_ENV: "production" },
  });
  if (result.status !== 0) throw new Error("The build failed; see the messages above.");
}

function say(message: string) {
  process.stdout.write(`${message}\n`);
}

function createServices(config: Config, database: Database): Services {
  return {
    config,
    database,
    prisma: database.prisma,
    mailer: createMailer(config, database.prisma),
    logger: createLogger(config.LOG_LEVEL),
    now: () => new Date(),
  };
}

/** Opens the configured database for one piece of work, and closes it afterwards. */
export async function withServices<T>(work: (services: Services) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const database = await openDatabase(parseDatabaseUrl(config.DATABASE_URL));
  try {
    return await work(createServices(config, database));
  } finally {
    await database.close();
  }
}

/** `db prepare`: apply migrations, and seed the demo on an empty database outside production. */
export async function prepare() {
  await withServices(async (services) => {
    const applied = await applyMigrations(services.database);
    if (applied.length) services.logger.info({ applied }, "migrations applied");
    if (!services.config.isProduction && services.config.DEMO_SEED === "true") await seedDemoIfEmpty(services, say);
  });
}

function prepareInChild() {
  const result = spawnSync(process.execPath, ["--import", "tsx", path.join(ROOT, "app/cli/main.ts"), "db", "prepare"], {
    stdio: "inherit",
    env: process.env,
  });
  if (result.status !== 0) throw new Error("Preparing the database failed; see the messages above.");
}

export async function start() {
  const startedAt = performance.now();
  const config = loadConfig();

  buildIfStale(say);
  prepareInChild();
  const database = await openDatabase(parseDatabaseUrl(config.DATABASE_URL));
  const services = createServices(config, database);
  const { logger } = services;
  // Normally nothing: the child applied them. Guards against a migration added in between.
  await applyMigrations(database);

  const build = (await import(pathToFileURL(SERVER_BUILD).href)) as ServerBuild;
  const server = createAppServer({ services, build, clientDir: CLIENT_DIR });
  server.keepAliveTimeout = 5_000;

  // Handlers go in before the port opens: a signal that arrives as soon as /readyz answers
  // must still close the database cleanly.
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    // Whatever happens, exit within 5 seconds.
    setTimeout(() => process.exit(1), 4_500).unref();
    // Let requests in flight finish (for up to 2 s), then close the database.
    server.close(() => {
      database
        .close()
        .catch((error) => logger.error({ err: error }, "closing the database failed"))
        .finally(() => process.exit(0));
    });
    server.closeIdleConnections();
    setTimeout(() => server.closeAllConnections(), 2_000).unref();
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
  // Everything start-up reads from the database is read before the port opens: a signal that
  // comes as soon as /readyz answers then never closes PGlite under a query still running, which
  // left the process spinning instead of exiting.
  const url = `http://${config.HOST === "0.0.0.0" ? "localhost" : config.HOST}:${config.PORT}`;
  const demo = config.isProduction ? "" : await describeDemo(services, url);
  await new Promise<void>((resolve) => server.listen(config.PORT, config.HOST, resolve));

  say(`\nCommonweal is running at ${url}  (ready in ${((performance.now() - startedAt) / 1000).toFixed(1)} s)`);
  if (demo) say(demo);
}
