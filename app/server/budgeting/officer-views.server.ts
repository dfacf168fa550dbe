// Reads for the officer pages of a budget process that the public pages do not need: the
// process's history from the audit log, one project as its edit form needs it, and the outcomes
// a project can be mapped to. Officers and admins of the council only (`budgeting.manage`);
// another council's process or project is 'not_found'.
import { err, ok, type Result } from "~/domain/result.ts";
import type { Actor } from "~/server/accounts/sessions.server.ts";
import { canManage, type BudgetingDeps } from "./support.server.ts";

type Deps = Pick<BudgetingDeps, "prisma">;

export interface HistoryEntry {
  id: string;
  at: Date;
  /** Who did it: the account's email, or null when the account has gone (or for the system). */
  who: string | null;
  action: string;
  subjectType: string;
  data: Record<string, unknown>;
}

/**
 * What has been done to a process, newest first: audit events about the process itself, its
 * budgets, projects, pictures and ideas. Events about things since deleted (a removed picture)
 * are found through the process id their data carries. At most `limit` events.
 */
export async function processHistory(
  deps: Deps,
  actor: Actor | null,
  input: { councilId: string; processId: string; limit?: number },
): Promise<Result<HistoryEntry[], "forbidden" | "not_found">> {
  if (!canManage(actor, input.councilId)) return err("forbidden");
  const process = await deps.prisma.budgetProcess.findFirst({
    where: { id: input.processId, councilId: input.councilId },
    select: {
      id: true,
      budgets: { select: { id: true } },
      projects: { select: { id: true, images: { select: { id: true } } } },
      ideas: { select: { id: true } },
    },
  });
  if (!process) return err("not_found");
  const subjectIds = [
    process.id,
    ...process.budgets.map((b) => b.id),
    ...process.projects.flatMap((p) => [p.id, ...p.images.map((i) => i.id)]),
    ...process.ideas.map((i) => i.id),
  ];
  const events = await deps.prisma.auditEvent.findMany({
    where: {
      councilId: input.councilId,
      OR: [{ subjectId: { in: subjectIds } }, { data: { path: ["processId"], equals: process.id } }],
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: Math.min(Math.max(input.limit ?? 200, 1), 1000),
    select: { id: true, createdAt: true, actorId: true, action: true, subjectType: true, data: true },
  });
  const actorIds = [...new Set(events.map((e) => e.actorId).filter((id): id is string => id !== null))];
  const accounts = actorIds.length
    ? await deps.prisma.account.findMany({ where: { id: { in: actorIds } }, select: { id: true, email: true } })
    : [];
  const emails = new Map(accounts.map((a) => [a.id, a.email]));
  return ok(
    events.map((e) => ({
      id: e.id,
      at: e.createdAt,
      who: e.actorId ? (emails.get(e.actorId) ?? null) : null,
      action: e.action,
      subjectType: e.subjectType,
      data: typeof e.data === "object" && e.data !== null && !Array.isArray(e.data) ? (e.data as Record<string, unknown>) : {},
    })),
  );
}

/** One project of a process with everything its officer page shows and edits. */
export async function getProjectForOfficer(deps: Deps, actor: Actor | null, input: { councilId: string; processId: string; projectId: string }) {
  if (!canManage(actor, input.councilId)) return err("forbidden");
  const project = await deps.prisma.project.findFirst({
    where: { id: input.projectId, processId: input.processId, process: { councilId: input.councilId } },
    select: {
      id: true,
      reference: true,
      title: true,
      description: true,
      costPence: true,
      budgetId: true,
      wardCode: true,
      locationText: true,
      latitude: true,
      longitude: true,
      status: true,
      feasibilityReason: true,
      outcomes: { select: { nodeId: true, weight: true } },
      images: { orderBy: [{ position: "asc" }, { createdAt: "asc" }], select: { id: true, altText: true, contentType: true } },
      idea: { select: { id: true, title: true } },
    },
  });
  if (!project) return err("not_found");
  return ok(project);
}

export interface OutcomeFramework {
  versionId: string;
  name: string;
  nameCy: string | null;
  version: number;
  /** In the framework's order; `parentSlug` places each under its parent. */
  nodes: { id: string; slug: string; parentSlug: string | null; name: string; nameCy: string | null }[];
}

/**
 * The outcomes a project of this council can be mapped to: the nodes of the published framework
 * versions the council has chosen (CouncilFramework), frameworks by name.
 */
export async function outcomeChoices(deps: Deps, councilId: string): Promise<OutcomeFramework[]> {
  const versions = await deps.prisma.frameworkVersion.findMany({
    where: { status: "published", choices: { some: { councilId } } },
    select: {
      id: true,
      version: true,
      framework: { select: { name: true, nameCy: true } },
      nodes: { orderBy: { position: "asc" }, select: { id: true, slug: true, parentSlug: true, name: true, nameCy: true } },
    },
  });
  return versions
    .map((v) => ({ versionId: v.id, name: v.framework.name, nameCy: v.framework.nameCy, version: v.version, nodes: v.nodes }))
    .sort((a, b) => a.name.localeCompare(b.name, "en-GB"));
}
