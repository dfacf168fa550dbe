// Steps the voting journeys share: the fixture processes, their voting codes, and reading what a
// page or the outbox says about a ballot.
import { readFileSync } from "node:fs";
import type { Locator, Page, Response, TestInfo } from "@playwright/test";
import { COUNCIL, errorSummary } from "../support/demo.ts";
import { VOTING_CODE_COUNT, VOTING_FIXTURES, votingCodesFile } from "../support/fixtures/voting.ts";
import { expect } from "../support/test.ts";

export { VOTING_FIXTURES };

export function processPath(slug: string) {
  return `/${COUNCIL}/budgets/${slug}`;
}

/**
 * A voting code of the knapsack process no other test uses: the "js" project takes the first
 * half, "no-js" the second, and each test asks for its own slot.
 */
export function votingCode(testInfo: TestInfo, slot: number): string {
  const { knapsack } = JSON.parse(readFileSync(votingCodesFile(), "utf8")) as { knapsack: string[] };
  const half = VOTING_CODE_COUNT / 2;
  if (slot >= half) throw new Error(`only ${half} code slots per project`);
  return knapsack[(testInfo.project.name === "js" ? 0 : half) + slot]!;
}

/** From a process page, follows the call to action of one budget to its ballot. */
export async function openBallot(page: Page, slug: string, linkName: string | RegExp) {
  await page.goto(processPath(slug));
  await page.getByRole("link", { name: linkName }).click();
  await expect(page.getByRole("heading", { level: 1, name: /^Vote in / })).toBeVisible();
}

/**
 * Clicks a button that posts a form and returns the status of the server's answer: the page
 * itself without JavaScript, the router's data request with it.
 */
export async function submit(page: Page, button: Locator): Promise<number> {
  const response: Promise<Response> = page.waitForResponse((r) => r.request().method() === "POST");
  await button.click();
  return (await response).status();
}

export async function continueToCheck(page: Page) {
  const status = await submit(page, page.getByRole("button", { name: "Continue" }));
  expect(status).toBe(200);
  await expect(page.getByRole("heading", { level: 1, name: "Check your vote before you cast it" })).toBeVisible();
}

/** Casts from the check page and returns the reference the confirmation shows. */
export async function castVote(page: Page, title: "Vote recorded" | "Vote changed" = "Vote recorded"): Promise<string> {
  await page.getByRole("button", { name: "Cast your vote" }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  const reference = (await page.getByTestId("ballot-reference").textContent())!.trim();
  expect(reference).toMatch(/^PB-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  return reference;
}

/** The summary list rows under "Your choices" on the confirmation page, as "key: value". */
export async function confirmedChoices(page: Page): Promise<string[]> {
  const list = page.getByRole("heading", { level: 2, name: "Your choices" }).locator("xpath=following-sibling::dl[1]");
  const rows = list.locator("div");
  const out: string[] = [];
  for (let i = 0; i < (await rows.count()); i++) {
    const row = rows.nth(i);
    out.push(`${(await row.locator("dt").textContent())!.trim()}: ${(await row.locator("dd").textContent())!.trim()}`);
  }
  return out;
}

/** The ballot's error, checked the GOV.UK way: summary link to the ballot and the same words inline. */
export async function expectBallotError(page: Page, message: string | RegExp) {
  await expect(page).toHaveTitle(/^Error: /);
  const link = errorSummary(page).getByRole("link", { name: message });
  await expect(link).toHaveAttribute("href", "#choices");
  await expect(page.locator("#choices-error")).toContainText(message);
}

/** How many receipt emails the outbox holds for `to`. */
export async function receiptCount(page: Page, to: string): Promise<number> {
  await page.goto("/dev/outbox");
  return page
    .locator("article", { has: page.getByTestId("outbox-to").getByText(to, { exact: true }) })
    .filter({ has: page.getByRole("heading", { name: /^Your vote has been recorded/ }) })
    .count();
}

/**
 * Adds a project id to the hidden fields of the check page, as someone editing the page would.
 * A new field rather than an edited one: the page's own fields are React's, and a re-render would
 * put their values back.
 */
export async function forgeHiddenProject(page: Page, projectId = "forged-project-id") {
  await page.locator("form", { has: page.getByRole("button", { name: "Cast your vote" }) }).evaluate((form, id) => {
    const input = document.createElement("input");
    input.type = "hidden";
    input.name = "project";
    input.value = id;
    form.append(input);
  }, projectId);
}
