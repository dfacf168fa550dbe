// The officer's voting codes page: how many codes a process has issued and how many have voted,
// and issuing more by the process's slug. Issuing itself (and why only keyed hashes are stored)
// is ballots.server.ts `issueVotingCodes`.
import { canIssueVotingCodes, type Phase } from "~/domain/budgeting/process.ts";
import { err, ok, type Result } from "~/domain/result.ts";
import type { Actor } from "~/server/accounts/sessions.server.ts";
import { issueVotingCodes } from "./ballots.server.ts";
import { canManage, type BudgetingDeps } from "./support.server.ts";

export interface VotingCodeSummary {
  process: { id: string; slug: string; title: string; phase: Phase; useVotingCodes: boolean };
  issued: number;
  /** Codes that have voted, online or on a paper ballot entered by an officer. */
  used: number;
  /** Whether more codes can be issued now (the process uses codes and voting has not closed). */
  canIssue: boolean;
}

/** Counts only: the codes themselves were shown once, when issued, and are not stored. */
export async function votingCodeSummary(
  deps: Pick<BudgetingDeps, "prisma">,
  actor: Actor | null,
  input: { councilId: string; process: string },
): Promise<Result<VotingCodeSummary, "forbidden" | "not_found">> {
  if (!canManage(actor, input.councilId)) return err("forbidden");
  const process = await deps.prisma.budgetProcess.findFirst({
    where: { councilId: input.councilId, OR: [{ slug: input.process }, { id: input.process }] },
    select: { id: true, slug: true, title: true, phase: true, useVotingCodes: true },
  });
  if (!process) return err("not_found");
  const [issued, used] = await Promise.all([
    deps.prisma.votingCode.count({ where: { processId: process.id } }),
    deps.prisma.votingCode.count({ where: { processId: process.id, usedAt: { not: null } } }),
  ]);
  const phase = process.phase as Phase;
  return ok({ process: { ...process, phase }, issued, used, canIssue: process.useVotingCodes && canIssueVotingCodes(phase) });
}

/**
 * Issues `count` codes for the process named by slug or id (the page's URL). The plain codes come
 * back once, to print or download; see issueVotingCodes.
 */
export async function issueVotingCodesFor(
  deps: BudgetingDeps,
  actor: Actor | null,
  input: { councilId: string; process: string; count: number },
): Promise<Awaited<ReturnType<typeof issueVotingCodes>>> {
  if (!canManage(actor, input.councilId)) return err("forbidden");
  const process = await deps.prisma.budgetProcess.findFirst({
    where: { councilId: input.councilId, OR: [{ slug: input.process }, { id: input.process }] },
    select: { id: true },
  });
  if (!process) return err("not_found");
  return issueVotingCodes(deps, actor, { councilId: input.councilId, processId: process.id, count: input.count });
}
