// Password rules for staff accounts (residents never have passwords).
// Sources: NIST SP 800-63B §3.1.1.2 (length over composition rules, compare against commonly
// used values, no forced rotation, normalise Unicode) and OWASP ASVS 5.0 V6.2 (6.2.1 minimum
// length, 6.2.4/6.2.12 check against common/breached passwords, 6.2.10 no periodic rotation).
// No composition rules ("one capital, one symbol"): NIST and ASVS both advise against them.
import { emailLocalPart } from "./email.ts";
import { err, ok, type Result } from "../result.ts";

export type PasswordReason =
  | "password_too_short"
  | "password_too_long"
  | "password_too_common"
  | "password_contains_email";

/** ASVS 6.2.1 asks for at least 8 and recommends 15; 12 is the platform's choice for staff. */
export const PASSWORD_MIN_LENGTH = 12;
/** Long enough for passphrases and password managers; bounds argon2 input (ASVS 6.2.9 allows ≥64). */
export const PASSWORD_MAX_LENGTH = 128;

/**
 * NIST SP 800-63B §5.1.1.2: normalise with NFKC before hashing, so the same passphrase typed on
 * different keyboards (composed vs decomposed accents) hashes the same. Use for both setting
 * and checking a password.
 */
export function normalisePassword(password: string): string {
  return password.normalize("NFKC");
}

/** Length in Unicode code points (what a person counts), not UTF-16 units. */
function length(password: string): number {
  return [...password].length;
}

// A small, offline list. Passwords shorter than 12 characters are already refused, so this only
// needs long common ones; the word list below also catches "Password1234!" and friends.
// A breached-password check (ASVS 6.2.12, e.g. a k-anonymity range API) would need outbound
// HTTP, which councils often block; it is left to a later issue.
const COMMON_PASSWORDS = new Set([
  "password1234", "password12345", "password123456", "password123!", "passwordpassword",
  "123456789012", "1234567890123", "12345678901234", "123456123456", "111111111111",
  "qwertyuiop12", "qwertyuiopas", "qwerty123456", "1q2w3e4r5t6y", "1qaz2wsx3edc",
  "abc123456789", "abcd12345678", "iloveyou1234", "letmein12345", "welcome12345",
  "administrator", "administrator1", "changeme1234", "trustno1trustno1", "football1234",
  "superman1234", "sunshine1234", "princess1234", "monkey123456", "starwars1234",
  "q1w2e3r4t5y6", "zaq12wsxcde3", "asdfghjkl123", "qazwsxedcrfv", "passw0rd1234",
  "p@ssw0rd1234", "correcthorsebatterystaple", "mypassword123", "baseball1234",
  "commonweal123", "council12345", "thisismypassword",
]);

/** Words that, with only digits and symbols around them, make a guessable password. */
const COMMON_CORES = new Set([
  "password", "passw0rd", "p@ssw0rd", "qwerty", "qwertyuiop", "letmein", "welcome", "iloveyou",
  "admin", "administrator", "changeme", "football", "monkey", "dragon", "sunshine", "princess",
  "trustno", "commonweal", "council", "secret", "abc", "abcdef", "asdfgh", "zxcvbn",
]);

function isRepeatedUnit(value: string): boolean {
  const chars = [...value];
  for (let unit = 1; unit <= 4; unit++) {
    if (chars.length % unit !== 0 || chars.length === unit) continue;
    const head = chars.slice(0, unit).join("");
    if (head.repeat(chars.length / unit) === value) return true;
  }
  return false;
}

/** "abcdef…", "987654…", and digit runs that wrap round ("…7890123"), as keyboards and people do. */
function isSequence(value: string): boolean {
  const chars = [...value];
  if (chars.length < 3) return false;
  const digits = /^[0-9]+$/.test(value);
  const codes = chars.map((c) => c.codePointAt(0) ?? 0);
  const diff = (a: number, b: number) => (digits ? (((b - a) % 10) + 10) % 10 : b - a);
  const step = diff(codes[0] ?? 0, codes[1] ?? 0);
  const forward = step === 1;
  const backward = digits ? step === 9 : step === -1;
  if (!forward && !backward) return false;
  return codes.every((code, i) => i === 0 || diff(codes[i - 1] ?? 0, code) === step);
}

function isTooCommon(password: string): boolean {
  const lower = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lower)) return true;
  if (isRepeatedUnit(lower) || isSequence(lower)) return true;
  // "Password2024!", "!!qwerty123456": strip digits and symbols from both ends.
  const core = lower.replace(/^[\p{N}\p{P}\p{S}\s]+|[\p{N}\p{P}\p{S}\s]+$/gu, "");
  if (core.length === 0) return isRepeatedUnit(lower.replace(/\D/g, "")) || isSequence(lower.replace(/\D/g, ""));
  return COMMON_CORES.has(core);
}

/**
 * Checks a new password. Returns the normalised password to hash.
 * `email` is the account's normalised address: a password containing its local part
 * ("jo.bloggs" in jo.bloggs@trafford.gov.uk) is the first thing an attacker tries
 * (NIST SP 800-63B: "context-specific words, such as the name of the service, the username").
 */
export function checkNewPassword(password: string, context: { email: string }): Result<string, PasswordReason> {
  const normalised = normalisePassword(password);
  const n = length(normalised);
  if (n < PASSWORD_MIN_LENGTH) return err("password_too_short", { min: PASSWORD_MIN_LENGTH });
  if (n > PASSWORD_MAX_LENGTH) return err("password_too_long", { max: PASSWORD_MAX_LENGTH });
  if (isTooCommon(normalised)) return err("password_too_common");
  const local = emailLocalPart(context.email.toLowerCase());
  if (local.length >= 3 && normalised.toLowerCase().includes(local)) return err("password_contains_email");
  return ok(normalised);
}
