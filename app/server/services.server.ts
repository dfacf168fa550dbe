// What every use case may depend on. Created once per process by the HTTP server or CLI and
// handed to routes through the load context, so the route bundle never opens a second database.
import type { Config } from "./config.server.ts";
import type { Database, Db } from "./db/client.server.ts";
import type { Mailer } from "./email/mailer.server.ts";
import type { Logger } from "./logger.server.ts";

export interface Services {
  config: Config;
  database: Database;
  prisma: Db;
  mailer: Mailer;
  logger: Logger;
  /** The clock; tests pass a fixed one. */
  now: () => Date;
}
