// What the accounts use cases depend on: a subset of Services, so tests build it without a
// logger or an HTTP server. `now` is the only clock they read.
import type { Services } from "../services.server.ts";

export type AccountsDeps = Pick<Services, "prisma" | "mailer" | "config" | "now">;
