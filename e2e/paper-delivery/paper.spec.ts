// Paper ballots, typed twice: the administrator types a polling place's batch, the officer types
// it again with one paper different, the difference is settled against the paper, and the report
// lists the paper whose code had already voted online, not counted. The same person can never type
// both entries; bad lines are reported by line number and store nothing.
import type { Page } from "@playwright/test";
import { expect, test } from "../support/test.ts";
import { expectNoAxeViolations } from "../support/axe.ts";
import { COUNCIL, errorSummary, expectFieldError } from "../support/demo.ts";
import { fixtureCodes, signedInAs } from "./staff.ts";

// Two staff sign-ins, each of which may wait up to 30 s for a TOTP step of its own.
test.describe.configure({ timeout: 240_000 });

function status(page: Page, term: string) {
  return page.getByRole("term").filter({ hasText: new RegExp(`^${term}$`) }).locator("xpath=following-sibling::dd[1]");
}

test("two officers type a batch, settle a difference, and the report shows the code already used online", async ({ page, browser }, testInfo) => {
  const slug = `paper-${testInfo.project.name}`;
  const base = `/${COUNCIL}/officer/budgets/${slug}/paper`;
  const codes = fixtureCodes(slug);
  const papers = [`${codes[0]}: P-3`, `${codes[1]}: P-1, P-2`, `${codes[2]}: P-4`, "AB1-10: P-2, P-3"];

  // Officer A: the demo administrator.
  await signedInAs(page, "Administrator");
  await page.goto(base);
  await expect(page.getByRole("heading", { level: 1, name: "Paper ballots" })).toBeVisible();
  await expect(page.getByText("No batches have been entered yet.")).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: "Enter a new batch" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Enter a batch of paper ballots" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Projects on the Whole borough ballot (£10,000)" })).toBeVisible();
  await expectNoAxeViolations(page);

  // Bad lines: each reported with its line number, nothing stored.
  await page.getByLabel("Polling place").fill("Sale Library");
  await page.getByLabel("Papers").fill([`${codes[1]}: P-1, P-2`, "AB1-11 P-2", "AB1-12: P-9", "AB1-13: P-1, P-2, P-3, P-4"].join("\n"));
  await page.getByRole("button", { name: "Save first entry" }).click();
  await expectFieldError(page, "ballots", /Line 2: put a colon after the voting code or register number/);
  const message = (await page.locator("#ballots-error").textContent())!;
  expect(message).toContain("Line 3: there is no project P-9 on this ballot.");
  expect(message).toContain("Line 4: the projects on this paper cost £11,000, which is over the budget of £10,000 by £1,000.");
  expect(message).not.toContain("Line 1:");
  // What was typed is kept, to correct rather than retype.
  await expect(page.getByLabel("Papers")).toHaveValue(/AB1-12: P-9/);
  await expectNoAxeViolations(page);
  await page.goto(base);
  await expect(page.getByText("No batches have been entered yet.")).toBeVisible();

  // The first entry.
  await page.goto(`${base}/new`);
  await page.getByLabel("Polling place").fill("Sale Library");
  await page.getByLabel("Papers").fill(papers.join("\n"));
  await page.getByRole("button", { name: "Save first entry" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Batch from Sale Library" })).toBeVisible();
  await expect(page.getByRole("alert").filter({ hasText: "First entry saved. Papers typed: 4." })).toBeVisible();
  await expect(status(page, "Status")).toHaveText("Waiting for second entry");
  await expect(page.getByText("You typed the first entry of this batch.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Save second entry" })).toHaveCount(0);
  await expectNoAxeViolations(page);
  const batchUrl = new URL(page.url()).pathname;

  // The same officer cannot type the second entry, even by posting the form directly.
  const same = await page.request.post(batchUrl, {
    headers: { Origin: new URL(page.url()).origin },
    form: { intent: "second", ballots: papers.join("\n") },
    maxRedirects: 0,
  });
  expect(same.status()).toBe(409);
  expect(await same.text()).toContain("The second entry must be typed by a different officer");

  // Officer B: the demo officer, in a browser of their own.
  const other = await browser.newContext();
  const pageB = await other.newPage();
  await signedInAs(pageB, "Officer");
  await pageB.goto(batchUrl);
  await expect(pageB.getByRole("heading", { level: 2, name: "Second entry" })).toBeVisible();
  await expectNoAxeViolations(pageB);
  // One paper typed differently: P-3 where the first entry has P-4; and in another order.
  const differently = [papers[3], papers[0], `${codes[2]}: P-3`, papers[1]].join("\n");
  await pageB.getByLabel("Papers").fill(differently);
  await pageB.getByRole("button", { name: "Save second entry" }).click();
  await expect(pageB.getByText("The two entries do not match. Differences to check: 1.")).toBeVisible();
  await expect(status(pageB, "Status")).toHaveText("Differences to settle");
  const difference = pageB.getByRole("group", { name: "Difference 1: paper on line 3" });
  const hint = codes[2]!.slice(-4);
  await expect(difference.getByRole("radio", { name: `First entry: P-4 Defibrillator at the library (code ending ${hint})` })).toBeVisible();
  await expect(difference.getByRole("radio", { name: `Second entry: P-3 Youth club kit (code ending ${hint})` })).toBeVisible();
  await expectNoAxeViolations(pageB);
  await other.close();

  // Officer A settles it with the paper in hand: an answer is needed for every difference.
  await page.goto(batchUrl);
  await page.getByRole("button", { name: "Settle differences and count the papers" }).click();
  // (Radios mark their group with the message, not the input with aria-invalid.)
  await expect(page).toHaveTitle(/^Error: /);
  const missing = "Difference 1: choose which entry matches the paper, or type the paper again";
  await expect(errorSummary(page).getByRole("link", { name: missing })).toHaveAttribute("href", "#resolution-0");
  await expect(page.locator("#resolution-0-error")).toHaveText(`Error: ${missing}`);
  await expectNoAxeViolations(page);
  await page.getByRole("group", { name: "Difference 1: paper on line 3" }).getByRole("radio", { name: /^First entry/ }).check();
  await page.getByRole("button", { name: "Settle differences and count the papers" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "The differences are settled and the papers have been counted." })).toBeVisible();
  await expect(status(page, "Status")).toHaveText("Counted");
  await expect(status(page, "Papers counted")).toHaveText(/^3, on \d{1,2} \w+ \d{4}$/);
  await expect(page.getByText("Papers counted: 3.")).toBeVisible();
  await expect(page.getByTestId("not-counted").getByRole("listitem")).toHaveText([
    `Line 1 of the first entry (code ending ${codes[0]!.slice(-4)}): this voting code had already been used, online or on a paper entered earlier.`,
  ]);
  await expectNoAxeViolations(page);

  // The batch list shows who typed what, and what was counted.
  await page.goto(base);
  const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: "Sale Library" }) });
  await expect(row.getByRole("cell")).toHaveText(["Whole borough", "Counted", "4", "3", /^Demo Administrator, \d{1,2} \w+ \d{4}$/, "Demo Officer"]);
  await expectNoAxeViolations(page);
});
