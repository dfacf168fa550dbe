// Shared steps for journeys on the seeded demo council.
import { readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { decodeBase32IgnorePadding } from "@oslojs/encoding";
import { generateHOTP } from "@oslojs/otp";
import type { Locator, Page, TestInfo } from "@playwright/test";
import { withLock } from "./lock.ts";
import { expect, test } from "./test.ts";

export const COUNCIL = "trafford";

const TOTP_PERIOD_MS = 30_000;

/** A unique address per test and project, so parallel runs never share a resident. */
export function residentEmail(testInfo: TestInfo, label: string) {
  const unique = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  return `${label}.${testInfo.project.name}.${testInfo.workerIndex}.${unique}@example.org`;
}

function currentStep() {
  return Math.floor(Date.now() / TOTP_PERIOD_MS);
}

/** The RFC 6238 code (30 s, 6 digits) for a time step; by default the current one. */
export function totpCode(base32Secret: string, step = currentStep()) {
  const key = decodeBase32IgnorePadding(base32Secret.replace(/\s+/g, "").toUpperCase());
  return generateHOTP(key, BigInt(step), 6);
}

/** A 6-digit code that no step within the server's window accepts. */
export function wrongTotpCode(base32Secret: string) {
  const now = currentStep();
  const valid = new Set([now - 1, now, now + 1, now + 2].map((step) => totpCode(base32Secret, step)));
  for (let n = 0; ; n++) {
    const code = String((123_456 + n * 7919) % 1_000_000).padStart(6, "0");
    if (!valid.has(code)) return code;
  }
}

/**
 * A TOTP time step no other test has used for this account. The server accepts a code once
 * per step and account (replay protection), and both projects sign the same demo staff in, so
 * steps are handed out under a lock shared by every worker: the current step, else the next
 * one (the server allows one step of clock drift either way), else wait for a fresh step.
 * Wrong or replayed codes would also count towards the account's 5-attempt lock-out.
 */
export async function claimTotpStep(account: string): Promise<number> {
  const email = account.toLowerCase();
  return withLock(`totp-${email.replace(/[^a-z0-9.-]+/g, "_")}`, async () => {
    const last = (await readTotpSteps())[email] ?? -Infinity;
    const step = Math.max(currentStep(), last + 1);
    // Two steps ahead is outside the server's window: wait until it is only one ahead.
    const wait = (step - 1) * TOTP_PERIOD_MS - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait + 250));
    await withLock("totp-steps", async () => {
      const steps = await readTotpSteps();
      // Steps more than a minute old can never be reused: forget them (and one-off accounts).
      for (const [key, value] of Object.entries(steps)) if (value < currentStep() - 2) delete steps[key];
      steps[email] = step;
      writeFileSync(TOTP_STEPS_FILE, JSON.stringify(steps));
    });
    return step;
  });
}

const TOTP_STEPS_FILE = path.join(os.tmpdir(), `commonweal-e2e-${process.env.E2E_PORT ?? 3210}-totp-steps.json`);

async function readTotpSteps(): Promise<Record<string, number>> {
  try {
    return JSON.parse(readFileSync(TOTP_STEPS_FILE, "utf8")) as Record<string, number>;
  } catch {
    return {};
  }
}

/** The GOV.UK error summary ("There is a problem"). */
export function errorSummary(page: Page): Locator {
  return page.getByRole("alert").filter({ has: page.getByRole("heading", { name: "There is a problem" }) });
}

/**
 * Checks the GOV.UK error pattern: "Error: " title prefix, the summary links to the field, and
 * the inline message beside the field has the same words.
 */
export async function expectFieldError(page: Page, field: string, message: string | RegExp) {
  await expect(page).toHaveTitle(/^Error: /);
  const summary = errorSummary(page);
  await expect(summary).toBeVisible();
  const link = summary.getByRole("link", { name: message });
  await expect(link).toHaveAttribute("href", `#${field}`);
  const inline = page.locator(`#${field}-error`);
  await expect(inline).toContainText(message);
  // Same words in both places (the inline one starts with a visually hidden "Error:").
  const words = (await link.textContent())!.trim();
  expect((await inline.textContent())!.replace(/^Error:\s*/, "").trim()).toBe(words);
  await expect(page.locator(`#${field}`)).toHaveAttribute("aria-invalid", "true");
}

/** Reads the newest email to `to` from the demo outbox (waiting for it to arrive). */
export async function latestEmailTo(page: Page, to: string): Promise<string> {
  let text = "";
  await expect(async () => {
    await page.goto("/dev/outbox");
    const article = page.locator("article", { has: page.getByTestId("outbox-to").getByText(to, { exact: true }) }).first();
    await expect(article).toBeVisible({ timeout: 1_000 });
    text = (await article.getByTestId("outbox-text").textContent()) ?? "";
  }).toPass({ timeout: 15_000 });
  return text;
}

/** Asks for a code, reads it from the outbox, and returns it (on the code page, not yet used). */
export async function requestSignInCode(page: Page, email: string): Promise<string> {
  await page.goto(`/${COUNCIL}/sign-in`);
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Send code" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Check your email" })).toBeVisible();
  const text = await latestEmailTo(page, email);
  const code = /\b(\d{6})\b/.exec(text)?.[1];
  expect(code, "the email contains a 6-digit code").toBeTruthy();
  await page.goto(`/${COUNCIL}/sign-in/code?email=${encodeURIComponent(email)}`);
  return code!;
}

export async function signInAsResident(page: Page, email: string) {
  const code = await requestSignInCode(page, email);
  await page.getByLabel("Code", { exact: true }).fill(code);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText(`You are signed in as ${email}.`)).toBeVisible();
  return code;
}

export interface StaffCredentials {
  email: string;
  password: string;
  totpSecret: string;
}

/** Demo staff credentials as the staff sign-in page shows them in demo mode. */
export async function demoCredentials(page: Page, role: "Administrator" | "Officer"): Promise<StaffCredentials> {
  await page.goto(`/${COUNCIL}/staff/sign-in`);
  const row = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: role, exact: true }) });
  const cells = row.getByRole("cell");
  await expect(cells).toHaveCount(3);
  return {
    email: (await cells.nth(0).textContent())!.trim(),
    password: (await cells.nth(1).textContent())!.trim(),
    totpSecret: (await cells.nth(2).textContent())!.trim(),
  };
}

/** Email and password on the staff sign-in page (already open). */
export async function submitPassword(page: Page, creds: Pick<StaffCredentials, "email" | "password">) {
  await page.getByLabel("Email address").fill(creds.email);
  await page.getByLabel("Password", { exact: true }).fill(creds.password);
  await page.getByRole("button", { name: "Continue" }).click();
}

/**
 * Enters a TOTP code on the two-factor page (already open), using a step no other test has
 * used (see claimTotpStep). Should a code still be reported as used (someone else signed in
 * as the demo account meanwhile), it tries a later step on a freshly loaded page, so a stale
 * error message cannot be misread.
 */
export async function enterTotp(page: Page, account: Pick<StaffCredentials, "email" | "totpSecret">) {
  await expect(page.getByRole("heading", { level: 1, name: "Enter the code from your authenticator app" })).toBeVisible();
  const twoFactorUrl = page.url();
  for (let attempt = 0; attempt < 3; attempt++) {
    const step = await claimTotpStep(account.email);
    if (attempt > 0) {
      await page.goto(twoFactorUrl);
      await expect(page.getByRole("heading", { level: 1, name: "Enter the code from your authenticator app" })).toBeVisible();
    }
    await page.getByLabel("Code", { exact: true }).fill(totpCode(account.totpSecret, step));
    await page.getByRole("button", { name: "Continue" }).click();
    const used = errorSummary(page).filter({ hasText: "already been used" });
    await expect(async () => {
      const left = !new URL(page.url()).pathname.endsWith("/staff/two-factor");
      expect(left || (await used.isVisible())).toBe(true);
    }).toPass({ timeout: 15_000 });
    if (await used.isVisible()) {
      test.info().annotations.push({ type: "totp", description: `step ${step} was already used; trying a later one` });
      continue;
    }
    if (new URL(page.url()).pathname.endsWith("/staff/two-factor"))
      throw new Error(`TOTP refused: ${await errorSummary(page).textContent()}`);
    return;
  }
  throw new Error("could not find an unused TOTP step");
}

export async function signInAsStaff(page: Page, role: "Administrator" | "Officer") {
  const creds = await demoCredentials(page, role);
  await submitPassword(page, creds);
  await enterTotp(page, creds);
  return creds;
}

/** The header's sign-out button (a POST form). */
export async function signOut(page: Page) {
  await page.getByRole("navigation", { name: "Menu" }).getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByText("You have been signed out.")).toBeVisible();
}
