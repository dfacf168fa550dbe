import { describe, expect, it } from "vitest";
import { emailLocalPart, normaliseEmail } from "./email.ts";

describe("normaliseEmail", () => {
  it.each([
    ["Jo.Bloggs@Trafford.gov.uk", "jo.bloggs@trafford.gov.uk"],
    ["  someone@example.com \n", "someone@example.com"],
    ["first+tag@sub.example.co.uk", "first+tag@sub.example.co.uk"],
    ["o'neill@example.ie", "o'neill@example.ie"],
    ["gwen@enghraifft.cymru", "gwen@enghraifft.cymru"],
  ])("accepts %j", (input, expected) => {
    expect(normaliseEmail(input)).toEqual({ ok: true, value: expected });
  });

  it.each([
    "",
    "   ",
    "no-at-sign.example.com",
    "two@@example.com",
    "a@b@example.com",
    "space in@example.com",
    "nodot@localhost",
    ".lead@example.com",
    "trail.@example.com",
    "dou..ble@example.com",
    "a@-bad-.example.com",
    "a@example..com",
    "victim@example.com,attacker@evil.example",
    "x@example.com\r\nBcc: y@evil.example",
    "<a@example.com>",
    `${"a".repeat(65)}@example.com`,
    `a@${"b".repeat(250)}.com`,
  ])("rejects %j", (input) => {
    expect(normaliseEmail(input)).toEqual({ ok: false, reason: "invalid_email" });
  });

  it("finds the local part", () => {
    expect(emailLocalPart("jo.bloggs@trafford.gov.uk")).toBe("jo.bloggs");
  });
});
