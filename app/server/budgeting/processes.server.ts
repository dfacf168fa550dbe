// Participatory-budgeting use cases for officers: set up a process and its budgets, add and
// review projects, move the process through its phases; and the reads the public pages use.
// Rules live in app/domain/budgeting/process.ts; this file loads, authorises, calls them, and
// writes in one transaction with an AuditEvent (DESIGN.md "Layers").
//
// Tenancy: every query is filtered by councilId. A process of another council is 'not_found'
// (never 'forbidden'), so ids do not leak across tenants; acting in a council where the actor
// holds no budgeting role is 'forbidden'.
// Phase guards: each write locks the process row (SELECT … FOR UPDATE) before checking the
// phase, so an edit racing a phase change either lands before it or is refused.
import {
  LOCKED_SETTINGS,
  canEditBallotSettings,
  canEditProjects,
  canReviewProjects,
  isPhase,
  isPublicPhase,
  transition,
  validateBudget,
  validateProcessConfig,
  validateProcessSettings,
  validateProject,
  validateReview,
  type FieldErrors,
  type Phase,
  type ProcessSettings,
  type ProcessState,
  type ProjectDraft,
  type ReadinessProblem,
  type Transition,
} from "~/domain/budgeting/process.ts";
import { MAX_PENCE } from "~/domain/budgeting/money.ts";
import { err, ok, type Result } from "~/domain/result.ts";
import type { Actor } from "~/server/accounts/sessions.server.ts";
import { audit } from "~/server/audit/audit.server.ts";
import { Refusal, transact, type Tx } from "~/server/db/transact.server.ts";
import { canManage, lockProcess, type BudgetingDeps } from "./support.server.ts";

export type { BudgetingDeps } from "./support.server.ts";

export type ProcessUseCaseReason =
  | "forbidden"
  | "not_found"
  | "invalid"
  | "phase_locked"
  | "unknown_outcome"
  | "invalid_transition"
  | "not_ready";

type Invalid = { ok: false; reason: "invalid"; detail: { fieldErrors: FieldErrors } };
const invalid = (fieldErrors: FieldErrors): Invalid => ({ ok: false, reason: "invalid", detail: { fieldErrors } });

/** Refuses inside a transaction: rolls back, and the use case returns this result. */
function refuse(reason: ProcessUseCaseReason, detail?: unknown): never {
  throw new Refusal(err(reason, detail));
}

/** Ward codes among `codes` that are not wards of this council (Area rows loaded from ONS data). */
async function unknownWards(tx: Tx, councilId: string, codes: readonly (string | null)[]): Promise<Set<string>> {
  const wanted = [...new Set(codes.filter((c): c is string => c !== null))];
  if (wanted.length === 0) return new Set();
  const found = await tx.area.findMany({ where: { councilId, type: "ward", code: { in: wanted } }, select: { code: true } });
  const known = new Set(found.map((a) => a.code));
  return new Set(wanted.filter((c) => !known.has(c)));
}

/**
 * Outcome nodes must belong to a framework version the council uses (CouncilFramework): a node
 * of a framework the council has not chosen would put the project on a dashboard nobody reads.
 */
async function checkOutcomes(tx: Tx, councilId: string, outcomes: ProjectDraft["outcomes"]): Promise<void> {
  if (outcomes.length === 0) return;
  const ids = outcomes.map((o) => o.nodeId);
  const found = await tx.frameworkNode.findMany({
    where: { id: { in: ids }, version: { choices: { some: { councilId } } } },
    select: { id: true },
  });
  const known = new Set(found.map((n) => n.id));
  const missing = ids.filter((id) => !known.has(id));
  if (missing.length > 0) refuse("unknown_outcome", { nodeIds: missing });
}

function settingsData(s: ProcessSettings) {
  return { ...s };
}

// ───────────────────────────── processes ─────────────────────────────

export interface CreateProcessInput {
  councilId: string;
  /** The posted form: process settings plus `budgets: [{ name, amount, wardCode }]`. */
  [field: string]: unknown;
}

/** Creates a process in draft with its budgets. Audit: "budget.created". */
export async function createProcess(
  deps: BudgetingDeps,
  actor: Actor | null,
  input: CreateProcessInput,
): Promise<Result<{ id: string; slug: string }, "forbidden" | "invalid">> {
  if (!canManage(actor, input.councilId)) return err("forbidden");
  const parsed = validateProcessConfig(input);
  if (!parsed.ok) return parsed;
  const { settings, budgets } = parsed.value;
  return transact(deps.prisma, async (tx) => {
    const unknown = await unknownWards(tx, input.councilId, budgets.map((b) => b.wardCode));
    const fieldErrors: FieldErrors = {};
    if (await tx.budgetProcess.findFirst({ where: { councilId: input.councilId, slug: settings.slug }, select: { id: true } }))
      fieldErrors.slug = "taken";
    budgets.forEach((b, i) => {
      if (b.wardCode && unknown.has(b.wardCode)) fieldErrors[`budgets.${i}.wardCode`] = "unknown_ward";
    });
    if (Object.keys(fieldErrors).length > 0) throw new Refusal(invalid(fieldErrors));
    const process = await tx.budgetProcess.create({
      data: {
        councilId: input.councilId,
        ...settingsData(settings),
        createdAt: deps.now(),
        budgets: { create: budgets.map((b, position) => ({ ...b, position })) },
      },
      select: { id: true, slug: true },
    });
    await audit(tx, deps, {
      councilId: input.councilId,
      actorId: actor.account.id,
      action: "budget.created",
      subjectType: "BudgetProcess",
      subjectId: process.id,
      data: { slug: settings.slug, title: settings.title, budgets: budgets.map((b) => ({ name: b.name, amountPence: b.amountPence })) },
    });
    return ok(process);
  });
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Date || b instanceof Date) return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  return a === b;
}

/**
 * Edits a process's settings (the whole form is posted again). Title, summary, slug and planned
 * dates may change in any phase; ballot, eligibility and counting settings only in draft or
 * ideas — changing them afterwards is 'phase_locked' with the fields named. Audit: "budget.updated".
 */
export async function updateProcess(
  deps: BudgetingDeps,
  actor: Actor | null,
  input: { councilId: string; processId: string; [field: string]: unknown },
): Promise<Result<{ id: string; slug: string; changed: string[] }, "forbidden" | "not_found" | "invalid" | "phase_locked">> {
  if (!canManage(actor, input.councilId)) return err("forbidden");
  const parsed = validateProcessSettings(input);
  if (!parsed.ok) return parsed;
  const settings = parsed.value;
  return transact(deps.prisma, async (tx) => {
    const locked = await lockProcess(tx, input.councilId, input.processId, "update");
    if (!locked) refuse("not_found");
    const current = await tx.budgetProcess.findUniqueOrThrow({ where: { id: input.processId } });
    const changed = (Object.keys(settings) as (keyof ProcessSettings)[]).filter((k) => !sameValue(settings[k], current[k]));
    const lockedChanges = changed.filter((k) => (LOCKED_SETTINGS as readonly string[]).includes(k));
    if (lockedChanges.length > 0 && !canEditBallotSettings(locked.phase as Phase))
      refuse("phase_locked", { phase: locked.phase, fields: lockedChanges });
    if (changed.includes("slug")) {
      const clash = await tx.budgetProcess.findFirst({
        where: { councilId: input.councilId, slug: settings.slug, NOT: { id: input.processId } },
        select: { id: true },
      });
      if (clash) throw new Refusal(invalid({ slug: "taken" }));
    }
    if (changed.length > 0) {
      await tx.budgetProcess.update({ where: { id: input.processId }, data: settingsData(settings) });
      await audit(tx, deps, {
        councilId: input.councilId,
        actorId: actor.account.id,
        action: "budget.updated",
        subjectType: "BudgetProcess",
        subjectId: input.processId,
        data: { changed },
      });
    }
    return ok({ id: input.processId, slug: settings.slug, changed });
  });
}

/** Adds a budget (the whole area, or one ward) while ballot settings are open. Audit: "budget.budget_added". */
export async function addBudget(
  deps: BudgetingDeps,
  actor: Actor | null,
  input: { councilId: string; processId: string; name?: unknown; amount?: unknown; wardCode?: unknown },
): Promise<Result<{ id: string }, "forbidden" | "not_found" | "invalid" | "phase_locked">> {
  if (!canManage(actor, input.councilId)) return err("forbidden");
  return transact(deps.prisma, async (tx) => {
    const locked = await lockProcess(tx, input.councilId, input.processId, "update");
    if (!locked) refuse("not_found");
    if (!canEditBallotSettings(locked.phase as Phase)) refuse("phase_locked", { phase: locked.phase });
    const existing = await tx.processBudget.findMany({ where: { processId: input.processId }, select: { name: true } });
    const parsed = validateBudget(input, existing.map((b) => b.name));
    if (!parsed.ok) throw new Refusal(parsed);
    if (parsed.value.wardCode && (await unknownWards(tx, input.councilId, [parsed.value.wardCode])).size > 0)
      throw new Refusal(invalid({ wardCode: "unknown_ward" }));
    const budget = await tx.processBudget.create({
      data: { processId: input.processId, ...parsed.value, position: existing.length },
      select: { id: true },
    });
    await audit(tx, deps, {
      councilId: input.councilId,
      actorId: actor.account.id,
      action: "budget.budget_added",
      subjectType: "ProcessBudget",
      subjectId: budget.id,
      data: { processId: input.processId, ...parsed.value },
    });
    return ok(budget);
  });
}

// ───────────────────────────── projects ─────────────────────────────

export interface ProjectInput {
  councilId: string;
  title?: unknown;
  description?: unknown;
  /** Pounds as typed ("£12,400"), or bigint pence. */
  cost?: unknown;
  wardCode?: unknown;
  locationText?: unknown;
  latitude?: unknown;
  longitude?: unknown;
  /** Framework node ids (of versions the council uses) with optional percentage weights. */
  outcomes?: { nodeId: string; weight?: number | string | null }[];
}

async function nextReference(tx: Tx, processId: string): Promise<string> {
  const rows = await tx.project.findMany({ where: { processId }, select: { reference: true } });
  const max = rows.reduce((m, r) => Math.max(m, Number(/^P-(\d+)$/.exec(r.reference)?.[1] ?? 0)), 0);
  return `P-${max + 1}`;
}

async function checkProjectPlace(tx: Tx, councilId: string, draft: ProjectDraft): Promise<void> {
  if (draft.wardCode && (await unknownWards(tx, councilId, [draft.wardCode])).size > 0)
    throw new Refusal(invalid({ wardCode: "unknown_ward" }));
  await checkOutcomes(tx, councilId, draft.outcomes);
}

/**
 * Writes a new project inside a transaction that already holds the process row lock and has
 * checked the phase: validates it against its budget, gives it the next public reference ("P-12",
 * also the pabulib project_id; the lock makes the numbering race-free), and audits
 * "project.created". Shared by addProject and by accepting a resident's idea (ideas.server.ts),
 * so a project is held to the same rules whichever way it arrives.
 */
export async function insertProject(
  tx: Tx,
  deps: Pick<BudgetingDeps, "now">,
  actor: Actor,
  input: ProjectInput & { processId: string; budgetId: string; ideaId?: string },
): Promise<{ id: string; reference: string }> {
  if (!input.budgetId) {
    // No budget chosen on the form: report it with every other wrong field at once.
    const rest = validateProject(input, { amountPence: MAX_PENCE });
    throw new Refusal(invalid({ ...(rest.ok ? {} : rest.detail.fieldErrors), budgetId: "required" }));
  }
  const budget = await tx.processBudget.findFirst({
    where: { id: input.budgetId, processId: input.processId },
    select: { id: true, amountPence: true },
  });
  if (!budget) refuse("not_found");
  const parsed = validateProject(input, budget);
  if (!parsed.ok) throw new Refusal(parsed);
  await checkProjectPlace(tx, input.councilId, parsed.value);
  const { outcomes, ...fields } = parsed.value;
  const reference = await nextReference(tx, input.processId);
  const project = await tx.project.create({
    data: {
      processId: input.processId,
      budgetId: budget.id,
      reference,
      ...fields,
      ideaId: input.ideaId ?? null,
      createdAt: deps.now(),
      outcomes: { create: outcomes },
    },
    select: { id: true, reference: true },
  });
  await audit(tx, deps, {
    councilId: input.councilId,
    actorId: actor.account.id,
    action: "project.created",
    subjectType: "Project",
    subjectId: project.id,
    data: {
      processId: input.processId,
      budgetId: budget.id,
      reference,
      title: fields.title,
      costPence: fields.costPence,
      ...(input.ideaId ? { ideaId: input.ideaId } : {}),
    },
  });
  return project;
}

/** Adds a project to one budget of a process, until voting opens. Audit: "project.created". */
export async function addProject(
  deps: BudgetingDeps,
  actor: Actor | null,
  input: ProjectInput & { processId: string; budgetId: string },
): Promise<Result<{ id: string; reference: string }, "forbidden" | "not_found" | "invalid" | "phase_locked" | "unknown_outcome">> {
  if (!canManage(actor, input.councilId)) return err("forbidden");
  return transact(deps.prisma, async (tx) => {
    const locked = await lockProcess(tx, input.councilId, input.processId, "update");
    if (!locked) refuse("not_found");
    if (!canEditProjects(locked.phase as Phase)) refuse("phase_locked", { phase: locked.phase });
    return ok(await insertProject(tx, deps, actor, input));
  });
}

/**
 * Edits a project until voting opens (it may move to another budget of the same process). A
 * change of cost or budget after review sends it back to 'proposed': feasibility was judged
 * for the old figures. Audit: "project.updated".
 */
export async function updateProject(
  deps: BudgetingDeps,
  actor: Actor | null,
  input: ProjectInput & { projectId: string; budgetId?: string },
): Promise<
  Result<{ id: string; reference: string; reviewReset: boolean }, "forbidden" | "not_found" | "invalid" | "phase_locked" | "unknown_outcome">
> {
  if (!canManage(actor, input.councilId)) return err("forbidden");
  return transact(deps.prisma, async (tx) => {
    const project = await tx.project.findFirst({
      where: { id: input.projectId, process: { councilId: input.councilId } },
      select: { id: true, processId: true, budgetId: true, reference: true, costPence: true, status: true },
    });
    if (!project) refuse("not_found");
    const locked = await lockProcess(tx, input.councilId, project.processId, "update");
    if (!locked) refuse("not_found");
    if (!canEditProjects(locked.phase as Phase)) refuse("phase_locked", { phase: locked.phase });
    const budget = await tx.processBudget.findFirst({
      where: { id: input.budgetId ?? project.budgetId, processId: project.processId },
      select: { id: true, amountPence: true },
    });
    if (!budget) refuse("not_found");
    const parsed = validateProject(input, budget);
    if (!parsed.ok) throw new Refusal(parsed);
    await checkProjectPlace(tx, input.councilId, parsed.value);
    const { outcomes, ...fields } = parsed.value;
    const reviewReset = project.status !== "proposed" && (fields.costPence !== project.costPence || budget.id !== project.budgetId);
    await tx.projectOutcome.deleteMany({ where: { projectId: project.id } });
    await tx.project.update({
      where: { id: project.id },
      data: {
        ...fields,
        budgetId: budget.id,
        ...(reviewReset ? { status: "proposed" as const, feasibilityReason: null } : {}),
        outcomes: { create: outcomes },
      },
    });
    await audit(tx, deps, {
      councilId: input.councilId,
      actorId: actor.account.id,
      action: "project.updated",
      subjectType: "Project",
      subjectId: project.id,
      data: { reference: project.reference, budgetId: budget.id, costPence: fields.costPence, reviewReset },
    });
    return ok({ id: project.id, reference: project.reference, reviewReset });
  });
}

/**
 * Records the feasibility review of a project, in the review phase. 'not_feasible' needs a reason,
 * which is published with the project so residents see why their idea is not on the ballot.
 * Audit: "project.reviewed".
 */
export async function reviewProject(
  deps: BudgetingDeps,
  actor: Actor | null,
  input: { councilId: string; projectId: string; decision?: unknown; reason?: unknown },
): Promise<Result<{ id: string; status: "feasible" | "not_feasible" }, "forbidden" | "not_found" | "invalid" | "phase_locked">> {
  if (!canManage(actor, input.councilId)) return err("forbidden");
  const parsed = validateReview(input);
  if (!parsed.ok) return parsed;
  return transact(deps.prisma, async (tx) => {
    const project = await tx.project.findFirst({
      where: { id: input.projectId, process: { councilId: input.councilId } },
      select: { id: true, processId: true, reference: true },
    });
    if (!project) refuse("not_found");
    const locked = await lockProcess(tx, input.councilId, project.processId, "update");
    if (!locked) refuse("not_found");
    if (!canReviewProjects(locked.phase as Phase)) refuse("phase_locked", { phase: locked.phase });
    const { decision, reason } = parsed.value;
    await tx.project.update({ where: { id: project.id }, data: { status: decision, feasibilityReason: reason } });
    await audit(tx, deps, {
      councilId: input.councilId,
      actorId: actor.account.id,
      action: "project.reviewed",
      subjectType: "Project",
      subjectId: project.id,
      data: { reference: project.reference, decision, reason },
    });
    return ok({ id: project.id, status: decision });
  });
}

// ───────────────────────────── phases ─────────────────────────────

async function loadState(tx: Tx, processId: string, phase: Phase): Promise<ProcessState> {
  const p = await tx.budgetProcess.findUniqueOrThrow({
    where: { id: processId },
    select: {
      ballotType: true,
      minProjects: true,
      maxProjects: true,
      points: true,
      pointsPerProjectCap: true,
      rankCount: true,
      countingRule: true,
      mesCompletion: true,
      mesUtilities: true,
      greedyThreshold: true,
      tieBreak: true,
      useVotingCodes: true,
      votingCloseAt: true,
      budgets: {
        orderBy: { position: "asc" },
        select: { id: true, name: true, amountPence: true, projects: { select: { status: true, costPence: true } } },
      },
      results: { where: { publishedAt: { not: null } }, select: { budgetId: true } },
      _count: { select: { votingCodes: true } },
    },
  });
  const { budgets, results, _count, useVotingCodes, votingCloseAt, ...settings } = p;
  return {
    phase,
    settings,
    useVotingCodes,
    votingCloseAt,
    budgets,
    votingCodesIssued: _count.votingCodes,
    publishedResultBudgetIds: results.map((r) => r.budgetId),
  };
}

/**
 * Moves a process to another phase (forward only; see process.ts `transition`). Takes the
 * process row lock first, so closing voting waits for ballots already being cast and no ballot
 * is accepted after it. Audit: "budget.phase_changed" with from and to.
 */
export async function changePhase(
  deps: BudgetingDeps,
  actor: Actor | null,
  input: { councilId: string; processId: string; to: unknown },
): Promise<
  | { ok: true; value: Transition }
  | { ok: false; reason: "forbidden" | "not_found"; detail?: unknown }
  | { ok: false; reason: "invalid_transition"; detail: { from: Phase; to: string } }
  | { ok: false; reason: "not_ready"; detail: { from: Phase; to: Phase; problems: ReadinessProblem[] } }
> {
  if (!canManage(actor, input.councilId)) return err("forbidden");
  return transact(deps.prisma, async (tx) => {
    const locked = await lockProcess(tx, input.councilId, input.processId, "update");
    if (!locked) refuse("not_found");
    const from = locked.phase as Phase;
    if (!isPhase(input.to)) throw new Refusal({ ok: false, reason: "invalid_transition", detail: { from, to: String(input.to) } });
    const state = await loadState(tx, input.processId, from);
    const moved = transition(state, input.to, deps.now());
    if (!moved.ok) throw new Refusal(moved);
    await tx.budgetProcess.update({ where: { id: input.processId }, data: { phase: moved.value.to } });
    await audit(tx, deps, {
      councilId: input.councilId,
      actorId: actor.account.id,
      action: "budget.phase_changed",
      subjectType: "BudgetProcess",
      subjectId: input.processId,
      data: { from: moved.value.from, to: moved.value.to },
    });
    return ok(moved.value);
  });
}

// ───────────────────────────── reads ─────────────────────────────

export interface ProcessListItem {
  id: string;
  slug: string;
  title: string;
  titleCy: string | null;
  summary: string;
  phase: Phase;
  votingOpenAt: Date | null;
  votingCloseAt: Date | null;
  budgetCount: number;
  totalPence: bigint;
  projectCount: number;
  ideaCount: number;
}

/**
 * A council's processes, newest first. `publicOnly` (the public listing; any visitor) leaves out
 * drafts; the full list is for officers and admins of that council only.
 */
export async function listProcesses(
  deps: Pick<BudgetingDeps, "prisma">,
  actor: Actor | null,
  input: { councilId: string; publicOnly: boolean },
): Promise<Result<ProcessListItem[], "forbidden">> {
  if (!input.publicOnly && !canManage(actor, input.councilId)) return err("forbidden");
  const rows = await deps.prisma.budgetProcess.findMany({
    where: { councilId: input.councilId, ...(input.publicOnly ? { phase: { not: "draft" as const } } : {}) },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    select: {
      id: true,
      slug: true,
      title: true,
      titleCy: true,
      summary: true,
      phase: true,
      votingOpenAt: true,
      votingCloseAt: true,
      budgets: { select: { amountPence: true } },
      _count: { select: { projects: true, ideas: true } },
    },
  });
  return ok(
    rows.map(({ budgets, _count, ...r }) => ({
      ...r,
      budgetCount: budgets.length,
      totalPence: budgets.reduce((s, b) => s + b.amountPence, 0n),
      projectCount: _count.projects,
      ideaCount: _count.ideas,
    })),
  );
}

const PROJECT_SELECT = {
  id: true,
  reference: true,
  title: true,
  description: true,
  costPence: true,
  wardCode: true,
  locationText: true,
  status: true,
  feasibilityReason: true,
  outcomes: { select: { weight: true, node: { select: { id: true, name: true, nameCy: true } } } },
} as const;

/**
 * One process as its pages show it: settings, budgets and their projects with outcomes. A draft
 * is visible to the council's officers only (others get 'not_found'). `canManage` tells the page
 * whether to show officer actions. Looks up by slug or id, within the council only.
 */
export async function getProcess(deps: Pick<BudgetingDeps, "prisma">, actor: Actor | null, input: { councilId: string; slugOrId: string }) {
  const process = await deps.prisma.budgetProcess.findFirst({
    where: { councilId: input.councilId, OR: [{ slug: input.slugOrId }, { id: input.slugOrId }] },
    select: {
      id: true,
      slug: true,
      title: true,
      titleCy: true,
      summary: true,
      phase: true,
      ideasOpenAt: true,
      reviewOpenAt: true,
      votingOpenAt: true,
      votingCloseAt: true,
      resultsAt: true,
      minimumAge: true,
      requirePostcodeInArea: true,
      useVotingCodes: true,
      ballotType: true,
      minProjects: true,
      maxProjects: true,
      points: true,
      pointsPerProjectCap: true,
      rankCount: true,
      countingRule: true,
      mesCompletion: true,
      mesUtilities: true,
      greedyThreshold: true,
      tieBreak: true,
      budgets: {
        orderBy: { position: "asc" },
        select: {
          id: true,
          name: true,
          wardCode: true,
          amountPence: true,
          projects: { select: PROJECT_SELECT },
        },
      },
    },
  });
  const manager = canManage(actor, input.councilId);
  if (!process || (!manager && !isPublicPhase(process.phase))) return err("not_found");
  // Reference order ("P-2" before "P-10"): the order the officer entered them, stable under a fixed clock.
  const budgets = process.budgets.map((b) => ({
    ...b,
    projects: [...b.projects].sort((x, y) => x.reference.localeCompare(y.reference, "en", { numeric: true })),
  }));
  return ok({ ...process, budgets, canManage: manager });
}

export type ProcessView = Extract<Awaited<ReturnType<typeof getProcess>>, { ok: true }>["value"];
