// UK postcodes: tidy what a person typed into the one form we store ("M32 0TL") and say
// why it is not a postcode when it is not one.
//
// Forgiving input follows the GOV.UK Design System address pattern ("Allow postcodes with
// different spacing and capitalisation … and punctuation like hyphens, brackets, dashes and
// full stops"). The shape rules are the Royal Mail / BS 7666 ones published by the Cabinet
// Office ("Bulk Data Transfer: additional validation for CAS", postcode format annex):
//   outward code  A9 | A99 | AA9 | AA99 | A9A | AA9A, inward code 9AA, plus GIR 0AA.
// Letters are restricted by position, so e.g. "QA1 1AA" and "M1 1CA" are rejected.
import { err, ok, type Result } from "../result.ts";

export type PostcodeProblem = "empty" | "invalid_characters" | "wrong_length" | "invalid_format";

// Spacing and the punctuation GOV.UK says to tolerate; \s also covers no-break spaces pasted
// from documents.
const IGNORABLE = /[\s\-\u2010-\u2015().,]/g;

const OUTWARD = [
  "[A-PR-UWYZ][0-9][0-9]?", // A9, A99 — first letter never Q, V or X
  "[A-PR-UWYZ][A-HK-Y][0-9][0-9]?", // AA9, AA99 — second letter never I, J or Z
  "[A-PR-UWYZ][0-9][A-HJKPSTUW]", // A9A
  "[A-PR-UWYZ][A-HK-Y][0-9][ABEHMNPRVWXY]", // AA9A
].join("|");
// The inward letters never use C, I, K, M, O or V (they look like other characters in handwriting).
const POSTCODE = new RegExp(`^(?:(?:${OUTWARD}) [0-9][ABD-HJLNP-UW-Z]{2}|GIR 0AA)$`);

/**
 * Normalises a postcode to upper case with a single space before the inward code:
 * " m32  0tl" → "M32 0TL". Returns why it is not a postcode otherwise.
 */
export function normalisePostcode(input: string): Result<string, PostcodeProblem> {
  const compact = input.replace(IGNORABLE, "").toUpperCase();
  if (compact === "") return err("empty");
  if (!/^[A-Z0-9]+$/.test(compact)) return err("invalid_characters");
  // The shortest postcode is "A9 9AA" (5 characters without the space), the longest "AA9A 9AA" (7).
  if (compact.length < 5 || compact.length > 7) return err("wrong_length");
  const postcode = `${compact.slice(0, -3)} ${compact.slice(-3)}`;
  if (!POSTCODE.test(postcode)) return err("invalid_format");
  return ok(postcode);
}

/** True for a postcode already in the stored form ("M32 0TL"). */
export function isNormalisedPostcode(value: string): boolean {
  return POSTCODE.test(value);
}

/** The outward code ("M32" of "M32 0TL"): the postcode district. Expects the stored form. */
export function outwardCode(postcode: string): string {
  return postcode.slice(0, postcode.indexOf(" "));
}
