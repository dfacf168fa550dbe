// A knapsack ballot with a voting code, a minimum age and the postcode rule (no account needed):
// the money counter (a round trip without JavaScript, live with it), refusals that store
// nothing, casting, and a used code refused.
import { expectNoAxeViolations } from "../support/axe.ts";
import { errorSummary, expectFieldError } from "../support/demo.ts";
import { expect, test } from "../support/test.ts";
import { castVote, forgeHiddenProject, continueToCheck, expectBallotError, openBallot, processPath, submit, VOTING_FIXTURES, votingCode } from "./steps.ts";

const BALLOT = /^Vote in Town centre$/;

test("the money left is shown as projects are chosen, and an over-budget ballot is refused", async ({ page }, testInfo) => {
  const js = testInfo.project.name === "js";
  await openBallot(page, VOTING_FIXTURES.knapsack, BALLOT);
  const counter = page.locator("#ballot-counter");
  await expect(counter).toHaveAttribute("aria-live", "polite");
  await expect(counter).toContainText("£10,000 left of £10,000");
  await expectNoAxeViolations(page);

  await page.getByLabel("Market canopy").check();
  await page.getByLabel("Cycle racks").check();
  if (js) {
    // Live, through the same domain function; no button needed.
    await expect(page.getByRole("button", { name: "Update total" })).toHaveCount(0);
  } else {
    await expect(counter).toContainText("£10,000 left of £10,000");
    expect(await submit(page, page.getByRole("button", { name: "Update total" }))).toBe(200);
    await expect(page.getByLabel("Market canopy")).toBeChecked();
  }
  await expect(counter).toContainText("£100 left of £10,000");
  await expect(counter).toContainText("The projects you have chosen cost £9,900.");

  await page.getByLabel("Bandstand repairs").check();
  if (!js) await submit(page, page.getByRole("button", { name: "Update total" }));
  await expect(counter).toContainText("Over budget by £1,100");
  await expect(counter).toContainText("The projects you chose cost £11,100, which is over budget by £1,100.");
  await expect(page).not.toHaveTitle(/^Error: /);
  await expectNoAxeViolations(page);

  // Continue checks everything the page can: the eligibility answers and the ballot rules.
  expect(await submit(page, page.getByRole("button", { name: "Continue" }))).toBe(400);
  await expectFieldError(page, "votingCode", "Enter the voting code from your letter or card.");
  await expectFieldError(page, "postcode", "Enter your postcode.");
  await expect(errorSummary(page).getByRole("link", { name: "Confirm that you are 16 or older." })).toHaveAttribute("href", "#ageConfirmed");
  await expectBallotError(page, "The projects you chose cost £11,100, which is over budget by £1,100. Remove a project so the total is £10,000 or less.");
  // What was chosen is kept.
  await expect(page.getByLabel("Bandstand repairs")).toBeChecked();
  await expectNoAxeViolations(page);

  await page.getByLabel("Voting code").fill("NOT-A-CODE");
  await page.getByLabel("Your postcode").fill("M32 0TL");
  await page.getByLabel("I am 16 or older").check();
  await page.getByLabel("Bandstand repairs").uncheck();
  expect(await submit(page, page.getByRole("button", { name: "Continue" }))).toBe(400);
  await expectFieldError(page, "votingCode", /The voting code is not right\. Check it and enter it again\./);
  await expect(errorSummary(page).getByRole("link")).toHaveCount(1);
});

test("a resident votes with a code; a forged ballot and a used code store nothing", async ({ page }, testInfo) => {
  const code = votingCode(testInfo, 0);
  await openBallot(page, VOTING_FIXTURES.knapsack, BALLOT);
  await page.getByLabel("Voting code").fill(code.toLowerCase());
  await page.getByLabel("Your postcode").fill("SW1A 1AA");
  await page.getByLabel("I am 16 or older").check();
  await page.getByLabel("Market canopy").check();
  await page.getByLabel("Cycle racks").check();
  await continueToCheck(page);
  await expect(page.getByRole("definition").filter({ hasText: "£9,900" })).toBeVisible();
  await expect(page.getByText(code.toUpperCase(), { exact: true })).toBeVisible();
  await expectNoAxeViolations(page);

  // A postcode outside the area is refused when the ballot is cast; nothing is stored, the code is not spent.
  expect(await submit(page, page.getByRole("button", { name: "Cast your vote" }))).toBe(400);
  await expectFieldError(page, "postcode", "This postcode is not in the council area. Only people who live in the area can vote.");
  await page.getByLabel("Your postcode").fill("m32 0tl");
  await continueToCheck(page);

  // The hidden fields are only a claim: a project id edited on the way is refused at casting.
  await forgeHiddenProject(page);
  expect(await submit(page, page.getByRole("button", { name: "Cast your vote" }))).toBe(400);
  await expectBallotError(page, "One of the projects you chose is not on this ballot. Choose from the projects listed.");
  await expectNoAxeViolations(page);

  // The same code still works: nothing was stored and the code was not spent.
  await page.getByLabel("Market canopy").check();
  await page.getByLabel("Cycle racks").check();
  await continueToCheck(page);
  const reference = await castVote(page);
  await expect(page.getByText("Write down your reference number.")).toBeVisible();
  await expect(page.getByRole("link", { name: "Change your vote" })).toHaveCount(0);
  await expectNoAxeViolations(page);
  // Refreshing the confirmation casts nothing and says the same.
  await page.reload();
  await expect(page.getByTestId("ballot-reference")).toHaveText(reference);

  // The code has been used: a second ballot with it is refused, with a conflict status.
  await page.goto(processPath(VOTING_FIXTURES.knapsack));
  await page.getByRole("link", { name: BALLOT }).click();
  await page.getByLabel("Voting code").fill(code);
  await page.getByLabel("Your postcode").fill("M32 0TL");
  await page.getByLabel("I am 16 or older").check();
  await page.getByLabel("Bandstand repairs").check();
  await continueToCheck(page);
  expect(await submit(page, page.getByRole("button", { name: "Cast your vote" }))).toBe(409);
  await expectFieldError(page, "votingCode", "This voting code has already been used. Each code can be used once only.");
  await expectNoAxeViolations(page);
});
