// The short codes people type: emailed sign-in codes, TOTP codes and recovery codes.
// Parsing is forgiving about spacing (people copy "123 456" from emails and authenticator
// apps; GOV.UK pattern "Confirm a phone number": accept spaces and hyphens) and strict about
// everything else, so a malformed entry never costs the person one of their attempts.
import { err, ok, type Result } from "../result.ts";

export type CodeReason = "invalid_code";

/** Emailed sign-in codes: 6 digits, 10 minutes (ASVS 5.0 6.5.5: out-of-band codes ≤10 min). */
export const SIGN_IN_CODE_DIGITS = 6;
export const SIGN_IN_CODE_TTL_MS = 10 * 60_000;
/** Wrong guesses allowed against one code before it is dead (ASVS 6.6.3 rate-limit code entry). */
export const SIGN_IN_CODE_MAX_ATTEMPTS = 5;

/** TOTP as in RFC 6238 with the defaults every authenticator app supports. */
export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;

export const RECOVERY_CODE_COUNT = 10;
/** 10 base32 characters = 50 bits each; typed as "abcde-fghij". */
export const RECOVERY_CODE_LENGTH = 10;

function stripSeparators(input: string): string {
  return input.normalize("NFKC").replace(/[\s-]/g, "");
}

/** A 6-digit code (sign-in email or authenticator app). */
export function parseSixDigitCode(input: string): Result<string, CodeReason> {
  const code = stripSeparators(input);
  return /^[0-9]{6}$/.test(code) ? ok(code) : err("invalid_code");
}

/** A recovery code as issued by `formatRecoveryCode`, in any case, with or without the hyphen. */
export function parseRecoveryCode(input: string): Result<string, CodeReason> {
  const code = stripSeparators(input).toLowerCase();
  return new RegExp(`^[a-z2-7]{${RECOVERY_CODE_LENGTH}}$`).test(code) ? ok(code) : err("invalid_code");
}

/** "abcdefghij" → "abcde-fghij", easier to read aloud and copy by hand. */
export function formatRecoveryCode(code: string): string {
  const half = Math.ceil(code.length / 2);
  return `${code.slice(0, half)}-${code.slice(half)}`;
}

/** Groups a base32 key in fours for manual entry into an authenticator app. */
export function groupForManualEntry(base32: string): string {
  return base32.replace(/(.{4})(?=.)/g, "$1 ");
}
