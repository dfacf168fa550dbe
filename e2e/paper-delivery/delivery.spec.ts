// An officer keeps residents up to date on a selected project: status, percent complete, spend and
// a note, then a milestone added and marked complete. Bad input gets a clear message.
import type { Page } from "@playwright/test";
import { expect, test } from "../support/test.ts";
import { expectNoAxeViolations } from "../support/axe.ts";
import { COUNCIL, expectFieldError } from "../support/demo.ts";
import { signedInAs } from "./staff.ts";

test.describe.configure({ timeout: 120_000 });

function summary(page: Page, term: string) {
  return page.getByRole("term").filter({ hasText: new RegExp(`^${term}$`) }).locator("xpath=following-sibling::dd[1]");
}

const today = () => new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/London" }).format(new Date());

test("an officer updates a selected project's delivery and its milestones", async ({ page }, testInfo) => {
  const slug = `delivery-${testInfo.project.name}`;
  const base = `/${COUNCIL}/officer/budgets/${slug}/delivery`;
  await signedInAs(page, "Officer");
  await page.goto(base);
  await expect(page.getByRole("heading", { level: 1, name: "Delivery" })).toBeVisible();
  const table = page.getByRole("table", { name: "Projects selected by the vote" });
  // Only the selected projects are delivered.
  await expect(table.getByRole("rowheader")).toHaveText(["P-1: Benches by the river", "P-2: Wildflower verges"]);
  await expectNoAxeViolations(page);

  await table.getByRole("link", { name: "P-1: Benches by the river" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "P-1: Benches by the river" })).toBeVisible();
  await expect(summary(page, "Status")).toHaveText("Selected, not started");
  await expectNoAxeViolations(page);

  // Bad input: a delivered project is 100% complete, and money must be money.
  await page.getByRole("radio", { name: "Delivered" }).check();
  await page.getByLabel("Percent complete").fill("90");
  await page.getByLabel("Amount spent so far").fill("lots");
  await page.getByRole("button", { name: "Save delivery update" }).click();
  await expectFieldError(page, "percentComplete", "A delivered project is 100% complete. Enter 100, or choose ‘In delivery’");
  await expectFieldError(page, "spent", "Enter the amount spent in pounds, like £1,200 or 1200.50");
  await expectNoAxeViolations(page);
  await expect(summary(page, "Status")).toHaveText("Selected, not started");

  await page.getByRole("radio", { name: "In delivery" }).check();
  await page.getByLabel("Percent complete").fill("40");
  await page.getByLabel("Amount spent so far").fill("£1,250.50");
  await page.getByLabel("Update for residents").fill("The benches are ordered. Fitting starts in June.");
  await page.getByRole("button", { name: "Save delivery update" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "The delivery update has been saved." })).toBeVisible();
  await expect(summary(page, "Status")).toHaveText("In delivery");
  await expect(summary(page, "Complete")).toHaveText("40%");
  await expect(summary(page, "Spent")).toHaveText("£1,250.50");
  await expect(summary(page, "Last updated")).toHaveText(today());
  // The form shows what is stored, ready for the next update.
  await expect(page.getByLabel("Amount spent so far")).toHaveValue("1250.50");
  await expect(page.getByLabel("Update for residents")).toHaveValue("The benches are ordered. Fitting starts in June.");

  // Milestones: a half-typed date is refused, then one is added and marked complete.
  await page.getByLabel("Milestone", { exact: true }).fill("");
  await page.getByLabel("Day").fill("30");
  await page.getByRole("button", { name: "Add milestone" }).click();
  await expectFieldError(page, "title", "Enter the milestone");
  await expect(page.locator("#dueOn-error")).toHaveText("Error: The due date must include a day, month and year");
  await expectNoAxeViolations(page);
  await page.getByLabel("Milestone", { exact: true }).fill("Benches installed");
  await page.getByLabel("Day").fill("30");
  await page.getByLabel("Month").fill("6");
  await page.getByLabel("Year").fill("2027");
  await page.getByRole("button", { name: "Add milestone" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "The milestone has been added." })).toBeVisible();
  const milestones = page.getByRole("table", { name: "Milestones" });
  const row = milestones.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "Benches installed" }) });
  await expect(row.getByRole("cell").first()).toHaveText("30 June 2027");
  await expectNoAxeViolations(page);
  await row.getByRole("button", { name: "Mark complete Benches installed" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "The milestone has been marked complete." })).toBeVisible();
  await expect(row.getByRole("cell").nth(1)).toHaveText(today());
  await expect(row.getByRole("button")).toHaveCount(0);

  await page.goto(base);
  const p1 = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "P-1: Benches by the river" }) });
  await expect(p1.getByRole("cell")).toHaveText(["Whole borough", "In delivery", "40%", "£1,250.50 of £5,000", "1 of 1 done", today()]);
});

test("a project that was not selected cannot be updated", async ({ page }, testInfo) => {
  await signedInAs(page, "Officer");
  await page.goto(`/${COUNCIL}/officer/budgets/delivery-${testInfo.project.name}/delivery/P-3`);
  await expect(page.getByText("Only projects selected by the vote are delivered, and this one was not selected.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Save delivery update" })).toHaveCount(0);
  // Posting anyway is refused as a conflict and changes nothing.
  const response = await page.request.post(page.url(), {
    headers: { Origin: new URL(page.url()).origin },
    form: { intent: "update", status: "in_delivery", percentComplete: "10" },
    maxRedirects: 0,
  });
  expect(response.status()).toBe(409);
  await page.reload();
  await expect(page.getByRole("term").filter({ hasText: /^Complete$/ }).locator("xpath=following-sibling::dd[1]")).toHaveText("Not recorded");
});
