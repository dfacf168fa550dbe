import { describe, expect, it } from "vitest";
import { formatRecoveryCode, groupForManualEntry, parseRecoveryCode, parseSixDigitCode } from "./codes.ts";
import { parseDisplayName } from "./display-name.ts";

describe("parseSixDigitCode", () => {
  it.each([["123456", "123456"], ["123 456", "123456"], [" 012-345 ", "012345"], ["１２３４５６", "123456"]])(
    "accepts %j",
    (input, value) => expect(parseSixDigitCode(input)).toEqual({ ok: true, value }),
  );
  it.each(["", "12345", "1234567", "12a456", "one two"])("rejects %j", (input) =>
    expect(parseSixDigitCode(input)).toEqual({ ok: false, reason: "invalid_code" }),
  );
});

describe("recovery codes", () => {
  it("round-trips through the printed form", () => {
    expect(formatRecoveryCode("abcdefghij")).toBe("abcde-fghij");
    expect(parseRecoveryCode("ABCDE-FGHIJ")).toEqual({ ok: true, value: "abcdefghij" });
    expect(parseRecoveryCode("abcde fghij")).toEqual({ ok: true, value: "abcdefghij" });
  });
  it("rejects other shapes", () => {
    expect(parseRecoveryCode("abcde-fghi")).toEqual({ ok: false, reason: "invalid_code" });
    expect(parseRecoveryCode("abcde-fgh1j")).toEqual({ ok: false, reason: "invalid_code" });
  });
  it("groups a key for manual entry", () => {
    expect(groupForManualEntry("ABCDEFGHIJ")).toBe("ABCD EFGH IJ");
  });
});

describe("parseDisplayName", () => {
  it("tidies whitespace", () => {
    expect(parseDisplayName("  Jo   Bloggs ")).toEqual({ ok: true, value: "Jo Bloggs" });
  });
  it.each(["", "   ", "x".repeat(101), "Jo\u202eBloggs", "Jo\u0000"])("rejects %j", (input) =>
    expect(parseDisplayName(input)).toEqual({ ok: false, reason: "invalid_display_name" }),
  );
});
