// Resident ideas in the ideas phase of a budget process, and an officer's decision on each: turn
// it into a project (which then goes through review like any other) or decline it with a response
// that is published to its author. Pure; app/server/budgeting/ideas.server.ts loads the facts,
// calls these rules and writes.
//
// Why ideas are kept apart from projects: an idea is what a resident asked for, in their words;
// a project is what the council costed and can put on a ballot. Keeping both (Project.ideaId)
// lets the resident see what became of their idea ("you said, we did").
import type { FieldErrorCode, FieldErrors, Phase, Validation } from "~/domain/budgeting/process.ts";
import { PROCESS_LIMITS, WARD_CODE_PATTERN, canEditProjects } from "~/domain/budgeting/process.ts";
import { ok } from "~/domain/result.ts";

export const IDEA_STATUSES = ["submitted", "accepted", "declined"] as const;
export type IdeaStatus = (typeof IDEA_STATUSES)[number];

export const IDEA_LIMITS = {
  titleMin: 3,
  titleMax: 120,
  descriptionMin: 10,
  /** As for a project, which an accepted idea becomes with the same description. */
  descriptionMax: PROCESS_LIMITS.descriptionMax,
  responseMin: 10,
  responseMax: 2000,
  /**
   * Ideas one resident may put into one process. Generous for a person, but it stops one
   * account from burying everyone else's ideas under hundreds of its own.
   */
  perResident: 10,
} as const;

/** Residents suggest ideas only while the process is in its ideas phase. */
export function canSubmitIdeas(phase: Phase): boolean {
  return phase === "ideas";
}

/** An idea can be accepted or declined while projects can still be added, so before voting. */
export function canDecideIdeas(phase: Phase): boolean {
  return canEditProjects(phase);
}

export interface IdeaDraft {
  title: string;
  description: string;
  wardCode: string | null;
}

export interface DeclineDraft {
  response: string;
}

function text(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const trimmed = value.trim();
  return trimmed === "" ? null : trimmed;
}

function checkText(errors: FieldErrors, key: string, value: unknown, min: number, max: number): string | null {
  if (value !== undefined && value !== null && typeof value !== "string") {
    errors[key] = "invalid";
    return null;
  }
  const t = text(value);
  let code: FieldErrorCode | null = null;
  if (t === null) code = "required";
  else if (t.length < min) code = "too_short";
  else if (t.length > max) code = "too_long";
  if (code) errors[key] = code;
  return code ? null : t;
}

function invalid(errors: FieldErrors): Validation<never> {
  return { ok: false, reason: "invalid", detail: { fieldErrors: errors } };
}

/** A resident's idea: a title, what it is and why, and optionally the ward it is for. */
export function validateIdea(input: unknown): Validation<IdeaDraft> {
  const source = (typeof input === "object" && input !== null ? input : {}) as Record<string, unknown>;
  const errors: FieldErrors = {};
  const title = checkText(errors, "title", source.title, IDEA_LIMITS.titleMin, IDEA_LIMITS.titleMax);
  const description = checkText(errors, "description", source.description, IDEA_LIMITS.descriptionMin, IDEA_LIMITS.descriptionMax);
  const ward = typeof source.wardCode === "string" ? source.wardCode.trim().toUpperCase() : source.wardCode;
  let wardCode: string | null = null;
  if (ward !== undefined && ward !== null && ward !== "") {
    if (typeof ward === "string" && WARD_CODE_PATTERN.test(ward)) wardCode = ward;
    else errors.wardCode = "invalid_ward_code";
  }
  if (Object.keys(errors).length > 0 || title === null || description === null) return invalid(errors);
  return ok({ title, description, wardCode });
}

/** Declining needs a response: it is published to the resident, who should hear why. */
export function validateDecline(input: unknown): Validation<DeclineDraft> {
  const source = (typeof input === "object" && input !== null ? input : {}) as Record<string, unknown>;
  const errors: FieldErrors = {};
  const response = checkText(errors, "response", source.response, IDEA_LIMITS.responseMin, IDEA_LIMITS.responseMax);
  if (response === null) return invalid(errors);
  return ok({ response });
}
