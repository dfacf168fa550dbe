// A signed-in resident and an approval ballot: voting, the reference and the receipt, changing the
// ballot, refusals that leave the earlier ballot as it was, and a change from a stale tab.
import { expectNoAxeViolations } from "../support/axe.ts";
import { latestEmailTo, residentEmail, signInAsResident } from "../support/demo.ts";
import { expect, test } from "../support/test.ts";
import { castVote, forgeHiddenProject, confirmedChoices, continueToCheck, expectBallotError, openBallot, processPath, receiptCount, submit, VOTING_FIXTURES } from "./steps.ts";

const SLUG = VOTING_FIXTURES.approval;
const PROJECTS = ["Benches by the river", "Wildflower verges", "Youth club kit", "Defibrillator at the library"];

/** The projects ticked on the ballot page now open. */
async function ticked(page: import("@playwright/test").Page): Promise<string[]> {
  const out: string[] = [];
  for (const title of PROJECTS) if (await page.getByLabel(title, { exact: true }).isChecked()) out.push(title);
  return out;
}

test("a resident votes, gets a reference and a receipt, and changes the ballot; refused changes store nothing", async ({ page }, testInfo) => {
  const email = residentEmail(testInfo, "approval");
  await signInAsResident(page, email);
  await openBallot(page, SLUG, "Vote in Whole area");
  await expect(page.getByRole("group", { name: "Choose the projects you support" })).toContainText("Choose at least 1 and no more than 2 projects.");
  // Not feasible projects are not on the ballot.
  await expect(page.getByLabel("Swimming pool")).toHaveCount(0);
  await expectNoAxeViolations(page);

  await page.getByLabel("Benches by the river").check();
  // The optional age question, for turnout only.
  await page.getByRole("group", { name: "Your age (optional)" }).getByLabel("25 to 34").check();
  await continueToCheck(page);
  await expect(page.getByRole("definition").filter({ hasText: "£6,000" }).first()).toBeVisible();
  await expect(page.getByRole("definition").filter({ hasText: "25 to 34" })).toBeVisible();
  await expectNoAxeViolations(page);
  // A double click casts once: the same reference, one receipt.
  await page.getByRole("button", { name: "Cast your vote" }).dblclick();
  await expect(page.getByRole("heading", { level: 1, name: "Vote recorded" })).toBeVisible();
  const reference = (await page.getByTestId("ballot-reference").textContent())!.trim();
  expect(reference).toMatch(/^PB-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  await expect(page.getByText("We have sent a receipt to your email address.")).toBeVisible();
  expect(await confirmedChoices(page)).toEqual(["Benches by the river: £6,000"]);
  await expectNoAxeViolations(page);
  expect(await latestEmailTo(page, email)).toContain(`Your reference is ${reference}`);
  expect(await receiptCount(page, email)).toBe(1);

  // The process page knows this resident has voted, and offers the change.
  await page.goto(processPath(SLUG));
  await expect(page.getByText(`You have voted in Whole area. Your reference is ${reference}.`)).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: /^Change your ballot/ }).click();
  await expect(page.getByText(`You have already voted (reference ${reference}).`)).toBeVisible();
  expect(await ticked(page)).toEqual(["Benches by the river"]);

  // Too many projects: refused before anything is cast.
  await page.getByLabel("Wildflower verges").check();
  await page.getByLabel("Youth club kit").check();
  expect(await submit(page, page.getByRole("button", { name: "Continue" }))).toBe(400);
  await expectBallotError(page, "Choose no more than 2 projects. You have chosen 3.");
  await expectNoAxeViolations(page);

  // A project id forged in the hidden fields is refused when cast.
  await page.getByLabel("Youth club kit").uncheck();
  await continueToCheck(page);
  await forgeHiddenProject(page);
  expect(await submit(page, page.getByRole("button", { name: "Cast your vote" }))).toBe(400);
  await expectBallotError(page, "One of the projects you chose is not on this ballot. Choose from the projects listed.");

  // Nothing was stored: the ballot is still the first one.
  await openBallot(page, SLUG, /^Change your ballot/);
  expect(await ticked(page)).toEqual(["Benches by the river"]);

  // A real change: same reference, new choices, a second receipt.
  await page.getByLabel("Wildflower verges").check();
  await continueToCheck(page);
  await page.getByRole("button", { name: "Change your choices" }).click();
  expect(await ticked(page)).toEqual(["Benches by the river", "Wildflower verges"]);
  await continueToCheck(page);
  expect(await castVote(page, "Vote changed")).toBe(reference);
  expect(await confirmedChoices(page)).toEqual(["Benches by the river: £6,000", "Wildflower verges: £4,000"]);
  await expect(page.getByRole("link", { name: "Change your vote" })).toBeVisible();
  expect(await receiptCount(page, email)).toBe(2);
});

test("a change from a stale tab is refused with the latest ballot shown", async ({ page, context }, testInfo) => {
  await signInAsResident(page, residentEmail(testInfo, "stale"));
  await openBallot(page, SLUG, "Vote in Whole area");
  await page.getByLabel("Benches by the river").check();
  await continueToCheck(page);
  const reference = await castVote(page);

  // Two tabs open the ballot to change it.
  const other = await context.newPage();
  await openBallot(page, SLUG, /^Change your ballot/);
  await openBallot(other, SLUG, /^Change your ballot/);

  await page.getByLabel("Defibrillator at the library").check();
  await continueToCheck(page);
  expect(await castVote(page, "Vote changed")).toBe(reference);

  // The other tab still shows the first ballot: its change is refused, not applied.
  await other.getByLabel("Benches by the river").uncheck();
  await other.getByLabel("Youth club kit").check();
  await continueToCheck(other);
  expect(await submit(other, other.getByRole("button", { name: "Cast your vote" }))).toBe(409);
  await expectBallotError(other, "Your vote was changed in another window or tab after you opened this page. Check your latest vote, shown below, before changing it again.");
  expect(await ticked(other)).toEqual(["Benches by the river", "Defibrillator at the library"]);
  await expectNoAxeViolations(other);

  // The stored ballot is the one from the first tab.
  await openBallot(other, SLUG, /^Change your ballot/);
  expect(await ticked(other)).toEqual(["Benches by the river", "Defibrillator at the library"]);
});
