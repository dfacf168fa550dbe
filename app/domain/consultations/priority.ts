// Resident priorities: what a resident puts forward in a consultation ("More bins in Longford
// Park"), the outcome tags they choose for it, supporting one, and merging duplicates. Pure:
// the server loads the facts (who wrote it, who supports it, its moderation status) and writes.
//
// Residents tag priorities in plain words ("getting around"), never in a framework's terms
// ("Inclusive Growth: Connectivity"): Consultation Principles A asks for plain English and no
// jargon. Which framework nodes a tag counts towards is council data the server supplies
// (frameworks module), so the same tags work under the Thriving Places Index, the WMCA
// framework or a council's own.
import type { Locale } from "../i18n/locale.ts";
import { err, ok, type Result } from "../result.ts";

export const PRIORITY_LIMITS = {
  titleMin: 5,
  titleMax: 120,
  descriptionMax: 2000,
  /** A few tags keep the choice meaningful: a priority tagged with everything says nothing. */
  tagsMax: 3,
} as const;

export interface OutcomeTagDefinition {
  slug: string;
  label: Readonly<Record<Locale, string>>;
  /** Examples shown under the checkbox, so residents can place their priority. */
  hint: Readonly<Record<Locale, string>>;
}

// Welsh: DRAFT, written in-house — to be reviewed before go-live.
export const PLAIN_OUTCOME_TAGS = [
  { slug: "health", label: { en: "Health", cy: "Iechyd" }, hint: { en: "GP and health services, mental health, being active", cy: "Meddygon teulu a gwasanaethau iechyd, iechyd meddwl, bod yn egnïol" } },
  {
    slug: "getting-around",
    label: { en: "Getting around", cy: "Teithio o gwmpas" },
    hint: { en: "Buses, trams and trains, roads, walking and cycling", cy: "Bysiau, tramiau a threnau, ffyrdd, cerdded a beicio" },
  },
  { slug: "jobs-and-money", label: { en: "Jobs and money", cy: "Swyddi ac arian" }, hint: { en: "Work, local shops and businesses, the cost of living", cy: "Gwaith, siopau a busnesau lleol, costau byw" } },
  { slug: "housing", label: { en: "Housing", cy: "Tai" }, hint: { en: "Homes people can afford, repairs, homelessness", cy: "Cartrefi y gall pobl eu fforddio, atgyweiriadau, digartrefedd" } },
  { slug: "safety", label: { en: "Safety", cy: "Diogelwch" }, hint: { en: "Crime, anti-social behaviour, road safety, lighting", cy: "Trosedd, ymddygiad gwrthgymdeithasol, diogelwch ar y ffyrdd, goleuadau" } },
  { slug: "green-spaces", label: { en: "Green spaces", cy: "Mannau gwyrdd" }, hint: { en: "Parks, play areas, trees, litter", cy: "Parciau, mannau chwarae, coed, sbwriel" } },
  {
    slug: "culture-and-leisure",
    label: { en: "Culture and leisure", cy: "Diwylliant a hamdden" },
    hint: { en: "Libraries, sport and leisure centres, events, the arts", cy: "Llyfrgelloedd, canolfannau chwaraeon a hamdden, digwyddiadau, y celfyddydau" },
  },
  {
    slug: "education-and-skills",
    label: { en: "Education and skills", cy: "Addysg a sgiliau" },
    hint: { en: "Schools, childcare, training and learning at any age", cy: "Ysgolion, gofal plant, hyfforddiant a dysgu ar unrhyw oed" },
  },
  { slug: "community", label: { en: "Community", cy: "Cymuned" }, hint: { en: "Places to meet, youth clubs, volunteering, loneliness", cy: "Lleoedd i gyfarfod, clybiau ieuenctid, gwirfoddoli, unigrwydd" } },
  {
    slug: "environment-and-climate",
    label: { en: "Environment and climate", cy: "Yr amgylchedd a'r hinsawdd" },
    hint: { en: "Air quality, flooding, recycling, energy", cy: "Ansawdd aer, llifogydd, ailgylchu, ynni" },
  },
] as const satisfies readonly OutcomeTagDefinition[];

export type OutcomeTag = (typeof PLAIN_OUTCOME_TAGS)[number]["slug"];

export const OUTCOME_TAG_SLUGS: readonly OutcomeTag[] = PLAIN_OUTCOME_TAGS.map((t) => t.slug);

export function isOutcomeTag(value: unknown): value is OutcomeTag {
  return typeof value === "string" && (OUTCOME_TAG_SLUGS as readonly string[]).includes(value);
}

export function outcomeTagLabel(tag: OutcomeTag, locale: Locale): string {
  return PLAIN_OUTCOME_TAGS.find((t) => t.slug === tag)!.label[locale];
}

// ───────────────────────────── writing a priority ─────────────────────────────

export type PriorityFieldError = "title_required" | "title_too_short" | "title_too_long" | "description_too_long" | "tag_unknown" | "tags_too_many";
export type PriorityField = "title" | "description" | "tags";

export interface PriorityInput {
  title: unknown;
  description?: unknown;
  /** One slug, or several (a form's checkboxes arrive as one value or a list). */
  tags?: unknown;
}

export interface PriorityValue {
  title: string;
  description: string;
  tags: OutcomeTag[];
}

export type PriorityCheck =
  | { ok: true; value: PriorityValue }
  | { ok: false; reason: "invalid"; detail: { fieldErrors: Partial<Record<PriorityField, PriorityFieldError>> } };

const length = (s: string) => [...s].length;

/**
 * Checks a priority as a resident wrote it, reporting every wrong field at once for the GOV.UK
 * error summary. The title's spaces are tidied (it is shown on cards and compared for
 * duplicates); the description keeps the resident's line breaks. Nothing else is changed —
 * personal data and abuse are the moderation filter's business, which holds, never rewrites.
 */
export function checkPriority(input: PriorityInput): PriorityCheck {
  const fieldErrors: Partial<Record<PriorityField, PriorityFieldError>> = {};
  const title = typeof input.title === "string" ? input.title.replace(/\s+/g, " ").trim() : "";
  if (title === "") fieldErrors.title = "title_required";
  else if (length(title) < PRIORITY_LIMITS.titleMin) fieldErrors.title = "title_too_short";
  else if (length(title) > PRIORITY_LIMITS.titleMax) fieldErrors.title = "title_too_long";

  const description = typeof input.description === "string" ? input.description.replace(/\r\n?/g, "\n").trim() : "";
  if (length(description) > PRIORITY_LIMITS.descriptionMax) fieldErrors.description = "description_too_long";

  const raw = input.tags === undefined || input.tags === null || input.tags === "" ? [] : Array.isArray(input.tags) ? input.tags : [input.tags];
  const tags: OutcomeTag[] = [];
  for (const tag of raw) {
    if (!isOutcomeTag(tag)) {
      fieldErrors.tags = "tag_unknown";
      break;
    }
    if (!tags.includes(tag)) tags.push(tag);
  }
  if (!fieldErrors.tags && tags.length > PRIORITY_LIMITS.tagsMax) fieldErrors.tags = "tags_too_many";

  if (Object.keys(fieldErrors).length > 0) return { ok: false, reason: "invalid", detail: { fieldErrors } };
  return ok({ title, description, tags });
}

// ───────────────────────────── support ─────────────────────────────

export type SupportReason = "priorities_closed" | "priority_not_visible" | "priority_merged" | "own_priority" | "already_supported";

export interface SupportablePriority {
  id: string;
  authorId: string;
  /** Visible to residents (moderation status "visible"). */
  visible: boolean;
  /** Set when the priority was merged into another. */
  mergedIntoId: string | null;
}

/**
 * Whether a resident may support a priority. One support per resident per priority (the
 * database's unique key enforces it under concurrency; this says why). An author may not
 * support their own: the count is meant to show how many others agree, and every author would
 * otherwise start at one. A merged priority's supports live on the one it was merged into, so
 * the refusal names it and the page can offer that one instead.
 */
export function checkSupport(input: {
  priority: SupportablePriority;
  supporterId: string;
  alreadySupported: boolean;
  /** Whether the consultation is still taking priorities and supports (lifecycle.acceptsResponses). */
  open: boolean;
}): Result<{ priorityId: string; supporterId: string }, SupportReason> {
  const { priority, supporterId } = input;
  if (!input.open) return err("priorities_closed");
  if (priority.mergedIntoId !== null) return err("priority_merged", { mergedIntoId: priority.mergedIntoId });
  if (!priority.visible) return err("priority_not_visible");
  if (priority.authorId === supporterId) return err("own_priority");
  if (input.alreadySupported) return err("already_supported");
  return ok({ priorityId: priority.id, supporterId });
}

// ───────────────────────────── merging ─────────────────────────────

export type MergeReason = "same_priority" | "different_council" | "already_merged" | "priority_not_visible";

export interface MergeablePriority {
  id: string;
  councilId: string;
  visible: boolean;
  mergedIntoId: string | null;
}

/**
 * Whether a moderator may merge `from` into `into` (duplicates found by similarity.ts or by
 * residents' reports). Neither may already be merged, so merges never form chains or cycles and
 * each merged priority points straight at a live one. Both must be visible: merging a held or
 * hidden priority would publish it, or hide the other, by the back door.
 */
export function checkMerge(from: MergeablePriority, into: MergeablePriority): Result<{ fromId: string; intoId: string }, MergeReason> {
  if (from.id === into.id) return err("same_priority");
  if (from.councilId !== into.councilId) return err("different_council");
  if (from.mergedIntoId !== null || into.mergedIntoId !== null)
    return err("already_merged", { priorityId: from.mergedIntoId !== null ? from.id : into.id });
  if (!from.visible || !into.visible) return err("priority_not_visible", { priorityId: !from.visible ? from.id : into.id });
  return ok({ fromId: from.id, intoId: into.id });
}

/**
 * The supporters of the merged priority: everyone who supported either, once each (a resident
 * who supported both duplicates counts once), plus the author of `from` — they asked for the
 * same thing, so their voice moves with it. The author of `into` is left out: an author may
 * not support their own priority.
 */
export function mergeSupporters(input: {
  fromAuthorId: string;
  fromSupporters: readonly string[];
  intoAuthorId: string;
  intoSupporters: readonly string[];
}): string[] {
  const out = new Set<string>();
  for (const id of [...input.intoSupporters, ...input.fromSupporters, input.fromAuthorId]) if (id !== input.intoAuthorId) out.add(id);
  return [...out];
}

/** Every reason a priority rule can give, including the field errors; messages.ts words each one. */
export type PriorityReason = PriorityFieldError | SupportReason | MergeReason;
