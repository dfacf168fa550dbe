// The demo council's consultation: "Our wellbeing priorities 2027", open, with questions of
// several kinds (a choice, points across spending themes, agree/disagree, a written answer, a
// postcode) and equality monitoring, built by the demo officer through the same use cases as the
// officer's pages — and 320 responses from postcodes across Trafford.
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
import { createConsultation, editConsultation, openConsultation } from "../consultations/consultations.server.ts";
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

export async function seedDemoConsultations(services: Services, councilId: string, officerEmail: string): Promise<void> {
  const { prisma } = services;
  if (await prisma.consultation.findFirst({ where: { councilId, slug: DEMO_CONSULTATION_SLUG }, select: { id: true } })) return;
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
