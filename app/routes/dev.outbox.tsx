// The development outbox: where mail goes when no SMTP server is configured. Not in production.
import type { Route } from "./+types/dev.outbox";
import { Page } from "~/components/layout/page.tsx";
import { useT } from "~/components/i18n.tsx";
import { listOutbox } from "~/server/email/outbox.server.ts";
import { notFound } from "~/server/http/request.server.ts";

export async function loader({ context }: Route.LoaderArgs) {
  if (context.services.mailer.kind !== "outbox") notFound();
  return { emails: await listOutbox(context.services) };
}

export default function Outbox({ loaderData }: Route.ComponentProps) {
  const t = useT();
  return (
    <Page title={t("outbox.title")}>
      <p>{t("outbox.lead")}</p>
      {loaderData.emails.length === 0 ? <p>{t("outbox.empty")}</p> : null}
      {loaderData.emails.map((email) => (
        <article key={email.id} className="mb-8 border-l-[5px] border-border pl-4" aria-labelledby={`email-${email.id}`}>
          <h2 id={`email-${email.id}`} className="text-2xl">
            {email.subject}
          </h2>
          <p className="text-secondary">
            {t("outbox.to")}: <span data-testid="outbox-to">{email.to}</span> · {t("outbox.sent")}:{" "}
            <time dateTime={email.createdAt}>{email.createdAt.replace("T", " ").slice(0, 19)} UTC</time>
          </p>
          <pre className="whitespace-pre-wrap font-sans" data-testid="outbox-text">
            {email.text}
          </pre>
        </article>
      ))}
    </Page>
  );
}
