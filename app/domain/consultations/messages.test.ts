import { describe, expect, it } from "vitest";
import { checkEquality } from "~/domain/consultations/equality.ts";
import { checkExtend, checkOpen } from "~/domain/consultations/lifecycle.ts";
import { CONSULTATION_MESSAGES, EDIT_CHANGE_LABELS, consultationMessage, lifecycleMessage, type ConsultationMessageReason } from "~/domain/consultations/messages.ts";
import { checkPriority } from "~/domain/consultations/priority.ts";
import { LOCALES } from "~/domain/i18n/locale.ts";

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("consultation messages", () => {
  it("has every reason in English and Welsh, with the same placeholders", () => {
    const keys = Object.keys(CONSULTATION_MESSAGES.en).sort();
    for (const locale of LOCALES) {
      expect(Object.keys(CONSULTATION_MESSAGES[locale]).sort()).toEqual(keys);
      expect(Object.keys(EDIT_CHANGE_LABELS[locale]).sort()).toEqual(Object.keys(EDIT_CHANGE_LABELS.en).sort());
    }
    for (const key of keys as ConsultationMessageReason[]) {
      const en = CONSULTATION_MESSAGES.en[key];
      const cy = CONSULTATION_MESSAGES.cy[key];
      expect(en.trim().length).toBeGreaterThan(10);
      expect(cy).not.toBe(en);
      expect(placeholders(cy)).toEqual(placeholders(en));
    }
  });

  it("fills every placeholder, from the detail or the limits", () => {
    for (const locale of LOCALES)
      for (const key of Object.keys(CONSULTATION_MESSAGES[locale]) as ConsultationMessageReason[]) expect(consultationMessage(key, locale)).not.toMatch(/\{\w+\}/);
    expect(lifecycleMessage("too_short_without_reason", "en")).toBe(
      "The consultation would be open for less than the council's minimum of 84 days. Choose a later closing date, or explain why a shorter period is enough. Your reason will be published",
    );
  });

  it("words real refusals", () => {
    const now = new Date("2026-03-02T09:00:00Z");
    const short = checkOpen({ opensAt: now, closesAt: new Date("2026-03-30T22:00:00Z"), now, minimumDurationDays: 42 });
    if (short.ok) throw new Error("expected a refusal");
    expect(lifecycleMessage(short.reason, "en", short.detail)).toBe(
      "The consultation would be open for 28 days, which is less than the council's minimum of 42 days. Choose a later closing date, or explain why a shorter period is enough. Your reason will be published",
    );
    expect(lifecycleMessage(short.reason, "cy", short.detail)).toContain("28 diwrnod");
    const ext = checkExtend({ status: "open", closesAt: new Date("2026-04-01T00:00:00Z"), newClosesAt: new Date("2026-04-15T00:00:00Z"), now, reason: "Late." });
    if (ext.ok) throw new Error("expected a refusal");
    expect(lifecycleMessage(ext.reason, "en", ext.detail)).toBe("The reason must be 20 characters or more");
    const p = checkPriority({ title: "Bin" });
    if (p.ok) throw new Error("expected a refusal");
    expect(consultationMessage(p.detail.fieldErrors.title!, "en")).toBe("The title must be 5 characters or more");
    const e = checkEquality({ sex: "other" });
    if (e.ok) throw new Error("expected a refusal");
    expect(consultationMessage(e.detail.fieldErrors.sex!, "cy")).toBe("Dewiswch un o'r opsiynau, neu gadewch y cwestiwn hwn heb ei ateb");
  });
});
