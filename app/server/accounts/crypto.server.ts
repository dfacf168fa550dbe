// The small amount of cryptography accounts need, in one reviewable place.
// Tokens and hashes follow Lucia's session guide (lucia-auth.com/sessions/basic-api/postgresql):
// "generating at least 20 random bytes from a secure source … encoding it with base32" and
// storing only the SHA-256 of the token, so a leaked database yields no usable tokens.
// Keys for HMACs and encryption are derived from config.appSecret with HKDF, one per purpose,
// so a key used to hash sign-in codes can never decrypt a TOTP secret.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes, randomInt, timingSafeEqual, createHmac } from "node:crypto";
import { sha256 } from "@oslojs/crypto/sha2";
import { decodeBase64urlIgnorePadding, encodeBase32LowerCaseNoPadding, encodeBase64urlNoPadding, encodeHexLowerCase } from "@oslojs/encoding";

export type KeyPurpose =
  | "sign-in-code"
  | "recovery-code"
  | "rate-limit-key"
  | "totp-key-at-rest"
  | "totp-pending-key"
  | "consultation-respondent";

/** 20 random bytes (160 bits, above ASVS 5.0 7.2.3's 128), base32 lower case, no padding: 32 characters. */
export function generateToken(): string {
  return encodeBase32LowerCaseNoPadding(randomBytes(20));
}

/** Tokens this module generates look like this; anything else is rejected before a query. */
export function looksLikeToken(value: string): boolean {
  return /^[a-z2-7]{32}$/.test(value);
}

/** hex(SHA-256(token)): the stored form of session and invitation tokens. */
export function hashToken(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

const derived = new Map<string, Buffer>();

/** HKDF-SHA-256(appSecret, info = "commonweal:<purpose>") → 32 bytes. */
function deriveKey(appSecret: string, purpose: KeyPurpose): Buffer {
  const cacheKey = `${purpose}\u0000${appSecret}`;
  let key = derived.get(cacheKey);
  if (!key) {
    key = Buffer.from(hkdfSync("sha256", appSecret, "commonweal-accounts-v1", `commonweal:${purpose}`, 32));
    derived.set(cacheKey, key);
  }
  return key;
}

/** HMAC-SHA-256 with a purpose key, hex. Keyed, so a database dump alone cannot brute-force 6-digit codes. */
export function hmacHex(appSecret: string, purpose: KeyPurpose, message: string): string {
  return createHmac("sha256", deriveKey(appSecret, purpose)).update(message, "utf8").digest("hex");
}

/** Constant-time comparison of two hex digests (or any two strings). */
export function constantTimeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, "utf8");
  const y = Buffer.from(b, "utf8");
  return x.length === y.length && timingSafeEqual(x, y);
}

/** A uniformly random 6-digit code, leading zeros kept. */
export function randomSixDigits(): string {
  return randomInt(0, 1_000_000).toString().padStart(6, "0");
}

/** `length` base32 characters (5 bits each) for recovery codes. */
export function randomBase32(length: number): string {
  return encodeBase32LowerCaseNoPadding(randomBytes(Math.ceil((length * 5) / 8))).slice(0, length);
}

export function randomKey(bytes: number): Uint8Array {
  return new Uint8Array(randomBytes(bytes));
}

// AES-256-GCM: version byte ‖ 12-byte nonce ‖ ciphertext ‖ 16-byte tag. The associated data binds
// a ciphertext to where it belongs (an account id, a session id), so it cannot be moved to
// another row and still decrypt.
const VERSION = 1;

export function encrypt(appSecret: string, purpose: KeyPurpose, plaintext: Uint8Array, associatedData: string): Uint8Array {
  const nonce = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", deriveKey(appSecret, purpose), nonce);
  cipher.setAAD(Buffer.from(associatedData, "utf8"));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return new Uint8Array(Buffer.concat([Buffer.from([VERSION]), nonce, body, cipher.getAuthTag()]));
}

/** The plaintext, or null when the data was tampered with, moved, or sealed with another secret. */
export function decrypt(appSecret: string, purpose: KeyPurpose, sealed: Uint8Array, associatedData: string): Uint8Array | null {
  if (sealed.length < 1 + 12 + 16 || sealed[0] !== VERSION) return null;
  const buf = Buffer.from(sealed);
  const nonce = buf.subarray(1, 13);
  const tag = buf.subarray(buf.length - 16);
  const body = buf.subarray(13, buf.length - 16);
  try {
    const decipher = createDecipheriv("aes-256-gcm", deriveKey(appSecret, purpose), nonce);
    decipher.setAAD(Buffer.from(associatedData, "utf8"));
    decipher.setAuthTag(tag);
    return new Uint8Array(Buffer.concat([decipher.update(body), decipher.final()]));
  } catch {
    return null;
  }
}

export function toBase64url(bytes: Uint8Array): string {
  return encodeBase64urlNoPadding(bytes);
}

export function fromBase64url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]{1,4096}$/.test(text)) return null;
  try {
    return decodeBase64urlIgnorePadding(text);
  } catch {
    return null;
  }
}
