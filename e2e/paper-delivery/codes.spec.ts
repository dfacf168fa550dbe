// An officer issues printed voting codes: shown once, as cards to print and as a CSV download in
// the same response, and never again; the page counts codes issued and used.
import { expect, test } from "../support/test.ts";
import { expectNoAxeViolations } from "../support/axe.ts";
import { COUNCIL, expectFieldError } from "../support/demo.ts";
import { signedInAs } from "./staff.ts";

// A TOTP step another run has just used can mean waiting up to 30 s for the next one.
test.describe.configure({ timeout: 120_000 });

const CODE = /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;

test("an officer issues voting codes and sees them once", async ({ page }, testInfo) => {
  const slug = `codes-${testInfo.project.name}`;
  const url = `/${COUNCIL}/officer/budgets/${slug}/codes`;
  await signedInAs(page, "Officer");
  await page.goto(url);
  await expect(page.getByRole("heading", { level: 1, name: "Voting codes" })).toBeVisible();
  const issued = page.getByRole("term").filter({ hasText: /^Codes issued$/ }).locator("xpath=following-sibling::dd[1]");
  const used = page.getByRole("term").filter({ hasText: /^Codes used$/ }).locator("xpath=following-sibling::dd[1]");
  // The fixture issued 2 codes and voted online with one.
  await expect(issued).toHaveText("2");
  await expect(used).toHaveText(/^1 /);
  await expectNoAxeViolations(page);

  // Bad numbers get a clear message and issue nothing.
  const count = page.getByLabel("How many codes do you want to issue?");
  await count.fill("0");
  await page.getByRole("button", { name: "Issue codes" }).click();
  await expectFieldError(page, "count", "Check the number of codes: the number is too small");
  await expectNoAxeViolations(page);
  await page.getByLabel("How many codes do you want to issue?").fill("lots");
  await page.getByRole("button", { name: "Issue codes" }).click();
  await expectFieldError(page, "count", "Enter the number of codes as a whole number, like 5");
  await page.goto(url);
  await expect(issued).toHaveText("2");

  await page.getByLabel("How many codes do you want to issue?").fill("3");
  await page.getByRole("button", { name: "Issue codes" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Voting codes issued" })).toBeVisible();
  await expect(page.getByText("These codes are shown only once.")).toBeVisible();
  const codes = (await page.getByTestId("voting-code").allTextContents()).map((c) => c.trim());
  expect(codes).toHaveLength(3);
  for (const code of codes) expect(code).toMatch(CODE);
  await expect(page.getByTestId("voting-codes").getByRole("listitem").first()).toContainText(`/${COUNCIL}/budgets/${slug}`);
  await expectNoAxeViolations(page);

  // The same codes as a CSV file, from the same response (nothing is fetched again).
  const link = page.getByRole("link", { name: "Download the codes (CSV spreadsheet)" });
  const href = (await link.getAttribute("href"))!;
  expect(href.startsWith("data:text/csv;charset=utf-8,")).toBe(true);
  const csv = decodeURIComponent(href.slice("data:text/csv;charset=utf-8,".length));
  const lines = csv.trim().split("\r\n");
  expect(lines[0]).toBe('"voting_code","process","vote_at"');
  expect(lines.slice(1).map((l) => l.split(",")[0]!.replaceAll('"', ""))).toEqual(codes);
  const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
  expect(download.suggestedFilename()).toBe(`voting-codes-${slug}.csv`);

  // Shown once: the page never shows them again, and counts them.
  await page.goto(url);
  await expect(page.getByRole("heading", { level: 1, name: "Voting codes" })).toBeVisible();
  await expect(issued).toHaveText("5");
  await expect(used).toHaveText(/^1 /);
  for (const code of codes) await expect(page.getByText(code)).toHaveCount(0);
});

test("an unknown process is not found, and a signed-out visitor is sent to sign in", async ({ page }) => {
  await signedInAs(page, "Officer");
  const response = await page.goto(`/${COUNCIL}/officer/budgets/no-such-process/codes`);
  expect(response?.status()).toBe(404);
  // Signed out: off to the staff sign-in, coming back here after.
  await page.context().clearCookies();
  await page.goto(`/${COUNCIL}/officer/budgets/codes-js/codes`);
  await expect(page).toHaveURL(/\/staff\/sign-in\?returnTo=/);
});
