// Resident ideas: residents suggest them in the ideas phase; officers turn each into a project
// (through the same rules as any project: insertProject) or decline it with a response the
// resident can read. Rules: app/domain/budgeting/idea.ts.
//
// Tenancy as everywhere in budgeting: every query is filtered by councilId, and another
// council's process or idea is 'not_found'. Officer decisions take the process row lock (as
// project edits do), so a decision racing a phase change lands before it or is refused.
// A resident's own suggestion is not audited (AuditEvent records staff changes); each decision is.
import { can } from "~/domain/accounts/permissions.ts";
import { IDEA_LIMITS, canDecideIdeas, canSubmitIdeas, validateDecline, validateIdea, type IdeaStatus } from "~/domain/budgeting/idea.ts";
import { isPublicPhase, type FieldErrors, type Phase } from "~/domain/budgeting/process.ts";
import { err, ok, type Result } from "~/domain/result.ts";
import type { Actor } from "~/server/accounts/sessions.server.ts";
import { insertProject, type ProjectInput } from "./processes.server.ts";
import { audit } from "~/server/audit/audit.server.ts";
import { Refusal, transact, type Tx } from "~/server/db/transact.server.ts";
import { canManage, lockProcess, type BudgetingDeps } from "./support.server.ts";

export type IdeaReason =
  | "forbidden"
  | "not_found"
  | "not_signed_in"
  | "not_eligible"
  | "ideas_closed"
  | "too_many_ideas"
  | "invalid"
  | "already_decided"
  | "phase_locked"
  | "unknown_outcome";

function refuse(reason: IdeaReason, detail?: unknown): never {
  throw new Refusal(err(reason, detail));
}

function invalid(fieldErrors: FieldErrors): never {
  throw new Refusal({ ok: false, reason: "invalid", detail: { fieldErrors } });
}

async function isCouncilWard(tx: Tx, councilId: string, code: string): Promise<boolean> {
  return (await tx.area.count({ where: { councilId, type: "ward", code } })) > 0;
}

/**
 * A signed-in resident of the council suggests an idea, while the process is in its ideas phase.
 * The process row is SHARE-locked, so an idea cannot slip in after an officer closes the phase.
 */
export async function submitIdea(
  deps: Pick<BudgetingDeps, "prisma" | "now">,
  actor: Actor | null,
  input: { councilId: string; processId: string; title?: unknown; description?: unknown; wardCode?: unknown },
): Promise<Result<{ id: string }, "not_signed_in" | "not_eligible" | "not_found" | "ideas_closed" | "too_many_ideas" | "invalid">> {
  if (!actor) return err("not_signed_in");
  if (!can(actor.roles, input.councilId, "participate")) return err("not_eligible");
  return transact(deps.prisma, async (tx) => {
    const locked = await lockProcess(tx, input.councilId, input.processId, "share");
    if (!locked || !isPublicPhase(locked.phase as Phase)) refuse("not_found");
    if (!canSubmitIdeas(locked.phase as Phase)) refuse("ideas_closed", { phase: locked.phase });
    const parsed = validateIdea(input);
    if (!parsed.ok) throw new Refusal(parsed);
    if (parsed.value.wardCode && !(await isCouncilWard(tx, input.councilId, parsed.value.wardCode))) invalid({ wardCode: "unknown_ward" });
    const mine = await tx.idea.count({ where: { processId: input.processId, accountId: actor.account.id } });
    if (mine >= IDEA_LIMITS.perResident) refuse("too_many_ideas", { limit: IDEA_LIMITS.perResident });
    const idea = await tx.idea.create({
      data: { processId: input.processId, accountId: actor.account.id, ...parsed.value, createdAt: deps.now() },
      select: { id: true },
    });
    return ok(idea);
  });
}

export interface IdeaView {
  id: string;
  title: string;
  description: string;
  wardCode: string | null;
  wardName: string | null;
  status: IdeaStatus;
  /** The published response to a declined idea: shown to officers and to the idea's author. */
  response: string | null;
  createdAt: Date;
  /** The project the idea became, if it was accepted. */
  project: { id: string; reference: string; title: string } | null;
  /** The signed-in person suggested it. */
  mine: boolean;
}

/**
 * The ideas of a process. For everyone (`scope: "public"`, from the ideas phase on): ideas
 * waiting for a decision and accepted ones with their project, and the viewer's own ideas
 * whatever became of them (with the response to a declined one). Nobody's name or account is
 * shown. For the council's officers (`scope: "officer"`): all of them, drafts included.
 * Oldest first: the order they arrived in, and the order an officer works through them.
 */
export async function listIdeas(
  deps: Pick<BudgetingDeps, "prisma">,
  actor: Actor | null,
  input: { councilId: string; processId: string; scope: "public" | "officer" },
): Promise<Result<IdeaView[], "forbidden" | "not_found">> {
  const officer = input.scope === "officer";
  if (officer && !canManage(actor, input.councilId)) return err("forbidden");
  const process = await deps.prisma.budgetProcess.findFirst({
    where: { id: input.processId, councilId: input.councilId },
    select: { phase: true },
  });
  if (!process || (!officer && !isPublicPhase(process.phase))) return err("not_found");
  const viewerId = actor?.account.id ?? null;
  const rows = await deps.prisma.idea.findMany({
    where: {
      processId: input.processId,
      ...(officer ? {} : { OR: [{ status: { in: ["submitted", "accepted"] } }, ...(viewerId ? [{ accountId: viewerId }] : [])] }),
    },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      title: true,
      description: true,
      wardCode: true,
      status: true,
      response: true,
      createdAt: true,
      accountId: true,
      project: { select: { id: true, reference: true, title: true } },
    },
  });
  const names = await wardNames(deps, input.councilId, rows.map((r) => r.wardCode));
  return ok(
    rows.map(({ accountId, ...r }) => {
      const mine = viewerId !== null && accountId === viewerId;
      return { ...r, wardName: r.wardCode ? (names.get(r.wardCode) ?? null) : null, response: officer || mine ? r.response : null, mine };
    }),
  );
}

async function wardNames(deps: Pick<BudgetingDeps, "prisma">, councilId: string, codes: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(codes.filter((c): c is string => c !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await deps.prisma.area.findMany({ where: { councilId, type: "ward", code: { in: wanted } }, select: { code: true, name: true } });
  return new Map(rows.map((r) => [r.code, r.name]));
}

/** One idea with its process's budgets, for the officer's decision page. */
export async function getIdeaForOfficer(deps: Pick<BudgetingDeps, "prisma">, actor: Actor | null, input: { councilId: string; processId: string; ideaId: string }) {
  if (!canManage(actor, input.councilId)) return err("forbidden");
  const idea = await deps.prisma.idea.findFirst({
    where: { id: input.ideaId, processId: input.processId, process: { councilId: input.councilId } },
    select: {
      id: true,
      title: true,
      description: true,
      wardCode: true,
      status: true,
      response: true,
      createdAt: true,
      project: { select: { id: true, reference: true, title: true } },
    },
  });
  if (!idea) return err("not_found");
  const names = await wardNames(deps, input.councilId, [idea.wardCode]);
  return ok({ ...idea, wardName: idea.wardCode ? (names.get(idea.wardCode) ?? null) : null });
}

async function lockIdea(tx: Tx, councilId: string, ideaId: string) {
  const idea = await tx.idea.findFirst({
    where: { id: ideaId, process: { councilId } },
    select: { id: true, processId: true, title: true, description: true, wardCode: true },
  });
  if (!idea) refuse("not_found");
  const locked = await lockProcess(tx, councilId, idea.processId, "update");
  if (!locked) refuse("not_found");
  if (!canDecideIdeas(locked.phase as Phase)) refuse("phase_locked", { phase: locked.phase });
  return idea;
}

/**
 * Declines an idea with a response its author can read. Only an idea still waiting for a
 * decision (a decided idea is 'already_decided': the resident has been told). Audit: "idea.declined".
 */
export async function declineIdea(
  deps: Pick<BudgetingDeps, "prisma" | "now">,
  actor: Actor | null,
  input: { councilId: string; ideaId: string; response?: unknown },
): Promise<Result<{ id: string }, "forbidden" | "not_found" | "invalid" | "already_decided" | "phase_locked">> {
  if (!canManage(actor, input.councilId)) return err("forbidden");
  const parsed = validateDecline(input);
  if (!parsed.ok) return parsed;
  return transact(deps.prisma, async (tx) => {
    const idea = await lockIdea(tx, input.councilId, input.ideaId);
    const updated = await tx.idea.updateMany({ where: { id: idea.id, status: "submitted" }, data: { status: "declined", response: parsed.value.response } });
    if (updated.count === 0) refuse("already_decided");
    await audit(tx, deps, {
      councilId: input.councilId,
      actorId: actor.account.id,
      action: "idea.declined",
      subjectType: "Idea",
      subjectId: idea.id,
      data: { processId: idea.processId, title: idea.title, response: parsed.value.response },
    });
    return ok({ id: idea.id });
  });
}

/**
 * Turns an idea into a project in one of the process's budgets, in one transaction: the project
 * (same rules as addProject; title, description and ward default to the idea's), its link to
 * the idea, and the idea marked accepted. The project then goes through review like any other.
 * Audits "project.created" and "idea.accepted".
 */
export async function acceptIdea(
  deps: Pick<BudgetingDeps, "prisma" | "now">,
  actor: Actor | null,
  input: Omit<ProjectInput, "councilId"> & { councilId: string; ideaId: string; budgetId?: unknown },
): Promise<
  Result<{ ideaId: string; projectId: string; reference: string }, "forbidden" | "not_found" | "invalid" | "already_decided" | "phase_locked" | "unknown_outcome">
> {
  if (!canManage(actor, input.councilId)) return err("forbidden");
  return transact(deps.prisma, async (tx) => {
    const idea = await lockIdea(tx, input.councilId, input.ideaId);
    // Marked first, conditionally, so two officers accepting at once cannot make two projects.
    const marked = await tx.idea.updateMany({ where: { id: idea.id, status: "submitted" }, data: { status: "accepted", response: null } });
    if (marked.count === 0) refuse("already_decided");
    const given = (v: unknown) => (typeof v === "string" ? v.trim() !== "" : v !== undefined && v !== null);
    const project = await insertProject(tx, deps, actor, {
      ...input,
      processId: idea.processId,
      budgetId: typeof input.budgetId === "string" ? input.budgetId : "",
      title: given(input.title) ? input.title : idea.title,
      description: given(input.description) ? input.description : idea.description,
      wardCode: given(input.wardCode) ? input.wardCode : idea.wardCode,
      ideaId: idea.id,
    });
    await audit(tx, deps, {
      councilId: input.councilId,
      actorId: actor.account.id,
      action: "idea.accepted",
      subjectType: "Idea",
      subjectId: idea.id,
      data: { processId: idea.processId, title: idea.title, projectId: project.id, reference: project.reference },
    });
    return ok({ ideaId: idea.id, projectId: project.id, reference: project.reference });
  });
}
