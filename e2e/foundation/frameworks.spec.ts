// Officers choose the outcome frameworks their council uses, and define the council's own:
// draft → publish (never changes again) → start a new version.
import type { Cookie, Page } from "@playwright/test";
import { expect, test } from "../support/test.ts";
import { expectNoAxeViolations } from "../support/axe.ts";
import { COUNCIL, errorSummary, expectFieldError, signInAsStaff } from "../support/demo.ts";
import { withLock } from "../support/lock.ts";

// A TOTP step another run has just used can mean waiting up to 30 s for the next one.
test.describe.configure({ timeout: 120_000 });

const FRAMEWORKS = `/${COUNCIL}/officer/frameworks`;

// One sign-in per worker: each needs a TOTP step of its own (see claimTotpStep), so the tests
// in this file share the officer's session cookie rather than wait for fresh steps.
let officerSession: Cookie[] | null = null;

test.beforeEach(async ({ page }) => {
  if (officerSession) await page.context().addCookies(officerSession);
  else {
    await signInAsStaff(page, "Officer");
    officerSession = await page.context().cookies();
  }
  await page.goto(`/${COUNCIL}`);
  await expect(page.getByText("You are signed in as demo-officer@example.org.")).toBeVisible();
});

function status(page: Page) {
  return page.getByRole("term").filter({ hasText: /^Status$/ }).locator("xpath=following-sibling::dd[1]");
}

async function openFrameworks(page: Page) {
  await page.goto(FRAMEWORKS);
  await expect(page.getByRole("heading", { level: 1, name: "Outcome frameworks" })).toBeVisible();
  return page.getByRole("group", { name: "Use these frameworks" });
}

test("an officer saves the council's choice of frameworks", async ({ page }) => {
  const choices = await openFrameworks(page);
  await expect(choices.getByRole("checkbox").first()).toBeVisible();
  await expectNoAxeViolations(page);

  // The whole choice is saved at once, so the two projects take turns here.
  await withLock("framework-choice", async () => {
    await openFrameworks(page);
    const boxes = choices.getByRole("checkbox");
    const names = await boxes.evaluateAll((inputs) => inputs.map((i) => document.querySelector(`label[for="${i.id}"]`)!.textContent!.trim()));
    const before = await boxes.evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).checked));
    expect(names.length).toBeGreaterThan(1);
    const target = choices.getByRole("checkbox", { name: names[0], exact: true });

    await target.setChecked(!before[0]);
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "Your council's frameworks have been saved." })).toBeVisible();
    await expect(page).toHaveURL(`${FRAMEWORKS}?saved`);
    await expectNoAxeViolations(page);
    // Saved, not just ticked: a fresh load shows the new choice, and only that changed.
    await openFrameworks(page);
    expect(await boxes.evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).checked))).toEqual([!before[0], ...before.slice(1)]);

    // A body that is not a form is refused and changes nothing.
    const garbage = await page.request.post(FRAMEWORKS, {
      headers: { Origin: new URL(page.url()).origin, "Content-Type": "multipart/form-data; boundary=zzz" },
      data: "not a form",
      maxRedirects: 0,
    });
    expect(garbage.status()).toBe(400);
    await openFrameworks(page);
    expect(await boxes.evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).checked))).toEqual([!before[0], ...before.slice(1)]);

    // And back again, leaving the demo council as it was.
    await target.setChecked(before[0]!);
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "Your council's frameworks have been saved." })).toBeVisible();
    await openFrameworks(page);
    expect(await boxes.evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).checked))).toEqual(before);
  });

  // Built-in frameworks can be read but not edited.
  await page.getByRole("heading", { name: "Built-in frameworks" }).locator("xpath=following-sibling::ul[1]").getByRole("link").first().click();
  await expect(status(page)).toHaveText("Published");
  await expect(page.getByRole("heading", { level: 2, name: "Outcomes" })).toBeVisible();
  await expect(page.getByRole("button", { name: /Save draft|Publish this version|Start a new version/ })).toHaveCount(0);
  await expectNoAxeViolations(page);
});

test("an officer creates, publishes and versions the council's own framework", async ({ page }, testInfo) => {
  const unique = `${testInfo.project.name}-${Date.now().toString(36)}`;
  const name = `Trafford Together ${unique}`;
  const slug = `trafford-together-${unique}`;

  await openFrameworks(page);
  await page.getByRole("link", { name: "Create a framework" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Create a framework" })).toBeVisible();
  await expectNoAxeViolations(page);

  // No outcomes yet: the GOV.UK error pattern, and what was typed is kept.
  await page.getByLabel("Framework name").fill(name);
  await page.getByLabel("Short name for links").fill(slug);
  await page.getByRole("button", { name: "Save draft" }).click();
  await expectFieldError(page, "outline", "Add at least one outcome");
  await expect(page.getByLabel("Framework name")).toHaveValue(name);
  await expect(page.getByLabel("Short name for links")).toHaveValue(slug);
  await expectNoAxeViolations(page);

  await page.getByLabel("Outcomes").fill(["Health", "  Healthy weight", "  Mental wellbeing", "Places", "  Parks and green spaces"].join("\n"));
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `${name} – version 1` })).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`${FRAMEWORKS}/[^/?]+\\?saved$`));
  const version1 = new URL(page.url()).pathname;
  await expect(page.getByRole("alert").filter({ hasText: "Draft saved." })).toBeVisible();
  await expect(status(page)).toHaveText("Draft");
  // A draft is still editable; the outline round-trips.
  await expect(page.getByLabel("Outcomes")).toHaveValue(/^Health.*\n {2}Healthy weight.*\n {2}Mental wellbeing.*\nPlaces.*\n {2}Parks and green spaces/);
  await expect(page.getByLabel("Short name for links")).toHaveAttribute("readonly", "");
  await expectNoAxeViolations(page);

  await page.getByRole("button", { name: "Publish this version" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Version 1 is published. It will not change; to edit it, start a new version." })).toBeVisible();
  await expect(status(page)).toHaveText("Published");
  await expectNoAxeViolations(page);

  // Published means not editable: no form on the page, and the server refuses a hand-made edit.
  await expect(page.getByLabel("Outcomes")).toHaveCount(0);
  await expect(page.getByRole("button", { name: /Save draft|Publish this version/ })).toHaveCount(0);
  const outcomes = page.getByRole("heading", { level: 2, name: "Outcomes" }).locator("xpath=following-sibling::ul[1]");
  await expect(outcomes.getByRole("listitem").filter({ hasText: /^Healthy weight/ })).toBeVisible();
  const edit = await page.request.post(version1, {
    form: { intent: "save", name, slug, source: "", sourceUrl: "", outline: "Changed" },
    headers: { Origin: new URL(page.url()).origin },
  });
  expect(edit.status()).toBeLessThan(500);
  expect(await edit.text()).toContain("This version has been published and cannot be changed.");
  await page.goto(version1);
  await expect(outcomes.getByRole("listitem").filter({ hasText: /^Parks and green spaces/ })).toBeVisible();
  await expect(outcomes).not.toContainText("Changed");

  // A new version starts as a copy of the published one.
  await page.getByRole("button", { name: "Start a new version" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `${name} – version 2` })).toBeVisible();
  expect(new URL(page.url()).pathname).not.toBe(version1);
  await expect(status(page)).toHaveText("Draft");
  const outline = page.getByLabel("Outcomes");
  await expect(outline).toHaveValue(/Parks and green spaces/);
  await expectNoAxeViolations(page);
  await outline.fill(`${await outline.inputValue()}\n  Air quality`);
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Draft saved." })).toBeVisible();
  await page.getByRole("button", { name: "Publish this version" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Version 2 is published." })).toBeVisible();
  await expect(outcomes.getByRole("listitem").filter({ hasText: /^Air quality/ })).toBeVisible();
  await expect(errorSummary(page)).toHaveCount(0);

  // Version 1 is unchanged; the list shows version 2 as the latest.
  await page.goto(version1);
  await expect(status(page)).toHaveText("Published");
  await expect(outcomes).not.toContainText("Air quality");
  const choices = await openFrameworks(page);
  await expect(choices.getByRole("checkbox", { name, exact: true })).toBeVisible();
  const own = page.getByRole("heading", { name: "Your council's frameworks" }).locator("xpath=following-sibling::ul[1]");
  await expect(own.getByRole("listitem").filter({ hasText: name })).toContainText("version 2 · 6 outcomes");
});
