// The demo council's participatory budgeting, built through the same use cases an officer's pages
// call, so the demo's audit trail reads as if the demo officer had set it up:
// - "Your ward, your say 2026", open for voting in three wards;
// - "Trafford Community Chest 2026", run earlier in the year: 120 ballots cast with printed voting
//   codes from postcodes across the borough, counted by equal shares and published, with the
//   funded projects now being delivered.
// A process whose slug exists already is left as it is, so a restarted seed does not stop on it.
import type { Actor } from "../accounts/sessions.server.ts";
import { castBallot, issueVotingCodes } from "../budgeting/ballots.server.ts";
import { addMilestone, completeMilestone, updateDelivery } from "../budgeting/delivery.server.ts";
import { addProject, changePhase, createProcess, reviewProject } from "../budgeting/processes.server.ts";
import { countBudget, publishResults } from "../budgeting/results.server.ts";
import type { Services } from "../services.server.ts";
import { actAsStaff, must } from "./acting.server.ts";
import { AGE_BANDS } from "~/domain/budgeting/turnout.ts";

const DAY_MS = 24 * 60 * 60 * 1000;

interface DemoProject {
  title: string;
  description: string;
  cost: string;
  locationText?: string;
  /** Thriving Places Index node slugs. */
  outcomes: string[];
  notFeasible?: string;
}

interface DemoWardBudget {
  wardCode: string;
  name: string;
  amount: string;
  projects: DemoProject[];
}

const WARD_BUDGETS: DemoWardBudget[] = [
  {
    wardCode: "E05015253",
    name: "Old Trafford",
    amount: "£30,000",
    projects: [
      {
        title: "Seating and shade at Seymour Park",
        description: "Six benches with backs and arms, and two shade sails by the play area, so older residents and carers can stay longer.\n\nThe friends group will help choose the spots.",
        cost: "£12,500",
        locationText: "Seymour Park, by the play area off Northumberland Road",
        outcomes: ["local-environment", "community-cohesion"],
      },
      {
        title: "After-school homework club",
        description: "Two evenings a week in term time at the community centre, with volunteers and a paid coordinator for one year.",
        cost: "£9,800",
        outcomes: ["childrens-education", "participation"],
      },
      {
        title: "Community fridge",
        description: "A shared fridge run by volunteers, so surplus food from local shops reaches households instead of the bin.",
        cost: "£4,200",
        outcomes: ["basic-needs", "household-waste"],
      },
      {
        title: "Street trees on Ayres Road",
        description: "Eight street trees with guards and three years of watering.",
        cost: "£8,000",
        locationText: "Ayres Road, between Clarendon Road and Northumberland Road",
        outcomes: ["green-infrastructure", "local-environment"],
      },
      {
        title: "Floodlit football pitch",
        description: "A new floodlit full-size pitch.",
        cost: "£29,000",
        outcomes: ["physical-health"],
        notFeasible: "The only possible site is playing field protected by a covenant, and lighting it needs planning consent that cannot be decided before voting.",
      },
    ],
  },
  {
    wardCode: "E05015244",
    name: "Bucklow-St Martins",
    amount: "£30,000",
    projects: [
      {
        title: "Partington youth bus",
        description: "A minibus and driver two evenings a week, taking young people to activities in Sale and Urmston that they cannot reach by public transport.",
        cost: "£14,000",
        outcomes: ["transport", "participation"],
      },
      {
        title: "Allotment raised beds",
        description: "Twelve raised beds with paths wide enough for wheelchairs, and tools for a shared shed.",
        cost: "£6,500",
        locationText: "Partington allotments, Lock Lane",
        outcomes: ["green-infrastructure", "mental-health"],
      },
      {
        title: "Digital skills drop-in",
        description: "Weekly help with phones, online forms and job applications at the library, for one year.",
        cost: "£7,200",
        outcomes: ["adult-education", "employment"],
      },
      {
        title: "Safer walking route lighting",
        description: "Solar lighting on the path between Central Road and the shops.",
        cost: "£9,000",
        locationText: "Footpath from Central Road to Partington shopping centre",
        outcomes: ["safety", "transport"],
      },
    ],
  },
  {
    wardCode: "E05015255",
    name: "Sale Moor",
    amount: "£25,000",
    projects: [
      {
        title: "Sale Moor village green planters",
        description: "Planters and bulbs along Northenden Road, looked after by the traders' association.",
        cost: "£5,500",
        locationText: "Northenden Road shops",
        outcomes: ["local-environment", "local-business"],
      },
      {
        title: "Warm space at the community hall",
        description: "Heating costs and activities so the hall can open as a warm space three days a week through the winter.",
        cost: "£8,500",
        outcomes: ["basic-needs", "community-cohesion"],
      },
      {
        title: "Junior parkrun equipment",
        description: "Signs, marshal kit and a storage box to start a weekly 2 km junior run in Walkden Gardens.",
        cost: "£3,000",
        outcomes: ["physical-health", "participation"],
      },
      {
        title: "Bike shelter and repair stand",
        description: "A covered bike shelter for 20 bikes and a public repair stand by the shops.",
        cost: "£11,000",
        outcomes: ["transport", "co2-emissions"],
      },
    ],
  },
];

async function outcomeNodes(services: Services): Promise<Map<string, string>> {
  const tpi = await services.prisma.frameworkNode.findMany({
    where: { version: { framework: { slug: "thriving-places-index", councilId: null }, status: "published" } },
    select: { id: true, slug: true },
  });
  return new Map(tpi.map((n) => [n.slug, n.id]));
}

async function exists(services: Services, councilId: string, slug: string): Promise<boolean> {
  return (await services.prisma.budgetProcess.findFirst({ where: { councilId, slug }, select: { id: true } })) !== null;
}

export async function seedDemoBudgeting(services: Services, councilId: string, officerEmail: string): Promise<void> {
  const { actor, end } = await actAsStaff(services, officerEmail);
  try {
    const nodeId = await outcomeNodes(services);
    if (!(await exists(services, councilId, "your-ward-your-say-2026"))) await seedWardVoting(services, actor, councilId, nodeId);
    if (!(await exists(services, councilId, COMMUNITY_CHEST_SLUG))) await seedCommunityChest(services, actor, councilId, nodeId);
  } finally {
    await end();
  }
}

async function seedWardVoting(services: Services, actor: Actor, councilId: string, nodeId: Map<string, string>): Promise<void> {
  const { prisma } = services;
  {
    const today = new Date(services.now().toISOString().slice(0, 10));
    const process = must(
      await createProcess(services, actor, {
        councilId,
        title: "Your ward, your say 2026",
        titleCy: "Eich ward, eich llais 2026",
        slug: "your-ward-your-say-2026",
        summary:
          "Residents of Old Trafford, Bucklow-St Martins and Sale Moor decide how £85,000 is spent in their own ward. Choose the projects you want, up to your ward's budget.",
        votingOpenAt: new Date(today.getTime() - 7 * DAY_MS),
        votingCloseAt: new Date(today.getTime() + 21 * DAY_MS),
        resultsAt: new Date(today.getTime() + 28 * DAY_MS),
        minimumAge: "16",
        requirePostcodeInArea: "on",
        ballotType: "knapsack",
        countingRule: "equal_shares",
        mesCompletion: "add1_utilitarian",
        mesUtilities: "cost",
        budgets: WARD_BUDGETS.map((b) => ({ name: b.name, amount: b.amount, wardCode: b.wardCode })),
      }),
      "create",
    );
    const budgets = await prisma.processBudget.findMany({ where: { processId: process.id }, select: { id: true, wardCode: true } });
    must(await changePhase(services, actor, { councilId, processId: process.id, to: "ideas" }), "ideas");
    must(await changePhase(services, actor, { councilId, processId: process.id, to: "review" }), "review");
    for (const ward of WARD_BUDGETS) {
      const budgetId = budgets.find((b) => b.wardCode === ward.wardCode)!.id;
      for (const p of ward.projects) {
        const project = must(
          await addProject(services, actor, {
            councilId,
            processId: process.id,
            budgetId,
            title: p.title,
            description: p.description,
            cost: p.cost,
            wardCode: ward.wardCode,
            locationText: p.locationText ?? null,
            outcomes: p.outcomes.filter((slug) => nodeId.has(slug)).map((slug) => ({ nodeId: nodeId.get(slug)! })),
          }),
          p.title,
        );
        must(
          await reviewProject(services, actor, {
            councilId,
            projectId: project.id,
            ...(p.notFeasible ? { decision: "not_feasible", reason: p.notFeasible } : { decision: "feasible" }),
          }),
          `review ${p.title}`,
        );
      }
    }
    must(await changePhase(services, actor, { councilId, processId: process.id, to: "voting" }), "voting");
  }
}

const COMMUNITY_CHEST_SLUG = "trafford-community-chest-2026";

/** Old Trafford, Stretford & Humphrey Park, Bucklow-St Martins, Sale Moor, Urmston, Altrincham. */
const CHEST_WARDS = ["E05015253", "E05015256", "E05015244", "E05015255", "E05015259", "E05015239"];

/** [title, cost, description, outcomes] */
const CHEST_PROJECTS: [string, string, string, string[]][] = [
  ["Street trees across Trafford", "£25,000", "Sixty street trees in the wards with least tree cover, with three years of watering.", ["green-infrastructure", "co2-emissions"]],
  ["Free summer swimming for under-16s", "£18,000", "Free swimming at Trafford's leisure centres through the summer holidays.", ["physical-health", "childrens-education"]],
  ["Repair café network", "£6,000", "Monthly repair cafés in four community centres: tools, volunteer training and insurance.", ["household-waste", "community-cohesion"]],
  ["Community transport for Partington and Carrington", "£12,000", "A booked minibus service to shops, GP surgeries and Altrincham hospital.", ["transport", "basic-needs"]],
  ["Peer support groups for mental health", "£9,000", "Weekly peer-led groups in Stretford, Sale and Partington, with trained facilitators.", ["mental-health", "participation"]],
  ["Family cycle training", "£5,000", "Saturday cycle training for parents and children, with bikes to borrow.", ["physical-health", "transport"]],
  ["Old Trafford community garden", "£8,000", "A food-growing garden with raised beds and a shelter on unused land by the library.", ["green-infrastructure", "community-cohesion"]],
  ["Altrincham heritage trail", "£7,000", "Twelve signs and a printed and online map telling the town's history.", ["culture", "local-business"]],
];

/**
 * Who voted for what: groups of voters with the projects they approve (by position above). A
 * large group backs the two big projects; smaller groups back cheaper local ones — the case
 * where equal shares and "most votes first" fund different things.
 */
const CHEST_GROUPS: { voters: number; projects: number[] }[] = [
  { voters: 48, projects: [0, 1] },
  { voters: 16, projects: [0, 1, 7] },
  { voters: 24, projects: [2, 4, 5] },
  { voters: 20, projects: [3, 4] },
  { voters: 12, projects: [6, 2] },
];

async function seedCommunityChest(services: Services, actor: Actor, councilId: string, nodeId: Map<string, string>): Promise<void> {
  const { prisma } = services;
  const at = (iso: string) => ({ ...services, now: () => new Date(iso) });
  const spring = at("2026-03-02T09:00:00Z");
  const process = must(
    await createProcess(spring, actor, {
      councilId,
      title: "Trafford Community Chest 2026",
      titleCy: "Cist Gymunedol Trafford 2026",
      slug: COMMUNITY_CHEST_SLUG,
      summary: "Residents across Trafford chose how £60,000 is spent on community projects. Voting closed on 7 June 2026; the results are published and the funded projects are under way.",
      ideasOpenAt: new Date("2026-03-02T09:00:00Z"),
      reviewOpenAt: new Date("2026-04-06T09:00:00Z"),
      votingOpenAt: new Date("2026-05-11T09:00:00Z"),
      votingCloseAt: new Date("2026-06-07T23:00:00Z"),
      resultsAt: new Date("2026-06-22T09:00:00Z"),
      requirePostcodeInArea: "on",
      useVotingCodes: "on",
      ballotType: "approval",
      maxProjects: "3",
      countingRule: "equal_shares",
      mesCompletion: "add1_utilitarian",
      mesUtilities: "cost",
      budgets: [{ name: "Whole of Trafford", amount: "£60,000" }],
    }),
    "create the community chest",
  );
  const processId = process.id;
  const budget = await prisma.processBudget.findFirstOrThrow({ where: { processId }, select: { id: true } });
  must(await changePhase(spring, actor, { councilId, processId, to: "ideas" }), "ideas");
  const review = at("2026-04-06T09:00:00Z");
  must(await changePhase(review, actor, { councilId, processId, to: "review" }), "review");
  const projectIds: string[] = [];
  for (const [title, cost, description, outcomes] of CHEST_PROJECTS) {
    const project = must(
      await addProject(review, actor, {
        councilId,
        processId,
        budgetId: budget.id,
        title,
        description,
        cost,
        outcomes: outcomes.filter((slug) => nodeId.has(slug)).map((slug) => ({ nodeId: nodeId.get(slug)! })),
      }),
      title,
    );
    must(await reviewProject(review, actor, { councilId, projectId: project.id, decision: "feasible" }), `review ${title}`);
    projectIds.push(project.id);
  }
  const voters = CHEST_GROUPS.reduce((n, g) => n + g.voters, 0);
  const { codes } = must(await issueVotingCodes(review, actor, { councilId, processId, count: voters }), "voting codes");
  const voting = at("2026-05-11T09:00:00Z");
  must(await changePhase(voting, actor, { councilId, processId, to: "voting" }), "voting");

  // Real postcodes from six wards of different deprivation, enough per ward that turnout by
  // ward shows figures rather than suppressed small cells.
  const postcodes: string[] = [];
  for (const wardCode of CHEST_WARDS) {
    const rows = await prisma.postcode.findMany({ where: { councilId, wardCode }, orderBy: { postcode: "asc" }, take: 60, select: { postcode: true } });
    postcodes.push(...rows.map((r) => r.postcode));
  }
  const wardOf = (i: number) => postcodes[(i % CHEST_WARDS.length) * 60 + Math.floor(i / CHEST_WARDS.length)] ?? postcodes[i % postcodes.length]!;
  const castOn = at("2026-05-20T12:00:00Z");
  let voter = 0;
  for (const group of CHEST_GROUPS) {
    for (let i = 0; i < group.voters; i++, voter++) {
      must(
        await castBallot(castOn, null, {
          councilId,
          processId,
          budgetId: budget.id,
          votingCode: codes[voter]!,
          postcode: wardOf(voter),
          // Most give an age band; every seventh voter prefers not to say.
          ageBand: voter % 7 === 6 ? null : AGE_BANDS[1 + ((voter * 5) % 7)]!,
          choices: group.projects.map((k) => ({ projectId: projectIds[k]!, value: 1 })),
        }),
        "a demo ballot",
      );
    }
  }
  const closed = at("2026-06-08T09:00:00Z");
  must(await changePhase(closed, actor, { councilId, processId, to: "results" }), "close voting");
  must(await countBudget(closed, actor, { councilId, processId, budgetId: budget.id }), "count");
  const published = at("2026-06-22T09:00:00Z");
  must(await publishResults(published, actor, { councilId, processId }), "publish");
  must(await changePhase(at("2026-07-01T09:00:00Z"), actor, { councilId, processId, to: "delivery" }), "delivery");

  // "You voted, we did": progress on what the count funded, whatever it funded.
  const funded = await prisma.project.findMany({ where: { processId, status: "selected" }, orderBy: { reference: "asc" }, select: { reference: true, costPence: true } });
  const autumn = at("2026-10-15T09:00:00Z");
  for (const [i, project] of funded.entries()) {
    const ref = { councilId, process: COMMUNITY_CHEST_SLUG, reference: project.reference };
    const done = i === 0;
    const percent = done ? 100 : [60, 35, 15][(i - 1) % 3]!;
    const spentPounds = (Number(project.costPence) * (done ? 0.97 : percent / 100)) / 100;
    must(
      await updateDelivery(autumn, actor, {
        ...ref,
        status: done ? "delivered" : "in_delivery",
        percentComplete: String(percent),
        spent: `£${spentPounds.toFixed(2)}`,
        note: done ? "Finished in September, a little under budget." : "Under way: the work started in August and is on schedule.",
      }),
      `delivery of ${project.reference}`,
    );
    const started = must(await addMilestone(at("2026-07-10T09:00:00Z"), actor, { ...ref, title: "Supplier and volunteers agreed", dueDay: "31", dueMonth: "7", dueYear: "2026" }), "a milestone");
    must(await completeMilestone(at("2026-07-28T09:00:00Z"), actor, { ...ref, milestoneId: started.id }), "a milestone done");
    const finish = must(await addMilestone(autumn, actor, { ...ref, title: "Open to residents", dueDay: done ? "30" : "31", dueMonth: done ? "9" : "3", dueYear: done ? "2026" : "2027" }), "a milestone");
    if (done) must(await completeMilestone(autumn, actor, { ...ref, milestoneId: finish.id }), "a milestone done");
  }
}
