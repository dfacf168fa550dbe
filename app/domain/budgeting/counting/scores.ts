// Per-project vote counts and scores recounted from the ballots, the quantity greedy rules rank
// by (pb-rules.md §2):
// - approval, choose-1 and knapsack (stored as approval): score = ballots that include the project;
// - cumulative and scoring: score = Σ points given to the project;
// - ordinal: score = Σ (K − position), position 0-based, so with K = 3 a top-3 ballot gives 3/2/1.
//   K defaults to META max_length (the convention of pabulib's score columns), else the longest
//   ballot. pabutools' Additive_Borda_Sat gives 2/1/0 instead — pass ordinalK to match it.
// The file's own `votes` / `score` columns are never trusted for counting.
import type { Election } from "../pabulib.ts";
import { ZERO, add, fromInt, type Rational } from "../rational.ts";

export interface ScoreOptions {
  /** Points for first place on an ordinal ballot (K in K − position). */
  readonly ordinalK?: number;
}

export interface Tally {
  /** Supporters per project, in election.projects order. */
  readonly votes: readonly number[];
  readonly scores: readonly Rational[];
  readonly ordinalK?: number;
}

export function projectIndex(election: Election): Map<string, number> {
  return new Map(election.projects.map((p, i) => [p.id, i]));
}

export function tallyScores(election: Election, options: ScoreOptions = {}): Tally {
  const index = projectIndex(election);
  const votes = new Array<number>(election.projects.length).fill(0);
  for (const b of election.ballots) for (const id of b.projects) votes[index.get(id)!]!++;

  switch (election.voteType) {
    case "approval":
    case "choose-1":
      return { votes, scores: votes.map((v) => fromInt(v)) };
    case "cumulative":
    case "scoring": {
      const scores = new Array<Rational>(election.projects.length).fill(ZERO);
      for (const b of election.ballots) {
        b.projects.forEach((id, k) => {
          const i = index.get(id)!;
          scores[i] = add(scores[i]!, b.points?.[k] ?? ZERO);
        });
      }
      return { votes, scores };
    }
    case "ordinal": {
      const k =
        options.ordinalK ?? election.limits.maxLength ?? election.ballots.reduce((m, b) => Math.max(m, b.projects.length), 0);
      const points = new Array<number>(election.projects.length).fill(0);
      for (const b of election.ballots) {
        b.projects.forEach((id, position) => {
          points[index.get(id)!]! += Math.max(0, k - position);
        });
      }
      return { votes, scores: points.map((p) => fromInt(p)), ordinalK: k };
    }
  }
}
