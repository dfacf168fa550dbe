// Reads for the residents' pages of participatory budgeting — a process, a project, its images,
// the ballot — and the sealed receipt that carries a cast ballot's reference to the confirmation
// page. Casting itself is `castBallot` (ballots.server.ts); this file never writes.
//
// Visibility: a process in draft is seen by its council's officers only (as `getProcess`
// decides); every other phase is public. Every query filters by councilId; another council's
// process, project or image is 'not_found'.
// Secrecy: "you have voted" comes from `getMyBallot` (the voter's own key), never from
// Participation, and nothing here reads anyone else's ballot.
import { createHmac, hkdfSync } from "node:crypto";
import { can } from "~/domain/accounts/permissions.ts";
import { BALLOT_REASONS, ballotConfigFor, checkBallot, type BallotConfig, type BallotProblem, type BallotSettings } from "~/domain/budgeting/ballot.ts";
import type { BallotAnswers } from "~/domain/budgeting/ballot-form.ts";
import { ballotMessage, castingMessage, type CastingReason } from "~/domain/budgeting/ballot-messages.ts";
import type { Pence } from "~/domain/budgeting/money.ts";
import { isPublicPhase, type Phase, type ProjectStatus } from "~/domain/budgeting/process.ts";
import type { Locale } from "~/domain/i18n/locale.ts";
import { normalisePostcode } from "~/domain/places/postcode.ts";
import { err, ok, type Result } from "~/domain/result.ts";
import { constantTimeEqual } from "~/server/accounts/crypto.server.ts";
import type { Actor } from "~/server/accounts/sessions.server.ts";
import type { Config } from "~/server/config.server.ts";
import { getMyBallot, normaliseVotingCode, type CastReason, type MyBallot } from "./ballots.server.ts";
import { getProcess, type ProcessView } from "./processes.server.ts";
import { canManage, type BudgetingDeps } from "./support.server.ts";

type ReadDeps = Pick<BudgetingDeps, "prisma" | "config" | "now">;

/** Whether residents can cast a ballot now: the voting phase, before the published close. */
export type VotingState = "not_open" | "open" | "closed";

export function votingState(phase: Phase, votingCloseAt: Date | null, now: Date): VotingState {
  if (phase === "draft" || phase === "ideas" || phase === "review") return "not_open";
  if (phase !== "voting") return "closed";
  return votingCloseAt && now.getTime() >= votingCloseAt.getTime() ? "closed" : "open";
}

async function wardNames(deps: Pick<BudgetingDeps, "prisma">, councilId: string, codes: readonly (string | null)[]): Promise<Record<string, string>> {
  const wanted = [...new Set(codes.filter((c): c is string => c !== null))];
  if (wanted.length === 0) return {};
  const rows = await deps.prisma.area.findMany({ where: { councilId, type: "ward", code: { in: wanted } }, select: { code: true, name: true } });
  return Object.fromEntries(rows.map((r) => [r.code, r.name]));
}

// ───────────────────────────── the process page ─────────────────────────────

/** Statuses of projects the count selected, whose delivery residents can follow. */
const DELIVERY_STATUSES: readonly ProjectStatus[] = ["selected", "in_delivery", "delivered"];

export interface Delivery {
  percentComplete: number | null;
  spentPence: Pence | null;
  note: string | null;
  updatedAt: Date | null;
  milestones: { id: string; title: string; dueOn: Date | null; completedOn: Date | null }[];
}

export interface ProcessPage {
  process: ProcessView;
  wardNames: Record<string, string>;
  votingState: VotingState;
  /** Budget id → the signed-in voter's ballot reference, for "You have voted". */
  myBallots: Record<string, { reference: string; revision: number }>;
  /** Project id → delivery progress, for selected projects once results are out. */
  delivery: Record<string, Delivery>;
}

async function loadDelivery(deps: Pick<BudgetingDeps, "prisma">, projectIds: readonly string[]): Promise<Record<string, Delivery>> {
  if (projectIds.length === 0) return {};
  const rows = await deps.prisma.project.findMany({
    where: { id: { in: [...projectIds] } },
    select: {
      id: true,
      percentComplete: true,
      spentPence: true,
      deliveryNote: true,
      deliveryUpdatedAt: true,
      milestones: { orderBy: [{ position: "asc" }, { dueOn: "asc" }], select: { id: true, title: true, dueOn: true, completedOn: true } },
    },
  });
  return Object.fromEntries(
    rows.map((r) => [
      r.id,
      { percentComplete: r.percentComplete, spentPence: r.spentPence, note: r.deliveryNote, updatedAt: r.deliveryUpdatedAt, milestones: r.milestones },
    ]),
  );
}

/**
 * Everything the public page of one process shows: the process with its budgets and projects
 * (`getProcess`), ward names, whether voting is open, the visitor's own ballots (account voting
 * only: a voting code cannot be looked up again) and, from results on, delivery progress.
 */
export async function getProcessPage(
  deps: ReadDeps,
  actor: Actor | null,
  input: { councilId: string; slug: string },
): Promise<Result<ProcessPage, "not_found">> {
  const found = await getProcess(deps, actor, { councilId: input.councilId, slugOrId: input.slug });
  if (!found.ok) return err("not_found");
  const process = found.value;
  const projects = process.budgets.flatMap((b) => b.projects);
  const state = votingState(process.phase, process.votingCloseAt, deps.now());
  const myBallots: ProcessPage["myBallots"] = {};
  if (actor && !process.useVotingCodes && process.phase !== "draft") {
    for (const budget of process.budgets) {
      const mine = await getMyBallot(deps, actor, { councilId: input.councilId, budgetId: budget.id });
      if (mine.ok && mine.value) myBallots[budget.id] = { reference: mine.value.reference, revision: mine.value.revision };
    }
  }
  const delivery =
    process.phase === "results" || process.phase === "delivery"
      ? await loadDelivery(deps, projects.filter((p) => DELIVERY_STATUSES.includes(p.status)).map((p) => p.id))
      : {};
  return ok({
    process,
    wardNames: await wardNames(deps, input.councilId, [...process.budgets.map((b) => b.wardCode), ...projects.map((p) => p.wardCode)]),
    votingState: state,
    myBallots,
    delivery,
  });
}

// ───────────────────────────── the project page ─────────────────────────────

export interface ProjectPage {
  process: { id: string; slug: string; title: string; titleCy: string | null; phase: Phase };
  budget: { id: string; name: string; wardCode: string | null };
  project: {
    id: string;
    reference: string;
    title: string;
    description: string;
    costPence: Pence;
    wardCode: string | null;
    locationText: string | null;
    status: ProjectStatus;
    feasibilityReason: string | null;
    outcomes: { nodeId: string; name: string; nameCy: string | null; weight: number }[];
    images: { id: string; altText: string }[];
  };
  wardNames: Record<string, string>;
  delivery: Delivery | null;
  votingState: VotingState;
}

/** One project of a visible process, by its public reference ("P-12"). */
export async function getProjectPage(
  deps: ReadDeps,
  actor: Actor | null,
  input: { councilId: string; processSlug: string; reference: string },
): Promise<Result<ProjectPage, "not_found">> {
  const row = await deps.prisma.project.findFirst({
    where: { reference: input.reference, process: { councilId: input.councilId, slug: input.processSlug } },
    select: {
      id: true,
      reference: true,
      title: true,
      description: true,
      costPence: true,
      wardCode: true,
      locationText: true,
      status: true,
      feasibilityReason: true,
      process: { select: { id: true, slug: true, title: true, titleCy: true, phase: true, votingCloseAt: true } },
      budget: { select: { id: true, name: true, wardCode: true } },
      outcomes: { orderBy: { weight: "desc" }, select: { weight: true, node: { select: { id: true, name: true, nameCy: true } } } },
      images: { orderBy: [{ position: "asc" }, { createdAt: "asc" }], select: { id: true, altText: true } },
    },
  });
  if (!row || (!isPublicPhase(row.process.phase) && !canManage(actor, input.councilId))) return err("not_found");
  const { process, budget, outcomes, images, ...project } = row;
  const delivery =
    (process.phase === "results" || process.phase === "delivery") && DELIVERY_STATUSES.includes(project.status)
      ? ((await loadDelivery(deps, [project.id]))[project.id] ?? null)
      : null;
  return ok({
    process: { id: process.id, slug: process.slug, title: process.title, titleCy: process.titleCy, phase: process.phase },
    budget,
    project: {
      ...project,
      outcomes: outcomes.map((o) => ({ nodeId: o.node.id, name: o.node.name, nameCy: o.node.nameCy, weight: o.weight })),
      images,
    },
    wardNames: await wardNames(deps, input.councilId, [project.wardCode, budget.wardCode]),
    delivery,
    votingState: votingState(process.phase, process.votingCloseAt, deps.now()),
  });
}

// ───────────────────────────── project images ─────────────────────────────

/**
 * Raster formats a browser shows as an image and nothing else. Any other stored type (an SVG can
 * carry script; "text/html" would be a page on our origin) is sent as a download instead.
 */
const INLINE_IMAGE_TYPES = new Set(["image/jpeg", "image/png", "image/gif", "image/webp", "image/avif"]);

export interface ProjectImageFile {
  contentType: string;
  inline: boolean;
  bytes: Uint8Array<ArrayBuffer>;
  /** Public processes' images may be cached by anyone; a draft's only by the officer's browser. */
  public: boolean;
}

/** The bytes of one project image of a visible process of this council. */
export async function getProjectImage(
  deps: Pick<BudgetingDeps, "prisma">,
  actor: Actor | null,
  input: { councilId: string; imageId: string },
): Promise<Result<ProjectImageFile, "not_found">> {
  // Image ids are UUIDs: anything else is not one of ours, and is not worth a query.
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(input.imageId)) return err("not_found");
  const image = await deps.prisma.projectImage.findFirst({
    where: { id: input.imageId, project: { process: { councilId: input.councilId } } },
    select: { contentType: true, bytes: true, project: { select: { process: { select: { phase: true } } } } },
  });
  if (!image) return err("not_found");
  const publicPhase = isPublicPhase(image.project.process.phase);
  if (!publicPhase && !canManage(actor, input.councilId)) return err("not_found");
  const type = image.contentType.toLowerCase().split(";")[0]!.trim();
  const inline = INLINE_IMAGE_TYPES.has(type);
  return ok({ contentType: inline ? type : "application/octet-stream", inline, bytes: new Uint8Array(image.bytes), public: publicPhase });
}

// ───────────────────────────── the ballot page ─────────────────────────────

export interface BallotProjectView {
  id: string;
  reference: string;
  title: string;
  costPence: Pence;
  wardCode: string | null;
}

export interface BallotPage {
  process: {
    id: string;
    slug: string;
    title: string;
    titleCy: string | null;
    phase: Phase;
    votingCloseAt: Date | null;
    resultsAt: Date | null;
    minimumAge: number | null;
    requirePostcodeInArea: boolean;
    useVotingCodes: boolean;
  };
  budget: { id: string; name: string; wardCode: string | null; amountPence: Pence };
  settings: BallotSettings;
  /** The rules of this budget's ballot; null only if stored settings are broken. */
  config: BallotConfig | null;
  /** The projects on the ballot: those found feasible, in reference order. */
  projects: BallotProjectView[];
  wardNames: Record<string, string>;
  votingState: VotingState;
  /**
   * Who may vote here. "code": anyone with a voting code; "sign_in": account voting and nobody
   * is signed in; "not_resident": signed in without a resident role in this council (staff
   * take part through a resident membership like anyone else); "resident": may vote.
   */
  voter: "code" | "sign_in" | "not_resident" | "resident";
  /** The signed-in resident's current ballot in this budget, to prefill and to change it. */
  myBallot: MyBallot | null;
}

/** The ballot of one budget, as the voting pages need it. */
export async function getBallotPage(
  deps: ReadDeps,
  actor: Actor | null,
  input: { councilId: string; processSlug: string; budgetId: string },
): Promise<Result<BallotPage, "not_found">> {
  const row = await deps.prisma.processBudget.findFirst({
    where: { id: input.budgetId, process: { councilId: input.councilId, slug: input.processSlug } },
    select: {
      id: true,
      name: true,
      wardCode: true,
      amountPence: true,
      projects: { where: { status: "feasible" }, select: { id: true, reference: true, title: true, costPence: true, wardCode: true } },
      process: {
        select: {
          id: true,
          slug: true,
          title: true,
          titleCy: true,
          phase: true,
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
        },
      },
    },
  });
  if (!row || !isPublicPhase(row.process.phase)) return err("not_found");
  const { ballotType, minProjects, maxProjects, points, pointsPerProjectCap, rankCount, ...process } = row.process;
  const settings: BallotSettings = { ballotType, minProjects, maxProjects, points, pointsPerProjectCap, rankCount };
  const config = ballotConfigFor(settings, { id: row.id, amountPence: row.amountPence });
  const projects = [...row.projects].sort((a, b) => a.reference.localeCompare(b.reference, "en", { numeric: true }));
  let voter: BallotPage["voter"];
  let myBallot: MyBallot | null = null;
  if (process.useVotingCodes) voter = "code";
  else if (!actor) voter = "sign_in";
  else if (!can(actor.roles, input.councilId, "participate")) voter = "not_resident";
  else {
    voter = "resident";
    const mine = await getMyBallot(deps, actor, { councilId: input.councilId, budgetId: row.id });
    myBallot = mine.ok ? mine.value : null;
  }
  return ok({
    process,
    budget: { id: row.id, name: row.name, wardCode: row.wardCode, amountPence: row.amountPence },
    settings,
    config: config.ok ? config.value : null,
    projects,
    wardNames: await wardNames(deps, input.councilId, [row.wardCode, ...projects.map((p) => p.wardCode)]),
    votingState: votingState(process.phase, process.votingCloseAt, deps.now()),
    voter,
    myBallot,
  });
}

// ───────────────────────────── checking answers before casting ─────────────────────────────

/** A problem with a ballot's answers, with the form field it belongs to. */
export interface AnswerProblem {
  field: "votingCode" | "postcode" | "ageConfirmed" | "choices";
  reason: CastReason;
  detail?: unknown;
}

const FIELD_OF: Partial<Record<CastReason, AnswerProblem["field"]>> = {
  code_required: "votingCode",
  code_invalid: "votingCode",
  code_used: "votingCode",
  postcode_required: "postcode",
  postcode_invalid: "postcode",
  postcode_not_in_area: "postcode",
  postcode_not_in_ward: "postcode",
  age_not_confirmed: "ageConfirmed",
};

/** The field a refusal from `castBallot` belongs to; ballot rules and the rest go to the choices. */
export function fieldOf(reason: CastReason): AnswerProblem["field"] {
  return FIELD_OF[reason] ?? "choices";
}

/**
 * Before "Check your answers": every problem the page can know about without casting — the
 * ballot rules (`checkBallot`), and whether each eligibility answer is there and well formed —
 * in the order of the form. Whether a postcode is in the area, or a code unused, is known only
 * when the ballot is cast; `castBallot` checks everything again then, whatever this said.
 */
export function checkBallotAnswers(page: BallotPage, answers: BallotAnswers): AnswerProblem[] {
  const problems: AnswerProblem[] = [];
  if (page.process.useVotingCodes) {
    if (answers.votingCode.trim() === "") problems.push({ field: "votingCode", reason: "code_required" });
    else if (!normaliseVotingCode(answers.votingCode)) problems.push({ field: "votingCode", reason: "code_invalid" });
  }
  if (page.process.requirePostcodeInArea) {
    if (answers.postcode.trim() === "") problems.push({ field: "postcode", reason: "postcode_required" });
    else if (!normalisePostcode(answers.postcode).ok) problems.push({ field: "postcode", reason: "postcode_invalid" });
  }
  if (page.process.minimumAge !== null && !answers.ageConfirmed)
    problems.push({ field: "ageConfirmed", reason: "age_not_confirmed", detail: { minimumAge: page.process.minimumAge } });
  if (!page.config) problems.push({ field: "choices", reason: "invalid_ballot_settings" });
  else {
    const checked = checkBallot(
      page.config,
      page.projects.map((p) => ({ id: p.id, budgetId: page.budget.id, costPence: p.costPence, feasible: true })),
      answers.choices,
    );
    if (!checked.ok) problems.push({ field: "choices", reason: checked.reason, detail: checked.detail });
  }
  return problems;
}

/** The words for a problem, naming projects where the rule can. */
export function answerProblemMessage(problem: Pick<AnswerProblem, "reason" | "detail">, locale: Locale, projectNames: Readonly<Record<string, string>>): string {
  if ((BALLOT_REASONS as readonly string[]).includes(problem.reason))
    return ballotMessage({ reason: problem.reason, detail: problem.detail } as BallotProblem, locale, projectNames);
  const minimumAge = (problem.detail as { minimumAge?: unknown } | undefined)?.minimumAge;
  return castingMessage(problem.reason as CastingReason, locale, typeof minimumAge === "number" ? { minimumAge } : {});
}

/**
 * The HTTP status of a refused ballot: 400 for answers the voter can correct, 409 when the
 * state of things stands in the way (voting not open or closed, a used code, a stale tab), 503
 * when the database was too busy (try again), 403 for someone who may not vote here.
 */
export function refusalStatus(reason: CastReason): number {
  switch (reason) {
    case "voting_not_open":
    case "voting_closed":
    case "code_used":
    case "stale_ballot":
      return 409;
    case "busy":
    case "invalid_ballot_settings":
      return 503;
    case "not_eligible":
      return 403;
    case "not_found":
      return 404;
    default:
      return 400;
  }
}

// ───────────────────────────── the receipt seal ─────────────────────────────

export interface SealedReceipt {
  reference: string;
  status: "recorded" | "replaced" | "unchanged";
  /** A receipt email went to the voter (now, or for this same ballot before). */
  emailed: boolean;
}

const STATUSES = new Set<SealedReceipt["status"]>(["recorded", "replaced", "unchanged"]);
let sealKey: { secret: string; key: Buffer } | null = null;

function sealMac(config: Pick<Config, "appSecret">, budgetId: string, body: string): string {
  if (sealKey?.secret !== config.appSecret)
    sealKey = { secret: config.appSecret, key: Buffer.from(hkdfSync("sha256", config.appSecret, "commonweal-budgeting-v1", "commonweal:ballot-receipt", 32)) };
  return createHmac("sha256", sealKey.key).update(`${budgetId}\u0000${body}`, "utf8").digest("base64url");
}

/**
 * The cast ballot's reference for the confirmation page's address (post/redirect/get), sealed
 * with a key of its own so nobody can make the page confirm a vote that was not cast. It holds
 * the reference only — never the choices — and is bound to the budget.
 */
export function sealReceipt(config: Pick<Config, "appSecret">, budgetId: string, receipt: SealedReceipt): string {
  const body = `${receipt.reference}.${receipt.status}.${receipt.emailed ? 1 : 0}`;
  return `${body}.${sealMac(config, budgetId, body)}`;
}

export function openReceipt(config: Pick<Config, "appSecret">, budgetId: string, sealed: string | null): SealedReceipt | null {
  if (!sealed || sealed.length > 200) return null;
  const parts = sealed.split(".");
  if (parts.length !== 4) return null;
  const [reference, status, emailed, mac] = parts as [string, string, string, string];
  if (!/^PB-[0-9A-Z]{4}-[0-9A-Z]{4}$/.test(reference) || !STATUSES.has(status as SealedReceipt["status"]) || !/^[01]$/.test(emailed)) return null;
  if (!constantTimeEqual(mac, sealMac(config, budgetId, `${reference}.${status}.${emailed}`))) return null;
  return { reference, status: status as SealedReceipt["status"], emailed: emailed === "1" };
}
