// Importing a past participatory-budgeting vote from a pabulib `.pb` file (for training, demos and
// comparing rules on real data): the file becomes a process in the results phase with one
// budget, its projects and its ballots, counted with the rule its META names when the product
// counts that rule (else the officer's choice), and the count is stored unpublished.
//
// All or nothing: the file is read, mapped (app/domain/budgeting/pabulib-import.ts) and counted
// before anything is written; then one transaction writes the process, budget, projects,
// ballots, the result and the audit event. A file that cannot be read gets the parser's reason
// with its section and line (messages.ts parseErrorMessage).
//
// Secrecy: imported ballots get random voter keys (they stand for nobody) and no Participation
// rows — a research file says nothing about who took part here, so turnout tables stay empty.
import { randomBytes, randomUUID } from "node:crypto";
import { runCount, toElection, pabulibRuleName } from "~/domain/budgeting/count.ts";
import type { CountReason } from "~/domain/budgeting/counting/outcome.ts";
import { IMPORT_FALLBACK_RULES, planImport, type FallbackRule, type ImportFallback, type ImportReason } from "~/domain/budgeting/pabulib-import.ts";
import { parsePabulib, type PabulibErrorDetail, type PabulibReason } from "~/domain/budgeting/pabulib.ts";
import { encodeComparison, encodeResult } from "~/domain/budgeting/result-record.ts";
import { err, ok } from "~/domain/result.ts";
import type { Actor } from "~/server/accounts/sessions.server.ts";
import type { Prisma } from "~/server/db/generated/client.ts";
import { audit } from "~/server/audit/audit.server.ts";
import { randomCrockford } from "~/server/random.server.ts";
import { canManage, type BudgetingDeps } from "./support.server.ts";

export type ImportResult =
  | { ok: true; value: { processId: string; slug: string; ruleFromFile: boolean; fileRule: string } }
  | { ok: false; reason: "forbidden" }
  | { ok: false; reason: "invalid"; detail: { fieldErrors: Record<string, "required" | "invalid"> } }
  | { ok: false; reason: "unreadable"; detail: { reason: PabulibReason; detail: PabulibErrorDetail } }
  | { ok: false; reason: "unsupported"; detail: { reason: ImportReason; subject?: string } }
  | { ok: false; reason: "count_failed"; detail: { reason: CountReason } };

const FALLBACKS: Record<ImportFallback, FallbackRule> = {
  equal_shares: { countingRule: "equal_shares", mesCompletion: "add1_utilitarian" },
  greedy: { countingRule: "greedy", mesCompletion: "add1_utilitarian" },
};

function slugFor(title: string): string {
  const base = title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)
    .replace(/-+$/g, "");
  // A random tail: the same file may be imported again, as a separate process.
  return `imported-${base ? `${base}-` : ""}${randomBytes(3).toString("hex")}`;
}

const CHUNK = 2000;

async function inChunks<T>(rows: readonly T[], write: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += CHUNK) await write(rows.slice(i, i + CHUNK));
}

/**
 * Imports a `.pb` file as a past process and counts it. Officers and admins of the council.
 * `fallbackRule` ("equal_shares" or "greedy") is used when the file's rule is not one the product
 * counts. Audit: "budget.imported".
 */
export async function importPabulib(
  deps: Pick<BudgetingDeps, "prisma" | "now">,
  actor: Actor | null,
  input: { councilId: string; fileName: string; text: string; fallbackRule: unknown },
): Promise<ImportResult> {
  if (!canManage(actor, input.councilId)) return err("forbidden");
  const fallback = IMPORT_FALLBACK_RULES.find((r) => r === input.fallbackRule);
  if (!fallback) return { ok: false, reason: "invalid", detail: { fieldErrors: { fallbackRule: input.fallbackRule ? "invalid" : "required" } } };
  const fileName = input.fileName.replace(/[\\/]/g, "_").slice(-120) || "file.pb";

  const parsed = parsePabulib(input.text);
  if (!parsed.ok) return { ok: false, reason: "unreadable", detail: { reason: parsed.reason, detail: parsed.detail } };
  const plan = planImport(parsed.value, FALLBACKS[fallback], fileName);
  if (!plan.ok) return { ok: false, reason: "unsupported", detail: { reason: plan.reason, ...(plan.detail as { subject?: string } | undefined) } };
  const { settings, count } = plan.value;
  const counted = runCount(toElection(count, settings), settings);
  if (!counted.ok) return { ok: false, reason: "count_failed", detail: { reason: counted.reason } };
  const { outcome, comparison } = counted.value;

  const now = deps.now();
  const slug = slugFor(plan.value.title);
  const description = parsed.value.meta.find(([k]) => k === "description")?.[1]?.trim();
  const importedFrom = `${fileName}${description ? ` — ${description}` : ""}`.slice(0, 300);

  return deps.prisma.$transaction(
    async (tx) => {
      const process = await tx.budgetProcess.create({
        data: {
          councilId: input.councilId,
          slug,
          title: plan.value.title,
          summary: plan.value.summary,
          phase: "results",
          votingOpenAt: plan.value.votingOpenAt,
          votingCloseAt: plan.value.votingCloseAt,
          requirePostcodeInArea: false,
          useVotingCodes: false,
          ballotType: settings.ballotType,
          minProjects: settings.minProjects,
          maxProjects: settings.maxProjects,
          points: settings.points,
          pointsPerProjectCap: settings.pointsPerProjectCap,
          rankCount: settings.rankCount,
          countingRule: settings.countingRule,
          mesCompletion: settings.mesCompletion,
          mesUtilities: settings.mesUtilities,
          greedyThreshold: settings.greedyThreshold,
          tieBreak: settings.tieBreak,
          importedFrom,
          createdAt: now,
          budgets: { create: [{ name: plan.value.budgetName, amountPence: count.budgetPence, position: 0 }] },
        },
        select: { id: true, slug: true, budgets: { select: { id: true } } },
      });
      const budgetId = process.budgets[0]!.id;
      const projects = await tx.project.createManyAndReturn({
        data: count.projects.map((p) => ({
          processId: process.id,
          budgetId,
          reference: p.reference,
          title: p.title,
          description: p.description,
          costPence: p.costPence,
          status: "feasible" as const,
          createdAt: now,
        })),
        select: { id: true, reference: true },
      });
      const idOf = new Map(projects.map((p) => [p.reference, p.id]));
      const castAt = plan.value.votingCloseAt ?? now;
      const ballots = count.ballots.map((b) => ({ id: randomUUID(), choices: b.choices }));
      await inChunks(ballots, (chunk) =>
        tx.ballot.createMany({
          data: chunk.map((b) => ({
            id: b.id,
            processId: process.id,
            budgetId,
            voterKey: randomBytes(32).toString("hex"),
            // Longer than a cast ballot's reference: tens of thousands at once must not collide.
            reference: `IM-${randomCrockford(16)}`,
            channel: "online" as const,
            castAt,
          })),
        }),
      );
      await inChunks(
        ballots.flatMap((b) => b.choices.map((c) => ({ ballotId: b.id, projectId: idOf.get(c.reference)!, value: c.value }))),
        (chunk) => tx.ballotChoice.createMany({ data: chunk }),
      );
      const record = encodeResult({ currency: plan.value.currency, settings, projects: Object.fromEntries(idOf), outcome });
      const result = await tx.budgetResult.create({
        data: {
          processId: process.id,
          budgetId,
          rule: pabulibRuleName(settings),
          ballotCount: ballots.length,
          selected: outcome.selected.map((r) => idOf.get(r)!),
          explanation: record as Prisma.InputJsonValue,
          comparison: comparison ? (encodeComparison(comparison) as Prisma.InputJsonValue) : undefined,
          computedAt: now,
        },
        select: { id: true },
      });
      await audit(tx, deps, {
        councilId: input.councilId,
        actorId: actor.account.id,
        action: "budget.imported",
        subjectType: "BudgetProcess",
        subjectId: process.id,
        data: {
          importedFrom,
          projects: projects.length,
          ballots: ballots.length,
          fileRule: plan.value.fileRule,
          ruleFromFile: plan.value.ruleFromFile,
          rule: pabulibRuleName(settings),
          resultId: result.id,
        },
      });
      return ok({ processId: process.id, slug: process.slug, ruleFromFile: plan.value.ruleFromFile, fileRule: plan.value.fileRule });
    },
    // Tens of thousands of ballots take longer than an ordinary write.
    { maxWait: 20_000, timeout: 120_000 },
  );
}
