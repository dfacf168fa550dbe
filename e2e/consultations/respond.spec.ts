// A resident answers the demo council's open consultation, page by page, with and without
// JavaScript: refused answers are explained in the GOV.UK error pattern and nothing is sent;
// answers are saved to come back to; "Check your answers", the reference, the emailed copy; and
// a second visit knows the response was sent.
import type { Locator, Page, Response } from "@playwright/test";
import { expectNoAxeViolations } from "../support/axe.ts";
import { COUNCIL, errorSummary, latestEmailTo, residentEmail, signInAsResident } from "../support/demo.ts";
import { expect, test } from "../support/test.ts";

const PATH = `/${COUNCIL}/consultations/wellbeing-priorities-2027`;

async function post(page: Page, button: Locator): Promise<number> {
  const response: Promise<Response> = page.waitForResponse((r) => r.request().method() === "POST");
  await button.click();
  return (await response).status();
}

const next = (page: Page) => post(page, page.getByRole("button", { name: "Continue" }));

test("a resident responds to the wellbeing consultation and gets a reference and a copy", async ({ page }, testInfo) => {
  const email = residentEmail(testInfo, "consultation");
  await page.goto(`/${COUNCIL}/consultations`);
  await expect(page.getByRole("link", { name: "Our wellbeing priorities 2027" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: "Our wellbeing priorities 2027" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "What we are proposing and why" })).toBeVisible();
  await expectNoAxeViolations(page);

  await signInAsResident(page, email);
  await page.goto(PATH);
  await page.getByRole("link", { name: "Respond to this consultation" }).click();
  await expect(page.getByText("Page 1 of 4")).toBeVisible();
  await expectNoAxeViolations(page);

  // A required question left blank.
  expect(await next(page)).toBe(400);
  await expect(page).toHaveTitle(/^Error: /);
  await expect(errorSummary(page)).toBeVisible();
  await page.getByRole("group", { name: "Which of these matters most to your wellbeing?" }).getByLabel("Green spaces").check();
  expect(await next(page)).toBe(200);

  // Points that do not add up.
  await expect(page.getByText("You have 100 points to share out.")).toBeVisible();
  await page.getByLabel("Points for Parks and green spaces").fill("40");
  await page.getByLabel("Points for Buses, walking and cycling").fill("30");
  expect(await next(page)).toBe(400);
  await expect(errorSummary(page)).toContainText("70");
  await expect(page.getByLabel("Points for Parks and green spaces")).toHaveValue("40");
  await expectNoAxeViolations(page);
  await page.getByLabel("Points for Youth services").fill("30");

  // Saved, to come back to: the draft survives leaving the page.
  expect(await post(page, page.getByRole("button", { name: "Save and come back later" }))).toBe(200);
  await expect(page.getByText("Your answers are saved.")).toBeVisible();
  await page.goto(PATH);
  await page.getByRole("link", { name: "Continue your response" }).click();
  await expect(page.getByLabel("Points for Youth services")).toHaveValue("30");
  expect(await next(page)).toBe(200);

  // Markup in a written answer is refused; plain text with a "<" is fine.
  await page.getByRole("group", { name: "Trafford is a good place for children to grow up" }).getByLabel("Agree", { exact: true }).check();
  await page.getByLabel(/What one change would make the biggest difference/).fill("<script>alert('x')</script> more buses");
  expect(await next(page)).toBe(400);
  await expect(errorSummary(page)).toBeVisible();
  await page.getByLabel(/What one change would make the biggest difference/).fill("Evening buses: waiting < 20 minutes would help.");
  expect(await next(page)).toBe(200);

  await page.getByLabel("What is your postcode? (optional)").fill("m32 0tl");
  expect(await next(page)).toBe(200);

  // Equality monitoring: optional, after the main questions.
  await expect(page.getByRole("heading", { level: 1, name: "About you" })).toBeVisible();
  await expectNoAxeViolations(page);
  expect(await next(page)).toBe(200);

  await expect(page.getByRole("heading", { level: 1, name: "Check your answers before sending them" })).toBeVisible();
  await expect(page.getByText("Green spaces", { exact: true })).toBeVisible();
  await expect(page.getByText(/Parks and green spaces: 40/)).toBeVisible();
  await expect(page.getByText("Evening buses: waiting < 20 minutes would help.")).toBeVisible();
  await expectNoAxeViolations(page);
  // Change an answer from the check page, and come back.
  await post(page, page.getByRole("button", { name: "Change your answers on page 1" }));
  await page.getByLabel("Health").check();
  // Back through the pages (answers kept) and the optional questions about you.
  for (let i = 0; i < 5; i++) expect(await next(page)).toBe(200);
  await expect(page.getByRole("heading", { level: 1, name: "Check your answers before sending them" })).toBeVisible();
  await expect(page.getByText("Health", { exact: true })).toBeVisible();

  // A double click sends once.
  await page.getByRole("button", { name: "Send response" }).dblclick();
  await expect(page.getByRole("heading", { level: 1, name: "Response sent" })).toBeVisible();
  const reference = (await page.locator("strong").filter({ hasText: /^CR-/ }).textContent())!.trim();
  expect(reference).toMatch(/^CR-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  await expectNoAxeViolations(page);
  const mail = await latestEmailTo(page, email);
  expect(mail).toContain(reference);
  expect(mail).toContain("Parks and green spaces: 40 points");

  await page.goto(PATH);
  await expect(page.getByText(`You responded to this consultation. Your reference is ${reference}.`)).toBeVisible();
  await page.goto(`${PATH}/respond`);
  await expect(page.getByRole("heading", { level: 1, name: "Response sent" })).toBeVisible();
});

test("signed-out visitors are asked to sign in before responding", async ({ page }) => {
  await page.goto(PATH);
  await expect(page.getByRole("link", { name: "Sign in to respond" })).toBeVisible();
  await page.goto(`${PATH}/respond`);
  await expect(page).toHaveURL(/\/sign-in\?returnTo=/);
});

test("drafts and unknown consultations are not found", async ({ page }) => {
  const response = await page.goto(`/${COUNCIL}/consultations/no-such-consultation`);
  expect(response?.status()).toBe(404);
});
