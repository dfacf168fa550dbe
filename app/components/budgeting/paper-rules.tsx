// How to type paper ballots for this process's ballot type, and the projects each budget's
// papers can name: shown beside both entries of a batch so both officers type to the same rules.
import { useT } from "../i18n.tsx";
import { Table } from "../ui/panels.tsx";

export interface PaperBallotRules {
  type: "approval" | "knapsack" | "cumulative" | "ranked";
  minProjects: number;
  maxProjects: number | null;
  points: number | null;
  pointsPerProjectCap: number | null;
  rankCount: number | null;
  /** Example lines for this ballot type. */
  examples: string[];
}

export function PaperRules({ ballot }: { ballot: PaperBallotRules }) {
  const t = useT();
  const limits =
    ballot.maxProjects === null ? t("paper.rule.limitsMin", { min: ballot.minProjects }) : t("paper.rule.limits", { min: ballot.minProjects, max: ballot.maxProjects });
  const rule =
    ballot.type === "approval"
      ? t("paper.rule.approval", { limits })
      : ballot.type === "knapsack"
        ? t("paper.rule.knapsack")
        : ballot.type === "cumulative"
          ? t("paper.rule.cumulative", { points: ballot.points ?? "", cap: ballot.pointsPerProjectCap ?? ballot.points ?? "" })
          : t("paper.rule.ranked", { rankCount: ballot.rankCount ?? "" });
  return (
    <>
      <h2>{t("paper.new.rules")}</h2>
      <p>{t("paper.new.rulesLead")}</p>
      <p>{rule}</p>
      <p className="mb-2">{t("paper.rule.example")}</p>
      <pre className="mb-6 border-l-[10px] border-border py-2 pl-4 font-mono">{ballot.examples.join("\n")}</pre>
      <p>{t("paper.new.spoilt")}</p>
    </>
  );
}

export function PaperProjects({ budget }: { budget: { name: string; amount: string; projects: { reference: string; title: string; cost: string }[] } }) {
  const t = useT();
  return (
    <Table
      caption={t("paper.new.projectsCaption", { budget: budget.name, amount: budget.amount })}
      head={[t("paper.new.reference"), t("paper.new.project"), t("paper.new.cost")]}
      rows={budget.projects.map((p) => [p.reference, p.title, p.cost])}
    />
  );
}
