// The demo council's consultations, built by the demo officer through the same use cases as the
// officer's pages:
// - "Our wellbeing priorities 2027", open, with questions of several kinds (a choice, points
//   across spending themes, agree/disagree, a written answer, a postcode) and equality
//   monitoring, and 320 responses from postcodes across Trafford;
// - "Trafford parks and green spaces 2026", which closed some months ago with 340 responses and
//   whose "We asked, you said, we did" is published, linking to a Community Chest project.
//
// The responses are written in bulk rather than one `submitResponse` each: `npm start` must reach
// its first page in about 15 seconds, and 320 use-case calls would take several of them. They
// are made the way a submission stores them (answers checked by `checkComplete`, one row per
// chosen option, ward, LSOA and decile from a real postcode) and deliberately unrepresentative —
// fewer young people and fewer residents of the most deprived neighbourhoods — as real
// consultations are, so the insights that weight them have something to correct.
import { randomUUID } from "node:crypto";
import { equalityDeleteAfter, POSTCODE_RETENTION_DAYS } from "~/domain/consultations/equality.ts";
import { likertOptions, type Questionnaire } from "~/domain/questionnaires/questionnaire.ts";
import { checkComplete, type Answers } from "~/domain/questionnaires/answers.ts";
import { advanceConsultation, createConsultation, editConsultation, openConsultation } from "../consultations/consultations.server.ts";
import { publishOutcome, saveOutcome } from "../consultations/outcomes.server.ts";
import { randomCrockford } from "../random.server.ts";
import type { Services } from "../services.server.ts";
import { actAsStaff, must } from "./acting.server.ts";

export const DEMO_CONSULTATION_SLUG = "wellbeing-priorities-2027";
const DAY_MS = 86_400_000;
const RESPONSES = 320;

const THEMES = [
  { id: "parks-and-green-spaces", en: "Parks and green spaces", cy: "Parciau a mannau gwyrdd" },
  { id: "buses-walking-and-cycling", en: "Buses, walking and cycling", cy: "Bysiau, cerdded a beicio" },
  { id: "youth-services", en: "Youth services", cy: "Gwasanaethau ieuenctid" },
  { id: "care-for-older-people", en: "Care for older people", cy: "Gofal i bobl hŷn" },
  { id: "libraries-and-culture", en: "Libraries and culture", cy: "Llyfrgelloedd a diwylliant" },
];

const PRIORITIES = [
  { id: "health", en: "Health", cy: "Iechyd" },
  { id: "getting-around", en: "Getting around", cy: "Teithio o gwmpas" },
  { id: "jobs-and-money", en: "Jobs and money", cy: "Swyddi ac arian" },
  { id: "housing", en: "Housing", cy: "Tai" },
  { id: "green-spaces", en: "Green spaces", cy: "Mannau gwyrdd" },
  { id: "feeling-safe", en: "Feeling safe", cy: "Teimlo'n ddiogel" },
  { id: "community", en: "Community", cy: "Cymuned" },
];

const QUESTIONNAIRE: Questionnaire = {
  pages: [
    {
      id: "page-1",
      questions: [
        {
          id: "what-matters-most",
          kind: "single_choice",
          title: { en: "Which of these matters most to your wellbeing?", cy: "Pa un o'r rhain sydd bwysicaf i'ch llesiant?" },
          required: true,
          options: PRIORITIES.map((p) => ({ id: p.id, label: { en: p.en, cy: p.cy } })),
        },
      ],
    },
    {
      id: "page-2",
      questions: [
        {
          id: "spending-themes",
          kind: "points",
          title: { en: "Share 100 points between these, to show where you would spend more", cy: "Rhannwch 100 pwynt rhwng y rhain, i ddangos ble byddech chi'n gwario mwy" },
          hint: { en: "Give more points to what matters more to you. You can give a theme no points.", cy: "Rhowch fwy o bwyntiau i'r hyn sy'n bwysicach i chi. Gallwch roi dim pwyntiau i thema." },
          required: true,
          options: THEMES.map((th) => ({ id: th.id, label: { en: th.en, cy: th.cy } })),
          total: 100,
          mustUseAll: true,
        },
      ],
    },
    {
      id: "page-3",
      questions: [
        {
          id: "good-place-to-grow-up",
          kind: "likert",
          title: { en: "Trafford is a good place for children to grow up", cy: "Mae Trafford yn lle da i blant dyfu i fyny" },
          required: true,
          options: likertOptions(),
        },
        {
          id: "one-change",
          kind: "free_text",
          title: { en: "What one change would make the biggest difference where you live?", cy: "Pa un newid fyddai'n gwneud y gwahaniaeth mwyaf lle rydych chi'n byw?" },
          required: false,
          maxLength: 2000,
          multiline: true,
        },
      ],
    },
    {
      id: "page-4",
      questions: [
        {
          id: "postcode",
          kind: "postcode",
          title: { en: "What is your postcode?", cy: "Beth yw eich cod post?" },
          hint: { en: "We use it to see which areas we have heard from. We delete it after 3 months.", cy: "Rydym yn ei ddefnyddio i weld o ba ardaloedd rydym wedi clywed. Rydym yn ei ddileu ar ôl 3 mis." },
          required: false,
        },
      ],
    },
  ],
};

const CHANGES = [
  "More buses in the evening so I can get home from work.",
  "Fix the potholes on our road and the pavements for wheelchairs.",
  "Somewhere for teenagers to go after school that is not the shopping centre.",
  "Keep the library open on Saturdays.",
  "More bins and more litter picking in the park.",
  "Safer crossings near the primary school.",
  "Help for older neighbours who live on their own.",
  "Cheaper activities for families in the holidays.",
  "Street lights that work on the path to the tram stop.",
  "Trees on the high street and fewer empty shops.",
];

/** A small deterministic generator, so every demo database holds the same responses. */
function generator(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

async function exists(services: Services, councilId: string, slug: string): Promise<boolean> {
  return (await services.prisma.consultation.findFirst({ where: { councilId, slug }, select: { id: true } })) !== null;
}

/** Each consultation is seeded unless its slug exists, so an interrupted seed completes on the next start. */
export async function seedDemoConsultations(services: Services, councilId: string, officerEmail: string): Promise<void> {
  if (!(await exists(services, councilId, DEMO_CONSULTATION_SLUG))) await seedWellbeing(services, councilId, officerEmail);
  if (!(await exists(services, councilId, DEMO_PUBLISHED_SLUG))) await seedParks(services, councilId, officerEmail);
}

async function seedWellbeing(services: Services, councilId: string, officerEmail: string): Promise<void> {
  const { actor, end } = await actAsStaff(services, officerEmail);
  let consultationId: string;
  try {
    consultationId = must(
      await createConsultation(services, actor, {
        councilId,
        title: "Our wellbeing priorities 2027",
        titleCy: "Ein blaenoriaethau llesiant 2027",
        slug: DEMO_CONSULTATION_SLUG,
        summary: "Tell us what matters most to your wellbeing, and where you would spend more, before we set next year's budget.",
        summaryCy: "Dywedwch wrthym beth sydd bwysicaf i'ch llesiant, a ble byddech chi'n gwario mwy, cyn i ni osod cyllideb y flwyddyn nesaf.",
        background: [
          "We are setting Trafford's budget for 2027 to 2028. Before councillors decide, we want to know what matters most to the wellbeing of people who live here.",
          "## What we are asking",
          "- which of seven things matters most to your wellbeing;",
          "- how you would share 100 points between five spending themes;",
          "- whether Trafford is a good place for children to grow up;",
          "- the one change that would make the biggest difference where you live.",
          "## What happens next",
          "We will read every response. Councillors will see a summary before they set the budget in February, and we will publish what you said and what we did on this page.",
        ].join("\n\n"),
        audience: "Everyone who lives, works or studies in Trafford",
        allowAnonymous: false,
        equalityMonitoring: true,
      }),
      "createConsultation",
    ).id;
    must(await editConsultation(services, actor, { councilId, consultationId, questionnaire: QUESTIONNAIRE }), "editConsultation");
    const today = services.now();
    must(
      await openConsultation(services, actor, {
        councilId,
        consultationId,
        opensAt: new Date(today.getTime() - 14 * DAY_MS),
        closesAt: new Date(today.getTime() + 42 * DAY_MS),
      }),
      "openConsultation",
    );
  } finally {
    await end();
  }
  await seedResponses(services, councilId, consultationId);
}

async function seedResponses(services: Services, councilId: string, consultationId: string) {
  const { prisma } = services;
  const random = generator(2027);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  // Postcodes with their neighbourhood's deprivation decile; the most deprived are drawn less often.
  const postcodes = await prisma.$queryRaw<{ postcode: string; wardCode: string; lsoaCode: string; imdDecile: number | null }[]>`
    SELECT p."postcode", p."wardCode", p."lsoaCode", a."imdDecile"
    FROM "Postcode" p LEFT JOIN "Area" a ON a."councilId" = p."councilId" AND a."type" = 'lsoa' AND a."code" = p."lsoaCode"
    WHERE p."councilId" = ${councilId} ORDER BY p."postcode"`;
  const wardCodes = [...new Set(postcodes.map((p) => p.wardCode))];
  const weighted = postcodes.filter((p) => random() < 0.25 + 0.075 * (p.imdDecile ?? 5));
  // Age bands skewed older, as consultation responses usually are.
  const ages = ["16_to_24", "25_to_34", "35_to_44", "35_to_44", "45_to_54", "45_to_54", "55_to_64", "55_to_64", "55_to_64", "65_to_74", "65_to_74", "65_to_74", "75_and_over"];
  const now = services.now();
  const responses: unknown[] = [];
  const answerRows: unknown[] = [];
  const equality: unknown[] = [];
  for (let i = 0; i < RESPONSES; i++) {
    const home = pick(weighted);
    const points = THEMES.map(() => random());
    const sum = points.reduce((a, b) => a + b, 0);
    const shares = points.map((p) => Math.floor((100 * p) / sum));
    shares[0]! += 100 - shares.reduce((a, b) => a + b, 0);
    const raw: Answers = {
      "what-matters-most": pick(PRIORITIES).id,
      "spending-themes": Object.fromEntries(THEMES.map((th, k) => [th.id, shares[k]!])),
      "good-place-to-grow-up": pick(likertOptions()).id,
      ...(random() < 0.6 ? { "one-change": pick(CHANGES) } : {}),
      postcode: home.postcode,
    };
    const checked = checkComplete(QUESTIONNAIRE, raw, { wardCodes });
    if (!checked.ok) throw new Error(`demo response ${i} does not pass the questionnaire: ${JSON.stringify(checked.detail)}`);
    const a = checked.value;
    const id = randomUUID();
    const at = new Date(now.getTime() - random() * 14 * DAY_MS);
    responses.push({
      id,
      respondentKey: `demo-${i}`,
      reference: `CR-${randomCrockford(4)}-${randomCrockford(4)}`,
      wardCode: home.wardCode,
      lsoaCode: home.lsoaCode,
      imdDecile: home.imdDecile,
      postcode: home.postcode,
      clearAfter: new Date(at.getTime() + POSTCODE_RETENTION_DAYS * DAY_MS).toISOString(),
      at: at.toISOString(),
    });
    answerRows.push({ responseId: id, questionId: "what-matters-most", optionId: a["what-matters-most"], value: 1, text: null });
    for (const [option, value] of Object.entries(a["spending-themes"] as Record<string, number>)) answerRows.push({ responseId: id, questionId: "spending-themes", optionId: option, value, text: null });
    answerRows.push({ responseId: id, questionId: "good-place-to-grow-up", optionId: a["good-place-to-grow-up"], value: 1, text: null });
    if (a["one-change"]) answerRows.push({ responseId: id, questionId: "one-change", optionId: "", value: null, text: a["one-change"] });
    if (a.postcode) answerRows.push({ responseId: id, questionId: "postcode", optionId: "", value: null, text: home.wardCode });
    if (random() < 0.8) {
      equality.push({
        responseId: id,
        ageBand: pick(ages),
        sex: random() < 0.58 ? "female" : "male",
        disability: pick(["no_condition", "no_condition", "not_limited", "limited_a_little", "limited_a_lot", "prefer_not_to_say"]),
        deleteAfter: equalityDeleteAfter(at).toISOString(),
      });
    }
  }
  await prisma.$transaction(async (tx) => {
    await tx.$executeRaw`
      INSERT INTO "ConsultationResponse" ("id", "consultationId", "respondentKey", "reference", "version", "locale", "wardCode", "lsoaCode", "imdDecile", "postcode", "postcodeClearAfter", "submittedAt")
      SELECT x."id", ${consultationId}, x."respondentKey", x."reference", 1, 'en', x."wardCode", x."lsoaCode", x."imdDecile", x."postcode", x."clearAfter", x."at"
      FROM json_to_recordset(${JSON.stringify(responses)}::json) AS x("id" text, "respondentKey" text, "reference" text, "wardCode" text, "lsoaCode" text, "imdDecile" int, "postcode" text, "clearAfter" timestamp, "at" timestamp)`;
    await tx.$executeRaw`
      INSERT INTO "ResponseAnswer" ("responseId", "questionId", "optionId", "value", "text")
      SELECT x."responseId", x."questionId", x."optionId", x."value", x."text"
      FROM json_to_recordset(${JSON.stringify(answerRows)}::json) AS x("responseId" text, "questionId" text, "optionId" text, "value" double precision, "text" text)`;
    await tx.$executeRaw`
      INSERT INTO "EqualityAnswers" ("responseId", "ageBand", "sex", "disability", "deleteAfter")
      SELECT x."responseId", x."ageBand", x."sex", x."disability", x."deleteAfter"
      FROM json_to_recordset(${JSON.stringify(equality)}::json) AS x("responseId" text, "ageBand" text, "sex" text, "disability" text, "deleteAfter" timestamp)`;
  });
}

// ───────────────────────────── published: parks and green spaces ─────────────────────────────

export const DEMO_PUBLISHED_SLUG = "trafford-parks-and-green-spaces-2026";
const PARKS_RESPONSES = 340;

const FREQUENCY = [
  { id: "most-days", en: "Most days", cy: "Y rhan fwyaf o ddyddiau", weight: 22 },
  { id: "every-week", en: "At least once a week", cy: "O leiaf unwaith yr wythnos", weight: 38 },
  { id: "every-month", en: "At least once a month", cy: "O leiaf unwaith y mis", weight: 20 },
  { id: "less-often", en: "Less often", cy: "Yn llai aml", weight: 14 },
  { id: "never", en: "Never", cy: "Byth", weight: 6 },
];

/** What stops people, each with the chance a respondent chooses it. */
const BARRIERS = [
  { id: "toilets", en: "No toilets open", cy: "Dim toiledau ar agor", chance: 0.5 },
  { id: "dark", en: "Feeling unsafe after dark", cy: "Teimlo'n anniogel ar ôl iddi dywyllu", chance: 0.45 },
  { id: "litter", en: "Litter and dog mess", cy: "Sbwriel a baw cŵn", chance: 0.36 },
  { id: "teenagers", en: "Nothing there for someone my age", cy: "Dim byd yno i rywun o fy oed i", chance: 0.18 },
  { id: "too-far", en: "Too far from where I live", cy: "Yn rhy bell o ble rwy'n byw", chance: 0.11 },
  { id: "nothing", en: "Nothing stops me", cy: "Does dim byd yn fy rhwystro", chance: 0 },
];

/** Slightly more disagree than agree, as the published summary says. */
const LOOKED_AFTER = [6, 26, 22, 30, 16];

const PARKS_QUESTIONNAIRE: Questionnaire = {
  pages: [
    {
      id: "page-1",
      questions: [
        {
          id: "how-often",
          kind: "single_choice",
          title: { en: "How often do you visit a park or green space in Trafford?", cy: "Pa mor aml ydych chi'n ymweld â pharc neu fan gwyrdd yn Trafford?" },
          required: true,
          options: FREQUENCY.map((f) => ({ id: f.id, label: { en: f.en, cy: f.cy } })),
        },
        {
          id: "what-stops-you",
          kind: "multiple_choice",
          title: { en: "What stops you using parks more?", cy: "Beth sy'n eich rhwystro rhag defnyddio parciau'n fwy?" },
          hint: { en: "Choose all that apply.", cy: "Dewiswch bob un sy'n berthnasol." },
          required: true,
          options: BARRIERS.map((b) => ({ id: b.id, label: { en: b.en, cy: b.cy } })),
        },
      ],
    },
    {
      id: "page-2",
      questions: [
        {
          id: "well-looked-after",
          kind: "likert",
          title: { en: "Trafford's parks are well looked after", cy: "Mae parciau Trafford yn cael gofal da" },
          required: true,
          options: likertOptions(),
        },
        {
          id: "one-improvement",
          kind: "free_text",
          title: { en: "What one thing would make your local park better?", cy: "Pa un peth fyddai'n gwneud eich parc lleol yn well?" },
          required: false,
          maxLength: 2000,
          multiline: true,
        },
      ],
    },
    {
      id: "page-3",
      questions: [
        {
          id: "postcode",
          kind: "postcode",
          title: { en: "What is your postcode?", cy: "Beth yw eich cod post?" },
          hint: { en: "We use it to see which areas we have heard from. We delete it after 3 months.", cy: "Rydym yn ei ddefnyddio i weld o ba ardaloedd rydym wedi clywed. Rydym yn ei ddileu ar ôl 3 mis." },
          required: false,
        },
      ],
    },
  ],
};

const IMPROVEMENTS = [
  "Open the toilets at weekends, not just in the school holidays.",
  "Lights on the path from the tram stop through the park.",
  "Empty the bins on Sunday afternoons in summer.",
  "A shelter and somewhere for teenagers to sit that is not the children's playground.",
  "More benches with backs for older people.",
  "Do something about dogs off leads near the play area.",
  "Keep the café open in the winter.",
  "Wildflower areas instead of mowing everything.",
];

const YOU_SAID = [
  "Thank you to the 340 people who answered, from across Trafford.",
  "- Most of you visit a park or green space at least once a week, and about a quarter of you go most days.",
  "- What most stops people using parks more is toilets that are locked or missing, and feeling unsafe on paths that are dark in the winter months.",
  "- Litter and dog mess came next, especially at weekends, when bins overflow.",
  "- Slightly more of you disagreed than agreed that our parks are well looked after.",
  "- Younger people, and parents of teenagers, told us there is little in parks for older children to do.",
].join("\n");

const WE_DID = [
  "Our Executive agreed a parks improvement plan after reading what you told us. Because of what you said:",
  [
    "- **Toilets:** the toilets at Longford Park, Stamford Park and Walton Park are now open every day from 8am to 6pm, all year. We are asking the cafés in four more parks to open their toilets to everyone.",
    "- **Lighting:** we are lighting the main paths through Victoria Park and Gorse Hill Park this winter, on timers that switch off at 10pm.",
    "- **Litter:** bins in the 10 busiest parks are now emptied on Saturday and Sunday afternoons from April to September, and we have put in 40 larger bins.",
    "- **Trees:** residents voted in the Trafford Community Chest to plant 60 street trees in the wards with least tree cover.",
    "- **Teenagers:** young people will help us design a new outdoor space for older children, starting at Seymour Park.",
  ].join("\n"),
  "We could not do everything you asked. Many of you wanted a park keeper in every park: we cannot afford that, but our rangers now visit the 10 busiest parks every day.",
].join("\n\n");

function weighted<T extends { weight: number }>(random: () => number, items: readonly T[]): T {
  const total = items.reduce((sum, item) => sum + item.weight, 0);
  let r = random() * total;
  for (const item of items) if ((r -= item.weight) < 0) return item;
  return items[items.length - 1]!;
}

/**
 * Opened about seven months before the demo's today, closed twelve weeks later, published some
 * ten weeks ago: each step runs through its use case at its own moment, so the audit trail and
 * the dates on the page agree.
 */
async function seedParks(services: Services, councilId: string, officerEmail: string): Promise<void> {
  const today = services.now().getTime();
  const opensAt = new Date(today - 215 * DAY_MS);
  const closesAt = new Date(opensAt.getTime() + 84 * DAY_MS);
  const at = (ms: number) => ({ ...services, now: () => new Date(ms) });
  const { actor, end } = await actAsStaff(services, officerEmail);
  try {
    const consultationId = must(
      await createConsultation(at(opensAt.getTime() - 7 * DAY_MS), actor, {
        councilId,
        title: "Trafford parks and green spaces 2026",
        titleCy: "Parciau a mannau gwyrdd Trafford 2026",
        slug: DEMO_PUBLISHED_SLUG,
        summary: "We asked how you use Trafford's parks and green spaces, what stops you using them more, and what would make them better.",
        summaryCy: "Gofynnon ni sut rydych chi'n defnyddio parciau a mannau gwyrdd Trafford, beth sy'n eich rhwystro rhag eu defnyddio'n fwy, a beth fyddai'n eu gwella.",
        background: [
          "Trafford has more than 100 parks and green spaces. We are writing a plan for looking after them over the next five years, and we want it to start from what matters to the people who use them — and the people who do not.",
          "## What we are asking",
          "- how often you visit a park or green space;",
          "- what stops you using parks more;",
          "- whether you think our parks are well looked after;",
          "- the one thing that would make your local park better.",
        ].join("\n\n"),
        audience: "Everyone who lives, works or studies in Trafford",
        allowAnonymous: false,
        equalityMonitoring: false,
      }),
      "create the parks consultation",
    ).id;
    must(await editConsultation(at(opensAt.getTime() - 7 * DAY_MS), actor, { councilId, consultationId, questionnaire: PARKS_QUESTIONNAIRE }), "parks questions");
    must(await openConsultation(at(opensAt.getTime()), actor, { councilId, consultationId, opensAt, closesAt }), "open the parks consultation");
    await seedParksResponses(services, councilId, consultationId, opensAt, closesAt);
    must(await advanceConsultation(at(closesAt.getTime() + 60_000), actor, { councilId, consultationId, to: "closed" }), "close the parks consultation");
    must(await advanceConsultation(at(closesAt.getTime() + 3 * DAY_MS), actor, { councilId, consultationId, to: "analysis" }), "analyse the parks consultation");
    const trees = await services.prisma.project.findFirst({ where: { title: "Street trees across Trafford", process: { councilId, phase: { not: "draft" } } }, select: { id: true } });
    const written = at(today - 72 * DAY_MS);
    must(
      await saveOutcome(written, actor, {
        councilId,
        consultationId,
        outcome: {
          youSaid: YOU_SAID,
          weDid: WE_DID,
          links: trees ? [{ label: "Street trees across Trafford (Trafford Community Chest 2026)", projectId: trees.id }] : [],
        },
      }),
      "write the parks outcome",
    );
    must(await publishOutcome(at(today - 70 * DAY_MS), actor, { councilId, consultationId }), "publish the parks outcome");
  } finally {
    await end();
  }
}

/** The responses, in bulk as for the wellbeing consultation, spread over the weeks it was open. */
async function seedParksResponses(services: Services, councilId: string, consultationId: string, opensAt: Date, closesAt: Date) {
  const { prisma } = services;
  const random = generator(2026);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const postcodes = await prisma.$queryRaw<{ postcode: string; wardCode: string; lsoaCode: string; imdDecile: number | null }[]>`
    SELECT p."postcode", p."wardCode", p."lsoaCode", a."imdDecile"
    FROM "Postcode" p LEFT JOIN "Area" a ON a."councilId" = p."councilId" AND a."type" = 'lsoa' AND a."code" = p."lsoaCode"
    WHERE p."councilId" = ${councilId} ORDER BY p."postcode"`;
  const wardCodes = [...new Set(postcodes.map((p) => p.wardCode))];
  const likert = likertOptions().map((o, k) => ({ id: o.id, weight: LOOKED_AFTER[k]! }));
  const now = services.now().getTime();
  const responses: unknown[] = [];
  const answerRows: unknown[] = [];
  for (let i = 0; i < PARKS_RESPONSES; i++) {
    const home = random() < 0.85 ? pick(postcodes) : null;
    const barriers = BARRIERS.filter((b) => random() < b.chance).map((b) => b.id);
    const raw: Answers = {
      "how-often": weighted(random, FREQUENCY).id,
      "what-stops-you": barriers.length > 0 ? barriers : ["nothing"],
      "well-looked-after": weighted(random, likert).id,
      ...(random() < 0.5 ? { "one-improvement": pick(IMPROVEMENTS) } : {}),
      ...(home ? { postcode: home.postcode } : {}),
    };
    const checked = checkComplete(PARKS_QUESTIONNAIRE, raw, { wardCodes });
    if (!checked.ok) throw new Error(`demo parks response ${i} does not pass the questionnaire: ${JSON.stringify(checked.detail)}`);
    const a = checked.value;
    const id = randomUUID();
    const at = new Date(opensAt.getTime() + random() * (closesAt.getTime() - opensAt.getTime()));
    // Postcodes are cleared after their retention period: months later, most already are.
    const clearAfter = new Date(at.getTime() + POSTCODE_RETENTION_DAYS * DAY_MS);
    const kept = home && clearAfter.getTime() > now;
    responses.push({
      id,
      respondentKey: `demo-parks-${i}`,
      reference: `CR-${randomCrockford(4)}-${randomCrockford(4)}`,
      wardCode: home?.wardCode ?? null,
      lsoaCode: home?.lsoaCode ?? null,
      imdDecile: home?.imdDecile ?? null,
      postcode: kept ? home.postcode : null,
      clearAfter: kept ? clearAfter.toISOString() : null,
      at: at.toISOString(),
    });
    answerRows.push({ responseId: id, questionId: "how-often", optionId: a["how-often"], value: 1, text: null });
    for (const option of a["what-stops-you"] as string[]) answerRows.push({ responseId: id, questionId: "what-stops-you", optionId: option, value: 1, text: null });
    answerRows.push({ responseId: id, questionId: "well-looked-after", optionId: a["well-looked-after"], value: 1, text: null });
    if (a["one-improvement"]) answerRows.push({ responseId: id, questionId: "one-improvement", optionId: "", value: null, text: a["one-improvement"] });
    if (home) answerRows.push({ responseId: id, questionId: "postcode", optionId: "", value: null, text: home.wardCode });
  }
  await prisma.$transaction(async (tx) => {
    await tx.$executeRaw`
      INSERT INTO "ConsultationResponse" ("id", "consultationId", "respondentKey", "reference", "version", "locale", "wardCode", "lsoaCode", "imdDecile", "postcode", "postcodeClearAfter", "submittedAt")
      SELECT x."id", ${consultationId}, x."respondentKey", x."reference", 1, 'en', x."wardCode", x."lsoaCode", x."imdDecile", x."postcode", x."clearAfter", x."at"
      FROM json_to_recordset(${JSON.stringify(responses)}::json) AS x("id" text, "respondentKey" text, "reference" text, "wardCode" text, "lsoaCode" text, "imdDecile" int, "postcode" text, "clearAfter" timestamp, "at" timestamp)`;
    await tx.$executeRaw`
      INSERT INTO "ResponseAnswer" ("responseId", "questionId", "optionId", "value", "text")
      SELECT x."responseId", x."questionId", x."optionId", x."value", x."text"
      FROM json_to_recordset(${JSON.stringify(answerRows)}::json) AS x("responseId" text, "questionId" text, "optionId" text, "value" double precision, "text" text)`;
  });
}
