import { describe, expect, it } from "vitest";
import { translator } from "~/domain/i18n/catalogue.ts";
import { formatDate, formatDateTime } from "./dates.ts";

describe("budgeting dates", () => {
  it("writes UK calendar dates in English and Welsh", () => {
    // 23:30 UTC on 30 June is already 1 July in the UK (BST).
    expect(formatDate(new Date("2027-06-30T23:30:00Z"), "en")).toBe("1 July 2027");
    expect(formatDate(new Date("2027-02-01T00:00:00Z"), "cy")).toBe("1 Chwefror 2027");
  });

  it("writes closing times the GOV.UK way", () => {
    const en = translator("en");
    expect(formatDateTime(new Date("2027-06-30T16:00:00Z"), "en", en)).toBe("5pm on 30 June 2027");
    expect(formatDateTime(new Date("2027-01-15T09:30:00Z"), "en", en)).toBe("9:30am on 15 January 2027");
    expect(formatDateTime(new Date("2027-01-15T12:00:00Z"), "en", en)).toBe("midday on 15 January 2027");
    expect(formatDateTime(new Date("2027-01-16T00:00:00Z"), "en", en)).toBe("midnight on 16 January 2027");
    expect(formatDateTime(new Date("2027-06-30T16:00:00Z"), "cy", translator("cy"))).toBe("5yh ar 30 Mehefin 2027");
  });
});
