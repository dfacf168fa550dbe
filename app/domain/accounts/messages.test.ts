import { describe, expect, it } from "vitest";
import { accountsMessage, roleName, signInCodeEmail, staffInvitationEmail, type AccountsReason } from "./messages.ts";
import { ROLES } from "./permissions.ts";

// Every reason a use case in app/server/accounts can return. Adding a reason there without
// adding copy here fails type-checking of messages.ts; this list keeps the test honest too.
const REASONS: AccountsReason[] = [
  "invalid_email", "invalid_code", "invalid_display_name",
  "password_too_short", "password_too_long", "password_too_common", "password_contains_email",
  "wrong_code", "expired_code", "used_code", "too_many_attempts", "rate_limited",
  "invalid_credentials", "not_staff", "wrong_password", "session_invalid",
  "already_enrolled", "not_enrolled", "enrolment_expired", "forbidden", "invalid_role",
  "invitation_not_found", "invitation_expired", "invitation_used",
  "account_not_found", "role_not_held", "last_admin",
];

describe("accountsMessage", () => {
  it.each(REASONS)("has English and Welsh copy for %s with no unfilled placeholders", (reason) => {
    for (const locale of ["en", "cy"] as const) {
      const text = accountsMessage(reason, locale, { retryAfterSeconds: 120, attemptsRemaining: 2, min: 12, max: 128 });
      expect(text.length).toBeGreaterThan(10);
      expect(text).not.toMatch(/[{}]/);
    }
    expect(accountsMessage(reason, "cy")).not.toBe(accountsMessage(reason, "en"));
  });

  it("says how long to wait, rounding up to whole minutes", () => {
    expect(accountsMessage("rate_limited", "en", { retryAfterSeconds: 61 })).toBe(
      "You have tried too many times. Wait 2 minutes, then try again",
    );
    expect(accountsMessage("rate_limited", "cy", { retryAfterSeconds: 30 })).toContain("1 munud");
  });

  it("says how many tries are left", () => {
    expect(accountsMessage("wrong_code", "en", { attemptsRemaining: 3 })).toBe(
      "The code is not correct. Check it and try again. You have 3 more tries",
    );
    expect(accountsMessage("wrong_code", "en")).toBe("The code is not correct. Check it and try again");
  });

  it("fills in password lengths", () => {
    expect(accountsMessage("password_too_short", "en", { min: 12 })).toBe("Password must be 12 characters or more");
  });
});

describe("emails", () => {
  it("puts the code in the body, not the subject", () => {
    const email = signInCodeEmail({ code: "042137", locale: "en", councilName: "Trafford Council", minutes: 10 });
    expect(email.subject).toBe("Your sign-in code for Trafford Council");
    expect(email.subject).not.toContain("042137");
    expect(email.text).toContain("042137");
    expect(email.text).toContain("10 minutes");
  });

  it("writes the code email in Welsh when asked", () => {
    const email = signInCodeEmail({ code: "042137", locale: "cy", minutes: 10 });
    expect(email.subject).toBe("Eich cod mewngofnodi ar gyfer Commonweal");
    expect(email.text).toContain("10 munud");
  });

  it("writes the invitation with the link and the role", () => {
    const email = staffInvitationEmail({ link: "https://x.example/invitations/abc", councilName: "Trafford Council", role: "admin", locale: "en", days: 7 });
    expect(email.text).toContain("as an administrator");
    expect(email.text).toContain("https://x.example/invitations/abc");
    expect(staffInvitationEmail({ link: "l", councilName: "C", role: "officer", locale: "cy", days: 7 }).text).toContain("swyddog");
  });

  it("names every role in both languages", () => {
    for (const role of ROLES) expect(roleName(role, "cy")).not.toBe("");
  });
});
