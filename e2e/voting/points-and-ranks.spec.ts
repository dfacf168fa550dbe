// Cumulative (points) and ranked ballots, signed in: the points counter, the rules' messages,
// voting, and changing the ballot.
import { expectNoAxeViolations } from "../support/axe.ts";
import { residentEmail, signInAsResident } from "../support/demo.ts";
import { expect, test } from "../support/test.ts";
import { castVote, confirmedChoices, continueToCheck, expectBallotError, openBallot, submit, VOTING_FIXTURES } from "./steps.ts";

test("a resident shares points between projects, then changes them", async ({ page }, testInfo) => {
  const js = testInfo.project.name === "js";
  await signInAsResident(page, residentEmail(testInfo, "points"));
  await page.goto(`/trafford/budgets/${VOTING_FIXTURES.cumulative}`);
  // A ward budget says whose it is.
  await expect(page.getByText("£5,000 for Lostock & Barton ward")).toBeVisible();
  await openBallot(page, VOTING_FIXTURES.cumulative, "Vote in Whole area");
  const counter = page.locator("#ballot-counter");
  await expect(counter).toContainText("10 of 10 points left");
  await expectNoAxeViolations(page);

  const fridge = page.getByLabel("Community fridge");
  const play = page.getByLabel("Play area resurfacing");
  const litter = page.getByLabel("Litter pickers and bins");
  await fridge.fill("3");
  await play.fill("6");
  if (!js) expect(await submit(page, page.getByRole("button", { name: "Update points left" }))).toBe(200);
  await expect(counter).toContainText("1 of 10 points left");
  await expect(counter).toContainText("You can give no more than 5 points to one project. You gave 6 to “Play area resurfacing”.");
  expect(await submit(page, page.getByRole("button", { name: "Continue" }))).toBe(400);
  await expectBallotError(page, "You can give no more than 5 points to one project. You gave 6 to “Play area resurfacing”.");
  await expect(play).toHaveValue("6");
  await expectNoAxeViolations(page);

  await play.fill("5");
  await litter.fill("4");
  if (js) await expect(counter).toContainText("2 points too many");
  expect(await submit(page, page.getByRole("button", { name: "Continue" }))).toBe(400);
  await expectBallotError(page, "You have given 12 points, which is 2 more than the 10 you have. Take 2 points away from your projects.");

  await litter.fill("two");
  expect(await submit(page, page.getByRole("button", { name: "Continue" }))).toBe(400);
  await expectBallotError(page, "Enter whole numbers only, like 2.");

  await litter.fill("2");
  await continueToCheck(page);
  await expect(page.getByRole("definition").filter({ hasText: "10 of 10" })).toBeVisible();
  await expectNoAxeViolations(page);
  await castVote(page);
  expect(await confirmedChoices(page)).toEqual(["Community fridge: 3 points", "Play area resurfacing: 5 points", "Litter pickers and bins: 2 points"]);

  await openBallot(page, VOTING_FIXTURES.cumulative, /^Change your ballot/);
  await expect(fridge).toHaveValue("3");
  await expect(play).toHaveValue("5");
  await expect(litter).toHaveValue("2");
  await fridge.fill("1");
  await litter.fill("");
  await continueToCheck(page);
  await castVote(page, "Vote changed");
  expect(await confirmedChoices(page)).toEqual(["Community fridge: 1 point", "Play area resurfacing: 5 points"]);
  await expectNoAxeViolations(page);
});

test("a resident puts projects in order, then changes the order", async ({ page }, testInfo) => {
  await signInAsResident(page, residentEmail(testInfo, "ranks"));
  await openBallot(page, VOTING_FIXTURES.ranked, "Vote in Libraries");
  await expect(page.getByText("Give your favourite project choice 1, your next favourite choice 2, and so on, up to 3 choices.")).toBeVisible();
  await expectNoAxeViolations(page);

  const homework = page.getByLabel("Homework club");
  const garden = page.getByLabel("Reading garden");
  const books = page.getByLabel("Large-print books");
  await homework.selectOption({ label: "Choice 1" });
  await garden.selectOption({ label: "Choice 3" });
  expect(await submit(page, page.getByRole("button", { name: "Continue" }))).toBe(400);
  await expectBallotError(page, "You have not given choice number 2. Number your choices 1, 2, 3 and so on, without gaps.");
  await expect(garden).toHaveValue("3");
  await expectNoAxeViolations(page);

  await garden.selectOption({ label: "Choice 1" });
  expect(await submit(page, page.getByRole("button", { name: "Continue" }))).toBe(400);
  await expectBallotError(page, "You gave choice number 1 to more than one project. Give each number to one project only.");

  await garden.selectOption({ label: "Choice 2" });
  await books.selectOption({ label: "Choice 3" });
  await continueToCheck(page);
  await castVote(page);
  expect(await confirmedChoices(page)).toEqual(["Choice 1: Homework club", "Choice 2: Reading garden", "Choice 3: Large-print books"]);

  await openBallot(page, VOTING_FIXTURES.ranked, /^Change your ballot/);
  await expect(homework).toHaveValue("1");
  await expect(garden).toHaveValue("2");
  await expect(books).toHaveValue("3");
  await garden.selectOption({ label: "Choice 1" });
  await homework.selectOption({ label: "Choice 2" });
  await books.selectOption({ label: "Not ranked" });
  await continueToCheck(page);
  await castVote(page, "Vote changed");
  expect(await confirmedChoices(page)).toEqual(["Choice 1: Reading garden", "Choice 2: Homework club"]);
});
