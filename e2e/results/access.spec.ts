// Counting, publishing and importing are for the council's officers: a signed-in resident is
// refused (403), and someone not signed in is sent to staff sign-in.
import { COUNCIL, residentEmail, signInAsResident } from "../support/demo.ts";
import { RESULTS_FIXTURES } from "../support/fixtures/results.ts";
import { expect, test } from "../support/test.ts";

const OFFICER_PAGES = [`/${COUNCIL}/officer/budgets/${RESULTS_FIXTURES.unpublished}/results`, `/${COUNCIL}/officer/budgets/import`];

test("a resident gets 403 on the officer results and import pages", async ({ page }, testInfo) => {
  await signInAsResident(page, residentEmail(testInfo, "results"));
  for (const path of OFFICER_PAGES) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(403);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("You cannot view this page");
    const post = await page.request.post(path, { headers: { Origin: new URL(page.url()).origin }, form: { intent: "publish" }, maxRedirects: 0 });
    expect(post.status(), `POST ${path}`).toBe(403);
  }
  // Still unpublished.
  expect((await page.request.get(`/${COUNCIL}/budgets/${RESULTS_FIXTURES.unpublished}/results`)).status()).toBe(404);
});

test("someone not signed in is asked to sign in as staff", async ({ page }) => {
  for (const path of OFFICER_PAGES) {
    await page.goto(path);
    await expect(page).toHaveURL(new RegExp(`/${COUNCIL}/staff/sign-in\\?returnTo=`));
  }
});
