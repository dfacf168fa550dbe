// Pictures of projects: officers add them (with alt text) and remove them while projects can be
// edited; residents see them once the process is public. Rules (type by magic bytes, size, alt
// text): app/domain/budgeting/project-image.ts. The bytes live in the database (ProjectImage), so
// every app process behind a load balancer can serve them.
import { validateProjectImage } from "~/domain/budgeting/project-image.ts";
import { canEditProjects, isPublicPhase, type Phase } from "~/domain/budgeting/process.ts";
import { err, ok, type Result } from "~/domain/result.ts";
import type { Actor } from "~/server/accounts/sessions.server.ts";
import { audit } from "~/server/audit/audit.server.ts";
import { Refusal, transact, type Tx } from "~/server/db/transact.server.ts";
import { canManage, lockProcess, type BudgetingDeps } from "./support.server.ts";

function refuse(reason: "not_found" | "phase_locked", detail?: unknown): never {
  throw new Refusal(err(reason, detail));
}

async function lockProjectProcess(tx: Tx, councilId: string, project: { processId: string } | null) {
  if (!project) refuse("not_found");
  const locked = await lockProcess(tx, councilId, project.processId, "update");
  if (!locked) refuse("not_found");
  if (!canEditProjects(locked.phase as Phase)) refuse("phase_locked", { phase: locked.phase });
}

/**
 * Adds a picture to a project, after its other pictures. `bytes` is the uploaded file (null when
 * none was chosen); its type is read from the bytes, never from the upload's name or header.
 * Audit: "project.image_added" (without the bytes).
 */
export async function addProjectImage(
  deps: Pick<BudgetingDeps, "prisma" | "now">,
  actor: Actor | null,
  input: { councilId: string; projectId: string; bytes: Uint8Array | null; altText?: unknown },
): Promise<Result<{ id: string }, "forbidden" | "not_found" | "invalid" | "phase_locked">> {
  if (!canManage(actor, input.councilId)) return err("forbidden");
  // The file alone decides most refusals: check it before taking any lock.
  const early = validateProjectImage({ bytes: input.bytes, altText: input.altText });
  if (!early.ok) return early;
  return transact(deps.prisma, async (tx) => {
    const project = await tx.project.findFirst({
      where: { id: input.projectId, process: { councilId: input.councilId } },
      select: { id: true, processId: true, reference: true, images: { select: { position: true } } },
    });
    await lockProjectProcess(tx, input.councilId, project);
    const p = project!;
    const parsed = validateProjectImage({ bytes: input.bytes, altText: input.altText }, p.images.length);
    if (!parsed.ok) throw new Refusal(parsed);
    const { contentType, bytes, altText } = parsed.value;
    const position = p.images.reduce((m, i) => Math.max(m, i.position + 1), 0);
    const image = await tx.projectImage.create({
      data: { projectId: p.id, altText, contentType, bytes: new Uint8Array(bytes), position, createdAt: deps.now() },
      select: { id: true },
    });
    await audit(tx, deps, {
      councilId: input.councilId,
      actorId: actor.account.id,
      action: "project.image_added",
      subjectType: "ProjectImage",
      subjectId: image.id,
      data: { processId: p.processId, projectId: p.id, reference: p.reference, altText, contentType, size: bytes.length },
    });
    return ok(image);
  });
}

/** Removes a picture from a project. Audit: "project.image_removed" (with its alt text, to say which). */
export async function removeProjectImage(
  deps: Pick<BudgetingDeps, "prisma" | "now">,
  actor: Actor | null,
  input: { councilId: string; imageId: string },
): Promise<Result<{ id: string; projectId: string }, "forbidden" | "not_found" | "phase_locked">> {
  if (!canManage(actor, input.councilId)) return err("forbidden");
  return transact(deps.prisma, async (tx) => {
    const image = await tx.projectImage.findFirst({
      where: { id: input.imageId, project: { process: { councilId: input.councilId } } },
      select: { id: true, altText: true, project: { select: { id: true, processId: true, reference: true } } },
    });
    await lockProjectProcess(tx, input.councilId, image ? image.project : null);
    const { project } = image!;
    const removed = await tx.projectImage.deleteMany({ where: { id: input.imageId } });
    if (removed.count === 0) refuse("not_found");
    await audit(tx, deps, {
      councilId: input.councilId,
      actorId: actor.account.id,
      action: "project.image_removed",
      subjectType: "ProjectImage",
      subjectId: input.imageId,
      data: { processId: project.processId, projectId: project.id, reference: project.reference, altText: image!.altText },
    });
    return ok({ id: input.imageId, projectId: project.id });
  });
}

/**
 * A picture's bytes to serve: to the council's officers at any phase, to everyone once the
 * process is public. Anything else — another council's, a draft's — is 'not_found'.
 */
export async function getProjectImage(
  deps: Pick<BudgetingDeps, "prisma">,
  actor: Actor | null,
  input: { councilId: string; imageId: string },
): Promise<Result<{ contentType: string; bytes: Uint8Array; altText: string }, "not_found">> {
  const image = await deps.prisma.projectImage.findFirst({
    where: { id: input.imageId, project: { process: { councilId: input.councilId } } },
    select: { contentType: true, bytes: true, altText: true, project: { select: { process: { select: { phase: true } } } } },
  });
  if (!image || (!canManage(actor, input.councilId) && !isPublicPhase(image.project.process.phase))) return err("not_found");
  return ok({ contentType: image.contentType, bytes: image.bytes, altText: image.altText });
}
