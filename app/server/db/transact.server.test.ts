// The retry wrapper, without a database (the transaction client is a stub).
import { describe, expect, it } from "vitest";
import { Prisma } from "~/server/db/generated/client.ts";
import type { Services } from "~/server/services.server.ts";
import { isRetryable, Refusal, transact } from "~/server/db/transact.server.ts";

const known = (code: string) => new Prisma.PrismaClientKnownRequestError(`error ${code}`, { code, clientVersion: "test" });

function fakePrisma(script: (attempt: number) => unknown) {
  let calls = 0;
  const prisma = {
    $transaction: async (fn: (tx: unknown, ...rest: unknown[]) => Promise<unknown>) => {
      calls++;
      const outcome = script(calls);
      if (outcome instanceof Error) throw outcome;
      return fn({});
    },
  } as unknown as Services["prisma"];
  return { prisma, calls: () => calls };
}

describe("transact", () => {
  it("retries unique violations, write conflicts, deadlocks and pool timeouts, then succeeds", async () => {
    const errors = [known("P2002"), known("P2034"), known("P2028"), Object.assign(new Error("deadlock"), { code: "40P01" })];
    const { prisma, calls } = fakePrisma((n) => errors[n - 1] ?? null);
    expect(await transact(prisma, async () => "stored")).toBe("stored");
    expect(calls()).toBe(5);
  });

  it("gives up after the attempts with onExhausted, or rethrows without it", async () => {
    const always = fakePrisma(() => known("P2034"));
    expect(await transact(always.prisma, async () => "never", { attempts: 3, onExhausted: () => "busy" })).toBe("busy");
    expect(always.calls()).toBe(3);
    const rethrow = fakePrisma(() => known("P2034"));
    await expect(transact(rethrow.prisma, async () => "never", { attempts: 2 })).rejects.toThrow("P2034");
  });

  it("does not retry other errors, and turns a Refusal into its result", async () => {
    const other = fakePrisma(() => known("P2025"));
    await expect(transact(other.prisma, async () => "x")).rejects.toThrow();
    expect(other.calls()).toBe(1);
    const refused = fakePrisma(() => null);
    expect(
      await transact(refused.prisma, async () => {
        throw new Refusal({ ok: false, reason: "code_used" });
      }),
    ).toEqual({ ok: false, reason: "code_used" });
    expect(refused.calls()).toBe(1);
  });

  it("recognises SQLSTATEs wrapped by driver adapters", () => {
    expect(isRetryable({ cause: { code: "40001" } })).toBe(true);
    expect(isRetryable({ meta: { code: "23505" } })).toBe(true);
    expect(isRetryable(new Error("boom"))).toBe(false);
    expect(isRetryable(null)).toBe(false);
  });
});
