// The demo council's participatory budgeting: "Your ward, your say", open for voting in three
// wards, built through the same use cases an officer's pages call, so the demo's audit trail
// reads as if the demo officer had set it up. A process whose slug exists already is left as it
// is, so a restarted seed does not stop on it.
import { createSession, getActor, type Actor } from "../accounts/sessions.server.ts";
import { addProject, changePhase, createProcess, reviewProject } from "../budgeting/processes.server.ts";
import type { Services } from "../services.server.ts";

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

/** A staff actor for the demo officer: a real staff session, as if they had signed in with TOTP. */
async function demoOfficer(services: Services, email: string): Promise<{ actor: Actor; end: () => Promise<void> }> {
  const { prisma } = services;
  const account = await prisma.account.findUniqueOrThrow({ where: { email }, select: { id: true } });
  const { token, session } = await createSession(services, prisma, { accountId: account.id, kind: "staff", twoFactorVerified: true });
  const actor = await getActor(services, token);
  if (!actor) throw new Error("The demo officer has no session.");
  return { actor, end: async () => void (await prisma.session.delete({ where: { id: session.id } })) };
}

function must<T>(what: string, result: { ok: true; value: T } | { ok: false; reason: string; detail?: unknown }): T {
  if (result.ok) return result.value;
  const detail = JSON.stringify(result.detail ?? null, (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value));
  throw new Error(`The demo budget process could not be set up (${what}: ${result.reason} ${detail}).`);
}

export async function seedDemoBudgeting(services: Services, councilId: string, officerEmail: string): Promise<void> {
  const { prisma } = services;
  if (await prisma.budgetProcess.findFirst({ where: { councilId, slug: "your-ward-your-say-2026" }, select: { id: true } })) return;
  const { actor, end } = await demoOfficer(services, officerEmail);
  try {
    const tpi = await prisma.frameworkNode.findMany({
      where: { version: { framework: { slug: "thriving-places-index", councilId: null }, status: "published" } },
      select: { id: true, slug: true },
    });
    const nodeId = new Map(tpi.map((n) => [n.slug, n.id]));
    const today = new Date(services.now().toISOString().slice(0, 10));
    const process = must(
      "create",
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
    );
    const budgets = await prisma.processBudget.findMany({ where: { processId: process.id }, select: { id: true, wardCode: true } });
    must("ideas", await changePhase(services, actor, { councilId, processId: process.id, to: "ideas" }));
    must("review", await changePhase(services, actor, { councilId, processId: process.id, to: "review" }));
    for (const ward of WARD_BUDGETS) {
      const budgetId = budgets.find((b) => b.wardCode === ward.wardCode)!.id;
      for (const p of ward.projects) {
        const project = must(
          p.title,
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
        );
        must(
          `review ${p.title}`,
          await reviewProject(services, actor, {
            councilId,
            projectId: project.id,
            ...(p.notFeasible ? { decision: "not_feasible", reason: p.notFeasible } : { decision: "feasible" }),
          }),
        );
      }
    }
    must("voting", await changePhase(services, actor, { councilId, processId: process.id, to: "voting" }));
  } finally {
    await end();
  }
}
