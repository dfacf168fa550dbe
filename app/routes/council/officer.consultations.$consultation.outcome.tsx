// "You said, we did" for officers: write what people said and what the council did, link to
// decisions and budget projects, preview, and publish — which emails everyone who asked to be
// told. One form carries the texts and every button (save, add a link, remove one, preview,
// publish), so nothing typed is lost whichever is pressed, and it all works without JavaScript.
// "Save draft" is the form's first button, so Enter in a one-line field saves rather than
// removing a link.
import { data, Form, redirect } from "react-router";
import type { Route } from "./+types/officer.consultations.$consultation.outcome";
import { formatDate } from "~/components/budgeting/dates.ts";
import { Markdown } from "~/components/content/markdown.tsx";
import { Page } from "~/components/layout/page.tsx";
import { useLocale, useT } from "~/components/i18n.tsx";
import { Button } from "~/components/ui/button.tsx";
import { InsetText, NotificationBanner, SummaryList } from "~/components/ui/panels.tsx";
import { Select } from "~/components/ui/select.tsx";
import { TextArea, TextInput } from "~/components/ui/text-input.tsx";
import { lifecycleMessage } from "~/domain/consultations/messages.ts";
import { outcomeMessage, type OutcomeLinkInput } from "~/domain/consultations/outcome.ts";
import { translator } from "~/domain/i18n/catalogue.ts";
import type { Locale } from "~/domain/i18n/locale.ts";
import {
  getOutcomeForOfficer,
  notifyFollowers,
  outcomeFieldErrors,
  projectChoices,
  publishOutcome,
  saveOutcome,
  type OutcomeReason,
} from "~/server/consultations/outcomes.server.ts";
import { badRequest, forbidden, notFound } from "~/server/http/request.server.ts";
import { requireOfficerConsultation } from "./officer-consultations.server.ts";

interface Values {
  youSaid: string;
  youSaidCy: string;
  weDid: string;
  weDidCy: string;
  newLabel: string;
  newProjectId: string;
  newUrl: string;
}

const TEXT_CAP = 30_000;

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { council, actor, consultation: c, base } = await requireOfficerConsultation(context, request, params);
  const outcome = await getOutcomeForOfficer(context.services, actor, { councilId: council.id, consultationId: c.id });
  if (!outcome.ok) return outcome.reason === "forbidden" ? forbidden() : notFound();
  const o = outcome.value;
  const search = new URL(request.url).searchParams;
  return {
    base,
    title: c.title,
    publicHref: `/${council.slug}/consultations/${c.slug}`,
    status: o.status,
    publishedAt: o.publishedAt,
    values: { youSaid: o.youSaid, youSaidCy: o.youSaidCy, weDid: o.weDid, weDidCy: o.weDidCy, newLabel: "", newProjectId: "", newUrl: "" } satisfies Values,
    links: o.links,
    followersWaiting: o.followersWaiting,
    followersTold: o.followersTold,
    projects: o.status === "analysis" ? await projectChoices(context.services, council.id) : [],
    done: search.has("published") ? ("published" as const) : search.has("sent") ? ("sent" as const) : search.has("saved") ? ("saved" as const) : null,
  };
}

function readValues(form: FormData): Values {
  const s = (name: keyof Values) => String(form.get(name) ?? "").slice(0, TEXT_CAP);
  return { youSaid: s("youSaid"), youSaidCy: s("youSaidCy"), weDid: s("weDid"), weDidCy: s("weDidCy"), newLabel: s("newLabel"), newProjectId: s("newProjectId"), newUrl: s("newUrl") };
}

/**
 * The rule's field errors in the form's own fields: a link by position is either a saved one
 * (its row, `link-<position>`) or the one being added (the add-a-link fields).
 */
function formErrors(fieldErrors: Record<string, string>, savedLinks: number, locale: Locale): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, reason] of Object.entries(fieldErrors)) {
    const words = outcomeMessage(reason as Parameters<typeof outcomeMessage>[0], locale);
    const link = /^link-(\d+)-(label|target)$/.exec(key);
    let field = key === "links" ? "newLabel" : key;
    if (link) {
      const position = Number(link[1]);
      if (position < savedLinks) field = `link-${position}`;
      else field = link[2] === "label" ? "newLabel" : reason === "link_project_unknown" ? "newProjectId" : "newUrl";
    }
    out[field] ??= words;
  }
  return out;
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const { council, actor, consultation: c, base, locale } = await requireOfficerConsultation(context, request, params);
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    badRequest();
  }
  const t = translator(locale);
  const intent = String(form.get("intent") ?? "");
  const ids = { councilId: council.id, consultationId: c.id };
  const values = readValues(form);
  /** `saved`: the draft was saved before the refusal, so the link being added is a saved one now. */
  const refusal = (reason: OutcomeReason, detail: unknown, savedLinks: number, saved = false) => {
    if (reason === "forbidden") forbidden();
    if (reason === "not_found") notFound();
    const shown = saved ? { ...values, newLabel: "", newProjectId: "", newUrl: "" } : values;
    if (reason === "outcome_invalid") return data({ values: shown, errors: formErrors(outcomeFieldErrors(detail), savedLinks, locale) }, { status: 400 });
    const words = reason === "not_in_analysis" || reason === "not_published" ? t(`consultOutcome.error.${reason}`) : lifecycleMessage(reason, locale, detail);
    return data({ values: shown, errors: { status: words } }, { status: 409 });
  };

  if (intent === "notify") {
    const sent = await notifyFollowers(context.services, actor, ids);
    if (!sent.ok) return refusal(sent.reason, sent.detail, 0);
    return redirect(`${base}/outcome?sent`);
  }

  const add = intent === "add" || intent === "save" || intent === "preview" || intent === "publish";
  const remove = intent.startsWith("remove:") ? intent.slice("remove:".length) : null;
  if (!add && remove === null) badRequest();

  // The saved links, less the one removed, plus the one being added when any of its fields is
  // filled in (or when "Add link" was pressed, so an empty one is explained rather than ignored).
  const current = await getOutcomeForOfficer(context.services, actor, ids);
  if (!current.ok) return current.reason === "forbidden" ? forbidden() : notFound();
  const kept: OutcomeLinkInput[] = current.value.links.filter((l) => l.id !== remove).map((l) => ({ label: l.label, url: l.url, projectId: l.projectId }));
  const adding = intent === "add" || [values.newLabel, values.newProjectId, values.newUrl].some((v) => v.trim() !== "");
  const links = adding ? [...kept, { label: values.newLabel, url: values.newUrl, projectId: values.newProjectId }] : kept;
  const outcome = { youSaid: values.youSaid, youSaidCy: values.youSaidCy, weDid: values.weDid, weDidCy: values.weDidCy, links };
  const saved = await saveOutcome(context.services, actor, { ...ids, outcome });
  if (!saved.ok) return refusal(saved.reason, saved.detail, kept.length);

  if (intent === "publish") {
    const published = await publishOutcome(context.services, actor, ids);
    if (!published.ok) return refusal(published.reason, published.detail, links.length, true);
    return redirect(`${base}/outcome?published`);
  }
  return redirect(`${base}/outcome?saved${intent === "preview" ? "#preview" : ""}`);
}

function Preview({ youSaid, weDid, links }: { youSaid: string; weDid: string; links: { label: string; target: string }[] }) {
  const t = useT();
  return (
    <>
      <h3>{t("consultOutcome.public.said")}</h3>
      {youSaid ? <Markdown source={youSaid} /> : <p>{t("consultOutcome.officer.nothingYet")}</p>}
      <h3>{t("consultOutcome.public.did")}</h3>
      {weDid ? <Markdown source={weDid} /> : <p>{t("consultOutcome.officer.nothingYet")}</p>}
      {links.length > 0 ? (
        <>
          <h3>{t("consultOutcome.public.links")}</h3>
          <ul className="mb-6 list-disc pl-6">
            {links.map((l, i) => (
              <li key={i}>
                {l.label} <span className="text-secondary">({l.target})</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}

export default function Outcome({ loaderData: d, actionData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const errors: Record<string, string> | undefined = actionData?.errors;
  const v: Values = actionData?.values ?? d.values;
  const target = (l: (typeof d.links)[number]) =>
    l.project ? t("consultOutcome.officer.linkProject", { project: `${l.project.title} (${l.project.process}, ${l.project.reference})` }) : l.url ? t("consultOutcome.officer.linkUrl", { url: l.url }) : t("consultOutcome.officer.linkGone");
  const title = `${t("consultOutcome.officer.title")}: ${d.title}`;
  const statusError = errors?.status ? (
    <p className="font-bold text-error" id="status">
      {errors.status}
    </p>
  ) : null;

  if (d.status === "published") {
    return (
      <Page title={title} errors={errors} backHref={d.base}>
        {d.done === "published" || d.done === "sent" ? <NotificationBanner kind="success">{t("consultOutcome.officer.published", { date: formatDate(new Date(d.publishedAt!), locale) })}</NotificationBanner> : null}
        <SummaryList
          rows={[
            { key: t("consultOutcome.officer.publishedKey"), value: formatDate(new Date(d.publishedAt!), locale) },
            { key: t("consultOutcome.officer.told"), value: String(d.followersTold) },
            { key: t("consultOutcome.officer.waiting"), value: String(d.followersWaiting) },
          ]}
        />
        {statusError}
        {d.followersWaiting > 0 ? (
          <Form method="post">
            <p>{t("consultOutcome.officer.waitingLead")}</p>
            <Button name="intent" value="notify">
              {t("consultOutcome.officer.sendRemaining")}
            </Button>
          </Form>
        ) : null}
        <p>
          <a href={d.publicHref}>{t("consultOutcome.officer.publicPage")}</a>
        </p>
        <section aria-labelledby="preview">
          <h2 id="preview">{t("consultOutcome.public.title")}</h2>
          <Preview youSaid={d.values.youSaid} weDid={d.values.weDid} links={d.links.map((l) => ({ label: l.label, target: target(l) }))} />
        </section>
      </Page>
    );
  }

  if (d.status !== "analysis") {
    return (
      <Page title={title} backHref={d.base}>
        <InsetText>{t("consultOutcome.officer.notYet")}</InsetText>
        <p>
          <a href={d.base}>{t("consultOutcome.officer.back")}</a>
        </p>
      </Page>
    );
  }

  const followers = d.followersWaiting;
  return (
    <Page title={title} errors={errors} backHref={d.base}>
      {d.done === "saved" ? <NotificationBanner kind="success">{t("consultOutcome.officer.saved")}</NotificationBanner> : null}
      <p>{t("consultOutcome.officer.lead")}</p>
      <Form method="post" noValidate>
        <TextArea name="youSaid" label={t("consultOutcome.officer.youSaid")} hint={t("consultOutcome.officer.youSaidHint")} defaultValue={v.youSaid} error={errors?.youSaid} rows={8} />
        <TextArea name="youSaidCy" label={t("consultOutcome.officer.youSaidCy")} hint={t("consultOutcome.officer.cyHint")} defaultValue={v.youSaidCy} error={errors?.youSaidCy} rows={4} lang="cy" />
        <TextArea name="weDid" label={t("consultOutcome.officer.weDid")} hint={t("consultOutcome.officer.weDidHint")} defaultValue={v.weDid} error={errors?.weDid} rows={8} />
        <TextArea name="weDidCy" label={t("consultOutcome.officer.weDidCy")} hint={t("consultOutcome.officer.cyHint")} defaultValue={v.weDidCy} error={errors?.weDidCy} rows={4} lang="cy" />
        <div className="flex flex-wrap gap-4">
          <Button name="intent" value="save" variant="secondary">
            {t("consultOutcome.officer.save")}
          </Button>
          <Button name="intent" value="preview" variant="secondary">
            {t("consultOutcome.officer.previewButton")}
          </Button>
        </div>

        <section aria-labelledby="links">
          <h2 id="links">{t("consultOutcome.officer.links")}</h2>
          <p>{t("consultOutcome.officer.linksLead")}</p>
          {d.links.length === 0 ? (
            <p>{t("consultOutcome.officer.linksNone")}</p>
          ) : (
            <ul className="mb-6">
              {d.links.map((l, i) => (
                <li key={l.id} id={`link-${i}`} tabIndex={-1} className="border-b border-border py-3">
                  <p className="mb-1 font-bold">{l.label}</p>
                  <p className="mb-3 break-words">{target(l)}</p>
                  {errors?.[`link-${i}`] ? <p className="mb-3 font-bold text-error">{errors[`link-${i}`]}</p> : null}
                  <Button name="intent" value={`remove:${l.id}`} variant="secondary" className="!mb-0">
                    {t("consultOutcome.officer.remove")}
                    <span className="sr-only"> {t("consultOutcome.officer.removeHidden", { label: l.label })}</span>
                  </Button>
                </li>
              ))}
            </ul>
          )}
          <fieldset className="mb-6">
            <legend className="mb-3 text-2xl font-bold">{t("consultOutcome.officer.addLink")}</legend>
            <TextInput name="newLabel" label={t("consultOutcome.officer.newLabel")} hint={t("consultOutcome.officer.newLabelHint")} defaultValue={v.newLabel} error={errors?.newLabel} />
            <Select
              name="newProjectId"
              label={t("consultOutcome.officer.newProject")}
              defaultValue={v.newProjectId}
              error={errors?.newProjectId}
              options={[
                { value: "", label: t("consultOutcome.officer.newProjectNone") },
                ...d.projects.map((p) => ({ value: p.id, label: t("consultOutcome.officer.newProjectOption", { title: p.title, process: p.process, reference: p.reference }) })),
              ]}
            />
            <TextInput name="newUrl" type="url" spellCheck={false} label={t("consultOutcome.officer.newUrl")} hint={t("consultOutcome.officer.newUrlHint")} defaultValue={v.newUrl} error={errors?.newUrl} />
            <Button name="intent" value="add" variant="secondary">
              {t("consultOutcome.officer.addButton")}
            </Button>
          </fieldset>
        </section>

        <section aria-labelledby="preview" className="mb-8 border-l-[10px] border-border pl-4">
          <h2 id="preview">{t("consultOutcome.officer.preview")}</h2>
          <p className="text-secondary">{t("consultOutcome.officer.previewNote")}</p>
          <Preview youSaid={d.values.youSaid} weDid={d.values.weDid} links={d.links.map((l) => ({ label: l.label, target: target(l) }))} />
        </section>

        <section aria-labelledby="publish">
          <h2 id="publish">{t("consultOutcome.officer.publish")}</h2>
          <p>
            {followers === 0
              ? t("consultOutcome.officer.publishLeadNone")
              : followers === 1
                ? t("consultOutcome.officer.publishLeadOne")
                : t("consultOutcome.officer.publishLead", { count: followers })}
          </p>
          {statusError}
          <Button name="intent" value="publish">
            {t("consultOutcome.officer.publishButton")}
          </Button>
        </section>
      </Form>
    </Page>
  );
}
