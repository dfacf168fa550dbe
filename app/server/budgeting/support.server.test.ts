// Day-only timestamps: what Ballot.castAt and Participation.votedOn store.
import { describe, expect, it } from "vitest";
import { ukDay } from "./support.server.ts";

describe("ukDay", () => {
  it.each([
    ["2026-05-04T23:30:00Z", "2026-05-05T00:00:00.000Z"], // BST: already the 5th in the UK
    ["2026-05-04T22:59:59Z", "2026-05-04T00:00:00.000Z"],
    ["2026-01-15T23:30:00Z", "2026-01-15T00:00:00.000Z"], // GMT
    ["2026-03-29T00:30:00Z", "2026-03-29T00:00:00.000Z"], // clocks go forward at 01:00 GMT
  ])("%s → %s", (at, day) => {
    expect(ukDay(new Date(at)).toISOString()).toBe(day);
  });
});
