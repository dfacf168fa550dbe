// Delivery progress of a chosen project ("you voted, we did"): status, percent complete, money
// spent against the cost, the latest note and the milestones, each only when the council gave it.
import type { ReactNode } from "react";
import { formatPence, type Pence } from "~/domain/budgeting/money.ts";
import { useLocale, useT } from "../i18n.tsx";
import { SummaryList } from "../ui/panels.tsx";
import { formatDate } from "./dates.ts";

export interface DeliveryFacts {
  percentComplete: number | null;
  spentPence: Pence | null;
  note: string | null;
  updatedAt: Date | null;
  milestones: { id: string; title: string; dueOn: Date | null; completedOn: Date | null }[];
}

export function DeliveryProgress({ delivery, status, costPence }: { delivery: DeliveryFacts; status: string; costPence: Pence }) {
  const t = useT();
  const locale = useLocale();
  const rows: { key: string; value: ReactNode }[] = [{ key: t("voting.process.status"), value: t(`voting.status.${status}` as Parameters<typeof t>[0]) }];
  if (delivery.percentComplete !== null) {
    const percent = Math.max(0, Math.min(100, delivery.percentComplete));
    rows.push({
      key: t("voting.delivery.complete"),
      value: (
        <>
          {t("voting.delivery.percent", { percent })}
          {/* The bar repeats the words for sighted readers; the words carry the meaning. A native
              element, because the content security policy allows no inline styles. */}
          <progress aria-hidden="true" className="mt-2 block h-3 w-full max-w-xs accent-ink" value={percent} max={100} />
        </>
      ),
    });
  }
  if (delivery.spentPence !== null)
    rows.push({ key: t("voting.delivery.spent"), value: t("voting.delivery.spentOf", { spent: formatPence(delivery.spentPence), cost: formatPence(costPence) }) });
  if (delivery.note) rows.push({ key: t("voting.delivery.update"), value: delivery.note });
  if (delivery.updatedAt) rows.push({ key: t("voting.delivery.updated"), value: formatDate(delivery.updatedAt, locale) });
  const hasFacts = rows.length > 1 || delivery.milestones.length > 0;
  return (
    <>
      <SummaryList rows={rows} />
      {delivery.milestones.length > 0 ? (
        <>
          <p className="mb-2 font-bold">{t("voting.delivery.milestones")}</p>
          <ul className="mb-8 list-disc pl-6">
            {delivery.milestones.map((m) => (
              <li key={m.id} className="mb-1">
                {m.completedOn
                  ? t("voting.delivery.done", { title: m.title, date: formatDate(m.completedOn, locale) })
                  : m.dueOn
                    ? t("voting.delivery.due", { title: m.title, date: formatDate(m.dueOn, locale) })
                    : t("voting.delivery.planned", { title: m.title })}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {hasFacts ? null : <p>{t("voting.process.noDelivery")}</p>}
    </>
  );
}
