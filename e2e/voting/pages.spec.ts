// What anyone can read before voting: the list of community budgets, a process with its
// budgets, rules and projects, and a project page with its description, place, outcomes and
// picture. Voting itself asks for sign-in (or a code).
import { expectNoAxeViolations } from "../support/axe.ts";
import { COUNCIL } from "../support/demo.ts";
import { expect, test } from "../support/test.ts";
import { processPath, VOTING_FIXTURES } from "./steps.ts";

test("a visitor finds a budget, reads its projects and a project's page", async ({ page, request }) => {
  await page.goto(`/${COUNCIL}/budgets`);
  await expect(page.getByRole("heading", { level: 1, name: "Community budgets" })).toBeVisible();
  const table = page.getByRole("table", { name: "Community budgets in Trafford Council (demo)" });
  for (const title of ["Riverside improvements (approval)", "Town centre fund (knapsack)", "Neighbourhood points (cumulative)", "Library priorities (ranked)"])
    await expect(table.getByRole("link", { name: title })).toBeVisible();
  await expectNoAxeViolations(page);

  await table.getByRole("link", { name: "Riverside improvements (approval)" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Riverside improvements (approval)" })).toBeVisible();
  await expect(page.getByRole("definition").filter({ hasText: /^Voting$/ })).toBeVisible();
  await expect(page.getByText("Sign in with your email address to vote.")).toBeVisible();
  await expect(page.getByText("Choose the projects you support. Choose at least 1 and no more than 2 projects.")).toBeVisible();
  await expect(page.getByText("£20,000 for the whole area")).toBeVisible();
  const projects = page.getByRole("table", { name: "Projects in Whole area" });
  await expect(projects.getByRole("row")).toHaveCount(5);
  await expect(projects.getByRole("row", { name: /Youth club kit/ })).toContainText("Lostock & Barton");
  await expect(projects.getByRole("row", { name: /Benches by the river/ })).toContainText("£6,000");
  // Not feasible: listed apart, with the published reason, and not on the ballot.
  await expect(page.getByRole("heading", { level: 3, name: "Projects that cannot go ahead" })).toBeVisible();
  await expect(page.getByText("Why: The only site is not the council's land.")).toBeVisible();
  await expect(projects.getByText("Swimming pool")).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Vote in Whole area" })).toBeVisible();
  await expectNoAxeViolations(page);

  await projects.getByRole("link", { name: "Benches by the river" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Benches by the river" })).toBeVisible();
  await expect(page.getByText("Riverside path between the weir and the footbridge")).toBeVisible();
  // The Markdown description, as elements: a heading below the page's h1, strong text, a list,
  // an allowed link; the script and the javascript: link stay text.
  await expect(page.getByRole("heading", { level: 2, name: "What it is" })).toBeVisible();
  await expect(page.locator("strong", { hasText: "benches" })).toBeVisible();
  await expect(page.getByRole("listitem").filter({ hasText: "12 benches, 2 of them with arm rests" })).toBeVisible();
  await expect(page.getByRole("link", { name: "parks strategy" })).toHaveAttribute("href", /^https:\/\/www\.trafford\.gov\.uk\//);
  await expect(page.getByText("<script>alert('not run')</script>", { exact: false })).toBeVisible();
  await expect(page.getByRole("link", { name: "this" })).toHaveCount(0);
  await expect(page.locator("main script")).toHaveCount(0);
  await expect(page.getByRole("heading", { level: 2, name: "What this project helps with" })).toBeVisible();
  const picture = page.getByRole("img", { name: "Two wooden benches facing the river" });
  await expect(picture).toBeVisible();
  await expectNoAxeViolations(page);

  // The picture's address serves the stored bytes, typed and cacheable; unknown ones are not found.
  const src = (await picture.getAttribute("src"))!;
  const image = await request.get(src);
  expect(image.status()).toBe(200);
  expect(image.headers()["content-type"]).toBe("image/png");
  expect(image.headers()["x-content-type-options"]).toBe("nosniff");
  expect(image.headers()["cache-control"]).toContain("max-age=31536000");
  expect((await image.body()).subarray(1, 4).toString()).toBe("PNG");
  expect((await request.get(`/${COUNCIL}/budgets/images/00000000-0000-4000-8000-000000000000`)).status()).toBe(404);
  expect((await request.get(`/${COUNCIL}/budgets/images/not-an-id`)).status()).toBe(404);
  expect((await request.get(`/${COUNCIL}/budgets/no-such-process`)).status()).toBe(404);
  expect((await request.get(`${processPath(VOTING_FIXTURES.approval)}/projects/P-99`)).status()).toBe(404);
});

test("voting asks a visitor to sign in first, and comes back to the ballot", async ({ page }) => {
  await page.goto(processPath(VOTING_FIXTURES.approval));
  await page.getByRole("link", { name: "Vote in Whole area" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
  expect(new URL(page.url()).searchParams.get("returnTo")).toMatch(new RegExp(`^/${COUNCIL}/budgets/${VOTING_FIXTURES.approval}/vote/`));
});

test("after voting closes, residents see the results link and how the chosen projects are going", async ({ page, request, baseURL }) => {
  await page.goto(processPath(VOTING_FIXTURES.closed));
  await expect(page.getByRole("heading", { level: 1, name: "Last year's park fund (closed)" })).toBeVisible();
  await expect(page.getByRole("definition").filter({ hasText: /^Results$/ })).toBeVisible();
  await expect(page.getByRole("link", { name: "See the results" })).toHaveAttribute("href", `${processPath(VOTING_FIXTURES.closed)}/results`);
  await expect(page.getByText("Voting has closed.")).toBeVisible();
  await expect(page.getByRole("link", { name: /^Vote in / })).toHaveCount(0);
  const projects = page.getByRole("table", { name: "Projects in Parks" });
  await expect(projects.getByRole("row", { name: /Outdoor gym/ })).toContainText("Being delivered");
  await expect(projects.getByRole("row", { name: /Dog agility course/ })).toContainText("Not chosen");

  const delivery = page.getByRole("region", { name: "You voted, we did" });
  await expect(delivery.getByRole("heading", { level: 3 })).toHaveText(["Outdoor gym", "Pond dipping platform"]);
  await expect(delivery).toContainText("60% complete");
  await expect(delivery).toContainText("£2,800 of £5,000");
  await expect(delivery).toContainText("Equipment ordered; ground works finished.");
  await expect(delivery.getByRole("listitem")).toHaveText(["Ground works: done on 28 August 2026", "Equipment installed: due by 30 November 2026"]);
  await expectNoAxeViolations(page);

  await page.goto(`${processPath(VOTING_FIXTURES.closed)}/projects/P-1`);
  await expect(page.getByRole("heading", { level: 2, name: "Progress" })).toBeVisible();
  await expect(page.getByText("60% complete")).toBeVisible();
  await expectNoAxeViolations(page);

  // The ballot says voting has closed, and a ballot posted anyway is refused with a conflict.
  await page.goto(processPath(VOTING_FIXTURES.closed));
  const budgetId = (await page.getByRole("heading", { level: 2, name: "Parks" }).getAttribute("id"))!.replace(/^budget-/, "");
  const ballot = `${processPath(VOTING_FIXTURES.closed)}/vote/${budgetId}`;
  await page.goto(ballot);
  await expect(page.getByText("Voting has closed. You can no longer vote in this budget.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Continue" })).toHaveCount(0);
  await expectNoAxeViolations(page);
  const posted = await request.post(ballot, { form: { intent: "cast", project: "anything", votingCode: "7K3Q-9XD2-M4PA" }, headers: { Origin: baseURL! } });
  expect(posted.status()).toBe(409);
  expect(await posted.text()).toContain("Voting has closed. Your vote has not been recorded.");
});
