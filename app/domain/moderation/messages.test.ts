import { describe, expect, it } from "vitest";
import { LOCALES } from "~/domain/i18n/locale.ts";
import { MODERATION_REASONS, MODERATION_STATUSES } from "~/domain/moderation/decisions.ts";
import { FILTER_FLAGS } from "~/domain/moderation/filter.ts";
import {
  AUTHOR_REASON_MESSAGES,
  FILTER_FLAG_LABELS,
  MODERATION_MESSAGES,
  MODERATION_REASON_LABELS,
  MODERATION_STATUS_LABELS,
  authorMessage,
  authorNotice,
  filterFlagLabel,
  moderationMessage,
  moderationReasonLabel,
  moderationStatusLabel,
} from "~/domain/moderation/messages.ts";

describe("moderation messages", () => {
  it("has every key in English and Welsh, and the Welsh differs", () => {
    const catalogues = [MODERATION_REASON_LABELS, AUTHOR_REASON_MESSAGES, FILTER_FLAG_LABELS, MODERATION_STATUS_LABELS, MODERATION_MESSAGES];
    for (const catalogue of catalogues) {
      const keys = Object.keys(catalogue.en).sort();
      for (const locale of LOCALES) {
        expect(Object.keys(catalogue[locale]).sort()).toEqual(keys);
        for (const key of keys) expect((catalogue[locale] as Record<string, string>)[key]!.trim().length).toBeGreaterThan(2);
      }
      for (const key of keys) if (key !== "spam") expect((catalogue.cy as Record<string, string>)[key]).not.toBe((catalogue.en as Record<string, string>)[key]);
    }
    expect(Object.keys(MODERATION_REASON_LABELS.en).sort()).toEqual([...MODERATION_REASONS].sort());
    expect(Object.keys(FILTER_FLAG_LABELS.en).sort()).toEqual([...FILTER_FLAGS].sort());
    expect(Object.keys(MODERATION_STATUS_LABELS.en).sort()).toEqual([...MODERATION_STATUSES].sort());
  });

  it("tells the author what happened, why, and how to appeal", () => {
    expect(authorNotice("hide", "personal_information", "en")).toBe(
      "We have removed what you wrote from public view. It includes personal information, such as an email address, a phone number or someone's name and address. We do not publish personal information, to protect you and others. You can post it again without those details. If you think this is wrong, you can ask us to look again. A different moderator will decide. You can do this once.",
    );
    expect(authorNotice("reject", "spam", "cy", { canAppeal: false })).toBe(
      "Nid ydym wedi cyhoeddi'r hyn a ysgrifennoch. Mae'n edrych fel sbam, fel testun wedi'i ailadrodd neu ddolenni nad oes a wnelont ddim â'r ymgynghoriad.",
    );
    expect(authorMessage("duplicate", "en")).toContain("already been posted");
  });

  it("words labels and refusals", () => {
    expect(moderationReasonLabel("defamatory", "en")).toBe("Could be defamatory");
    expect(filterFlagLabel("ni_number", "cy")).toBe("Rhif Yswiriant Gwladol posibl");
    expect(moderationStatusLabel("held", "en")).toBe("Waiting for review");
    expect(moderationMessage("same_moderator", "en")).toBe("A different moderator must decide this appeal, not the one who made the decision");
  });
});
