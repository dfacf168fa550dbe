// Every environment variable Commonweal reads, in one place, validated at start-up.
// README.md has the same list as a table: keep them in step.
import { z } from "zod";

const schema = z.object({
  APP_ENV: z.enum(["development", "test", "production"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default("127.0.0.1"),
  /** Public origin, e.g. https://have-your-say.trafford.gov.uk; used in emails and the CSRF check. */
  PUBLIC_URL: z.string().url().optional(),
  DATABASE_URL: z.string().optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default("Commonweal <no-reply@commonweal.invalid>"),
  /** Secret for HMACs (ballot voter keys, TOTP key encryption). 32+ characters in production. */
  APP_SECRET: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /**
   * How many proxies (load balancers) stand in front of the app. Their X-Forwarded-For entries
   * give the visitor's address for sign-in rate limits; with 0 the header is ignored, because
   * anyone can send it.
   */
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  /** "false" skips the demo council on an empty database (it is never seeded in production). */
  DEMO_SEED: z.enum(["true", "false"]).default("true"),
});

export type Config = z.infer<typeof schema> & {
  isProduction: boolean;
  publicUrl: string;
  appSecret: string;
};

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`Configuration is not valid:\n${lines.join("\n")}`);
  }
  const c = parsed.data;
  const isProduction = c.APP_ENV === "production";
  if (isProduction && (!c.APP_SECRET || c.APP_SECRET.length < 32))
    throw new ConfigError("APP_SECRET must be set to at least 32 random characters in production.");
  if (isProduction && !c.SMTP_URL) throw new ConfigError("SMTP_URL must be set in production.");
  if (isProduction && !c.PUBLIC_URL) throw new ConfigError("PUBLIC_URL must be set in production.");
  return {
    ...c,
    isProduction,
    publicUrl: c.PUBLIC_URL ?? `http://localhost:${c.PORT}`,
    // Development only: a fixed secret keeps demo sessions valid across restarts.
    appSecret: c.APP_SECRET ?? "commonweal-development-secret-not-for-production",
  };
}
