// Staff sessions for these journeys, signed in once per worker and role: every sign-in needs a
// TOTP step of its own (see claimTotpStep), so the journeys share the session cookies rather than
// wait for fresh steps.
import { readFileSync } from "node:fs";
import type { Cookie, Page } from "@playwright/test";
import { signInAsStaff } from "../support/demo.ts";
import { PAPER_CODES_FILE, type PaperCodes } from "../support/fixtures/paper-codes-file.ts";

const sessions = new Map<string, Cookie[]>();

export async function signedInAs(page: Page, role: "Administrator" | "Officer") {
  const saved = sessions.get(role);
  if (saved) await page.context().addCookies(saved);
  else {
    await signInAsStaff(page, role);
    sessions.set(role, await page.context().cookies());
  }
}

/** The plain codes the fixture issued for a process; the first has already voted online. */
export function fixtureCodes(slug: string): string[] {
  const codes = (JSON.parse(readFileSync(PAPER_CODES_FILE, "utf8")) as PaperCodes)[slug];
  if (!codes) throw new Error(`no fixture codes for ${slug}`);
  return codes;
}
