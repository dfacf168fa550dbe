// What every officer page of a budget process does first: find the council, require
// "budgeting.manage" there (staff sign-in when signed out, 403 otherwise), and load the process
// (404 when it is not this council's). Officer URLs name a process by its id, so they survive
// a change of web address name and never collide with /officer/budgets/new.
import { formatPence } from "~/domain/budgeting/money.ts";
import { outcomeChoices } from "~/server/budgeting/officer-views.server.ts";
import type { RequestContext } from "~/server/context.server.ts";
import { getProcess } from "~/server/budgeting/processes.server.ts";
import { requirePermission } from "~/server/http/auth.server.ts";
import { getLocale, notFound, requireCouncil } from "~/server/http/request.server.ts";
import { listWards } from "~/server/places/places.server.ts";

export async function requireBudgetOfficer(context: RequestContext, request: Request, councilSlug: string | undefined) {
  const council = await requireCouncil(context.services, councilSlug);
  const { actor } = requirePermission(context, request, council, "budgeting.manage");
  return { council, actor, locale: getLocale(request) };
}

export async function requireOfficerProcess(context: RequestContext, request: Request, params: { council?: string; process?: string }) {
  const officer = await requireBudgetOfficer(context, request, params.council);
  const result = await getProcess(context.services, officer.actor, { councilId: officer.council.id, slugOrId: params.process ?? "" });
  if (!result.ok || result.value.id !== params.process) notFound();
  return { ...officer, process: result.value, base: `/${officer.council.slug}/officer/budgets/${result.value.id}` };
}

/** What the project form offers: the process's budgets, the council's wards and outcome frameworks. */
export async function projectFormOptions(
  context: RequestContext,
  council: { id: string; slug: string },
  process: { budgets: { id: string; name: string; amountPence: bigint }[] },
) {
  const [wards, frameworks] = await Promise.all([listWards(context.services, council.id), outcomeChoices(context.services, council.id)]);
  return {
    budgets: process.budgets.map((b) => ({ id: b.id, name: b.name, amount: formatPence(b.amountPence) })),
    wards: wards.map((w) => ({ code: w.code, name: w.name })),
    frameworks: frameworks.map((f) => ({ versionId: f.versionId, name: f.name, nameCy: f.nameCy, nodes: f.nodes })),
    frameworksHref: `/${council.slug}/officer/frameworks`,
  };
}
