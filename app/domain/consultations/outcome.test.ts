import { describe, expect, it } from "vitest";
import {
  OUTCOME_LIMITS,
  OUTCOME_MESSAGES,
  checkFollowerEmail,
  checkLinkUrl,
  checkOutcome,
  outcomeFieldMessages,
  outcomeMessage,
  outcomePublishedEmail,
  type OutcomeInput,
  type OutcomeMessageReason,
} from "~/domain/consultations/outcome.ts";
import { LOCALES } from "~/domain/i18n/locale.ts";

const YOU_SAID = "Most of you visit a park every week, and many said the toilets are often shut.";
const WE_DID = "We have opened the toilets at Longford Park every day from 8am to 6pm.";
const projects = new Set(["project-1", "project-2"]);
const publish = { projectIds: projects, mode: "publish" as const };
const draft = { projectIds: projects, mode: "draft" as const };
const good: OutcomeInput = { youSaid: YOU_SAID, weDid: WE_DID, links: [] };
const fieldErrors = (r: ReturnType<typeof checkOutcome>) => (r.ok ? {} : (r.detail as { fieldErrors: Record<string, string> }).fieldErrors);

describe("checkOutcome", () => {
  it("accepts both halves, trims them, and keeps an empty Welsh text as none", () => {
    const checked = checkOutcome({ ...good, youSaid: `  ${YOU_SAID}\n`, youSaidCy: "  ", weDidCy: "Rydym wedi agor y toiledau bob dydd." }, publish);
    expect(checked).toEqual({ ok: true, value: { youSaid: YOU_SAID, youSaidCy: null, weDid: WE_DID, weDidCy: "Rydym wedi agor y toiledau bob dydd.", links: [] } });
  });

  it("requires what people said and what the council did to publish, not to save a draft", () => {
    expect(fieldErrors(checkOutcome({ youSaid: "", weDid: " ", links: [] }, publish))).toEqual({ youSaid: "you_said_required", weDid: "we_did_required" });
    expect(checkOutcome({ youSaid: "", weDid: "", links: [] }, draft).ok).toBe(true);
  });

  it("limits every text, Welsh included, in characters rather than bytes", () => {
    const long = "a".repeat(OUTCOME_LIMITS.textMax + 1);
    expect(fieldErrors(checkOutcome({ ...good, youSaid: "Too short", weDidCy: long }, draft))).toEqual({ youSaid: "text_too_short", weDidCy: "text_too_long" });
    // 10,000 Welsh letters with circumflexes are 10,000 characters, whatever their bytes.
    expect(checkOutcome({ ...good, weDid: "ŵ".repeat(OUTCOME_LIMITS.textMax) }, publish).ok).toBe(true);
  });

  it("takes links to https pages and to this council's projects, in order", () => {
    const checked = checkOutcome(
      {
        ...good,
        links: [
          { label: " Executive decision, 12 October ", url: "https://democratic.trafford.gov.uk/ieDecisionDetails.aspx?ID=1" },
          { label: "Street trees", projectId: "project-2", url: "" },
        ],
      },
      publish,
    );
    expect(checked).toMatchObject({
      ok: true,
      value: {
        links: [
          { label: "Executive decision, 12 October", url: "https://democratic.trafford.gov.uk/ieDecisionDetails.aspx?ID=1", projectId: null },
          { label: "Street trees", url: null, projectId: "project-2" },
        ],
      },
    });
  });

  it("explains each bad link by its position", () => {
    const result = checkOutcome(
      {
        ...good,
        links: [
          { label: "", url: "https://example.gov.uk" },
          { label: "Old site", url: "http://example.gov.uk" },
          { label: "Script", url: "javascript:alert(1)" },
          { label: "Both", url: "https://example.gov.uk", projectId: "project-1" },
          { label: "Neither" },
          { label: "Another council's project", projectId: "project-of-salford" },
          { label: "x".repeat(OUTCOME_LIMITS.labelMax + 1), url: "https://example.gov.uk" },
        ],
      },
      publish,
    );
    expect(fieldErrors(result)).toEqual({
      "link-0-label": "link_label_required",
      "link-1-target": "link_url_not_https",
      "link-2-target": "link_url_invalid",
      "link-3-target": "link_both_targets",
      "link-4-target": "link_target_required",
      "link-5-target": "link_project_unknown",
      "link-6-label": "link_label_too_long",
    });
  });

  it("allows at most 10 links", () => {
    const link = { label: "A decision", url: "https://example.gov.uk/decision" };
    expect(checkOutcome({ ...good, links: Array(10).fill(link) }, publish).ok).toBe(true);
    expect(fieldErrors(checkOutcome({ ...good, links: Array(11).fill(link) }, publish))).toEqual({ links: "links_too_many" });
  });
});

describe("checkLinkUrl", () => {
  it("accepts https addresses only, without credentials or spaces", () => {
    expect(checkLinkUrl(" https://www.trafford.gov.uk/parks ")).toEqual({ ok: true, value: "https://www.trafford.gov.uk/parks" });
    for (const bad of ["www.trafford.gov.uk", "/parks", "mailto:parks@trafford.gov.uk", "data:text/html,hi", "https://user:secret@trafford.gov.uk/", "https://trafford gov.uk", "https://localhost/"])
      expect(checkLinkUrl(bad).ok, bad).toBe(false);
    expect(checkLinkUrl("http://www.trafford.gov.uk")).toEqual({ ok: false, reason: "link_url_not_https" });
    expect(checkLinkUrl(`https://example.gov.uk/${"a".repeat(OUTCOME_LIMITS.urlMax)}`)).toEqual({ ok: false, reason: "link_url_too_long" });
  });
});

describe("checkFollowerEmail", () => {
  it("normalises a real address and refuses anything else", () => {
    expect(checkFollowerEmail(" Jo.Bloggs@Example.org ")).toEqual({ ok: true, value: "jo.bloggs@example.org" });
    for (const bad of ["", "jo", "jo@example", "jo@example.org, eve@example.org", "<jo@example.org>"]) expect(checkFollowerEmail(bad), bad).toEqual({ ok: false, reason: "follower_email_invalid" });
  });
});

describe("words", () => {
  const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

  it("has every reason in English and Welsh, with the same placeholders, all filled", () => {
    const keys = Object.keys(OUTCOME_MESSAGES.en).sort();
    for (const locale of LOCALES) {
      expect(Object.keys(OUTCOME_MESSAGES[locale]).sort()).toEqual(keys);
      for (const key of keys as OutcomeMessageReason[]) {
        expect(placeholders(OUTCOME_MESSAGES[locale][key])).toEqual(placeholders(OUTCOME_MESSAGES.en[key]));
        expect(outcomeMessage(key, locale)).not.toMatch(/\{\w+\}/);
      }
    }
    for (const key of keys as OutcomeMessageReason[]) expect(OUTCOME_MESSAGES.cy[key]).not.toBe(OUTCOME_MESSAGES.en[key]);
    expect(outcomeMessage("text_too_long", "en")).toBe("Write 10,000 characters or fewer");
  });

  it("words field errors by field", () => {
    expect(outcomeFieldMessages({ weDid: "we_did_required", "link-0-target": "link_url_not_https" }, "en")).toEqual({
      weDid: "Write what the council did as a result before publishing",
      "link-0-target": "Enter a secure web address, starting with https:// rather than http://",
    });
  });
});

describe("the email to followers", () => {
  it("names the consultation and links to its page, in English and Welsh, as plain text", () => {
    const facts = { title: "Parks <b>2026</b> {council}", council: "Trafford Council", url: "https://have-your-say.example.gov.uk/trafford/consultations/parks" };
    const en = outcomePublishedEmail("en", facts);
    expect(en.subject).toBe("What we did with what people said: Parks <b>2026</b> {council}");
    expect(en.text).toContain('the consultation "Parks <b>2026</b> {council}"');
    expect(en.text).toContain(`\n${facts.url}\n`);
    expect(en.text).toContain("deleted your email address");
    const cy = outcomePublishedEmail("cy", facts);
    expect(cy.subject).toMatch(/^Beth wnaethom/);
    expect(cy.text).toContain(facts.url);
    expect(cy.text).toContain("Trafford Council");
  });
});
