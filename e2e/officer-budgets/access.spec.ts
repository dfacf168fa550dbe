// Only the council's officers and administrators reach the budgeting officer pages: a visitor
// who is signed out is sent to staff sign-in; a signed-in resident is refused (403), pages and
// form posts alike.
import { expect, test } from "../support/test.ts";
import { expectNoAxeViolations } from "../support/axe.ts";
import { COUNCIL, residentEmail, signInAsResident } from "../support/demo.ts";

const BUDGETS = `/${COUNCIL}/officer/budgets`;
// An id no process has: authorisation is checked before anything is looked up.
const PAGES = [
  BUDGETS,
  `${BUDGETS}/new`,
  `${BUDGETS}/c0000000000000000000000000`,
  `${BUDGETS}/c0000000000000000000000000/settings`,
  `${BUDGETS}/c0000000000000000000000000/projects/new`,
  `${BUDGETS}/c0000000000000000000000000/ideas`,
];

test("a signed-out visitor is sent to staff sign-in", async ({ page }) => {
  for (const path of PAGES) {
    const response = await page.request.get(path, { maxRedirects: 0 });
    expect(response.status(), path).toBe(302);
    expect(response.headers()["location"], path).toBe(`/${COUNCIL}/staff/sign-in?returnTo=${encodeURIComponent(path)}`);
  }
  await page.goto(BUDGETS);
  await expect(page.getByRole("heading", { level: 1, name: "Staff sign in" })).toBeVisible();
  const post = await page.request.post(`${BUDGETS}/new`, {
    form: { title: "Sneaky", slug: "sneaky", summary: "Not allowed to do this." },
    headers: { Origin: new URL(page.url()).origin },
    maxRedirects: 0,
  });
  expect(post.status()).toBe(302);
});

test("a resident cannot open or post to the officer pages", async ({ page }, testInfo) => {
  await signInAsResident(page, residentEmail(testInfo, "not-officer"));
  await expect(page.getByRole("link", { name: "Budget processes" })).toHaveCount(0);
  for (const path of PAGES) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(403);
    await expect(page.getByRole("heading", { level: 1, name: "You cannot view this page" })).toBeVisible();
  }
  await expectNoAxeViolations(page);
  const origin = new URL(page.url()).origin;
  const create = await page.request.post(`${BUDGETS}/new`, {
    form: { title: "Resident budget", slug: `resident-${testInfo.project.name}`, summary: "Residents cannot create processes.", "budgets.0.amount": "£1" },
    headers: { Origin: origin },
  });
  expect(create.status()).toBe(403);
  const phase = await page.request.post(`${BUDGETS}/c0000000000000000000000000/phase?to=voting`, { form: { to: "voting" }, headers: { Origin: origin } });
  expect(phase.status()).toBe(403);
  // The process list was not changed by the refused post.
  expect((await page.request.get(`/${COUNCIL}/budgets/resident-${testInfo.project.name}/ideas`)).status()).toBe(404);
});
