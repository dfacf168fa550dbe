import { describe, expect, it } from "vitest";
import { canTrackDelivery, isDeliveryProject, readDateParts, validateDeliveryUpdate, validateMilestone, type DeliveryFieldError } from "~/domain/budgeting/delivery.ts";
import { CODES_COPY, DELIVERY_COPY, DELIVERY_FIELD_COPY, deliveryFieldMessage, deliveryMessage } from "~/domain/budgeting/paper-messages.ts";
import { PHASES, PROJECT_STATUSES } from "~/domain/budgeting/process.ts";

describe("when delivery can be tracked", () => {
  it("in the results and delivery phases, for selected projects only", () => {
    expect(PHASES.filter(canTrackDelivery)).toEqual(["results", "delivery"]);
    expect(PROJECT_STATUSES.filter(isDeliveryProject)).toEqual(["selected", "in_delivery", "delivered"]);
  });
});

describe("a delivery update", () => {
  const good = { status: "in_delivery", percentComplete: "40", spent: "£1,250.50", note: "  Benches ordered.\r\nFitting in May. " };

  it("is read from the form, money in pence", () => {
    expect(validateDeliveryUpdate(good)).toEqual({
      ok: true,
      value: { status: "in_delivery", percentComplete: 40, spentPence: 125_050n, note: "Benches ordered.\nFitting in May." },
    });
    expect(validateDeliveryUpdate({ ...good, percentComplete: "100 %", status: "delivered", spent: "", note: "" })).toEqual({
      ok: true,
      value: { status: "delivered", percentComplete: 100, spentPence: null, note: null },
    });
    expect(validateDeliveryUpdate({ ...good, percentComplete: "0", spent: "0" })).toMatchObject({ ok: true, value: { percentComplete: 0, spentPence: 0n } });
  });

  function errors(input: Record<string, unknown>): Record<string, DeliveryFieldError> {
    const result = validateDeliveryUpdate({ ...good, ...input });
    return result.ok ? {} : result.detail.fieldErrors;
  }

  it("refuses what cannot be true", () => {
    expect(errors({ status: "" })).toEqual({ status: "required" });
    expect(errors({ status: "selected" })).toEqual({ status: "invalid" });
    expect(errors({ percentComplete: "" })).toEqual({ percentComplete: "required" });
    expect(errors({ percentComplete: "40.5" })).toEqual({ percentComplete: "not_whole_number" });
    expect(errors({ percentComplete: "half" })).toEqual({ percentComplete: "not_whole_number" });
    expect(errors({ percentComplete: "101" })).toEqual({ percentComplete: "out_of_range" });
    expect(errors({ percentComplete: "-1" })).toEqual({ percentComplete: "out_of_range" });
    expect(errors({ status: "delivered", percentComplete: "90" })).toEqual({ percentComplete: "delivered_not_complete" });
    expect(errors({ spent: "lots" })).toEqual({ spent: "invalid_money" });
    expect(errors({ spent: "-£5" })).toEqual({ spent: "negative" });
    expect(errors({ spent: "£1.505" })).toEqual({ spent: "too_many_decimals" });
    expect(errors({ spent: "99999999999" })).toEqual({ spent: "too_large" });
    expect(errors({ note: "x".repeat(2001) })).toEqual({ note: "too_long" });
    expect(errors({ status: 5, percentComplete: null, spent: undefined, note: {} })).toEqual({ status: "required", percentComplete: "required" });
  });
});

describe("milestones and dates", () => {
  it("reads the GOV.UK date pattern", () => {
    expect(readDateParts("27", "3", "2027")).toEqual({ ok: true, value: new Date("2027-03-27T00:00:00.000Z") });
    expect(readDateParts("", " ", "")).toEqual({ ok: true, value: null });
    expect(readDateParts("27", "", "2027")).toEqual({ ok: false, reason: "incomplete_date" });
    expect(readDateParts("31", "2", "2027")).toEqual({ ok: false, reason: "invalid_date" });
    expect(readDateParts("29", "2", "2028")).toEqual({ ok: true, value: new Date("2028-02-29T00:00:00.000Z") });
    expect(readDateParts("1", "13", "2027")).toEqual({ ok: false, reason: "invalid_date" });
    expect(readDateParts("1", "1", "27")).toEqual({ ok: false, reason: "invalid_date" });
    expect(readDateParts("a", "1", "2027")).toEqual({ ok: false, reason: "invalid_date" });
  });

  it("a milestone needs a title; the due date is optional", () => {
    expect(validateMilestone({ title: "  Benches   installed ", dueDay: "1", dueMonth: "6", dueYear: "2027" })).toEqual({
      ok: true,
      value: { title: "Benches installed", dueOn: new Date("2027-06-01T00:00:00.000Z") },
    });
    expect(validateMilestone({ title: "Order placed" })).toEqual({ ok: true, value: { title: "Order placed", dueOn: null } });
    expect(validateMilestone({ title: "", dueDay: "1" })).toEqual({ ok: false, reason: "invalid", detail: { fieldErrors: { title: "required", dueOn: "incomplete_date" } } });
    expect(validateMilestone({ title: "ab" })).toEqual({ ok: false, reason: "invalid", detail: { fieldErrors: { title: "too_short" } } });
    expect(validateMilestone({ title: "x".repeat(121) })).toEqual({ ok: false, reason: "invalid", detail: { fieldErrors: { title: "too_long" } } });
  });
});

describe("messages", () => {
  it("every delivery and codes reason and field error has English and Welsh copy", () => {
    for (const table of [DELIVERY_COPY, DELIVERY_FIELD_COPY, CODES_COPY])
      for (const [key, copy] of Object.entries(table)) {
        expect(copy.en.length, key).toBeGreaterThan(0);
        expect(copy.cy.length, key).toBeGreaterThan(0);
        expect(copy.cy, key).not.toBe(copy.en);
      }
    for (const code of Object.keys(DELIVERY_FIELD_COPY) as DeliveryFieldError[])
      for (const locale of ["en", "cy"] as const) expect(deliveryFieldMessage("percentComplete", code, locale)).not.toMatch(/\{\w+\}/);
  });

  it("names the field in the message", () => {
    expect(deliveryFieldMessage("percentComplete", "out_of_range", "en")).toBe("The percent complete must be between 0 and 100");
    expect(deliveryFieldMessage("title", "too_short", "en")).toBe("The milestone must be 3 characters or more");
    expect(deliveryFieldMessage("dueOn", "invalid_date", "en")).toBe("The due date must be a real date, like 27 3 2027");
    expect(deliveryFieldMessage("status", "required", "en")).toBe("Choose whether the project is in delivery or delivered");
    expect(deliveryMessage("too_many_milestones", "en")).toBe("A project can have no more than 50 milestones.");
  });
});
