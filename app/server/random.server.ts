// Random strings that people read aloud, copy from paper and type: ballot and response
// references, voting codes.
import { randomInt } from "node:crypto";

/** Crockford base32: no I, L, O or U, so a reference read aloud or typed from paper is unambiguous. */
export const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

export function randomCrockford(length: number): string {
  let out = "";
  for (let i = 0; i < length; i++) out += CROCKFORD[randomInt(0, CROCKFORD.length)];
  return out;
}
