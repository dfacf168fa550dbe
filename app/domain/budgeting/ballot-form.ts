// The resident's ballot as an HTML form: which fields carry which choices, reading a posted form
// back into choices and eligibility answers, and writing them out again as hidden fields, so a
// ballot travels from the choices page to "Check your answers" and on to casting without
// JavaScript. Pure. What this reads is only ever a claim: the server checks all of it again when
// the ballot is cast (castBallot → checkBallot), whatever a hidden field says.
//
// Field names, per ballot type:
// - approval, knapsack: a checkbox `project` per project, its value the project id (so a ticked
//   box posts `project=<id>`; several boxes post the name several times);
// - cumulative: a text box `points-<project id>` per project, the points typed;
// - ranked: a select `rank-<project id>` per project, the rank ("" = not ranked).
// Eligibility: `postcode`, `ageConfirmed` ("yes" when ticked), `votingCode`; the optional
// `ageBand` (for turnout statistics only); and `expectedRevision`, the revision of the ballot the page was showing (0 for a first vote).
import type { BallotChoiceInput, BallotType } from "~/domain/budgeting/ballot.ts";
import { isAgeBand } from "~/domain/budgeting/turnout.ts";

export interface BallotAnswers {
  choices: BallotChoiceInput[];
  /** What the voter entered per project id, as typed ("3", "" or "1" for a ticked box). */
  typed: Record<string, string>;
  postcode: string;
  ageConfirmed: boolean;
  /** One of AGE_BANDS, or "" when not given. */
  ageBand: string;
  votingCode: string;
  expectedRevision: number | null;
}

export const EMPTY_ANSWERS: BallotAnswers = { choices: [], typed: {}, postcode: "", ageConfirmed: false, ageBand: "", votingCode: "", expectedRevision: null };

/** No real ballot has more; a longer form is cut here rather than processed. */
const MAX_FIELDS = 600;
const MAX_ID = 64;

export function pointsField(projectId: string): string {
  return `points-${projectId}`;
}

export function rankField(projectId: string): string {
  return `rank-${projectId}`;
}

/**
 * A number box as the ballot rules see it: blank is 0 (not chosen); whole numbers are read;
 * anything else is NaN, which `checkBallot` refuses as 'invalid_value' ("Enter whole numbers only").
 */
export function readWholeNumber(text: string): number {
  const t = text.trim();
  if (t === "") return 0;
  return /^\d{1,6}$/.test(t) ? Number(t) : Number.NaN;
}

function clip(value: string, max: number): string {
  return value.length > max ? value.slice(0, max) : value;
}

/** Reads a posted ballot form (FormData entries, or pairs) for a ballot of `type`. */
export function readBallotForm(type: BallotType, entries: Iterable<readonly [string, unknown]>): BallotAnswers {
  const answers: BallotAnswers = { ...EMPTY_ANSWERS, choices: [], typed: {} };
  let count = 0;
  const prefix = type === "cumulative" ? "points-" : type === "ranked" ? "rank-" : null;
  for (const [name, raw] of entries) {
    if (++count > MAX_FIELDS) break;
    if (typeof raw !== "string") continue;
    if (name === "postcode") answers.postcode = clip(raw, 16);
    else if (name === "votingCode") answers.votingCode = clip(raw, 40);
    else if (name === "ageConfirmed") answers.ageConfirmed = raw === "yes";
    else if (name === "ageBand") answers.ageBand = isAgeBand(raw) ? raw : "";
    else if (name === "expectedRevision") {
      const n = /^\d{1,9}$/.test(raw.trim()) ? Number(raw.trim()) : null;
      answers.expectedRevision = n;
    } else if (prefix === null && name === "project") {
      // Duplicates are kept: checkBallot names them ('duplicate_project').
      const id = clip(raw, MAX_ID);
      answers.choices.push({ projectId: id, value: 1 });
      answers.typed[id] = "1";
    } else if (prefix !== null && name.startsWith(prefix)) {
      const id = clip(name.slice(prefix.length), MAX_ID);
      const text = clip(raw, 12);
      answers.typed[id] = text;
      const value = readWholeNumber(text);
      if (value !== 0) answers.choices.push({ projectId: id, value });
    }
  }
  return answers;
}

/** The answers as hidden fields (name, value), in the shape `readBallotForm` reads back. */
export function ballotHiddenFields(type: BallotType, answers: BallotAnswers): [string, string][] {
  const fields: [string, string][] = [];
  for (const c of answers.choices) {
    if (type === "approval" || type === "knapsack") fields.push(["project", c.projectId]);
    else fields.push([type === "cumulative" ? pointsField(c.projectId) : rankField(c.projectId), answers.typed[c.projectId] ?? String(c.value)]);
  }
  if (answers.postcode) fields.push(["postcode", answers.postcode]);
  if (answers.ageConfirmed) fields.push(["ageConfirmed", "yes"]);
  if (answers.ageBand) fields.push(["ageBand", answers.ageBand]);
  if (answers.votingCode) fields.push(["votingCode", answers.votingCode]);
  if (answers.expectedRevision !== null) fields.push(["expectedRevision", String(answers.expectedRevision)]);
  return fields;
}

/** A stored ballot's choices as form answers, to prefill the form for a change of vote. */
export function answersFromChoices(choices: readonly BallotChoiceInput[], revision: number): BallotAnswers {
  return {
    ...EMPTY_ANSWERS,
    choices: choices.map((c) => ({ ...c })),
    typed: Object.fromEntries(choices.map((c) => [c.projectId, String(c.value)])),
    expectedRevision: revision,
  };
}

/** Choices in the order a person reads them back: by rank for ranked ballots, else by the projects' order. */
export function orderedChoices(type: BallotType, choices: readonly BallotChoiceInput[], projectOrder: readonly string[]): BallotChoiceInput[] {
  const position = new Map(projectOrder.map((id, i) => [id, i]));
  const at = (id: string) => position.get(id) ?? Number.MAX_SAFE_INTEGER;
  return [...choices].sort((a, b) => (type === "ranked" ? a.value - b.value : 0) || at(a.projectId) - at(b.projectId));
}
