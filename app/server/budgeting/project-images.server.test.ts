// Project pictures on a real database (PGlite; PostgreSQL too when TEST_DATABASE_URL is set).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { IMAGE_LIMITS } from "~/domain/budgeting/project-image.ts";
import { addProject, changePhase, createProcess } from "./processes.server.ts";
import { addProjectImage, getProjectImage, removeProjectImage } from "./project-images.server.ts";
import { must, openBudgetingTestContext, openVotingProcess, type BudgetingTestContext } from "./test-kit.server.ts";

let ctx: BudgetingTestContext;

// A 1×1 PNG, as a browser would upload it.
const PNG = Uint8Array.from(
  Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64"),
);

beforeAll(async () => {
  ctx = await openBudgetingTestContext();
});

afterAll(async () => {
  await ctx?.db.close();
});

async function draftProject(slug: string) {
  const process = must(
    await createProcess(ctx.deps, ctx.officerA, {
      councilId: ctx.councilA,
      title: `Pictures ${slug}`,
      slug,
      summary: "A process with pictures of its projects.",
      budgets: [{ name: "Whole area", amount: "£10,000" }],
    }),
  );
  const budget = await ctx.db.prisma.processBudget.findFirstOrThrow({ where: { processId: process.id } });
  const project = must(
    await addProject(ctx.deps, ctx.officerA, {
      councilId: ctx.councilA,
      processId: process.id,
      budgetId: budget.id,
      title: "Wildflower verges",
      description: "Verges sown with wildflowers.",
      cost: "£3,000",
    }),
  );
  return { processId: process.id, projectId: project.id };
}

describe("addProjectImage", () => {
  it("stores the bytes with the type read from them and the alt text, audited without the bytes", async () => {
    const { processId, projectId } = await draftProject("images-add");
    const first = must(await addProjectImage(ctx.deps, ctx.officerA, { councilId: ctx.councilA, projectId, bytes: PNG, altText: " Poppies on a verge " }));
    const second = must(await addProjectImage(ctx.deps, ctx.officerA, { councilId: ctx.councilA, projectId, bytes: PNG, altText: "Cornflowers by the road" }));
    const rows = await ctx.db.prisma.projectImage.findMany({ where: { projectId }, orderBy: { position: "asc" } });
    expect(rows.map((r) => [r.id, r.altText, r.contentType, r.position])).toEqual([
      [first.id, "Poppies on a verge", "image/png", 0],
      [second.id, "Cornflowers by the road", "image/png", 1],
    ]);
    expect(Buffer.from(rows[0]!.bytes).equals(Buffer.from(PNG))).toBe(true);
    const event = await ctx.db.prisma.auditEvent.findFirstOrThrow({ where: { subjectId: first.id } });
    expect(event).toMatchObject({
      action: "project.image_added",
      actorId: ctx.officerA.account.id,
      councilId: ctx.councilA,
      data: { processId, projectId, reference: "P-1", altText: "Poppies on a verge", contentType: "image/png", size: PNG.length },
    });
  });

  it("refuses a missing file, a file that is not an image, and missing alt text; stores nothing", async () => {
    const { projectId } = await draftProject("images-invalid");
    const input = { councilId: ctx.councilA, projectId };
    expect(await addProjectImage(ctx.deps, ctx.officerA, { ...input, bytes: null, altText: "" })).toEqual({
      ok: false,
      reason: "invalid",
      detail: { fieldErrors: { image: "file_required", altText: "required" } },
    });
    const script = new TextEncoder().encode("<svg onload=alert(1)></svg>");
    expect(await addProjectImage(ctx.deps, ctx.officerA, { ...input, bytes: script, altText: "A picture" })).toEqual({
      ok: false,
      reason: "invalid",
      detail: { fieldErrors: { image: "not_image" } },
    });
    const big = new Uint8Array(IMAGE_LIMITS.maxBytes + 1);
    big.set(PNG);
    expect(await addProjectImage(ctx.deps, ctx.officerA, { ...input, bytes: big, altText: "A picture" })).toMatchObject({ detail: { fieldErrors: { image: "file_too_large" } } });
    expect(await ctx.db.prisma.projectImage.count({ where: { projectId } })).toBe(0);
  });

  it("stops at ten pictures a project", async () => {
    const { projectId } = await draftProject("images-limit");
    for (let i = 0; i < IMAGE_LIMITS.perProject; i++)
      must(await addProjectImage(ctx.deps, ctx.officerA, { councilId: ctx.councilA, projectId, bytes: PNG, altText: `Picture ${i}` }));
    expect(await addProjectImage(ctx.deps, ctx.officerA, { councilId: ctx.councilA, projectId, bytes: PNG, altText: "One more" })).toEqual({
      ok: false,
      reason: "invalid",
      detail: { fieldErrors: { image: "too_many" } },
    });
  });

  it("refuses residents, other councils, and changes once voting has opened", async () => {
    const { projectId } = await draftProject("images-who");
    const input = { councilId: ctx.councilA, projectId, bytes: PNG, altText: "A picture" };
    expect(await addProjectImage(ctx.deps, ctx.residentA, input)).toEqual({ ok: false, reason: "forbidden" });
    expect(await addProjectImage(ctx.deps, ctx.officerB, input)).toEqual({ ok: false, reason: "forbidden" });
    expect(await addProjectImage(ctx.deps, ctx.officerB, { ...input, councilId: ctx.councilB })).toEqual({ ok: false, reason: "not_found" });
    const voting = await openVotingProcess(ctx, "images-voting");
    expect(await addProjectImage(ctx.deps, ctx.officerA, { ...input, projectId: voting.projects["P-1"]! })).toEqual({
      ok: false,
      reason: "phase_locked",
      detail: { phase: "voting" },
    });
  });
});

describe("removeProjectImage and getProjectImage", () => {
  it("removes a picture, audited; a second removal finds nothing", async () => {
    const { processId, projectId } = await draftProject("images-remove");
    const { id } = must(await addProjectImage(ctx.deps, ctx.officerA, { councilId: ctx.councilA, projectId, bytes: PNG, altText: "Poppies" }));
    expect(await removeProjectImage(ctx.deps, ctx.officerB, { councilId: ctx.councilB, imageId: id })).toEqual({ ok: false, reason: "not_found" });
    expect(await removeProjectImage(ctx.deps, ctx.residentA, { councilId: ctx.councilA, imageId: id })).toEqual({ ok: false, reason: "forbidden" });
    expect(must(await removeProjectImage(ctx.deps, ctx.officerA, { councilId: ctx.councilA, imageId: id }))).toEqual({ id, projectId });
    expect(await ctx.db.prisma.projectImage.count({ where: { id } })).toBe(0);
    expect(await removeProjectImage(ctx.deps, ctx.officerA, { councilId: ctx.councilA, imageId: id })).toEqual({ ok: false, reason: "not_found" });
    const events = await ctx.db.prisma.auditEvent.findMany({ where: { subjectId: id }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
    expect(events.map((e) => [e.action, (e.data as { processId: string }).processId])).toEqual([
      ["project.image_added", processId],
      ["project.image_removed", processId],
    ]);
  });

  it("serves a draft's pictures to its officers only, and a public process's to everyone", async () => {
    const { processId, projectId } = await draftProject("images-serve");
    const { id } = must(await addProjectImage(ctx.deps, ctx.officerA, { councilId: ctx.councilA, projectId, bytes: PNG, altText: "Poppies" }));
    expect(must(await getProjectImage(ctx.deps, ctx.officerA, { councilId: ctx.councilA, imageId: id }))).toMatchObject({ contentType: "image/png", altText: "Poppies" });
    expect(await getProjectImage(ctx.deps, null, { councilId: ctx.councilA, imageId: id })).toEqual({ ok: false, reason: "not_found" });
    expect(await getProjectImage(ctx.deps, ctx.residentA, { councilId: ctx.councilA, imageId: id })).toEqual({ ok: false, reason: "not_found" });
    must(await changePhase(ctx.deps, ctx.officerA, { councilId: ctx.councilA, processId, to: "ideas" }));
    const served = must(await getProjectImage(ctx.deps, null, { councilId: ctx.councilA, imageId: id }));
    expect(Buffer.from(served.bytes).equals(Buffer.from(PNG))).toBe(true);
    expect(await getProjectImage(ctx.deps, ctx.officerB, { councilId: ctx.councilB, imageId: id })).toEqual({ ok: false, reason: "not_found" });
  });
});
