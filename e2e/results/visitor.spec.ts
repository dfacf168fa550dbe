// A visitor reads published results: every project explained, the comparison with greedy, who
// voted (small groups suppressed), how the votes were counted, and the open data files. Results
// that are not published do not exist in public. Runs with JavaScript on and off.
import { readFileSync } from "node:fs";
import { parsePabulib } from "../../app/domain/budgeting/pabulib.ts";
import { expectNoAxeViolations } from "../support/axe.ts";
import { COUNCIL } from "../support/demo.ts";
import { RESULTS_FIXTURES } from "../support/fixtures/results.ts";
import { expect, test } from "../support/test.ts";

const PUBLISHED = `/${COUNCIL}/budgets/${RESULTS_FIXTURES.published}/results`;
const UNPUBLISHED = `/${COUNCIL}/budgets/${RESULTS_FIXTURES.unpublished}/results`;

test("a visitor reads the explained results, the comparison and who voted", async ({ page }) => {
  const response = await page.goto(PUBLISHED);
  expect(response?.status()).toBe(200);
  await expect(page.locator("h1")).toHaveCount(1);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Results: Neighbourhood projects 2026");

  // The summary: money, ballots, and the rule in plain words with a link to how it works.
  await expect(page.getByRole("definition").filter({ hasText: "£6,000 on 3 projects" })).toBeVisible();
  await expect(page.getByRole("definition").filter({ hasText: "20 ballots: 20 online, 0 on paper" })).toBeVisible();
  await expect(page.getByRole("definition").filter({ hasText: /^Equal shares\./ })).toBeVisible();

  // What was funded, in funding order.
  const funded = page.getByRole("table", { name: "Projects funded from Whole of Trafford" });
  await expect(funded.getByRole("rowheader")).toHaveText([
    "Wildflower verges in Sale (P-2)",
    "Defibrillator at Partington library (P-4)",
    "Youth club kit in Partington (P-3)",
  ]);

  // Every project, with why it won or lost.
  const every = page.getByRole("list").filter({ has: page.getByText("Benches along the Bridgewater Canal (P-1): Not funded") });
  await expect(every.getByRole("listitem")).toHaveCount(4);
  await expect(every.getByRole("listitem").filter({ hasText: "(P-2): Funded" })).toContainText(
    "Funded in round 1. 14 of its 14 supporters paid £214.29 each.",
  );
  await expect(every.getByRole("listitem").filter({ hasText: "(P-1): Not funded" })).toContainText(
    /Not funded: its supporters had £[\d,.]+ left of the £5,000 it needed\./,
  );

  // The comparison with most votes first.
  await expect(page.getByRole("heading", { name: "Compared with funding the most popular projects first" })).toBeVisible();
  await expect(page.getByText("Most votes first would have funded Benches along the Bridgewater Canal (P-1) instead.")).toBeVisible();
  await expect(
    page.getByText("6 voters have more of the projects they voted for under equal shares, 14 would have had more under most votes first"),
  ).toBeVisible();

  // Who voted: 14 from one ward (shown), 6 from another (fewer than 10), the rest none.
  const wards = page.getByRole("table", { name: "People who voted, by ward" });
  await expect(wards.getByRole("cell", { name: "14", exact: true })).toHaveCount(1);
  await expect(wards.getByRole("cell", { name: "70%" })).toHaveCount(1);
  await expect(wards.getByRole("cell", { name: "fewer than 10" }).first()).toBeVisible();
  await expect(wards.getByRole("cell", { name: "6", exact: true })).toHaveCount(0);
  await expect(wards.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "Total" }) })).toContainText("20");
  // The same ward figures as a map above the table: a suppressed ward is never a number.
  const map = page.getByRole("img", { name: "Map of people who voted, by ward" });
  await expect(map).toBeVisible();
  await expect(page.getByText("The table below, “People who voted, by ward”, gives the same figures.")).toBeVisible();
  await expect(map.locator("path > title").filter({ hasText: /^[^:]+: 14 people voted$/ })).toHaveCount(1);
  await expect(map.locator("path > title").filter({ hasText: /: fewer than 10 people voted$/ }).first()).toBeAttached();
  await expect(map.locator("path > title").filter({ hasText: /: 6 people/ })).toHaveCount(0);
  await expect(page.getByRole("listitem").filter({ hasText: "Hatched: fewer than 10 people, or not shown" })).toBeVisible();
  await expect(page.getByRole("table", { name: "People who voted, by age" })).toBeVisible();
  await expect(page.getByRole("table", { name: "People who voted, by how deprived their neighbourhood is" }).getByRole("row")).toHaveCount(13);
  await expect(page.getByText("groups of fewer than 10 people are shown as “fewer than 10”")).toBeVisible();
  await expectNoAxeViolations(page);

  // How the votes were counted, and how ties were settled.
  await page.getByRole("link", { name: "How the votes were counted and how ties were settled" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("How the votes were counted");
  const howCounted = page.getByText(/^Equal shares: the budget is split equally between voters/);
  await expect(howCounted).toContainText("Each of the 20 voters started with £500.");
  await expect(howCounted).toContainText(
    "Ties were settled in favour of the cheaper project, then the one with more votes, then the lower project reference.",
  );
  await expect(
    page.getByText(
      "Round 1: Wildflower verges in Sale (P-2) and Benches along the Bridgewater Canal (P-1) were level, and the tie-break chose Wildflower verges in Sale (P-2).",
    ),
  ).toBeVisible();
  await expect(
    page.getByText("npm run cli -- tally FILE.pb --rule equal-shares --completion add1-utilitarian --utilities cost --tie-break default"),
  ).toBeVisible();
  await expectNoAxeViolations(page);
});

test("a visitor downloads the ballots as a pabulib file and the results as JSON", async ({ page }) => {
  await page.goto(PUBLISHED);
  const link = page.getByRole("link", { name: "Ballots and results for Whole of Trafford (pabulib .pb file)" });
  const href = (await link.getAttribute("href"))!;
  expect(href).toMatch(new RegExp(`^${PUBLISHED}/[A-Za-z0-9_-]+\\.pb$`));

  const downloading = page.waitForEvent("download");
  await link.click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe("e2e-results-published_whole-of-trafford.pb");
  const parsed = parsePabulib(readFileSync((await download.path())!, "utf8"));
  if (!parsed.ok) throw new Error(parsed.detail.message);
  expect(parsed.value.ballots).toHaveLength(20);
  expect(parsed.value.projects.filter((p) => p.selected === 1).map((p) => p.id)).toEqual(["P-2", "P-3", "P-4"]);
  expect(Object.fromEntries(parsed.value.meta)).toMatchObject({
    country: "United Kingdom",
    unit: "Trafford Council (demo)",
    currency: "GBP",
    rule: "equalshares/add1-utilitarian",
  });

  const file = await page.request.get(href);
  expect(file.status()).toBe(200);
  expect(file.headers()["content-type"]).toBe("text/plain; charset=utf-8");
  expect(file.headers()["content-disposition"]).toBe('attachment; filename="e2e-results-published_whole-of-trafford.pb"');

  const json = await page.request.get(`${PUBLISHED}.json`);
  expect(json.status()).toBe(200);
  expect(json.headers()["content-type"]).toBe("application/json; charset=utf-8");
  expect(json.headers()["content-disposition"]).toMatch(/^attachment; filename="e2e-results-published-results\.json"$/);
  const doc = await json.json();
  expect(doc).toMatchObject({ format: "commonweal.pb-results", version: 1, process: { slug: RESULTS_FIXTURES.published } });
  expect(doc.budgets[0].selected).toEqual(["P-2", "P-4", "P-3"]);
  expect(doc.budgets[0].pabulibFile).toBe(href);
  expect(JSON.stringify(doc)).not.toMatch(/voterKey|postcode|accountId/i);
});

test("results that are not published do not exist in public", async ({ page }) => {
  for (const path of [UNPUBLISHED, `${UNPUBLISHED}/how-we-counted`, `${UNPUBLISHED}.json`]) {
    const response = await page.request.get(path);
    expect(response.status(), path).toBe(404);
  }
  const response = await page.goto(UNPUBLISHED);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
});

test("the results read in Welsh", async ({ page }) => {
  await page.goto(PUBLISHED);
  await page.getByRole("link", { name: /^Cymraeg/ }).click();
  await expect(page).toHaveURL(new RegExp(`${PUBLISHED}$`));
  await expect(page.locator("html")).toHaveAttribute("lang", "cy");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Canlyniadau: Neighbourhood projects 2026");
  await expect(page.getByText("Wedi'i ariannu yn rownd 1. Talodd 14 o'i 14 cefnogwr £214.29 yr un.", { exact: false })).toBeVisible();
  await expect(page.getByRole("table", { name: "Pobl a bleidleisiodd, yn ôl ward" }).getByRole("cell", { name: "llai na 10" }).first()).toBeVisible();
  await expectNoAxeViolations(page);
});
