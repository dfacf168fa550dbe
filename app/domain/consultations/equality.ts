// Optional equality monitoring, asked after a consultation's main questions: the questions as
// data (English and Welsh), which of them a council asks, and the check of what a respondent
// sent. Facts: ../shared/reference/uk-standards.md §3 (public sector equality duty), §4 (ONS/GSS
// harmonised questions) and §5 (UK GDPR). The server, the demo seed and the respond page use
// this module: extend it rather than replacing it.
//
// Why ask at all: the public sector equality duty (Equality Act 2010 s.149) needs "due regard"
// to equality of opportunity before a decision, which a council cannot show without knowing who
// responded and who did not (the "who we haven't heard from" report).
//
// Rules that hold throughout:
// - Every question is optional and has "Prefer not to say" (uk-standards §4). Not answering and
//   preferring not to say are different answers and are stored differently (absent vs the code).
// - Categories are the Census 2021 ones (England and Wales), so results compare with Census 2021
//   outputs; each option carries its Census output code where there is one.
// - Codes are stable slugs: they are stored, exported and compared across consultations. Change
//   a label freely; never change or reuse a code — add a new question set version instead.
// - Only questions the council chose are stored; anything else sent is dropped (data
//   minimisation, UK GDPR Art. 5(1)(c)).
//
// Welsh: DRAFT, written in-house — to be reviewed by a Welsh-language officer or translator
// against the Census 2021 Welsh questionnaire before go-live (Welsh Language Standards).
import { format, type Locale } from "../i18n/locale.ts";
import { ok } from "../result.ts";

export type Localised = Readonly<Record<Locale, string>>;
export type Bilingual = Localised;

/**
 * The question set's version. Stored with the consultation's configuration so that answers
 * collected under one wording are never silently pooled with another. Sex and gender identity
 * questions in particular are expected to change (uk-standards §4.3: Sullivan Review 2025, For
 * Women Scotland v Scottish Ministers [2025] UKSC 16, pending ONS/UKSA and EHRC guidance).
 */
export const EQUALITY_QUESTION_SET = "ons-census-2021-ew-v1";

export const PREFER_NOT_TO_SAY = "prefer_not_to_say";
export type PreferNotToSay = typeof PREFER_NOT_TO_SAY;

export interface EqualityOption {
  /** The stable code stored for this answer. */
  id: string;
  label: Localised;
  /** For ethnic group: the high-level group the option sits under. */
  group?: Localised;
  /** The Census 2021 output classification code, where the option is one. */
  onsCode?: number;
}

const PREFER_NOT: EqualityOption = { id: PREFER_NOT_TO_SAY, label: { en: "Prefer not to say", cy: "Mae'n well gennyf beidio â dweud" } };

// ───────────────────────────── age ─────────────────────────────

/**
 * Ten-year bands from 16 (16–24 first, 75 and over last), which aggregate exactly from the
 * Census 2021 five-year bands (uk-standards §4.4), so respondents compare with the population.
 * Under 16 is offered only where a council consults children (youth PB often admits 11+).
 */
export const AGE_BANDS = ["under_16", "16_to_24", "25_to_34", "35_to_44", "45_to_54", "55_to_64", "65_to_74", "75_and_over"] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

const AGE_LABELS: Record<AgeBand, Localised> = {
  under_16: { en: "Under 16", cy: "O dan 16" },
  "16_to_24": { en: "16 to 24", cy: "16 i 24" },
  "25_to_34": { en: "25 to 34", cy: "25 i 34" },
  "35_to_44": { en: "35 to 44", cy: "35 i 44" },
  "45_to_54": { en: "45 to 54", cy: "45 i 54" },
  "55_to_64": { en: "55 to 64", cy: "55 i 64" },
  "65_to_74": { en: "65 to 74", cy: "65 i 74" },
  "75_and_over": { en: "75 or over", cy: "75 neu'n hŷn" },
};

/** The band for an age in whole years. */
export function ageBandFor(years: number): AgeBand {
  if (!Number.isInteger(years) || years < 0) throw new RangeError(`age must be a whole number of years (got ${years})`);
  if (years < 16) return "under_16";
  if (years >= 75) return "75_and_over";
  const low = Math.floor((years - 5) / 10) * 10 + 5;
  return (low === 15 ? "16_to_24" : `${low}_to_${low + 9}`) as AgeBand;
}

// ───────────────────────────── sex and gender identity ─────────────────────────────

export const SEX_CODES = ["female", "male"] as const;
export const GENDER_SAME_CODES = ["same", "different"] as const;

// ───────────────────────────── ethnic group ─────────────────────────────

export const ETHNIC_GROUP_HEADINGS = ["asian", "black", "mixed", "white", "other"] as const;
export type EthnicGroupHeading = (typeof ETHNIC_GROUP_HEADINGS)[number];

export interface EthnicCategory {
  code: string;
  group: EthnicGroupHeading;
  /** Census 2021 ethnic_group_tb code (1–19). */
  onsCode: number;
  /** The option as shown under its group heading. */
  label: Localised;
}

/** The 5 high-level groups of Census 2021, with their exact ONS output wording. */
export const ETHNIC_GROUPS: readonly { code: EthnicGroupHeading; label: Localised }[] = [
  { code: "asian", label: { en: "Asian, Asian British or Asian Welsh", cy: "Asiaidd, Asiaidd Prydeinig neu Asiaidd Cymreig" } },
  { code: "black", label: { en: "Black, Black British, Black Welsh, Caribbean or African", cy: "Du, Du Prydeinig, Du Cymreig, Caribïaidd neu Affricanaidd" } },
  { code: "mixed", label: { en: "Mixed or Multiple ethnic groups", cy: "Grwpiau cymysg neu amlethnig" } },
  { code: "white", label: { en: "White", cy: "Gwyn" } },
  { code: "other", label: { en: "Other ethnic group", cy: "Grŵp ethnig arall" } },
];

/**
 * The 19 Census 2021 categories in ONS output order and wording (ONS Census 2021 dictionary,
 * "Ethnic group", ethnic_group_tb; uk-standards §4.1, verified). The full ONS label is
 * "<group>: <label>", e.g. "Asian, Asian British or Asian Welsh: Indian" — see `ethnicLabel`.
 */
export const ETHNIC_CATEGORIES: readonly EthnicCategory[] = [
  { code: "asian_bangladeshi", group: "asian", onsCode: 1, label: { en: "Bangladeshi", cy: "Bangladeshaidd" } },
  { code: "asian_chinese", group: "asian", onsCode: 2, label: { en: "Chinese", cy: "Tsieineaidd" } },
  { code: "asian_indian", group: "asian", onsCode: 3, label: { en: "Indian", cy: "Indiaidd" } },
  { code: "asian_pakistani", group: "asian", onsCode: 4, label: { en: "Pakistani", cy: "Pacistanaidd" } },
  { code: "asian_other", group: "asian", onsCode: 5, label: { en: "Other Asian", cy: "Asiaidd arall" } },
  { code: "black_african", group: "black", onsCode: 6, label: { en: "African", cy: "Affricanaidd" } },
  { code: "black_caribbean", group: "black", onsCode: 7, label: { en: "Caribbean", cy: "Caribïaidd" } },
  { code: "black_other", group: "black", onsCode: 8, label: { en: "Other Black", cy: "Du arall" } },
  { code: "mixed_white_asian", group: "mixed", onsCode: 9, label: { en: "White and Asian", cy: "Gwyn ac Asiaidd" } },
  { code: "mixed_white_black_african", group: "mixed", onsCode: 10, label: { en: "White and Black African", cy: "Gwyn a Du Affricanaidd" } },
  { code: "mixed_white_black_caribbean", group: "mixed", onsCode: 11, label: { en: "White and Black Caribbean", cy: "Gwyn a Du Caribïaidd" } },
  { code: "mixed_other", group: "mixed", onsCode: 12, label: { en: "Other Mixed or Multiple ethnic groups", cy: "Grwpiau cymysg neu amlethnig eraill" } },
  {
    code: "white_british",
    group: "white",
    onsCode: 13,
    label: { en: "English, Welsh, Scottish, Northern Irish or British", cy: "Cymreig, Seisnig, Albanaidd, Gwyddelig Gogleddol neu Brydeinig" },
  },
  { code: "white_irish", group: "white", onsCode: 14, label: { en: "Irish", cy: "Gwyddelig" } },
  { code: "white_gypsy_irish_traveller", group: "white", onsCode: 15, label: { en: "Gypsy or Irish Traveller", cy: "Sipsi neu Deithiwr Gwyddelig" } },
  { code: "white_roma", group: "white", onsCode: 16, label: { en: "Roma", cy: "Roma" } },
  { code: "white_other", group: "white", onsCode: 17, label: { en: "Other White", cy: "Gwyn arall" } },
  { code: "other_arab", group: "other", onsCode: 18, label: { en: "Arab", cy: "Arabaidd" } },
  { code: "other_any", group: "other", onsCode: 19, label: { en: "Any other ethnic group", cy: "Unrhyw grŵp ethnig arall" } },
];

// In Wales the Census questionnaire leads the first White option with "Welsh" (uk-standards §4.1,
// unverified). Only the words change; the code and the Census output category are the same.
const WHITE_BRITISH_WALES: Localised = {
  en: "Welsh, English, Scottish, Northern Irish or British",
  cy: "Cymreig, Seisnig, Albanaidd, Gwyddelig Gogleddol neu Brydeinig",
};

/** "Asian, Asian British or Asian Welsh: Indian" — the ONS output label of a category code. */
export function ethnicLabel(code: string, locale: Locale): string | null {
  const category = ETHNIC_CATEGORIES.find((c) => c.code === code);
  if (!category) return null;
  const group = ETHNIC_GROUPS.find((g) => g.code === category.group)!;
  return `${group.label[locale]}: ${category.label[locale]}`;
}

// ───────────────────────────── disability ─────────────────────────────

// Census 2021 asked two questions, the GSS harmonised standard (uk-standards §4.2; ONS Census
// 2021 dictionary, "Disability"). The single question "Are your day-to-day activities limited
// because of a health problem or disability…?" is the 2011 Census wording and no longer
// compares with Census outputs, so it is not used. The two answers are stored as one of the four
// Census 2021 output categories, which is what the comparison with the population needs.

export const CONDITION_CODES = ["yes", "no"] as const;
export const LIMITATION_CODES = ["a_lot", "a_little", "not_at_all"] as const;

/** Census 2021 "Disability" output classification, codes 1–4. */
export const DISABILITY_CATEGORIES: readonly { code: DisabilityCategory; onsCode: number; label: Localised }[] = [
  {
    code: "limited_a_lot",
    onsCode: 1,
    label: { en: "Disabled under the Equality Act: day-to-day activities limited a lot", cy: "Anabl o dan y Ddeddf Cydraddoldeb: gweithgareddau o ddydd i ddydd wedi'u cyfyngu'n fawr" },
  },
  {
    code: "limited_a_little",
    onsCode: 2,
    label: { en: "Disabled under the Equality Act: day-to-day activities limited a little", cy: "Anabl o dan y Ddeddf Cydraddoldeb: gweithgareddau o ddydd i ddydd wedi'u cyfyngu ychydig" },
  },
  {
    code: "not_limited",
    onsCode: 3,
    label: {
      en: "Not disabled under the Equality Act: has a long-term condition but day-to-day activities are not limited",
      cy: "Ddim yn anabl o dan y Ddeddf Cydraddoldeb: mae ganddynt gyflwr hirdymor ond nid yw gweithgareddau o ddydd i ddydd wedi'u cyfyngu",
    },
  },
  {
    code: "no_condition",
    onsCode: 4,
    label: { en: "Not disabled under the Equality Act: no long-term physical or mental health condition", cy: "Ddim yn anabl o dan y Ddeddf Cydraddoldeb: dim cyflwr iechyd corfforol na meddyliol hirdymor" },
  },
];
export type DisabilityCategory = "limited_a_lot" | "limited_a_little" | "not_limited" | "no_condition";

// ───────────────────────────── religion and sexual orientation ─────────────────────────────

/** Census 2021 "Religion" output categories (uk-standards §4.4, verified). */
export const RELIGION_CODES = ["no_religion", "christian", "buddhist", "hindu", "jewish", "muslim", "sikh", "other_religion"] as const;
/** Census 2021 sexual orientation response options (asked of people aged 16 and over). */
export const SEXUAL_ORIENTATION_CODES = ["straight_or_heterosexual", "gay_or_lesbian", "bisexual", "other_sexual_orientation"] as const;

// ───────────────────────────── configuration ─────────────────────────────

/** Which questions a council asks in a consultation. Stored as JSON (Consultation.equality). */
export interface EqualityConfig {
  questionSet: typeof EQUALITY_QUESTION_SET;
  ageBand: boolean;
  /** Offer "Under 16" (consultations open to children). */
  allowUnder16: boolean;
  sex: boolean;
  /** The Census 2021 gender identity question, asked of people aged 16 and over. */
  genderIdentity: boolean;
  ethnicGroup: boolean;
  disability: boolean;
  religion: boolean;
  sexualOrientation: boolean;
  /** The nation's Census wording ("wales" leads the first White option with "Welsh"). */
  nation: "england" | "wales";
  /** Days after submission the answers are deleted (see EQUALITY_RETENTION_DAYS). */
  retentionDays: number;
}

/**
 * Storage limitation (UK GDPR Art. 5(1)(e)): raw monitoring answers are deleted and only the
 * aggregates kept (uk-standards §5). A year covers the consultation, its analysis and the
 * published response (Consultation Principles J: within 12 weeks of closing) with room to spare;
 * each council sets its own period in its retention schedule and Appropriate Policy Document.
 */
export const EQUALITY_RETENTION_DAYS = 365;

/**
 * The postcode a respondent gives is reduced to ward and LSOA at submission and the postcode
 * itself cleared after this many days ("reduce postcode to LSOA/ward after a short period",
 * uk-standards §5): long enough to answer a query about a response, short enough to minimise.
 * A council policy choice, not a legal figure.
 */
export const POSTCODE_RETENTION_DAYS = 90;

/** What councils ask by default: the questions most equality reports need, none of the 16+ ones. */
export const DEFAULT_EQUALITY_CONFIG: EqualityConfig = {
  questionSet: EQUALITY_QUESTION_SET,
  ageBand: true,
  allowUnder16: false,
  sex: true,
  genderIdentity: false,
  ethnicGroup: true,
  disability: true,
  religion: false,
  sexualOrientation: false,
  nation: "england",
  retentionDays: EQUALITY_RETENTION_DAYS,
};

/** Every question and option on (under 16 included). */
export const ALL_EQUALITY_QUESTIONS_CONFIG: EqualityConfig = {
  ...DEFAULT_EQUALITY_CONFIG,
  allowUnder16: true,
  genderIdentity: true,
  religion: true,
  sexualOrientation: true,
};

const FLAGS = ["ageBand", "allowUnder16", "sex", "genderIdentity", "ethnicGroup", "disability", "religion", "sexualOrientation"] as const;

/**
 * The configuration stored on a consultation, read leniently: null (or anything not an object)
 * means monitoring is off; a missing or malformed setting takes the default, so a configuration
 * saved by an older version still works.
 */
export function readEqualityConfig(json: unknown): EqualityConfig | null {
  if (json === null || typeof json !== "object" || Array.isArray(json)) return null;
  const o = json as Record<string, unknown>;
  const config: EqualityConfig = { ...DEFAULT_EQUALITY_CONFIG };
  for (const flag of FLAGS) if (typeof o[flag] === "boolean") config[flag] = o[flag];
  if (o.nation === "england" || o.nation === "wales") config.nation = o.nation;
  if (typeof o.retentionDays === "number" && Number.isInteger(o.retentionDays) && o.retentionDays > 0) config.retentionDays = o.retentionDays;
  return config;
}

// ───────────────────────────── the questions ─────────────────────────────

export type EqualityQuestionId =
  | "ageBand"
  | "sex"
  | "genderSame"
  | "ethnicGroup"
  | "religion"
  | "disabilityCondition"
  | "disabilityLimitation"
  | "sexualOrientation";

/** What a respondent has picked so far, question by question (the form's state). */
export type EqualityFormValues = Partial<Record<EqualityQuestionId, string>>;

/**
 * The stored answers: one column each (EqualityAnswers in prisma/schema.prisma), each a code
 * from the question's options, "prefer_not_to_say", or absent. `disability` is one of
 * DISABILITY_CATEGORIES, derived from the two disability questions.
 */
export interface EqualityAnswers {
  ageBand?: string;
  sex?: string;
  genderSame?: string;
  ethnicGroup?: string;
  disability?: string;
  religion?: string;
  sexualOrientation?: string;
}

export interface EqualityQuestion {
  id: EqualityQuestionId;
  title: Localised;
  hint?: Localised;
  /** Why it is asked, in plain words, shown with the question. */
  why: Localised;
  /** In display order; "Prefer not to say" last. */
  options: readonly EqualityOption[];
  /** For ethnic group: the options under their five headings (without "Prefer not to say"). */
  groups?: readonly { code: EthnicGroupHeading; label: Localised; options: readonly EqualityOption[] }[];
  /** Special category data under UK GDPR Art. 9 (racial or ethnic origin, religion, health, sexual orientation). */
  specialCategory: boolean;
  /** Census 2021 asked it only of people aged 16 or over; not stored for an under-16 respondent. */
  sixteenOrOver?: true;
  /** Asked only when another question has this answer (a conditional reveal; shown anyway without JavaScript). */
  askedWhen?: { question: EqualityQuestionId; answer: string };
  source: string;
}

/** The form field of a question: prefixed, so it never meets a questionnaire field of the same name. */
export function equalityFieldName(id: EqualityQuestionId): string {
  return `eq-${id}`;
}

const opts = (codes: readonly string[], labels: Record<string, Localised>): EqualityOption[] => [...codes.map((id) => ({ id, label: labels[id]! })), PREFER_NOT];

const QUESTIONS: Record<EqualityQuestionId, Omit<EqualityQuestion, "options"> & { options?: readonly EqualityOption[] }> = {
  ageBand: {
    id: "ageBand",
    title: { en: "What is your age?", cy: "Beth yw eich oedran?" },
    why: {
      en: "To check that people of all ages have had their say, and whether a proposal would affect some age groups more than others.",
      cy: "I wirio bod pobl o bob oed wedi cael dweud eu dweud, ac a fyddai cynnig yn effeithio ar rai grwpiau oedran yn fwy nag eraill.",
    },
    specialCategory: false,
    source: "Census 2021 age, in ten-year bands",
  },
  sex: {
    id: "sex",
    title: { en: "What is your sex?", cy: "Beth yw eich rhyw?" },
    why: {
      en: "To check that women and men have both had their say, and whether a proposal would affect them differently.",
      cy: "I wirio bod menywod a dynion wedi cael dweud eu dweud, ac a fyddai cynnig yn effeithio arnynt yn wahanol.",
    },
    options: opts(SEX_CODES, { female: { en: "Female", cy: "Benyw" }, male: { en: "Male", cy: "Gwryw" } }),
    specialCategory: false,
    source: 'Census 2021 "What is your sex?"',
  },
  genderSame: {
    id: "genderSame",
    title: {
      en: "Is the gender you identify with the same as your sex registered at birth?",
      cy: "A yw'r rhywedd rydych chi'n uniaethu ag ef yr un fath â'r rhyw a gofrestrwyd adeg eich geni?",
    },
    why: {
      en: "To check that trans and non-binary people have had their say, and whether a proposal would affect them differently.",
      cy: "I wirio bod pobl draws ac anneuaidd wedi cael dweud eu dweud, ac a fyddai cynnig yn effeithio arnynt yn wahanol.",
    },
    options: opts(GENDER_SAME_CODES, { same: { en: "Yes", cy: "Ydy" }, different: { en: "No", cy: "Nac ydy" } }),
    specialCategory: false,
    sixteenOrOver: true,
    source: "Census 2021 gender identity question (voluntary, 16 and over)",
  },
  ethnicGroup: {
    id: "ethnicGroup",
    title: { en: "What is your ethnic group?", cy: "Beth yw eich grŵp ethnig?" },
    hint: { en: "Choose the option that best describes your ethnic group or background.", cy: "Dewiswch yr opsiwn sy'n disgrifio eich grŵp neu gefndir ethnig orau." },
    why: {
      en: "To check that people from every ethnic group have had their say, and whether a proposal would affect some groups more than others.",
      cy: "I wirio bod pobl o bob grŵp ethnig wedi cael dweud eu dweud, ac a fyddai cynnig yn effeithio ar rai grwpiau yn fwy nag eraill.",
    },
    specialCategory: true,
    source: "Census 2021 ethnic group, 19 categories in 5 groups",
  },
  religion: {
    id: "religion",
    title: { en: "What is your religion?", cy: "Beth yw eich crefydd?" },
    why: {
      en: "To check that people of every religion or belief, and of none, have had their say, and whether a proposal would affect them differently.",
      cy: "I wirio bod pobl o bob crefydd neu gred, a heb grefydd, wedi cael dweud eu dweud, ac a fyddai cynnig yn effeithio arnynt yn wahanol.",
    },
    options: opts(RELIGION_CODES, {
      no_religion: { en: "No religion", cy: "Dim crefydd" },
      christian: { en: "Christian", cy: "Cristnogol" },
      buddhist: { en: "Buddhist", cy: "Bwdhaidd" },
      hindu: { en: "Hindu", cy: "Hindŵaidd" },
      jewish: { en: "Jewish", cy: "Iddewig" },
      muslim: { en: "Muslim", cy: "Mwslimaidd" },
      sikh: { en: "Sikh", cy: "Sicaidd" },
      other_religion: { en: "Other religion", cy: "Crefydd arall" },
    }),
    specialCategory: true,
    source: 'Census 2021 "What is your religion?" (voluntary)',
  },
  disabilityCondition: {
    id: "disabilityCondition",
    title: {
      en: "Do you have any physical or mental health conditions or illnesses lasting or expected to last 12 months or more?",
      cy: "Oes gennych chi unrhyw gyflyrau iechyd corfforol neu feddyliol neu salwch sydd wedi para, neu y disgwylir iddynt bara, 12 mis neu fwy?",
    },
    why: {
      en: "With the next question, this tells us whether disabled people have had their say, and whether a proposal would affect them differently.",
      cy: "Gyda'r cwestiwn nesaf, mae hyn yn dweud wrthym a yw pobl anabl wedi cael dweud eu dweud, ac a fyddai cynnig yn effeithio arnynt yn wahanol.",
    },
    options: opts(CONDITION_CODES, { yes: { en: "Yes", cy: "Oes" }, no: { en: "No", cy: "Nac oes" } }),
    specialCategory: true,
    source: "Census 2021 disability, part 1 (GSS harmonised standard)",
  },
  disabilityLimitation: {
    id: "disabilityLimitation",
    title: {
      en: "Do any of your conditions or illnesses reduce your ability to carry out day-to-day activities?",
      cy: "A yw unrhyw un o'ch cyflyrau neu'ch salwch yn lleihau eich gallu i wneud gweithgareddau o ddydd i ddydd?",
    },
    hint: { en: "Answer only if you answered yes to the question before.", cy: "Atebwch dim ond os gwnaethoch ateb oes i'r cwestiwn blaenorol." },
    why: {
      en: "This is how the Equality Act 2010 and the Census decide whether someone is disabled.",
      cy: "Dyma sut mae Deddf Cydraddoldeb 2010 a'r Cyfrifiad yn penderfynu a yw rhywun yn anabl.",
    },
    options: opts(LIMITATION_CODES, {
      a_lot: { en: "Yes, a lot", cy: "Ydy, yn fawr" },
      a_little: { en: "Yes, a little", cy: "Ydy, ychydig" },
      not_at_all: { en: "Not at all", cy: "Ddim o gwbl" },
    }),
    specialCategory: true,
    askedWhen: { question: "disabilityCondition", answer: "yes" },
    source: "Census 2021 disability, part 2 (GSS harmonised standard)",
  },
  sexualOrientation: {
    id: "sexualOrientation",
    title: { en: "Which of the following best describes your sexual orientation?", cy: "Pa un o'r canlynol sy'n disgrifio eich cyfeiriadedd rhywiol orau?" },
    why: {
      en: "To check that lesbian, gay, bisexual and other people have had their say, and whether a proposal would affect them differently.",
      cy: "I wirio bod pobl lesbiaidd, hoyw, deurywiol a phobl eraill wedi cael dweud eu dweud, ac a fyddai cynnig yn effeithio arnynt yn wahanol.",
    },
    options: opts(SEXUAL_ORIENTATION_CODES, {
      straight_or_heterosexual: { en: "Straight or Heterosexual", cy: "Syth neu heterorywiol" },
      gay_or_lesbian: { en: "Gay or Lesbian", cy: "Hoyw neu lesbiaidd" },
      bisexual: { en: "Bisexual", cy: "Deurywiol" },
      other_sexual_orientation: { en: "Other sexual orientation", cy: "Cyfeiriadedd rhywiol arall" },
    }),
    specialCategory: true,
    sixteenOrOver: true,
    source: "Census 2021 sexual orientation question (voluntary, 16 and over)",
  },
};

const ORDER: readonly { id: EqualityQuestionId; on: (c: EqualityConfig) => boolean }[] = [
  { id: "ageBand", on: (c) => c.ageBand },
  { id: "sex", on: (c) => c.sex },
  // Straight after sex, as in the Census: the sex question told people one on gender would follow.
  { id: "genderSame", on: (c) => c.genderIdentity },
  { id: "ethnicGroup", on: (c) => c.ethnicGroup },
  { id: "religion", on: (c) => c.religion },
  { id: "disabilityCondition", on: (c) => c.disability },
  { id: "disabilityLimitation", on: (c) => c.disability },
  { id: "sexualOrientation", on: (c) => c.sexualOrientation },
];

/** The questions a consultation asks, in order, with their options for this configuration. */
export function equalityQuestions(config: EqualityConfig = DEFAULT_EQUALITY_CONFIG): EqualityQuestion[] {
  return ORDER.filter((q) => q.on(config)).map(({ id }) => {
    const base = QUESTIONS[id];
    if (id === "ageBand") {
      const bands = AGE_BANDS.filter((b) => config.allowUnder16 || b !== "under_16");
      return { ...base, options: opts(bands, AGE_LABELS) };
    }
    if (id === "ethnicGroup") {
      const label = (c: EthnicCategory) => (c.code === "white_british" && config.nation === "wales" ? WHITE_BRITISH_WALES : c.label);
      const groups = ETHNIC_GROUPS.map((g) => ({
        ...g,
        options: ETHNIC_CATEGORIES.filter((c) => c.group === g.code).map((c) => ({ id: c.code, label: label(c), group: g.label, onsCode: c.onsCode })),
      }));
      return { ...base, groups, options: [...groups.flatMap((g) => g.options), PREFER_NOT] };
    }
    return { ...base, options: base.options! };
  });
}

/**
 * Every question in the set with every option (ALL_EQUALITY_QUESTIONS_CONFIG). For a
 * consultation's form use equalityQuestions(readEqualityConfig(consultation.equality)).
 */
export const EQUALITY_QUESTIONS: readonly EqualityQuestion[] = equalityQuestions(ALL_EQUALITY_QUESTIONS_CONFIG);

// ───────────────────────────── checking answers ─────────────────────────────

export type EqualityFieldError = "equality_invalid_option";
export type EqualityReason = "invalid";

/** Assignable to Result<EqualityAnswers, "invalid">, with the field errors (by question id) typed. */
export type EqualityResult =
  | { ok: true; value: EqualityAnswers }
  | { ok: false; reason: EqualityReason; detail: { fieldErrors: Partial<Record<EqualityQuestionId, EqualityFieldError>> } };

const blank = (v: unknown) => v === undefined || v === null || (typeof v === "string" && v.trim() === "");

/**
 * Reads posted equality answers against what the council asked. A question's field is
 * `equalityFieldName(id)` ("eq-ageBand"); the bare id is read too. Each answer is a code,
 * "prefer_not_to_say", or nothing. Unknown fields and questions the council did not ask are
 * dropped, never stored. Answers to the 16-and-over questions are dropped when the respondent
 * says they are under 16. The disability pair becomes one Census 2021 category: "No" to the
 * first question is no condition whatever the second says (the second is only asked after
 * "Yes"); the second alone with "a lot" or "a little" implies a condition; "Not at all" alone
 * cannot be told from no condition, so nothing is stored. Called with only the fields, every
 * question in the set is accepted — pass the consultation's configuration so nothing the
 * council did not ask is kept.
 */
export function checkEquality(fields: Readonly<Record<string, unknown>>): EqualityResult;
export function checkEquality(config: EqualityConfig, fields: Readonly<Record<string, unknown>>): EqualityResult;
export function checkEquality(a: EqualityConfig | Readonly<Record<string, unknown>>, b?: Readonly<Record<string, unknown>>): EqualityResult {
  const config = b === undefined ? ALL_EQUALITY_QUESTIONS_CONFIG : (a as EqualityConfig);
  const fields = b === undefined ? (a as Readonly<Record<string, unknown>>) : b;
  const fieldErrors: Partial<Record<EqualityQuestionId, EqualityFieldError>> = {};
  const given: EqualityFormValues = {};
  for (const question of equalityQuestions(config)) {
    const raw = fields[equalityFieldName(question.id)] ?? fields[question.id];
    if (blank(raw)) continue;
    const value = typeof raw === "string" ? raw.trim() : raw;
    if (typeof value !== "string" || !question.options.some((o) => o.id === value)) {
      fieldErrors[question.id] = "equality_invalid_option";
      continue;
    }
    given[question.id] = value;
  }
  if (Object.keys(fieldErrors).length > 0) return { ok: false, reason: "invalid", detail: { fieldErrors } };

  const answers: EqualityAnswers = {};
  const under16 = given.ageBand === "under_16";
  if (given.ageBand) answers.ageBand = given.ageBand;
  if (given.sex) answers.sex = given.sex;
  if (given.genderSame && !under16) answers.genderSame = given.genderSame;
  if (given.ethnicGroup) answers.ethnicGroup = given.ethnicGroup;
  if (given.religion) answers.religion = given.religion;
  const disability = disabilityCategory(given.disabilityCondition, given.disabilityLimitation);
  if (disability) answers.disability = disability;
  if (given.sexualOrientation && !under16) answers.sexualOrientation = given.sexualOrientation;
  return ok(answers);
}

function disabilityCategory(condition: string | undefined, limitation: string | undefined): DisabilityCategory | PreferNotToSay | undefined {
  if (condition === "no") return "no_condition";
  if (condition === PREFER_NOT_TO_SAY) return PREFER_NOT_TO_SAY;
  if (limitation === "a_lot") return "limited_a_lot";
  if (limitation === "a_little") return "limited_a_little";
  if (condition === "yes") {
    if (limitation === "not_at_all") return "not_limited";
    if (limitation === PREFER_NOT_TO_SAY) return PREFER_NOT_TO_SAY;
    return undefined;
  }
  return limitation === PREFER_NOT_TO_SAY ? PREFER_NOT_TO_SAY : undefined;
}

/** The words for a stored answer ("Female", "Asian, Asian British or Asian Welsh: Indian"), or null for an unknown code. */
export function equalityAnswerLabel(field: keyof EqualityAnswers, code: string, locale: Locale): string | null {
  if (code === PREFER_NOT_TO_SAY) return PREFER_NOT.label[locale];
  if (field === "ethnicGroup") return ethnicLabel(code, locale);
  if (field === "disability") return DISABILITY_CATEGORIES.find((c) => c.code === code)?.label[locale] ?? null;
  const question = EQUALITY_QUESTIONS.find((q) => q.id === field);
  return question?.options.find((o) => o.id === code)?.label[locale] ?? null;
}

/** When answers given at `submittedAt` must be deleted. */
export function equalityDeleteAfter(submittedAt: Date, retentionDays: number = EQUALITY_RETENTION_DAYS): Date {
  if (!Number.isInteger(retentionDays) || retentionDays <= 0) throw new RangeError(`retentionDays must be a whole number above 0 (got ${retentionDays})`);
  return new Date(submittedAt.getTime() + retentionDays * 86_400_000);
}

// ───────────────────────────── explaining it ─────────────────────────────

/**
 * The legal footing, for the privacy notice and the council's Appropriate Policy Document
 * (uk-standards §5, unverified: take DPO advice). Ethnic group, religion, health (disability)
 * and sexual orientation are special category data (UK GDPR Art. 9(1)); sex and age are
 * personal data but not special category. Every monitoring answer is nonetheless handled as
 * special category: kept apart from the response, read only in aggregate, deleted on time.
 */
export const EQUALITY_DATA_PROTECTION = {
  lawfulBasis: "UK GDPR Article 6(1)(e): public task",
  specialCategoryCondition:
    "UK GDPR Article 9(2)(g): substantial public interest; Data Protection Act 2018 section 10(3) and Schedule 1 Part 2 paragraph 8 (equality of opportunity or treatment)",
  appropriatePolicyDocument: "Data Protection Act 2018 Schedule 1 Part 4",
  retentionDays: EQUALITY_RETENTION_DAYS,
} as const;

/**
 * The explanation page shown before the questions, paragraph by paragraph; {days} is the
 * retention period. Plain English: it says what is asked, that it is optional, why, and what
 * happens to the answers (Consultation Principles A; UK GDPR Art. 13 transparency).
 */
export const EQUALITY_PURPOSE: Record<Locale, readonly string[]> = {
  en: [
    "These last questions are about you. They are optional: answer as many or as few as you like, or choose “Prefer not to say”. Your response counts the same either way.",
    "We ask so that we can check whether everyone affected has had a chance to have their say, and whether what we propose could affect some groups of people more than others. The law asks councils to think about this before they decide (the public sector equality duty, Equality Act 2010).",
    "We use the same questions as the 2021 Census, so that we can compare the people who answered with the people who live here.",
    "Your answers are kept apart from your response. Only a few staff can see them, and only as totals. We never publish numbers small enough to identify anyone. We delete your answers {days} days after you send them.",
    "Some of these questions ask for special category data under data protection law: your ethnic group, religion, health and sexual orientation. We can use it because there is a substantial public interest in making sure people are treated fairly (UK GDPR Article 9(2)(g) and the Data Protection Act 2018, Schedule 1, paragraph 8). Our privacy notice explains more, including your rights.",
  ],
  cy: [
    "Mae'r cwestiynau olaf hyn amdanoch chi. Maen nhw'n ddewisol: atebwch gymaint neu gyn lleied ag y dymunwch, neu dewiswch “Mae'n well gennyf beidio â dweud”. Mae eich ymateb yn cyfrif yr un fath y naill ffordd neu'r llall.",
    "Rydym yn gofyn er mwyn gwirio bod pawb yr effeithir arnynt wedi cael cyfle i ddweud eu dweud, ac a allai'r hyn rydym yn ei gynnig effeithio ar rai grwpiau o bobl yn fwy nag eraill. Mae'r gyfraith yn gofyn i gynghorau feddwl am hyn cyn penderfynu (dyletswydd cydraddoldeb y sector cyhoeddus, Deddf Cydraddoldeb 2010).",
    "Rydym yn defnyddio'r un cwestiynau â Chyfrifiad 2021, er mwyn i ni allu cymharu'r bobl a atebodd â'r bobl sy'n byw yma.",
    "Caiff eich atebion eu cadw ar wahân i'ch ymateb. Dim ond ychydig o staff sy'n gallu eu gweld, a dim ond fel cyfansymiau. Nid ydym byth yn cyhoeddi niferoedd sy'n ddigon bach i adnabod unrhyw un. Rydym yn dileu eich atebion {days} diwrnod ar ôl i chi eu hanfon.",
    "Mae rhai o'r cwestiynau hyn yn gofyn am ddata categori arbennig o dan gyfraith diogelu data: eich grŵp ethnig, crefydd, iechyd a chyfeiriadedd rhywiol. Gallwn ei ddefnyddio oherwydd bod budd cyhoeddus sylweddol mewn sicrhau bod pobl yn cael eu trin yn deg (Erthygl 9(2)(g) GDPR y DU a Deddf Diogelu Data 2018, Atodlen 1, paragraff 8). Mae ein hysbysiad preifatrwydd yn esbonio mwy, gan gynnwys eich hawliau.",
  ],
};

/** EQUALITY_PURPOSE with the retention period filled in. */
export function equalityPurpose(locale: Locale, retentionDays: number = EQUALITY_RETENTION_DAYS): string[] {
  return EQUALITY_PURPOSE[locale].map((p) => format(p, { days: retentionDays.toLocaleString("en-GB") }));
}
