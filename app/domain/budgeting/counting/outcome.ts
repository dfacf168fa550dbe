// What every counting rule returns: the selection, and an explanation per project that the
// results page turns into sentences (messages.ts). Amounts are exact, in the election's currency
// units (pence in the product); the page rounds only when it prints.
import type { Rational } from "../rational.ts";
import type { TieBreak } from "./tie-breaking.ts";

export type RuleName = "greedy" | "greedy-no-skip" | "greedy-threshold" | "equal-shares";
export const RULE_NAMES: readonly RuleName[] = ["greedy", "greedy-no-skip", "greedy-threshold", "equal-shares"];

/** Which part of the count funded a project. */
export type Stage = "greedy" | "equal-shares" | "completion";

/** How the Method of Equal Shares paid for one project (Peters & Skowron 2020, "Rule X"). */
export interface MesPayment {
  /** Supporters of the project. */
  readonly supporters: number;
  /** What each supporter who could afford it paid (for cost utilities: ρ × cost). */
  readonly share: Rational;
  /** Supporters who paid `share`. */
  readonly paidShare: number;
  /** Supporters who had less than `share` left and paid all of it. */
  readonly paidAllTheyHad: number;
  readonly paidAllTheyHadTotal: Rational;
  /** Supporters who had nothing left. */
  readonly paidNothing: number;
}

export type LossReason =
  /** Greedy or completion: when its turn came, the money left was less than its cost. */
  | { readonly reason: "did_not_fit"; readonly remaining: Rational }
  /** greedy-no-skip: counting stopped at an earlier project that did not fit. */
  | { readonly reason: "counting_stopped"; readonly stoppedAt: string }
  /** greedy-threshold: its score was below the threshold. */
  | { readonly reason: "below_threshold"; readonly threshold: Rational }
  /**
   * Equal shares: when counting ended, its supporters together had less than its cost left.
   * leftoverAtTurn: with utilitarian completion, the money left when the completion reached it.
   */
  | { readonly reason: "supporters_short"; readonly supportersHad: Rational; readonly leftoverAtTurn?: Rational }
  /** Equal shares: nobody voted for it, so nobody's share could pay for it. */
  | { readonly reason: "no_supporters"; readonly leftoverAtTurn?: Rational };

interface ExplanationBase {
  readonly projectId: string;
  readonly cost: Rational;
  /** Supporters (ballots that include the project). */
  readonly votes: number;
  /** The score greedy rules rank by (scores.ts); equal to votes for approval ballots. */
  readonly score: Rational;
}

export interface FundedExplanation extends ExplanationBase {
  readonly funded: true;
  /** 1-based position in the funding order (zero-cost projects come first under equal shares). */
  readonly round: number;
  readonly stage: Stage;
  readonly payment?: MesPayment;
  /** Projects that tied with it at that round and lost the tie-break. */
  readonly wonTieAgainst?: readonly string[];
}

export type NotFundedExplanation = ExplanationBase & { readonly funded: false } & LossReason;

export type ProjectExplanation = FundedExplanation | NotFundedExplanation;

export interface TieRecord {
  readonly round: number;
  readonly tied: readonly string[];
  readonly chosen: string;
}

export type Completion = "none" | "add1" | "add1-utilitarian" | "add1-until-overspend";
export type Utilities = "cost" | "cardinality";

export interface EqualSharesSummary {
  readonly utilities: Utilities;
  readonly completion: Completion;
  /** n: every ballot, including empty ones. */
  readonly voters: number;
  /** Budget ÷ voters, the share each voter starts with. */
  readonly initialShare: Rational;
  /** The share used for the outcome (after Add1 raised it). */
  readonly finalShare: Rational;
  /** How many times Add1 raised the share by one currency unit. */
  readonly add1Steps: number;
  /** Cost of the equal-shares part before utilitarian completion. */
  readonly equalSharesCost: Rational;
  /** Ballots that are not approval ballots were read as approval of the listed projects. */
  readonly ballotsReadAsApproval: boolean;
}

/** One voter's payment, when asked for (recordPayments); voter = index into election.ballots. */
export interface VoterPayment {
  readonly voter: number;
  readonly projectId: string;
  readonly amount: Rational;
}

export interface Outcome {
  readonly rule: RuleName;
  readonly tieBreak: TieBreak;
  /** Project ids in funding order. */
  readonly selected: readonly string[];
  readonly cost: Rational;
  readonly budget: Rational;
  /** One entry per project, in the election's project order. */
  readonly projects: readonly ProjectExplanation[];
  readonly ties: readonly TieRecord[];
  /** greedy-threshold: the minimum score used. */
  readonly threshold?: Rational;
  readonly equalShares?: EqualSharesSummary;
  readonly payments?: readonly VoterPayment[];
}

export type CountReason = "tie" | "no_threshold" | "bad_threshold" | "add1_limit";

export interface TieDetail {
  readonly round: number;
  readonly tied: readonly string[];
}

export type CountResult =
  | { ok: true; value: Outcome }
  | { ok: false; reason: "tie"; detail: TieDetail }
  | { ok: false; reason: "no_threshold" | "bad_threshold"; detail?: undefined }
  | { ok: false; reason: "add1_limit"; detail: { readonly steps: number } };
