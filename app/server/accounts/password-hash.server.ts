// Password hashing with argon2id (@node-rs/argon2), at the OWASP Password Storage Cheat
// Sheet's first recommended setting: m = 19456 KiB (19 MiB), t = 2, p = 1. Lucia's guide
// (lucia-auth.com, "Password authentication") recommends argon2id via @node-rs/argon2 too.
import { hash, verify } from "@node-rs/argon2";

const OPTIONS = {
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
  outputLen: 32,
  // Algorithm.Argon2id. The package declares `Algorithm` as an ambient const enum, which
  // `verbatimModuleSyntax` cannot import, hence the literal.
  algorithm: 2,
} as const;

export function hashPassword(normalisedPassword: string): Promise<string> {
  return hash(normalisedPassword, OPTIONS);
}

/** False for a wrong password and for a malformed stored hash (never throws for those). */
export async function verifyPassword(storedHash: string, normalisedPassword: string): Promise<boolean> {
  try {
    return await verify(storedHash, normalisedPassword);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | null = null;

/**
 * Spends the same time as a real verification, for accounts that do not exist or have no
 * password, so response time does not reveal which addresses are staff (ASVS 5.0 6.3.8).
 */
export async function verifyAgainstDummy(normalisedPassword: string): Promise<false> {
  dummy ??= hashPassword("commonweal-dummy-password-for-timing");
  await verifyPassword(await dummy, normalisedPassword);
  return false;
}
