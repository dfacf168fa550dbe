import pino from "pino";

export type Logger = pino.Logger;

export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: "commonweal" },
    // Never log secrets that may pass through request logging.
    redact: ["req.headers.cookie", "req.headers.authorization", "*.password", "*.code", "*.token"],
  });
}
