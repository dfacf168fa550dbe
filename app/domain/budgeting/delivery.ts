// Delivery tracking after the results ("you voted, we did"): for each selected project, how far
// it has got, what has been spent and what happens next. Pure; the server
// (app/server/budgeting/delivery.server.ts) loads the project, calls these rules and writes the
// change with an audit event. The project page shows what is written here to residents.
//
// Rules:
// - Only projects the count selected are tracked (selected → in_delivery → delivered); a project
//   that was not selected has nothing to deliver.
// - Tracking happens in the results and delivery phases only: before the results there is no
//   selection to deliver.
// - Percent complete is a whole number from 0 to 100; a delivered project is 100% complete, so the
//   two never contradict each other on the public page.
// - Spend is integer pence (money.ts), typed in pounds; it may exceed the cost (an overspend is a
//   fact residents are entitled to see), and may be left blank until the first invoice.
import { parseMoney, type MoneyProblem, type Pence } from "~/domain/budgeting/money.ts";
import type { Phase, ProjectStatus } from "~/domain/budgeting/process.ts";

export const DELIVERY_STATUSES = ["in_delivery", "delivered"] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export const DELIVERY_LIMITS = {
  noteMax: 2000,
  milestoneTitleMin: 3,
  milestoneTitleMax: 120,
  milestonesMax: 50,
} as const;

export function canTrackDelivery(phase: Phase): boolean {
  return phase === "results" || phase === "delivery";
}

/** The statuses of a project the count selected. */
export function isDeliveryProject(status: ProjectStatus): boolean {
  return status === "selected" || status === "in_delivery" || status === "delivered";
}

export type DeliveryFieldError =
  | "required"
  | "invalid"
  | "not_whole_number"
  | "out_of_range"
  | "too_short"
  | "too_long"
  | "delivered_not_complete"
  | "incomplete_date"
  | "invalid_date"
  | "invalid_money"
  | Exclude<MoneyProblem, "empty" | "invalid">;

export type DeliveryFieldErrors = Record<string, DeliveryFieldError>;

export type DeliveryValidation<T> = { ok: true; value: T } | { ok: false; reason: "invalid"; detail: { fieldErrors: DeliveryFieldErrors } };

export interface DeliveryUpdate {
  status: DeliveryStatus;
  percentComplete: number;
  /** Null: nothing recorded yet. */
  spentPence: Pence | null;
  /** Shown publicly on the project page; null to show none. */
  note: string | null;
}

const text = (v: unknown) => (typeof v === "string" ? v.trim() : "");

/** Reads the delivery form: status, percent complete, spend in pounds, public note. */
export function validateDeliveryUpdate(input: { status?: unknown; percentComplete?: unknown; spent?: unknown; note?: unknown }): DeliveryValidation<DeliveryUpdate> {
  const fieldErrors: DeliveryFieldErrors = {};
  const status = text(input.status);
  if (status === "") fieldErrors.status = "required";
  else if (!(DELIVERY_STATUSES as readonly string[]).includes(status)) fieldErrors.status = "invalid";

  // "40%" is how people write it; the sign is the only thing allowed besides the digits.
  const percentText = text(input.percentComplete).replace(/\s*%$/, "");
  let percent: number | null = null;
  if (percentText === "") fieldErrors.percentComplete = "required";
  else if (!/^-?\d{1,6}$/.test(percentText)) fieldErrors.percentComplete = "not_whole_number";
  else {
    percent = Number(percentText);
    if (percent < 0 || percent > 100) fieldErrors.percentComplete = "out_of_range";
  }
  if (status === "delivered" && percent !== null && !fieldErrors.percentComplete && percent !== 100)
    fieldErrors.percentComplete = "delivered_not_complete";

  let spentPence: Pence | null = null;
  const spentText = text(input.spent);
  if (spentText !== "") {
    const money = parseMoney(spentText);
    if (money.ok) spentPence = money.value;
    else fieldErrors.spent = money.reason === "empty" || money.reason === "invalid" ? "invalid_money" : money.reason;
  }

  const note = text(input.note).replace(/\r\n?/g, "\n");
  if (note.length > DELIVERY_LIMITS.noteMax) fieldErrors.note = "too_long";

  if (Object.keys(fieldErrors).length > 0) return { ok: false, reason: "invalid", detail: { fieldErrors } };
  return { ok: true, value: { status: status as DeliveryStatus, percentComplete: percent!, spentPence, note: note === "" ? null : note } };
}

/**
 * A date from the GOV.UK date pattern (day, month and year boxes), as UTC midnight — the form
 * the @db.Date columns store. Blank: null. Some boxes filled: "incomplete_date".
 */
export function readDateParts(day: unknown, month: unknown, year: unknown): { ok: true; value: Date | null } | { ok: false; reason: "incomplete_date" | "invalid_date" } {
  const parts = [text(day), text(month), text(year)];
  if (parts.every((p) => p === "")) return { ok: true, value: null };
  if (parts.some((p) => p === "")) return { ok: false, reason: "incomplete_date" };
  if (!parts.every((p) => /^\d{1,4}$/.test(p))) return { ok: false, reason: "invalid_date" };
  const [d, m, y] = parts.map(Number) as [number, number, number];
  if (y < 2000 || y > 2100) return { ok: false, reason: "invalid_date" };
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return { ok: false, reason: "invalid_date" };
  return { ok: true, value: date };
}

export interface MilestoneDraft {
  title: string;
  dueOn: Date | null;
}

/** A new milestone: a title and an optional due date. */
export function validateMilestone(input: { title?: unknown; dueDay?: unknown; dueMonth?: unknown; dueYear?: unknown }): DeliveryValidation<MilestoneDraft> {
  const fieldErrors: DeliveryFieldErrors = {};
  const title = text(input.title).replace(/\s+/g, " ");
  if (title === "") fieldErrors.title = "required";
  else if (title.length < DELIVERY_LIMITS.milestoneTitleMin) fieldErrors.title = "too_short";
  else if (title.length > DELIVERY_LIMITS.milestoneTitleMax) fieldErrors.title = "too_long";
  const due = readDateParts(input.dueDay, input.dueMonth, input.dueYear);
  if (!due.ok) fieldErrors.dueOn = due.reason;
  if (!due.ok || Object.keys(fieldErrors).length > 0) return { ok: false, reason: "invalid", detail: { fieldErrors } };
  return { ok: true, value: { title, dueOn: due.value } };
}
