// Delivery tracking for officers: status, percent complete, spend, a public note and milestones
// of each project the vote selected. Rules: app/domain/budgeting/delivery.ts. The resident
// project page reads what these write (Project.status, percentComplete, spentPence, deliveryNote,
// deliveryUpdatedAt and ProjectMilestone rows).
//
// Every write locks the process row (SHARE, as ballots do) and re-checks the phase inside the
// transaction, and records an AuditEvent. Tenancy: projects are found through a process of the
// actor's council only; another council's project is 'not_found'.
import {
  DELIVERY_LIMITS,
  canTrackDelivery,
  isDeliveryProject,
  validateDeliveryUpdate,
  validateMilestone,
  type DeliveryFieldErrors,
  type DeliveryStatus,
} from "~/domain/budgeting/delivery.ts";
import type { Pence } from "~/domain/budgeting/money.ts";
import type { Phase, ProjectStatus } from "~/domain/budgeting/process.ts";
import { err, ok, type Result } from "~/domain/result.ts";
import type { Actor } from "~/server/accounts/sessions.server.ts";
import { audit } from "~/server/audit/audit.server.ts";
import { Refusal, transact, type Tx } from "~/server/db/transact.server.ts";
import { canManage, lockProcess, ukDay, type BudgetingDeps } from "./support.server.ts";

export type DeliveryUseCaseReason = "forbidden" | "not_found" | "invalid" | "phase_locked" | "not_selected" | "already_complete" | "too_many_milestones";

type Failure =
  | { ok: false; reason: Exclude<DeliveryUseCaseReason, "invalid">; detail?: unknown }
  | { ok: false; reason: "invalid"; detail: { fieldErrors: DeliveryFieldErrors } };

function refuse(reason: Exclude<DeliveryUseCaseReason, "invalid">): never {
  throw new Refusal(err(reason));
}

const processWhere = (councilId: string, ref: string) => ({ councilId, OR: [{ slug: ref }, { id: ref }] });

/** Why this project's delivery cannot be updated now, or null. */
function deliveryRefusal(phase: Phase, status: ProjectStatus): "phase_locked" | "not_selected" | null {
  if (!canTrackDelivery(phase)) return "phase_locked";
  if (!isDeliveryProject(status)) return "not_selected";
  return null;
}

// ───────────────────────────── reads ─────────────────────────────

export interface DeliveryListItem {
  reference: string;
  title: string;
  budgetName: string;
  costPence: Pence;
  status: ProjectStatus;
  percentComplete: number | null;
  spentPence: Pence | null;
  deliveryUpdatedAt: Date | null;
  milestones: number;
  milestonesDone: number;
}

export interface DeliveryOverview {
  process: { id: string; slug: string; title: string; phase: Phase };
  canUpdate: boolean;
  projects: DeliveryListItem[];
}

/** The selected projects of a process and how far each has got, for the officer's delivery page. */
export async function deliveryOverview(
  deps: Pick<BudgetingDeps, "prisma">,
  actor: Actor | null,
  input: { councilId: string; process: string },
): Promise<Result<DeliveryOverview, "forbidden" | "not_found">> {
  if (!canManage(actor, input.councilId)) return err("forbidden");
  const process = await deps.prisma.budgetProcess.findFirst({
    where: processWhere(input.councilId, input.process),
    select: {
      id: true,
      slug: true,
      title: true,
      phase: true,
      projects: {
        where: { status: { in: ["selected", "in_delivery", "delivered"] } },
        select: {
          reference: true,
          title: true,
          costPence: true,
          status: true,
          percentComplete: true,
          spentPence: true,
          deliveryUpdatedAt: true,
          budget: { select: { name: true, position: true } },
          milestones: { select: { completedOn: true } },
        },
      },
    },
  });
  if (!process) return err("not_found");
  const phase = process.phase as Phase;
  const projects = [...process.projects]
    .sort((a, b) => a.budget.position - b.budget.position || a.reference.localeCompare(b.reference, "en", { numeric: true }))
    .map(({ budget, milestones, ...p }) => ({
      ...p,
      budgetName: budget.name,
      milestones: milestones.length,
      milestonesDone: milestones.filter((m) => m.completedOn !== null).length,
    }));
  return ok({ process: { id: process.id, slug: process.slug, title: process.title, phase }, canUpdate: canTrackDelivery(phase), projects });
}

export interface ProjectDelivery {
  process: { id: string; slug: string; title: string; phase: Phase };
  project: {
    id: string;
    reference: string;
    title: string;
    budgetName: string;
    costPence: Pence;
    status: ProjectStatus;
    percentComplete: number | null;
    spentPence: Pence | null;
    deliveryNote: string | null;
    deliveryUpdatedAt: Date | null;
  };
  milestones: { id: string; title: string; dueOn: Date | null; completedOn: Date | null }[];
  /** Why nothing can be changed now, or null. */
  refusal: "phase_locked" | "not_selected" | null;
}

/** One project's delivery, for its update page. */
export async function getProjectDelivery(
  deps: Pick<BudgetingDeps, "prisma">,
  actor: Actor | null,
  input: { councilId: string; process: string; reference: string },
): Promise<Result<ProjectDelivery, "forbidden" | "not_found">> {
  if (!canManage(actor, input.councilId)) return err("forbidden");
  const project = await deps.prisma.project.findFirst({
    where: { reference: input.reference, process: processWhere(input.councilId, input.process) },
    select: {
      id: true,
      reference: true,
      title: true,
      costPence: true,
      status: true,
      percentComplete: true,
      spentPence: true,
      deliveryNote: true,
      deliveryUpdatedAt: true,
      budget: { select: { name: true } },
      process: { select: { id: true, slug: true, title: true, phase: true } },
      milestones: { orderBy: [{ position: "asc" }, { id: "asc" }], select: { id: true, title: true, dueOn: true, completedOn: true } },
    },
  });
  if (!project) return err("not_found");
  const { budget, process, milestones, ...rest } = project;
  const phase = process.phase as Phase;
  return ok({
    process: { ...process, phase },
    project: { ...rest, budgetName: budget.name },
    milestones,
    refusal: deliveryRefusal(phase, project.status),
  });
}

// ───────────────────────────── writes ─────────────────────────────

interface ProjectRef {
  councilId: string;
  /** The process's slug or id. */
  process: string;
  reference: string;
}

/** Finds the project and locks its process; refuses when its delivery cannot change now. */
async function lockedProject(tx: Tx, input: ProjectRef) {
  const project = await tx.project.findFirst({
    where: { reference: input.reference, process: processWhere(input.councilId, input.process) },
    select: { id: true, processId: true, reference: true, status: true },
  });
  if (!project) refuse("not_found");
  const locked = await lockProcess(tx, input.councilId, project.processId, "share");
  if (!locked) refuse("not_found");
  const refusal = deliveryRefusal(locked.phase as Phase, project.status);
  if (refusal) refuse(refusal);
  return project;
}

/**
 * Updates a selected project's delivery: status (in delivery / delivered), percent complete,
 * spend (pounds typed, stored in pence) and the note residents see. Audit: "project.delivery_updated".
 */
export async function updateDelivery(
  deps: BudgetingDeps,
  actor: Actor | null,
  input: ProjectRef & { status: unknown; percentComplete: unknown; spent: unknown; note: unknown },
): Promise<{ ok: true; value: { status: DeliveryStatus } } | Failure> {
  if (!canManage(actor, input.councilId)) return err("forbidden");
  const parsed = validateDeliveryUpdate(input);
  if (!parsed.ok) return parsed;
  const update = parsed.value;
  return transact(deps.prisma, async (tx) => {
    const project = await lockedProject(tx, input);
    await tx.project.update({
      where: { id: project.id },
      data: {
        status: update.status,
        percentComplete: update.percentComplete,
        spentPence: update.spentPence,
        deliveryNote: update.note,
        deliveryUpdatedAt: deps.now(),
      },
    });
    await audit(tx, deps, {
      councilId: input.councilId,
      actorId: actor.account.id,
      action: "project.delivery_updated",
      subjectType: "Project",
      subjectId: project.id,
      data: { reference: project.reference, from: project.status, ...update },
    });
    return ok({ status: update.status });
  });
}

/** Adds a milestone (title, optional due date) at the end of the list. Audit: "project.milestone_added". */
export async function addMilestone(
  deps: BudgetingDeps,
  actor: Actor | null,
  input: ProjectRef & { title: unknown; dueDay: unknown; dueMonth: unknown; dueYear: unknown },
): Promise<{ ok: true; value: { id: string } } | Failure> {
  if (!canManage(actor, input.councilId)) return err("forbidden");
  const parsed = validateMilestone(input);
  if (!parsed.ok) return parsed;
  return transact(deps.prisma, async (tx) => {
    const project = await lockedProject(tx, input);
    const count = await tx.projectMilestone.count({ where: { projectId: project.id } });
    if (count >= DELIVERY_LIMITS.milestonesMax) refuse("too_many_milestones");
    const milestone = await tx.projectMilestone.create({
      data: { projectId: project.id, title: parsed.value.title, dueOn: parsed.value.dueOn, position: count },
      select: { id: true },
    });
    await tx.project.update({ where: { id: project.id }, data: { deliveryUpdatedAt: deps.now() } });
    await audit(tx, deps, {
      councilId: input.councilId,
      actorId: actor.account.id,
      action: "project.milestone_added",
      subjectType: "Project",
      subjectId: project.id,
      data: { reference: project.reference, milestoneId: milestone.id, title: parsed.value.title, dueOn: parsed.value.dueOn?.toISOString().slice(0, 10) ?? null },
    });
    return ok(milestone);
  });
}

/** Marks a milestone complete today (UK date). Audit: "project.milestone_completed". */
export async function completeMilestone(
  deps: BudgetingDeps,
  actor: Actor | null,
  input: ProjectRef & { milestoneId: string },
): Promise<{ ok: true; value: { completedOn: Date } } | Failure> {
  if (!canManage(actor, input.councilId)) return err("forbidden");
  return transact(deps.prisma, async (tx) => {
    const project = await lockedProject(tx, input);
    const completedOn = ukDay(deps.now());
    // Conditional update: a second click, or two officers at once, completes it once.
    const done = await tx.projectMilestone.updateMany({
      where: { id: input.milestoneId, projectId: project.id, completedOn: null },
      data: { completedOn },
    });
    if (done.count !== 1) {
      const exists = await tx.projectMilestone.count({ where: { id: input.milestoneId, projectId: project.id } });
      refuse(exists ? "already_complete" : "not_found");
    }
    await tx.project.update({ where: { id: project.id }, data: { deliveryUpdatedAt: deps.now() } });
    await audit(tx, deps, {
      councilId: input.councilId,
      actorId: actor.account.id,
      action: "project.milestone_completed",
      subjectType: "Project",
      subjectId: project.id,
      data: { reference: project.reference, milestoneId: input.milestoneId, completedOn: completedOn.toISOString().slice(0, 10) },
    });
    return ok({ completedOn });
  });
}
