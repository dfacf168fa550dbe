// The residents' reads of participatory budgeting, on a real database (PGlite; PostgreSQL too
// when TEST_DATABASE_URL is set): visibility by phase and council, "you have voted", delivery
// progress, project images and the sealed receipt.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BALLOT_REASONS } from "~/domain/budgeting/ballot.ts";
import { EMPTY_ANSWERS } from "~/domain/budgeting/ballot-form.ts";
import { castBallot, type CastReason } from "./ballots.server.ts";
import { addProject, changePhase, createProcess, reviewProject } from "./processes.server.ts";
import { must, openBudgetingTestContext, openVotingProcess, type BudgetingTestContext, type OpenProcess } from "./test-kit.server.ts";
import {
  answerProblemMessage,
  checkBallotAnswers,
  fieldOf,
  getBallotPage,
  getProcessPage,
  getProjectImage,
  getProjectPage,
  openReceipt,
  refusalStatus,
  sealReceipt,
  votingState,
} from "./voting.server.ts";

let ctx: BudgetingTestContext;
let open: OpenProcess;

beforeAll(async () => {
  ctx = await openBudgetingTestContext();
  open = await openVotingProcess(ctx, "reads", { votingCloseAt: "2026-06-01" });
});

afterAll(async () => {
  await ctx?.db.close();
});

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe("votingState", () => {
  it("is open only in the voting phase before the published close", () => {
    const now = new Date("2026-05-04T10:00:00Z");
    expect(votingState("review", null, now)).toBe("not_open");
    expect(votingState("voting", null, now)).toBe("open");
    expect(votingState("voting", new Date("2026-05-04T10:00:00Z"), now)).toBe("closed");
    expect(votingState("voting", new Date("2026-05-05T00:00:00Z"), now)).toBe("open");
    expect(votingState("results", null, now)).toBe("closed");
  });
});

describe("getProcessPage", () => {
  it("shows a voting process to anyone, with ward names and whether voting is open", async () => {
    const page = must(await getProcessPage(ctx.deps, null, { councilId: ctx.councilA, slug: "reads" }));
    expect(page.process.title).toBe("Community budget reads");
    expect(page.votingState).toBe("open");
    expect(page.process.budgets[0]!.projects.map((p) => [p.reference, p.status])).toEqual([
      ["P-1", "feasible"],
      ["P-2", "feasible"],
      ["P-3", "feasible"],
      ["P-4", "feasible"],
      ["P-5", "not_feasible"],
    ]);
    expect(page.myBallots).toEqual({});
    expect(page.delivery).toEqual({});
  });

  it("is not found in another council, or by slug of another council's process", async () => {
    expect(await getProcessPage(ctx.deps, null, { councilId: ctx.councilB, slug: "reads" })).toEqual({ ok: false, reason: "not_found" });
    expect(await getProcessPage(ctx.deps, ctx.residentB, { councilId: ctx.councilB, slug: "reads" })).toEqual({ ok: false, reason: "not_found" });
  });

  it("hides a draft from residents but shows it to the council's officers", async () => {
    must(await createProcess(ctx.deps, ctx.officerA, { councilId: ctx.councilA, title: "Draft budget", slug: "draft-one", summary: "Not ready to show yet.", budgets: [{ name: "All", amount: "£1,000" }] }));
    expect(await getProcessPage(ctx.deps, ctx.residentA, { councilId: ctx.councilA, slug: "draft-one" })).toEqual({ ok: false, reason: "not_found" });
    expect(must(await getProcessPage(ctx.deps, ctx.officerA, { councilId: ctx.councilA, slug: "draft-one" })).process.phase).toBe("draft");
  });

  it("tells a resident they have voted in a budget, and nobody else", async () => {
    const voter = await ctx.resident(ctx.councilA, "page-voter@reads.test");
    const receipt = must(await castBallot(ctx.deps, voter, { councilId: ctx.councilA, processId: open.processId, budgetId: open.budgetId, choices: [{ projectId: open.projects["P-1"]!, value: 1 }] }));
    const mine = must(await getProcessPage(ctx.deps, voter, { councilId: ctx.councilA, slug: "reads" }));
    expect(mine.myBallots).toEqual({ [open.budgetId]: { reference: receipt.reference, revision: 1 } });
    const other = must(await getProcessPage(ctx.deps, ctx.residentA, { councilId: ctx.councilA, slug: "reads" }));
    expect(other.myBallots).toEqual({});
  });

  it("says voting has closed once the published closing time has passed", async () => {
    const later = await openVotingProcess(ctx, "closes", { votingCloseAt: "2026-05-05" });
    const before = must(await getProcessPage(ctx.deps, null, { councilId: ctx.councilA, slug: "closes" }));
    expect(before.votingState).toBe("open");
    ctx.clock.set(new Date("2026-05-05T00:00:00Z"));
    try {
      expect(must(await getProcessPage(ctx.deps, null, { councilId: ctx.councilA, slug: "closes" })).votingState).toBe("closed");
      expect(must(await getBallotPage(ctx.deps, null, { councilId: ctx.councilA, processSlug: "closes", budgetId: later.budgetId })).votingState).toBe("closed");
    } finally {
      ctx.clock.set(new Date("2026-05-04T10:00:00.000Z"));
    }
  });

  it("shows delivery progress for selected projects once results are out", async () => {
    const done = await openVotingProcess(ctx, "delivered");
    must(await changePhase(ctx.deps, ctx.officerA, { councilId: ctx.councilA, processId: done.processId, to: "results" }));
    const selected = done.projects["P-2"]!;
    await ctx.db.prisma.project.update({
      where: { id: selected },
      data: { status: "in_delivery", percentComplete: 40, spentPence: 120_000n, deliveryNote: "Seeds sown.", deliveryUpdatedAt: new Date("2026-07-01T00:00:00Z") },
    });
    await ctx.db.prisma.projectMilestone.createMany({
      data: [
        { projectId: selected, title: "Verges planted", position: 1, dueOn: new Date("2026-09-01") },
        { projectId: selected, title: "Site survey", position: 0, completedOn: new Date("2026-06-01") },
      ],
    });
    await ctx.db.prisma.project.update({ where: { id: done.projects["P-3"]! }, data: { status: "not_selected" } });
    const page = must(await getProcessPage(ctx.deps, null, { councilId: ctx.councilA, slug: "delivered" }));
    expect(page.votingState).toBe("closed");
    expect(Object.keys(page.delivery)).toEqual([selected]);
    expect(page.delivery[selected]).toMatchObject({ percentComplete: 40, spentPence: 120_000n, note: "Seeds sown." });
    expect(page.delivery[selected]!.milestones.map((m) => m.title)).toEqual(["Site survey", "Verges planted"]);

    const project = must(await getProjectPage(ctx.deps, null, { councilId: ctx.councilA, processSlug: "delivered", reference: "P-2" }));
    expect(project.delivery?.percentComplete).toBe(40);
    const other = must(await getProjectPage(ctx.deps, null, { councilId: ctx.councilA, processSlug: "delivered", reference: "P-3" }));
    expect(other.delivery).toBeNull();
  });
});

describe("getProjectPage and getProjectImage", () => {
  let processId: string;
  let projectId: string;
  let nodeId: string;
  const images: Record<string, string> = {};

  beforeAll(async () => {
    const framework = await ctx.db.prisma.framework.create({
      data: { slug: "local-outcomes", councilId: ctx.councilA, name: "Local outcomes" },
    });
    const version = await ctx.db.prisma.frameworkVersion.create({ data: { frameworkId: framework.id, version: 1, status: "published", source: "Council plan" } });
    const node = await ctx.db.prisma.frameworkNode.create({ data: { versionId: version.id, slug: "green-spaces", name: "Green spaces", nameCy: "Mannau gwyrdd", position: 0 } });
    nodeId = node.id;
    await ctx.db.prisma.councilFramework.create({ data: { councilId: ctx.councilA, versionId: version.id } });
    const process = must(
      await createProcess(ctx.deps, ctx.officerA, {
        councilId: ctx.councilA,
        title: "Park budget",
        slug: "parks",
        summary: "Residents decide how to improve the parks.",
        countingRule: "greedy",
        budgets: [{ name: "Parks", amount: "£20,000" }],
      }),
    );
    processId = process.id;
    const budget = await ctx.db.prisma.processBudget.findFirstOrThrow({ where: { processId }, select: { id: true } });
    const project = must(
      await addProject(ctx.deps, ctx.officerA, {
        councilId: ctx.councilA,
        processId,
        budgetId: budget.id,
        title: "Pond dipping platform",
        description: "## Why\nChildren can **see** pond life.",
        cost: "£4,500",
        locationText: "North end of the park, by the café",
        outcomes: [{ nodeId }],
      }),
    );
    projectId = project.id;
    for (const [name, contentType, position] of [
      ["second", "image/png", 1],
      ["first", "IMAGE/JPEG", 0],
      ["svg", "image/svg+xml", 2],
    ] as const) {
      const row = await ctx.db.prisma.projectImage.create({ data: { projectId, altText: `The ${name} picture`, contentType, bytes: PNG, position } });
      images[name] = row.id;
    }
  });

  it("hides a draft process's project and its images from residents and visitors", async () => {
    expect(await getProjectPage(ctx.deps, ctx.residentA, { councilId: ctx.councilA, processSlug: "parks", reference: "P-1" })).toEqual({ ok: false, reason: "not_found" });
    expect(await getProjectImage(ctx.deps, null, { councilId: ctx.councilA, imageId: images.first! })).toEqual({ ok: false, reason: "not_found" });
    const officer = must(await getProjectImage(ctx.deps, ctx.officerA, { councilId: ctx.councilA, imageId: images.first! }));
    expect(officer.public).toBe(false);
  });

  it("shows the project with outcomes and images in order once the process is public", async () => {
    must(await changePhase(ctx.deps, ctx.officerA, { councilId: ctx.councilA, processId, to: "review" }));
    must(await reviewProject(ctx.deps, ctx.officerA, { councilId: ctx.councilA, projectId, decision: "feasible" }));
    const page = must(await getProjectPage(ctx.deps, null, { councilId: ctx.councilA, processSlug: "parks", reference: "P-1" }));
    expect(page.project).toMatchObject({
      reference: "P-1",
      title: "Pond dipping platform",
      description: "## Why\nChildren can **see** pond life.",
      costPence: 450_000n,
      locationText: "North end of the park, by the café",
      status: "feasible",
    });
    expect(page.project.outcomes).toEqual([{ nodeId, name: "Green spaces", nameCy: "Mannau gwyrdd", weight: 100 }]);
    expect(page.project.images.map((i) => i.altText)).toEqual(["The first picture", "The second picture", "The svg picture"]);
    expect(page.votingState).toBe("not_open");
    expect(page.delivery).toBeNull();
  });

  it("is not found for an unknown reference, another process's slug or another council", async () => {
    const miss = { ok: false, reason: "not_found" };
    expect(await getProjectPage(ctx.deps, null, { councilId: ctx.councilA, processSlug: "parks", reference: "P-9" })).toEqual(miss);
    expect(await getProjectPage(ctx.deps, null, { councilId: ctx.councilA, processSlug: "reads", reference: "P-9" })).toEqual(miss);
    expect(await getProjectPage(ctx.deps, null, { councilId: ctx.councilB, processSlug: "parks", reference: "P-1" })).toEqual(miss);
  });

  it("serves image bytes with the stored raster type, and anything else as a download", async () => {
    const jpeg = must(await getProjectImage(ctx.deps, null, { councilId: ctx.councilA, imageId: images.first! }));
    expect(jpeg).toMatchObject({ contentType: "image/jpeg", inline: true, public: true });
    expect([...jpeg.bytes]).toEqual([...PNG]);
    const svg = must(await getProjectImage(ctx.deps, null, { councilId: ctx.councilA, imageId: images.svg! }));
    expect(svg).toMatchObject({ contentType: "application/octet-stream", inline: false });
  });

  it("does not find another council's image, an unknown id, or something that is not an id", async () => {
    const miss = { ok: false, reason: "not_found" };
    expect(await getProjectImage(ctx.deps, ctx.officerB, { councilId: ctx.councilB, imageId: images.first! })).toEqual(miss);
    expect(await getProjectImage(ctx.deps, null, { councilId: ctx.councilA, imageId: "00000000-0000-4000-8000-000000000000" })).toEqual(miss);
    expect(await getProjectImage(ctx.deps, null, { councilId: ctx.councilA, imageId: "../../etc/passwd" })).toEqual(miss);
  });
});

describe("getBallotPage", () => {
  it("lists the feasible projects only, in reference order, with the ballot rules", async () => {
    const page = must(await getBallotPage(ctx.deps, null, { councilId: ctx.councilA, processSlug: "reads", budgetId: open.budgetId }));
    expect(page.projects.map((p) => p.reference)).toEqual(["P-1", "P-2", "P-3", "P-4"]);
    expect(page.config).toMatchObject({ type: "approval", minProjects: 1, maxProjects: 2, budgetPence: 1_000_000n });
    expect(page.votingState).toBe("open");
    expect(page.voter).toBe("sign_in");
  });

  it("says who may vote: a resident (with their ballot), staff without a resident role, or anyone with a code", async () => {
    const voter = await ctx.resident(ctx.councilA, "ballot-page@reads.test");
    must(await castBallot(ctx.deps, voter, { councilId: ctx.councilA, processId: open.processId, budgetId: open.budgetId, choices: [{ projectId: open.projects["P-4"]!, value: 1 }] }));
    const mine = must(await getBallotPage(ctx.deps, voter, { councilId: ctx.councilA, processSlug: "reads", budgetId: open.budgetId }));
    expect(mine.voter).toBe("resident");
    expect(mine.myBallot).toMatchObject({ revision: 1, choices: [{ projectId: open.projects["P-4"], value: 1 }] });
    expect(must(await getBallotPage(ctx.deps, ctx.officerA, { councilId: ctx.councilA, processSlug: "reads", budgetId: open.budgetId })).voter).toBe("not_resident");
    const coded = await openVotingProcess(ctx, "coded", { useVotingCodes: "on" });
    const page = must(await getBallotPage(ctx.deps, voter, { councilId: ctx.councilA, processSlug: "coded", budgetId: coded.budgetId }));
    expect(page.voter).toBe("code");
    expect(page.myBallot).toBeNull();
  });

  it("does not find a budget through another process's slug or another council", async () => {
    const miss = { ok: false, reason: "not_found" };
    expect(await getBallotPage(ctx.deps, null, { councilId: ctx.councilA, processSlug: "parks", budgetId: open.budgetId })).toEqual(miss);
    expect(await getBallotPage(ctx.deps, null, { councilId: ctx.councilB, processSlug: "reads", budgetId: open.budgetId })).toEqual(miss);
  });
});

describe("sealed receipts", () => {
  const config = { appSecret: "test-secret-for-budgeting-0123456789" };

  it("opens what it sealed, for the same budget only", () => {
    const sealed = sealReceipt(config, "budget-1", { reference: "PB-7K3Q-9XD2", status: "replaced", emailed: true });
    expect(openReceipt(config, "budget-1", sealed)).toEqual({ reference: "PB-7K3Q-9XD2", status: "replaced", emailed: true });
    expect(openReceipt(config, "budget-2", sealed)).toBeNull();
    expect(openReceipt({ appSecret: "another-secret-for-budgeting-000000" }, "budget-1", sealed)).toBeNull();
  });

  it("refuses a changed reference, status or flag, and rubbish", () => {
    const sealed = sealReceipt(config, "b", { reference: "PB-7K3Q-9XD2", status: "recorded", emailed: false });
    const [, , , mac] = sealed.split(".");
    expect(openReceipt(config, "b", `PB-AAAA-AAAA.recorded.0.${mac}`)).toBeNull();
    expect(openReceipt(config, "b", `PB-7K3Q-9XD2.replaced.0.${mac}`)).toBeNull();
    expect(openReceipt(config, "b", `PB-7K3Q-9XD2.recorded.1.${mac}`)).toBeNull();
    expect(openReceipt(config, "b", null)).toBeNull();
    expect(openReceipt(config, "b", "x".repeat(1000))).toBeNull();
    expect(openReceipt(config, "b", "<script>.recorded.0.abc")).toBeNull();
  });
});

describe("checking answers and wording refusals", () => {
  const CASTING: CastReason[] = [
    "not_found",
    "not_signed_in",
    "not_eligible",
    "voting_not_open",
    "voting_closed",
    "code_required",
    "code_invalid",
    "code_used",
    "postcode_required",
    "postcode_invalid",
    "postcode_not_in_area",
    "postcode_not_in_ward",
    "age_not_confirmed",
    "stale_ballot",
    "invalid_ballot_settings",
    "busy",
  ];

  it("words every reason castBallot can give, in English and Welsh, with an error status", () => {
    // The details castBallot gives with each reason (from checkBallot for the ballot rules).
    const details: Partial<Record<CastReason, unknown>> = {
      age_not_confirmed: { minimumAge: 16 },
      stale_ballot: { revision: 2, reference: "PB-AAAA-BBBB" },
      unknown_project: { projectId: "x" },
      duplicate_project: { projectId: "p1" },
      negative_value: { projectId: "p1", value: -1 },
      invalid_value: { projectId: "p1", value: Number.NaN },
      too_few_projects: { min: 2, max: 3, chosen: 1 },
      too_many_projects: { min: 1, max: 2, chosen: 3 },
      over_budget: { overByPence: 120_000n, totalPence: 1_120_000n, limitPence: 1_000_000n },
      no_points: { points: 10 },
      over_points: { over: 2, points: 10, spent: 12 },
      over_project_cap: { project: "p1", cap: 5, given: 6 },
      rank_gap: { missing: 2 },
      duplicate_rank: { rank: 1, projects: ["p1", "p2"] },
      too_many_ranked: { max: 3, chosen: 4 },
    };
    for (const reason of [...CASTING, ...BALLOT_REASONS]) {
      for (const locale of ["en", "cy"] as const) {
        const message = answerProblemMessage({ reason, detail: details[reason] }, locale, { p1: "Community fridge" });
        expect(message.length, `${reason} ${locale}`).toBeGreaterThan(10);
        expect(message, `${reason} ${locale}`).not.toMatch(/\{\w+\}|undefined/);
      }
      expect(refusalStatus(reason)).toBeGreaterThanOrEqual(400);
    }
    expect(answerProblemMessage({ reason: "age_not_confirmed", detail: { minimumAge: 16 } }, "en", {})).toBe("Confirm that you are 16 or older.");
    expect(refusalStatus("stale_ballot")).toBe(409);
    expect(refusalStatus("code_used")).toBe(409);
    expect(refusalStatus("voting_closed")).toBe(409);
    expect(refusalStatus("over_budget")).toBe(400);
    expect(refusalStatus("postcode_not_in_area")).toBe(400);
    expect(refusalStatus("busy")).toBe(503);
    expect(fieldOf("postcode_not_in_ward")).toBe("postcode");
    expect(fieldOf("code_used")).toBe("votingCode");
    expect(fieldOf("unknown_project")).toBe("choices");
    expect(fieldOf("stale_ballot")).toBe("choices");
  });

  it("names the project in a rule's message", () => {
    const message = answerProblemMessage({ reason: "over_project_cap", detail: { project: "p1", cap: 5, given: 6 } }, "en", { p1: "Community fridge" });
    expect(message).toBe("You can give no more than 5 points to one project. You gave 6 to “Community fridge”.");
  });

  it("finds every problem the page can know before casting, in form order", async () => {
    const coded = await openVotingProcess(ctx, "answers", { useVotingCodes: "on", requirePostcodeInArea: "on", minimumAge: "18" });
    const page = must(await getBallotPage(ctx.deps, null, { councilId: ctx.councilA, processSlug: "answers", budgetId: coded.budgetId }));
    const all = ["P-1", "P-2", "P-3"].map((r) => ({ projectId: coded.projects[r]!, value: 1 }));
    expect(checkBallotAnswers(page, { ...EMPTY_ANSWERS, choices: all }).map((p) => [p.field, p.reason])).toEqual([
      ["votingCode", "code_required"],
      ["postcode", "postcode_required"],
      ["ageConfirmed", "age_not_confirmed"],
      ["choices", "too_many_projects"],
    ]);
    expect(
      checkBallotAnswers(page, { ...EMPTY_ANSWERS, votingCode: "nonsense", postcode: "not a postcode", ageConfirmed: true, choices: [{ projectId: coded.infeasibleId, value: 1 }] }).map((p) => p.reason),
    ).toEqual(["code_invalid", "postcode_invalid", "unknown_project"]);
    // Well-formed answers pass here; whether the code is unused or the postcode in the area is castBallot's to say.
    expect(checkBallotAnswers(page, { ...EMPTY_ANSWERS, votingCode: "7K3Q-9XD2-M4PA", postcode: "SW1A 1AA", ageConfirmed: true, choices: all.slice(0, 2) })).toEqual([]);
  });
});
