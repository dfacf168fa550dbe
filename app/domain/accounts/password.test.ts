import { describe, expect, it } from "vitest";
import { checkNewPassword, normalisePassword, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "./password.ts";

const email = "jo.bloggs@trafford.gov.uk";

describe("checkNewPassword", () => {
  it("accepts a long passphrase and returns it normalised", () => {
    expect(checkNewPassword("correct horse battery", { email })).toEqual({ ok: true, value: "correct horse battery" });
  });

  it("normalises Unicode (NFKC) so composed and decomposed accents match", () => {
    const composed = "caf\u00e9 au lait du matin";
    const decomposed = "cafe\u0301 au lait du matin";
    expect(normalisePassword(composed)).toBe(normalisePassword(decomposed));
  });

  it("counts characters, not UTF-16 units", () => {
    // 11 emoji are 22 UTF-16 units but 11 characters.
    expect(checkNewPassword("🙂".repeat(11), { email })).toMatchObject({ ok: false, reason: "password_too_short" });
  });

  it("refuses short passwords with the minimum in the detail", () => {
    expect(checkNewPassword("a".repeat(PASSWORD_MIN_LENGTH - 1), { email })).toEqual({
      ok: false,
      reason: "password_too_short",
      detail: { min: PASSWORD_MIN_LENGTH },
    });
  });

  it("refuses very long passwords", () => {
    expect(checkNewPassword("xk3".repeat(50), { email })).toMatchObject({ ok: false, reason: "password_too_long" });
    expect(checkNewPassword("g7Tq-".repeat(PASSWORD_MAX_LENGTH / 5), { email }).ok).toBe(true);
  });

  it.each([
    "password1234",
    "Password1234",
    "Password2024!",
    "!!Qwerty123456",
    "qwertyuiop12",
    "aaaaaaaaaaaa",
    "abcabcabcabc",
    "abcdefghijklm",
    "9876543210987",
    "123456789012",
    "111111111111",
    "Commonweal2025",
    "council123456",
  ])("refuses the common password %j", (password) => {
    expect(checkNewPassword(password, { email })).toMatchObject({ ok: false, reason: "password_too_common" });
  });

  it("refuses a password containing the email's local part", () => {
    expect(checkNewPassword("Jo.Bloggs-trafford-2025", { email })).toEqual({ ok: false, reason: "password_contains_email" });
  });

  it("ignores very short local parts", () => {
    expect(checkNewPassword("lime jo tree castle", { email: "jo@example.com" }).ok).toBe(true);
  });

  it("accepts random digits and mixed strings", () => {
    expect(checkNewPassword("839201748392", { email }).ok).toBe(true);
    expect(checkNewPassword("tR7#kd9!pQ2z", { email }).ok).toBe(true);
  });
});
