// GOV.UK notification banner, confirmation panel, phase banner, summary list, inset text.
import type { ReactNode } from "react";
import { useT } from "../i18n.tsx";

export function NotificationBanner({ kind = "info", children }: { kind?: "info" | "success"; children: ReactNode }) {
  const t = useT();
  const colour = kind === "success" ? "border-success" : "border-link";
  const bar = kind === "success" ? "bg-success" : "bg-link";
  return (
    <div className={`mb-8 border-[5px] ${colour}`} role={kind === "success" ? "alert" : "region"} aria-labelledby="notification-title">
      <div className={`${bar} px-4 pb-1 pt-0.5`}>
        <h2 id="notification-title" className="m-0 text-base font-bold text-white">
          {kind === "success" ? t("common.success") : t("common.important")}
        </h2>
      </div>
      <div className="px-4 pt-4 pb-1 font-bold">{children}</div>
    </div>
  );
}

export function ConfirmationPanel({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="mb-8 bg-success p-6 text-center text-white">
      <h1 className="mb-4 text-white">{title}</h1>
      {children ? <div className="text-2xl">{children}</div> : null}
    </div>
  );
}

export function PhaseBanner({ tag, children }: { tag: string; children: ReactNode }) {
  return (
    <div className="border-b border-border py-2">
      <p className="m-0 text-base">
        <strong className="mr-2 inline-block bg-[#bbd4ea] px-2 py-0.5 font-bold uppercase tracking-wide text-[#0c2d4a]">{tag}</strong>
        <span>{children}</span>
      </p>
    </div>
  );
}

export function SummaryList({ rows }: { rows: { key: string; value: ReactNode }[] }) {
  return (
    <dl className="mb-8">
      {rows.map((row) => (
        <div key={row.key} className="border-b border-border py-3 sm:flex">
          <dt className="mb-1 font-bold sm:w-1/3 sm:pr-4">{row.key}</dt>
          <dd className="sm:w-2/3">{row.value}</dd>
        </div>
      ))}
    </dl>
  );
}

export function InsetText({ children }: { children: ReactNode }) {
  return <div className="mb-6 border-l-[10px] border-border py-2 pl-4">{children}</div>;
}

export function Table({ caption, head, rows }: { caption: string; head: string[]; rows: ReactNode[][] }) {
  return (
    <div className="mb-8 overflow-x-auto">
      <table className="w-full border-collapse text-left">
        <caption className="mb-3 text-left text-xl font-bold">{caption}</caption>
        <thead>
          <tr>
            {head.map((h) => (
              <th key={h} scope="col" className="border-b border-border py-2 pr-4 font-bold">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={i}>
              {row.map((cell, j) =>
                j === 0 ? (
                  <th key={j} scope="row" className="border-b border-border py-2 pr-4 font-normal">
                    {cell}
                  </th>
                ) : (
                  <td key={j} className="border-b border-border py-2 pr-4">
                    {cell}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
