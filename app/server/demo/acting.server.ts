// Setting things up as a member of staff would: the demo seed and the journeys' fixtures build
// processes through the same use cases an officer's pages call, as a real staff session, and
// stop at the first refusal with what was being done.
import { createSession, getActor, invalidateSession, type Actor } from "../accounts/sessions.server.ts";
import type { Services } from "../services.server.ts";

/** A staff session for an existing account, as if it had signed in with password and TOTP; `end()` signs it out. */
export async function actAsStaff(services: Services, email: string): Promise<{ actor: Actor; end: () => Promise<void> }> {
  const account = await services.prisma.account.findUniqueOrThrow({ where: { email }, select: { id: true } });
  const { token, session } = await createSession(services, services.prisma, { accountId: account.id, kind: "staff", twoFactorVerified: true });
  const actor = await getActor(services, token);
  if (!actor) throw new Error(`${email} has no staff session.`);
  return { actor, end: () => invalidateSession(services, session.id) };
}

/** The value of a use case's result, or an error naming the step and the refusal. */
export function must<T>(result: { ok: true; value: T } | { ok: false; reason: string; detail?: unknown }, what: string): T {
  if (result.ok) return result.value;
  const detail = JSON.stringify(result.detail ?? null, (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value));
  throw new Error(`${what}: ${result.reason} ${detail}`);
}
