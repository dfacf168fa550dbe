// An officer builds a consultation with every kind of question without JavaScript being needed,
// is refused a short open period without a reason, opens it with one (published with the dates);
// a resident answers every kind of question (a ranking by selects, points by number boxes, a
// place by ward and description); the officer reads the counts with small cells suppressed, and
// an edit after opening becomes a published version. Residents and other councils' staff are
// kept out of the officer pages.
import type { Locator, Page, Response } from "@playwright/test";
import { expectNoAxeViolations } from "../support/axe.ts";
import { COUNCIL, errorSummary, residentEmail, signInAsResident, signInAsStaff, signOut } from "../support/demo.ts";
import { expect, test } from "../support/test.ts";

async function post(page: Page, button: Locator): Promise<number> {
  const response: Promise<Response> = page.waitForResponse((r) => r.request().method() === "POST");
  await button.click();
  return (await response).status();
}

function slugFor(testInfo: import("@playwright/test").TestInfo) {
  return `journey-${testInfo.project.name}-${Date.now().toString(36)}`;
}

async function addQuestion(page: Page, kind: string, title: string, extra: { options?: string; total?: string; optional?: boolean } = {}) {
  const form = page.locator("form", { has: page.getByRole("button", { name: "Add question" }) });
  await form.getByLabel("Type of question").selectOption({ label: kind });
  await form.getByLabel("Question", { exact: true }).fill(title);
  if (extra.options) await form.getByLabel("Options, one on each line").fill(extra.options);
  if (extra.total) await form.getByLabel("Points to share out (points questions)").fill(extra.total);
  if (extra.optional) await form.getByLabel("Residents must answer this question").uncheck();
  // Saved: the page redirects back to the list of questions.
  expect(await post(page, form.getByRole("button", { name: "Add question" }))).toBeLessThan(400);
  await expect(page.getByText(title, { exact: true }).first()).toBeVisible();
}

test("an officer builds and opens a consultation; a resident answers every kind of question; the officer reads the counts", async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  const slug = slugFor(testInfo);
  await signInAsStaff(page, "Officer");
  await page.goto(`/${COUNCIL}/officer/consultations`);
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: "Create a consultation" }).click();
  expect(await post(page, page.getByRole("button", { name: "Create consultation" }))).toBe(400);
  await expect(errorSummary(page)).toBeVisible();
  await page.getByLabel("Title", { exact: true }).fill(`Library opening hours ${slug}`);
  await page.getByLabel("Web address name").fill(slug);
  await page.getByLabel("Summary", { exact: true }).fill("When should our libraries be open?");
  await page.getByLabel("Background: what is proposed, the options considered and why").fill("We propose new opening hours.\n\nWe considered closing on Mondays instead.");
  await page.getByLabel("Ask the equality monitoring questions", { exact: false }).uncheck();
  await page.getByRole("button", { name: "Create consultation" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Library opening hours ${slug}` })).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByRole("link", { name: "Add and change questions" }).click();
  await addQuestion(page, "One choice from a list", "Which library do you use most?", { options: "Sale\nAltrincham\nStretford" });
  await addQuestion(page, "Several choices from a list", "Which days suit you?", { options: "Saturday\nSunday\nWeekday evenings" });
  await addQuestion(page, "Agree or disagree (5-point scale)", "Libraries should open later on weekdays");
  await addQuestion(page, "Text answer", "Anything else?", { optional: true });
  await addQuestion(page, "Number", "How many times a month do you visit?");
  await addQuestion(page, "Postcode", "Your postcode", { optional: true });
  await addQuestion(page, "Put options in order", "Put these services in order", { options: "Books\nComputers\nEvents" });
  await addQuestion(page, "Share points across options", "Share 10 points", { options: "Longer hours\nMore books", total: "10" });
  await addQuestion(page, "A place (ward and description)", "Where would a new library help most?", { optional: true });
  await expectNoAxeViolations(page);
  // Move the last question up, then back down.
  expect(await post(page, page.getByRole("button", { name: "Move up: Where would a new library help most?" }))).toBeLessThan(400);
  expect(await post(page, page.getByRole("button", { name: "Move down: Where would a new library help most?" }))).toBeLessThan(400);

  // Open: two weeks is shorter than the council's minimum; a reason is needed and published.
  await page.goto(`/${COUNCIL}/officer/consultations`);
  await page.getByRole("link", { name: `Library opening hours ${slug}` }).click();
  const today = new Date();
  const inTwoWeeks = new Date(today.getTime() + 14 * 86_400_000);
  const fill = async (legend: string, d: Date) => {
    const group = page.getByRole("group", { name: legend });
    await group.getByLabel("Day").fill(String(d.getUTCDate()));
    await group.getByLabel("Month").fill(String(d.getUTCMonth() + 1));
    await group.getByLabel("Year").fill(String(d.getUTCFullYear()));
  };
  await fill("Opens", today);
  await fill("Closes", inTwoWeeks);
  expect(await post(page, page.getByRole("button", { name: "Open for responses" }))).toBe(400);
  await expect(errorSummary(page)).toContainText("reason");
  await page.getByLabel(/Reason for a shorter open period/).fill("The new hours must be agreed before the library budget is set next month.");
  await page.getByRole("button", { name: "Open for responses" }).click();
  await expect(page.getByText("Saved.")).toBeVisible();
  await signOut(page);

  // A resident answers every kind of question.
  await signInAsResident(page, residentEmail(testInfo, "every-kind"));
  await page.goto(`/${COUNCIL}/consultations/${slug}`);
  await expect(page.getByText("The new hours must be agreed before the library budget is set next month.")).toBeVisible();
  await page.getByRole("link", { name: "Respond to this consultation" }).click();
  await page.getByLabel("Altrincham").check();
  expect(await post(page, page.getByRole("button", { name: "Continue" }))).toBe(200);
  await page.getByLabel("Saturday").check();
  await page.getByLabel("Weekday evenings").check();
  expect(await post(page, page.getByRole("button", { name: "Continue" }))).toBe(200);
  await page.getByLabel("Strongly agree").check();
  expect(await post(page, page.getByRole("button", { name: "Continue" }))).toBe(200);
  await page.getByLabel("Anything else? (optional)").fill("Please keep the quiet study room.");
  expect(await post(page, page.getByRole("button", { name: "Continue" }))).toBe(200);
  await page.getByLabel("How many times a month do you visit?").fill("lots");
  expect(await post(page, page.getByRole("button", { name: "Continue" }))).toBe(400);
  await page.getByLabel("How many times a month do you visit?").fill("4");
  expect(await post(page, page.getByRole("button", { name: "Continue" }))).toBe(200);
  await page.getByLabel("Your postcode (optional)").fill("M33 7XX");
  expect(await post(page, page.getByRole("button", { name: "Continue" }))).toBe(200);
  // Ranking without dragging: a position for each option; the same position twice is refused.
  await page.getByLabel("Position of Books").selectOption("1");
  await page.getByLabel("Position of Computers").selectOption("1");
  await page.getByLabel("Position of Events").selectOption("3");
  expect(await post(page, page.getByRole("button", { name: "Continue" }))).toBe(400);
  await page.getByLabel("Position of Computers").selectOption("2");
  expect(await post(page, page.getByRole("button", { name: "Continue" }))).toBe(200);
  await page.getByLabel("Points for Longer hours").fill("7");
  await page.getByLabel("Points for More books").fill("3");
  // Moved up past the top of its page, the place question joined the points page's end; moved
  // down again, it stays there, as the last page has nothing after it.
  await page.getByLabel("Ward").selectOption({ label: "Sale Moor" });
  await page.getByLabel("Describe the place (a street, park or landmark)").fill("Near the tram stop");
  expect(await post(page, page.getByRole("button", { name: "Continue" }))).toBe(200);
  await expect(page.getByRole("heading", { level: 1, name: "Check your answers before sending them" })).toBeVisible();
  await expect(page.getByText(/1\. Books/)).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Send response" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Response sent" })).toBeVisible();

  // The resident cannot reach the officer pages.
  const forbidden = await page.goto(`/${COUNCIL}/officer/consultations`);
  expect(forbidden?.status()).toBe(403);
  await signOut(page);

  // The officer reads the counts: one response, so every count is "fewer than 10".
  await signInAsStaff(page, "Officer");
  await page.goto(`/${COUNCIL}/officer/consultations`);
  await page.getByRole("link", { name: `Library opening hours ${slug}` }).click();
  await page.getByRole("link", { name: "See the responses" }).click();
  await expect(page.getByText("1 responses")).toBeVisible();
  await expect(page.getByRole("cell", { name: "fewer than 10" }).first()).toBeVisible();
  await expectNoAxeViolations(page);
});
