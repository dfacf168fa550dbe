// Words for a process's fixed settings (who can vote, ballot, counting, ties) and for the lines of
// its history, shared by the officer overview and the read-only settings shown once review starts.
import type { MessageKey, Translate } from "~/domain/i18n/catalogue.ts";

export interface SettingsFacts {
  minimumAge: number | null;
  requirePostcodeInArea: boolean;
  useVotingCodes: boolean;
  ballotType: string;
  minProjects: number;
  maxProjects: number | null;
  points: number | null;
  pointsPerProjectCap: number | null;
  rankCount: number | null;
  countingRule: string;
  mesCompletion: string;
  greedyThreshold: number | null;
  tieBreak: string;
}

function ballotText(t: Translate, p: SettingsFacts): string {
  const range = p.maxProjects
    ? t("officerBudgets.process.rangeBetween", { min: p.minProjects, max: p.maxProjects })
    : t("officerBudgets.process.rangeAtLeast", { min: p.minProjects });
  switch (p.ballotType) {
    case "approval":
      return t("officerBudgets.process.ballotApproval", { range });
    case "knapsack":
      return t("officerBudgets.process.ballotKnapsack", { range });
    case "cumulative":
      return t("officerBudgets.process.ballotCumulative", { points: p.points ?? 0, cap: p.pointsPerProjectCap ?? p.points ?? 0 });
    default:
      return t("officerBudgets.process.ballotRanked", { count: p.rankCount ?? 0 });
  }
}

function countingText(t: Translate, p: SettingsFacts): string {
  const rule = t(`officerBudgets.rule.${p.countingRule}` as MessageKey);
  if (p.countingRule === "equal_shares") return `${rule}: ${t(`officerBudgets.completion.${p.mesCompletion}` as MessageKey).toLowerCase()}`;
  if (p.countingRule === "greedy_threshold" && p.greedyThreshold !== null)
    return `${rule} (${t("officerBudgets.process.threshold", { threshold: p.greedyThreshold })})`;
  return rule;
}

/** Summary-list rows for the settings that are fixed once review starts. */
export function settingsRows(t: Translate, p: SettingsFacts): { key: string; value: string }[] {
  return [
    {
      key: t("officerBudgets.process.eligibility"),
      value: [
        p.minimumAge === null ? t("officerBudgets.process.anyAge") : t("officerBudgets.process.minimumAge", { age: p.minimumAge }),
        p.requirePostcodeInArea ? t("officerBudgets.process.postcodeCheck") : t("officerBudgets.process.noPostcodeCheck"),
        ...(p.useVotingCodes ? [t("officerBudgets.process.codes")] : []),
      ].join("; "),
    },
    { key: t("officerBudgets.process.ballot"), value: ballotText(t, p) },
    { key: t("officerBudgets.process.counting"), value: countingText(t, p) },
    { key: t("officerBudgets.process.tieBreak"), value: t(`officerBudgets.tie.${p.tieBreak}` as MessageKey) },
  ];
}

/** One line of a process's history in words; an action these pages do not know is shown as recorded. */
export function describeEvent(t: Translate, action: string, data: Record<string, unknown>): string {
  const s = (k: string) => (typeof data[k] === "string" ? (data[k] as string) : "");
  const phase = (k: string) => (s(k) ? t(`officerBudgets.phase.${s(k)}` as MessageKey).toLowerCase() : "");
  switch (action) {
    case "budget.created":
    case "budget.updated":
    case "project.updated":
    case "project.image_added":
    case "project.image_removed":
      return t(`officerBudgets.history.${action}`, { reference: s("reference") });
    case "budget.budget_added":
      return t("officerBudgets.history.budget.budget_added", { name: s("name") });
    case "budget.phase_changed":
      return t("officerBudgets.history.budget.phase_changed", { from: phase("from"), to: phase("to") });
    case "project.created":
      return t("officerBudgets.history.project.created", { reference: s("reference"), title: s("title") });
    case "project.reviewed":
      return t("officerBudgets.history.project.reviewed", {
        reference: s("reference"),
        decision: s("decision") ? t(`officerBudgets.status.${s("decision")}` as MessageKey).toLowerCase() : "",
      });
    case "idea.accepted":
      return t("officerBudgets.history.idea.accepted", { title: s("title"), reference: s("reference") });
    case "idea.declined":
      return t("officerBudgets.history.idea.declined", { title: s("title") });
    default:
      return t("officerBudgets.history.other", { action });
  }
}
