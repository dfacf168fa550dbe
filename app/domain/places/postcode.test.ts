import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { isNormalisedPostcode, normalisePostcode, outwardCode } from "./postcode.ts";

describe("normalisePostcode", () => {
  it.each([
    ["M32 0TL", "M32 0TL"],
    ["m320tl", "M32 0TL"],
    [" M32  0TL ", "M32 0TL"],
    ["m32\u00a00tl", "M32 0TL"], // no-break space pasted from a document
    ["M32-0TL", "M32 0TL"],
    ["(M32 0TL).", "M32 0TL"],
    ["wa141aa", "WA14 1AA"],
    ["M1 1AE", "M1 1AE"], // A9 9AA
    ["B33 8TH", "B33 8TH"], // A99 9AA
    ["CR2 6XH", "CR2 6XH"], // AA9 9AA
    ["DN55 1PT", "DN55 1PT"], // AA99 9AA
    ["W1A 1HQ", "W1A 1HQ"], // A9A 9AA
    ["EC1A 1BB", "EC1A 1BB"], // AA9A 9AA
    ["SW1W 0NY", "SW1W 0NY"],
    ["gir0aa", "GIR 0AA"],
  ])("%j → %s", (input, expected) => {
    expect(normalisePostcode(input)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ["", "empty"],
    ["   ", "empty"],
    ["M32 0T!", "invalid_characters"],
    ["M32 0TL£", "invalid_characters"],
    ["M32", "wrong_length"],
    ["M32 0TLX1", "wrong_length"],
    ["12345", "invalid_format"],
    ["MMM 0TL", "invalid_format"],
    ["QA1 1AA", "invalid_format"], // Q never starts a postcode
    ["AI1 1AA", "invalid_format"], // I never second
    ["M1 1CA", "invalid_format"], // C never in the inward code
    ["M32 OTL", "invalid_format"], // letter O typed for zero
    ["W1I 1AA", "invalid_format"], // I not allowed third in A9A
    ["EC1Z 1BB", "invalid_format"], // Z not allowed fourth in AA9A
  ])("rejects %j as %s", (input, reason) => {
    expect(normalisePostcode(input)).toEqual({ ok: false, reason });
  });

  it("accepts every postcode in the shipped Trafford extract as already normalised", () => {
    const lines = readFileSync("prisma/data/trafford/postcodes.csv", "utf8").trim().split("\n").slice(1);
    expect(lines.length).toBe(11_264);
    const rejected = lines
      .map((line) => line.split(",")[0]!)
      .filter((postcode) => {
        const result = normalisePostcode(postcode);
        return !(result.ok && result.value === postcode && isNormalisedPostcode(postcode));
      });
    expect(rejected).toEqual([]);
  });
});

describe("isNormalisedPostcode and outwardCode", () => {
  it("tells the stored form from other spellings", () => {
    expect(isNormalisedPostcode("M32 0TL")).toBe(true);
    expect(isNormalisedPostcode("M320TL")).toBe(false);
    expect(isNormalisedPostcode("m32 0tl")).toBe(false);
  });

  it("takes the district", () => {
    expect(outwardCode("M32 0TL")).toBe("M32");
    expect(outwardCode("EC1A 1BB")).toBe("EC1A");
  });
});
