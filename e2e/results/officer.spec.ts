// Officers count a budget, check the explained outcome, publish after confirming, and see the
// public page; they import a real pabulib file and see it counted; a file that cannot be read is
// named by section and line. Runs with JavaScript on and off, each on its own process.
import { fileURLToPath } from "node:url";
import type { Cookie, Page } from "@playwright/test";
import { expectNoAxeViolations } from "../support/axe.ts";
import { COUNCIL, errorSummary, expectFieldError, signInAsStaff } from "../support/demo.ts";
import { RESULTS_FIXTURES } from "../support/fixtures/results.ts";
import { expect, test } from "../support/test.ts";

// A TOTP step another run has just used can mean waiting up to 30 s for the next one.
test.describe.configure({ timeout: 120_000 });

const ASSEN = fileURLToPath(new URL("../../app/domain/budgeting/fixtures/pabulib/Netherlands_Assen_2024.pb", import.meta.url));

// One sign-in per worker (each needs a TOTP step of its own): the tests share the session cookie.
let officerSession: Cookie[] | null = null;

test.beforeEach(async ({ page }) => {
  if (officerSession) await page.context().addCookies(officerSession);
  else {
    await signInAsStaff(page, "Officer");
    officerSession = await page.context().cookies();
  }
});

function status(page: Page) {
  return page.getByRole("region", { name: "Whole of Trafford" }).getByText(/^(Not counted yet|Counted on|Published on)/);
}

test("an officer counts, checks the explained outcome, publishes, and the public page shows it", async ({ page }, testInfo) => {
  const slug = testInfo.project.name === "js" ? RESULTS_FIXTURES.countJs : RESULTS_FIXTURES.countNoJs;
  const officerPage = `/${COUNCIL}/officer/budgets/${slug}/results`;
  const publicPage = `/${COUNCIL}/budgets/${slug}/results`;
  expect((await page.request.get(publicPage)).status()).toBe(404);

  await page.goto(officerPage);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Count and publish the results");
  await expect(status(page)).toHaveText("Not counted yet.");
  await expectNoAxeViolations(page);
  const budgetId = (await page.locator('input[name="budgetId"]').getAttribute("value"))!;
  const processId = (await page.locator('input[name="processId"]').first().getAttribute("value"))!;
  const pbFile = `${publicPage}/${budgetId}.pb`;
  expect((await page.request.get(pbFile)).status()).toBe(404);

  await page.getByRole("button", { name: "Count the votes" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "The votes for Whole of Trafford have been counted." })).toBeVisible();
  await expect(status(page)).toHaveText(/^Counted on \d+ \w+ \d{4}\. Not published\.$/);
  const preview = page.getByRole("region", { name: "Whole of Trafford" });
  await expect(preview.getByRole("table", { name: "Projects funded from Whole of Trafford" }).getByRole("rowheader")).toHaveText([
    "Wildflower verges in Sale (P-2)",
    "Defibrillator at Partington library (P-4)",
    "Youth club kit in Partington (P-3)",
  ]);
  await expect(preview.getByText("Most votes first would have funded Benches along the Bridgewater Canal (P-1) instead.")).toBeVisible();
  await expectNoAxeViolations(page);
  // Counted is not published.
  expect((await page.request.get(publicPage)).status()).toBe(404);

  // Counting again replaces the unpublished count.
  await page.getByRole("button", { name: "Count again" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "have been counted" })).toBeVisible();

  // Publishing asks first.
  await page.getByRole("link", { name: "Publish the results" }).click();
  await expect(page.getByRole("heading", { name: "Are you sure you want to publish the results?" })).toBeVisible();
  await expect(page.getByText("Whole of Trafford: 3 projects funded, £6,000 of £10,000")).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Yes, publish the results" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "The results have been published." })).toBeVisible();
  await expect(status(page)).toHaveText(/^Published on /);
  // A published count is never changed: no more counting.
  await expect(page.getByRole("button", { name: /Count/ })).toHaveCount(0);

  await page.getByRole("alert").getByRole("link", { name: "View the published results" }).click();
  await expect(page).toHaveURL(publicPage);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^Results: Neighbourhood projects \(count, with(out)? JavaScript\)$/);
  await expect(page.getByRole("table", { name: "Projects funded from Whole of Trafford" }).getByRole("rowheader")).toHaveCount(3);
  expect((await page.request.get(pbFile)).status()).toBe(200);

  // Publishing again (a second tab, say) is a conflict with a reason, not an error page.
  const again = await page.request.post(officerPage, {
    headers: { Origin: new URL(page.url()).origin },
    form: { intent: "publish", processId },
    maxRedirects: 0,
  });
  expect(again.status()).toBe(409);
  expect(await again.text()).toContain("These results have already been published.");
});

test("an officer imports a real pabulib file and sees the counted result", async ({ page }) => {
  await page.goto(`/${COUNCIL}/officer/budgets/import`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Import a past vote");
  await expectNoAxeViolations(page);
  await page.getByLabel("Pabulib file").setInputFiles(ASSEN);
  await page.getByRole("button", { name: "Import and count" }).click();

  await expect(page).toHaveURL(new RegExp(`/${COUNCIL}/officer/budgets/imported-assen-top-idee-2024-[0-9a-f]{6}/results\\?`));
  await expect(page.getByRole("alert")).toContainText(
    "The file has been imported and counted. The result is not published. It was counted with the rule the file names (equalshares/add1).",
  );
  await expect(page.getByText("Assen Top Idee 2024")).toBeVisible();
  const funded = page.getByRole("table", { name: "Projects funded from Assen" });
  // The official result of Assen 2024: nine projects, in euros.
  await expect(funded.getByRole("rowheader")).toHaveCount(9);
  await expect(funded.getByRole("row").filter({ hasText: "PopUp Podium (3)" })).toContainText("€7,200");
  await expect(page.getByRole("region", { name: "Assen" }).getByText(/^Counted on .* Not published\.$/)).toBeVisible();
  await expectNoAxeViolations(page);
});

test("a pabulib file that cannot be read is named by section and line", async ({ page }) => {
  await page.goto(`/${COUNCIL}/officer/budgets/import`);
  await page.getByRole("button", { name: "Import and count" }).click();
  await expectFieldError(page, "file", "Choose a .pb file to import");

  const broken = [
    "META",
    "key;value",
    "budget;1000",
    "vote_type;approval",
    "PROJECTS",
    "project_id;cost",
    "1;500",
    "2;400",
    "VOTES",
    "voter_id;vote",
    "a;1,2",
    "b;3",
  ].join("\n");
  await page.getByLabel("Pabulib file").setInputFiles({ name: "broken.pb", mimeType: "text/plain", buffer: Buffer.from(broken) });
  await page.getByRole("button", { name: "Import and count" }).click();
  await expectFieldError(page, "file", "The file could not be read. VOTES line 12: project 3 is not in PROJECTS");
  await expectNoAxeViolations(page);
});

test("a tie that decides the outcome stops the count and names the projects", async ({ page }) => {
  await page.goto(`/${COUNCIL}/officer/budgets/${RESULTS_FIXTURES.tie}/results`);
  await page.getByRole("button", { name: "Count the votes" }).click();
  await expect(page).toHaveTitle(/^Error: /);
  const summary = errorSummary(page);
  await expect(summary).toContainText("Projects Wildflower verges in Sale (P-2), Benches along the Bridgewater Canal (P-1) are tied at round 3.");
  const budgetId = (await page.locator('input[name="budgetId"]').getAttribute("value"))!;
  await expect(summary.getByRole("link")).toHaveAttribute("href", `#count-${budgetId}`);
  const report = page.getByRole("region", { name: "The count stopped at a tie" });
  await expect(report.getByRole("rowheader")).toHaveText(["Wildflower verges in Sale (P-2)", "Benches along the Bridgewater Canal (P-1)"]);
  await expect(report).toContainText("£3,000");
  // Nothing was stored.
  await expect(status(page)).toHaveText("Not counted yet.");
  await expectNoAxeViolations(page);
});
