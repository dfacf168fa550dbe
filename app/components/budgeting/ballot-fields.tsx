// The choices part of a ballot, one fieldset for the four ballot types, and the live counter of
// money or points left. Field names come from app/domain/budgeting/ballot-form.ts. The first
// input carries the id "choices", so the error summary's link lands on the ballot.
import type { BallotType } from "~/domain/budgeting/ballot.ts";
import type { MoneyCounter, PointsCounter } from "~/domain/budgeting/ballot.ts";
import { pointsField, rankField } from "~/domain/budgeting/ballot-form.ts";
import { formatPence, type Pence } from "~/domain/budgeting/money.ts";
import { useT } from "../i18n.tsx";
import { ErrorMessage } from "../ui/error-summary.tsx";

export interface BallotProjectRow {
  id: string;
  reference: string;
  title: string;
  costPence: Pence;
  wardName: string | null;
  href: string;
}

interface Props {
  type: BallotType;
  projects: BallotProjectRow[];
  /** What the voter entered per project id ("1" for a ticked box, the points, the rank). */
  typed: Record<string, string>;
  legend: string;
  hint: string;
  error?: string;
  /** Ranked ballots: how many choices there are. */
  rankCount: number;
}

export const CHOICES_ID = "choices";

function inputId(index: number) {
  return index === 0 ? CHOICES_ID : `${CHOICES_ID}-${index + 1}`;
}

export function BallotChoices({ type, projects, typed, legend, hint, error, rankCount }: Props) {
  const t = useT();
  const describedBy = [`${CHOICES_ID}-hint`, error ? `${CHOICES_ID}-error` : null].filter(Boolean).join(" ");
  const choices = Math.min(rankCount, projects.length);
  return (
    <div className={`mb-6 ${error ? "border-l-[5px] border-error pl-4" : ""}`}>
      <fieldset aria-describedby={describedBy}>
        <legend className="mb-2 text-2xl font-bold">{legend}</legend>
        <div id={`${CHOICES_ID}-hint`} className="mb-4 text-secondary">
          {hint}
        </div>
        <ErrorMessage id={`${CHOICES_ID}-error`}>{error}</ErrorMessage>
        {projects.map((project, index) => {
          const id = inputId(index);
          const about = (
            <div id={`${id}-item-hint`} className="text-secondary">
              {project.wardName
                ? t("voting.ballot.projectWardHint", { cost: formatPence(project.costPence), ward: project.wardName })
                : t("voting.ballot.projectHint", { cost: formatPence(project.costPence) })}
            </div>
          );
          const more = (
            <a href={project.href} className="text-base">
              {t("voting.ballot.more")}
              <span className="sr-only">: {project.title}</span>
            </a>
          );
          if (type === "approval" || type === "knapsack")
            return (
              <div key={project.id} className="mb-5 flex items-start gap-3">
                <input
                  id={id}
                  type="checkbox"
                  name="project"
                  value={project.id}
                  defaultChecked={typed[project.id] === "1"}
                  aria-describedby={`${id}-item-hint`}
                  aria-invalid={error ? true : undefined}
                  className="mt-0.5 size-8 shrink-0 cursor-pointer accent-ink"
                />
                <div>
                  <label htmlFor={id} className="block cursor-pointer pt-1 font-bold">
                    {project.title}
                  </label>
                  {about}
                  {more}
                </div>
              </div>
            );
          if (type === "cumulative")
            return (
              <div key={project.id} className="mb-5">
                <label htmlFor={id} className="block font-bold">
                  {project.title}
                </label>
                {about}
                <div className="mt-1 flex items-center gap-2">
                  <input
                    id={id}
                    name={pointsField(project.id)}
                    type="text"
                    inputMode="numeric"
                    autoComplete="off"
                    spellCheck={false}
                    defaultValue={typed[project.id] ?? ""}
                    aria-describedby={`${id}-item-hint`}
                    aria-invalid={error ? true : undefined}
                    className={`h-10 w-[5ex] border-2 px-1 ${error ? "border-error" : "border-input"}`}
                  />
                  <span aria-hidden="true">{t("voting.ballot.pointsSuffix")}</span>
                </div>
                {more}
              </div>
            );
          return (
            <div key={project.id} className="mb-5">
              <label htmlFor={id} className="block font-bold">
                {project.title}
              </label>
              {about}
              <select
                id={id}
                name={rankField(project.id)}
                defaultValue={typed[project.id] ?? ""}
                aria-describedby={`${id}-item-hint`}
                aria-invalid={error ? true : undefined}
                className={`mt-1 block h-10 min-w-[12rem] border-2 bg-white px-1 ${error ? "border-error" : "border-input"}`}
              >
                <option value="">{t("voting.ballot.notRanked")}</option>
                {Array.from({ length: choices }, (_, i) => (
                  <option key={i + 1} value={String(i + 1)}>
                    {t("voting.ballot.choiceN", { n: i + 1 })}
                  </option>
                ))}
                {/* A rank beyond the list (a forged or stale form) is still shown, not silently dropped. */}
                {typed[project.id] && !(Number(typed[project.id]) >= 1 && Number(typed[project.id]) <= choices) ? (
                  <option value={typed[project.id]}>{typed[project.id]}</option>
                ) : null}
              </select>
              {more}
            </div>
          );
        })}
      </fieldset>
    </div>
  );
}

/** "£3,000 left of £10,000" / "Over budget by £1,200" and the points left, in a polite live region. */
export function BallotCounter({ money, points, notice }: { money: MoneyCounter | null; points: PointsCounter | null; notice: string | null }) {
  const t = useT();
  return (
    <div aria-live="polite" id="ballot-counter" className="mb-4 border-l-[10px] border-ink bg-panel py-3 pl-4 text-xl font-bold">
      {money ? (
        <>
          <p className="mb-1">
            {money.overByPence > 0n
              ? t("voting.ballot.overBudget", { over: formatPence(money.overByPence) })
              : t("voting.ballot.moneyLeft", { left: formatPence(money.remainingPence), limit: formatPence(money.limitPence) })}
          </p>
          <p className="mb-0 text-base font-normal">{t("voting.ballot.chosenCost", { spent: formatPence(money.spentPence) })}</p>
        </>
      ) : null}
      {points ? (
        <p className="mb-0">
          {points.remaining < 0
            ? t("voting.ballot.pointsOver", { over: -points.remaining })
            : t("voting.ballot.pointsLeft", { left: points.remaining, points: points.points })}
        </p>
      ) : null}
      {notice ? <p className="mt-2 mb-0 text-base">{notice}</p> : null}
    </div>
  );
}
