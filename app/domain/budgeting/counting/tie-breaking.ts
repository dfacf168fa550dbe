// Tie-breaking between projects that a rule ranks equally.
//
// - "default": lowest cost, then most votes, then project id. The order equalshares.net
//   recommends (cheapest first, then highest vote count; pb-rules.md §6) with the id as a
//   deterministic last resort instead of a lot; with score-descending first it is also the greedy
//   order that reproduces the official outcome of almost every greedy election on pabulib
//   (pb-rules.md §3).
// - "id": project id as a string only — pabutools' default `lexico_tie_breaking` (Python string
//   order, so "10" < "9"), for cross-checking against pabutools.
// - "refuse": stop and report the tie so officers can settle it by their published policy
//   (pabutools `refuse_tie_breaking`; the equalshares.net compute tool also stops on any tie).
//
// The same policy applies at every Add1 budget (equalshares.net docs).
import { compare, type Rational } from "../rational.ts";

export type TieBreak = "default" | "id" | "refuse";
export const TIE_BREAKS: readonly TieBreak[] = ["default", "id", "refuse"];

export interface TieKeys {
  readonly id: string;
  readonly cost: Rational;
  readonly votes: number;
}

/** Python's str order: by Unicode code point (JS `<` compares UTF-16 units, which differs for astral characters). */
export function compareIds(a: string, b: string): number {
  if (a === b) return 0;
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  for (;;) {
    const x = ia.next();
    const y = ib.next();
    if (x.done || y.done) return x.done ? (y.done ? 0 : -1) : 1;
    const cx = x.value.codePointAt(0)!;
    const cy = y.value.codePointAt(0)!;
    if (cx !== cy) return cx < cy ? -1 : 1;
  }
}

/** Negative when a wins the tie against b. "refuse" orders like "default"; callers detect ties. */
export function compareForTie(mode: TieBreak, a: TieKeys, b: TieKeys): number {
  if (mode === "id") return compareIds(a.id, b.id);
  return compare(a.cost, b.cost) || b.votes - a.votes || compareIds(a.id, b.id);
}

/** The winner of a tie among projects (non-empty list). */
export function breakTie<T extends TieKeys>(mode: TieBreak, tied: readonly T[]): T {
  let best = tied[0]!;
  for (const t of tied) if (compareForTie(mode, t, best) < 0) best = t;
  return best;
}
