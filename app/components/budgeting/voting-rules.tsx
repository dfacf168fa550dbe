// Who can vote in a budget process and how its ballot works, in plain words, from its settings.
import type { BallotSettings } from "~/domain/budgeting/ballot.ts";
import { useT } from "../i18n.tsx";

export interface VotingRulesFacts extends BallotSettings {
  minimumAge: number | null;
  requirePostcodeInArea: boolean;
  useVotingCodes: boolean;
  /** Some budget belongs to one ward. */
  hasWardBudgets: boolean;
}

export function WhoCanVote({ facts }: { facts: VotingRulesFacts }) {
  const t = useT();
  const lines = [
    facts.useVotingCodes ? t("voting.rules.code") : t("voting.rules.signIn"),
    facts.requirePostcodeInArea ? t("voting.rules.area") : null,
    facts.requirePostcodeInArea && facts.hasWardBudgets ? t("voting.rules.ward") : null,
    facts.minimumAge !== null ? t("voting.rules.age", { age: facts.minimumAge }) : null,
    facts.useVotingCodes ? t("voting.rules.noChange") : t("voting.rules.change"),
  ].filter((line): line is string => line !== null);
  return (
    <ul className="mb-8 list-disc pl-6">
      {lines.map((line) => (
        <li key={line} className="mb-1">
          {line}
        </li>
      ))}
    </ul>
  );
}

/** One sentence (or two) on how to fill in this ballot. */
export function howToVote(facts: BallotSettings, t: ReturnType<typeof useT>): string {
  switch (facts.ballotType) {
    case "approval":
      return `${t("voting.rules.approval")} ${approvalHint(facts.minProjects, facts.maxProjects, t)}`;
    case "knapsack":
      return t("voting.rules.knapsack");
    case "cumulative":
      return t("voting.rules.cumulative", { points: facts.points ?? 0, cap: facts.pointsPerProjectCap ?? facts.points ?? 0 });
    case "ranked":
      return t("voting.rules.ranked", { count: facts.rankCount ?? 0 });
  }
}

/** How many projects an approval ballot takes, in words. */
export function approvalHint(min: number, max: number | null, t: ReturnType<typeof useT>): string {
  if (max !== null) return t("voting.rules.approvalRange", { min, max });
  if (min > 1) return t("voting.rules.approvalMin", { min });
  return t("voting.ballot.anyNumberHint");
}
