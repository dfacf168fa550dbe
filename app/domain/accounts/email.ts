// Email addresses as sign-in identities. Deliberately forgiving about what a valid address
// looks like (GOV.UK Design System "Email address" pattern: do not reject unusual but real
// addresses) and strict only about what would break storage or an email header.
import { err, ok, type Result } from "../result.ts";

export type EmailReason = "invalid_email";

/** RFC 5321 §4.5.3.1: 64 octets for the local part, 254 for a usable path. */
const MAX_LOCAL = 64;
const MAX_TOTAL = 254;

// One "@", no whitespace or control characters, no characters that would let an address
// smuggle in a second recipient or header (, ; < > " \), and a dotted domain.
const SHAPE = /^[^\s@,;<>"\\]+@[^\s@,;<>"\\]+$/u;
const DOMAIN_LABEL = /^[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?$/u;

/**
 * Trims, Unicode-normalises (NFC) and lower-cases an address, then checks its shape.
 * Lower-casing the local part is technically lossy (RFC 5321 lets it be case-sensitive),
 * but every mainstream provider ignores case and Account.email is stored lower-cased, so
 * "Jo@x.uk" and "jo@x.uk" must be one account.
 */
export function normaliseEmail(input: string): Result<string, EmailReason> {
  const email = input.trim().normalize("NFC").toLowerCase();
  if (email.length === 0 || email.length > MAX_TOTAL) return err("invalid_email");
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/u.test(email)) return err("invalid_email");
  if (!SHAPE.test(email)) return err("invalid_email");
  const at = email.lastIndexOf("@");
  const local = email.slice(0, at);
  const domain = email.slice(at + 1);
  if (local.length > MAX_LOCAL) return err("invalid_email");
  if (local.startsWith(".") || local.endsWith(".") || local.includes("..")) return err("invalid_email");
  const labels = domain.split(".");
  if (labels.length < 2) return err("invalid_email");
  if (!labels.every((label) => label.length <= 63 && DOMAIN_LABEL.test(label))) return err("invalid_email");
  return ok(email);
}

/** The part before the "@" of an already normalised address (used by the password rules). */
export function emailLocalPart(email: string): string {
  const at = email.lastIndexOf("@");
  return at < 0 ? email : email.slice(0, at);
}
