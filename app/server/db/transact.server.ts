// Interactive transactions that retry on transient conflicts, and the Refusal that rolls one
// back with an answer for the caller. Every use case that writes goes through `transact`.
import { Prisma } from "~/server/db/generated/client.ts";
import type { Services } from "~/server/services.server.ts";

export type Tx = Prisma.TransactionClient;

/** Thrown inside a transaction to roll it back and hand a Result to the caller. */
export class Refusal<R> extends Error {
  constructor(readonly result: R) {
    super("refused");
  }
}

// Prisma: P2002 unique violation, P2034 write conflict or deadlock (40001 / 40P01), P2028
// interactive-transaction problems (could not start within maxWait, or expired under load).
// Driver adapters can also surface the raw SQLSTATE.
const RETRYABLE_PRISMA = new Set(["P2002", "P2034", "P2028"]);
const RETRYABLE_SQLSTATE = new Set(["40001", "40P01", "23505"]);

export function isRetryable(error: unknown): boolean {
  if (error instanceof Prisma.PrismaClientKnownRequestError) return RETRYABLE_PRISMA.has(error.code);
  if (typeof error === "object" && error !== null) {
    const e = error as { code?: unknown; cause?: unknown; meta?: { code?: unknown } };
    if (typeof e.code === "string" && RETRYABLE_SQLSTATE.has(e.code)) return true;
    if (typeof e.meta?.code === "string" && RETRYABLE_SQLSTATE.has(e.meta.code)) return true;
    if (e.cause) return isRetryable(e.cause);
  }
  return false;
}

export const TX_OPTIONS = { maxWait: 20_000, timeout: 20_000 } as const;

/**
 * Runs `fn` in one interactive transaction. A `Refusal` rolls back and returns its result; a
 * transient conflict (unique race, serialisation failure, deadlock, pool exhaustion) rolls
 * back and runs the whole transaction again, up to `attempts` times with jittered back-off,
 * so a voter is never failed for a race the database resolved. Anything else is thrown.
 */
export async function transact<T, R = never>(
  prisma: Services["prisma"],
  fn: (tx: Tx, attempt: number) => Promise<T>,
  options: { attempts?: number; onExhausted?: () => R } = {},
): Promise<T | R> {
  const attempts = options.attempts ?? 6;
  for (let attempt = 1; ; attempt++) {
    try {
      return await prisma.$transaction((tx) => fn(tx, attempt), TX_OPTIONS);
    } catch (error) {
      if (error instanceof Refusal) return error.result as R;
      if (!isRetryable(error) || attempt >= attempts) {
        if (isRetryable(error) && options.onExhausted) return options.onExhausted();
        throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * 2 ** attempt));
    }
  }
}
