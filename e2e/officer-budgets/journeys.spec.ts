// Officers set up participatory budgeting: a process with ward budgets, projects with pictures
// and outcomes, feasibility review and phase changes; and residents' ideas becoming projects.
// Every step runs with JavaScript on and off; slugs are unique per project and run.
import type { Cookie, Page, TestInfo } from "@playwright/test";
import { expect, test } from "../support/test.ts";
import { expectNoAxeViolations } from "../support/axe.ts";
import { COUNCIL, errorSummary, expectFieldError, residentEmail, signInAsResident, signInAsStaff } from "../support/demo.ts";

// Long journeys, and a TOTP step another run has just used can mean waiting for the next one.
test.describe.configure({ timeout: 300_000 });

const BUDGETS = `/${COUNCIL}/officer/budgets`;

// One officer sign-in per worker: each needs a TOTP step of its own (see claimTotpStep).
let officerSession: Cookie[] | null = null;

async function asOfficer(page: Page) {
  await page.context().clearCookies();
  if (officerSession) await page.context().addCookies(officerSession);
  else {
    await signInAsStaff(page, "Officer");
    officerSession = await page.context().cookies();
  }
}

function unique(testInfo: TestInfo, label: string) {
  return `e2e-${label}-${testInfo.project.name}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`;
}

/** A 1×1 PNG. */
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");

function summaryValue(page: Page, key: string) {
  return page.getByRole("term").filter({ hasText: new RegExp(`^${key}$`) }).locator("xpath=following-sibling::dd[1]");
}

async function fillBasics(page: Page, title: string, slug: string) {
  await page.getByLabel("Title", { exact: true }).fill(title);
  await page.getByLabel("Web address name").fill(slug);
  await page.getByLabel("Summary").fill("Residents decide how money is spent in their wards.");
}

/** From the overview: "Change phase", choose `label` when there is a choice, and confirm. */
async function movePhase(page: Page, to: string, choice?: string) {
  await page.getByRole("heading", { level: 2, name: "Change phase" }).scrollIntoViewIfNeeded();
  if (choice) await page.getByRole("radio", { name: choice }).check();
  await page.getByRole("button", { name: "Change phase" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Move to the ${to} phase` })).toBeVisible();
  await page.getByRole("button", { name: `Move to ${to}` }).click();
}

async function addProject(page: Page, project: { title: string; cost: string; budget: string; outcomes?: number }) {
  await page.getByRole("link", { name: "Add a project" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Add a project" })).toBeVisible();
  await page.getByLabel("Project title").fill(project.title);
  await page.getByLabel("Description").fill(`${project.title}, for everyone who lives nearby.\n\n- safer\n- greener`);
  await page.getByLabel("Cost in pounds").fill(project.cost);
  await page.getByLabel("Budget", { exact: true }).selectOption({ label: project.budget });
  const outcomes = page.getByRole("region", { name: "Outcomes" }).getByRole("checkbox");
  for (let i = 0; i < (project.outcomes ?? 0); i++) await outcomes.nth(i).check();
  await page.getByRole("button", { name: "Add project" }).click();
}

test("an officer sets up a process with ward budgets, projects, pictures and review, and opens voting", async ({ page }, testInfo) => {
  const slug = unique(testInfo, "setup");
  const title = `Ward budgets ${slug}`;
  await asOfficer(page);

  // The council home page links staff with budgeting.manage to the processes.
  await page.goto(`/${COUNCIL}`);
  await page.getByRole("region", { name: "Staff pages" }).getByRole("link", { name: "Budget processes" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Budget processes" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: "Create a process" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Create a budget process" })).toBeVisible();
  await expectNoAxeViolations(page);

  // Two ward budgets: the second row comes from "Add another budget" (a server round trip).
  await page.getByLabel("Web address name").fill(slug);
  await page.getByLabel("Summary").fill("Residents decide how money is spent in their wards.");
  const nextYear = new Date().getFullYear() + 1;
  const closes = page.getByRole("group", { name: "Voting closes" });
  await closes.getByLabel("Day").fill("30");
  await closes.getByLabel("Month").fill("6");
  await closes.getByLabel("Year").fill(String(nextYear));
  await closes.getByLabel("Time (optional)").fill("5pm");
  await page.getByRole("radio", { name: "Most votes first", exact: true }).check();
  await page.getByLabel("Most projects a voter can choose (optional)").fill("2");
  const first = page.getByRole("group", { name: "Budget 1" });
  await first.getByLabel("Ward").selectOption({ label: "Altrincham" });
  await first.getByLabel("Amount in pounds").fill("£10,000");
  await page.getByRole("button", { name: "Add another budget" }).click();
  const second = page.getByRole("group", { name: "Budget 2" });
  await expect(second).toBeVisible();
  await expect(first.getByLabel("Amount in pounds")).toHaveValue("£10,000");
  await second.getByLabel("Ward").selectOption({ label: "Sale Central" });
  await second.getByLabel("Amount in pounds").fill("8000");

  // No title: the GOV.UK error pattern, and everything typed is kept.
  await page.getByRole("button", { name: "Create process" }).click();
  await expectFieldError(page, "title", "Enter a title");
  await expect(page.getByLabel("Web address name")).toHaveValue(slug);
  await expect(second.getByLabel("Ward")).toHaveValue(/^E05/);
  await expect(closes.getByLabel("Time (optional)")).toHaveValue("5pm");
  await expectNoAxeViolations(page);

  await page.getByLabel("Title", { exact: true }).fill(title);
  await page.getByRole("button", { name: "Create process" }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.getByRole("alert").filter({ hasText: "The process has been created as a draft." })).toBeVisible();
  const overview = new URL(page.url()).pathname;
  const budgets = page.getByRole("table", { name: "Budgets in this process" });
  await expect(budgets.getByRole("row")).toHaveCount(3);
  await expect(budgets.getByRole("row", { name: /Altrincham/ })).toContainText("£10,000");
  await expect(budgets.getByRole("row", { name: /Sale Central/ })).toContainText("£8,000");
  await expect(summaryValue(page, "Planned dates")).toContainText(`Voting closes: 30 June ${nextYear} at 5pm`);
  await expect(summaryValue(page, "Ballot")).toHaveText("Approval: choose 1 to 2 projects");
  await expectNoAxeViolations(page);

  // A project with bad figures first: pence to three places, then more than its budget.
  await page.getByRole("link", { name: "Add a project" }).click();
  await page.getByLabel("Cost in pounds").fill("£12.345");
  await page.getByLabel("Budget", { exact: true }).selectOption({ label: "Altrincham (£10,000)" });
  await page.getByRole("button", { name: "Add project" }).click();
  await expectFieldError(page, "title", "Enter a title");
  await expectFieldError(page, "cost", "Enter pence as 2 numbers after the point, like £12.50.");
  await expectNoAxeViolations(page);
  await page.getByLabel("Project title").fill("Benches in Stamford Park");
  await page.getByLabel("Description").fill("Six benches by the lake.");
  await page.getByLabel("Cost in pounds").fill("£10,000.01");
  await page.getByRole("button", { name: "Add project" }).click();
  await expectFieldError(page, "cost", "The cost must be no more than the budget it is in");
  await expect(page.getByLabel("Project title")).toHaveValue("Benches in Stamford Park");
  await page.getByLabel("Cost in pounds").fill("£4,500");
  const outcomes = page.getByRole("region", { name: "Outcomes" }).getByRole("checkbox");
  await outcomes.nth(0).check();
  await outcomes.nth(1).check();
  await page.getByLabel("Where it is (optional)").fill("Stamford Park, by the lake");
  await page.getByRole("button", { name: "Add project" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "P-1: Benches in Stamford Park" })).toBeVisible();
  await expect(page.getByRole("alert").filter({ hasText: "Project P-1 has been added." })).toBeVisible();
  await expect(page.getByRole("region", { name: "Outcomes" }).getByRole("checkbox", { checked: true })).toHaveCount(2);
  await expectNoAxeViolations(page);

  // Pictures: alt text is required, and only real images are accepted.
  const image = page.getByLabel("Image", { exact: true });
  const alt = page.getByLabel("Description of the image (alt text)");
  await image.setInputFiles({ name: "benches.png", mimeType: "image/png", buffer: PNG });
  await page.getByRole("button", { name: "Upload picture" }).click();
  await expectFieldError(page, "altText", "Enter a description of the image");
  await expectNoAxeViolations(page);
  await image.setInputFiles({ name: "benches.png", mimeType: "image/png", buffer: Buffer.from("this is not a picture") });
  await alt.fill("Two wooden benches facing the lake");
  await page.getByRole("button", { name: "Upload picture" }).click();
  await expectFieldError(page, "image", "The selected file must be a JPG, PNG or WebP image");
  // Over 2 MB: refused before the upload is kept, with the same kind of message.
  await image.setInputFiles({ name: "huge.png", mimeType: "image/png", buffer: Buffer.concat([PNG, Buffer.alloc(3 * 1024 * 1024)]) });
  await alt.fill("Two wooden benches facing the lake");
  await page.getByRole("button", { name: "Upload picture" }).click();
  await expectFieldError(page, "image", "The selected file must be smaller than 2MB");
  await image.setInputFiles({ name: "benches.png", mimeType: "image/png", buffer: PNG });
  await alt.fill("Two wooden benches facing the lake");
  await page.getByRole("button", { name: "Upload picture" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "The picture has been added." })).toBeVisible();
  const picture = page.getByRole("img", { name: "Two wooden benches facing the lake" });
  await expect(picture).toBeVisible();
  expect(await picture.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1);
  await expectNoAxeViolations(page);

  await page.goto(overview);
  await addProject(page, { title: "Wildflower verges on Washway Road", cost: "£3,000", budget: "Sale Central (£8,000)", outcomes: 1 });
  await expect(page.getByRole("heading", { level: 1, name: "P-2: Wildflower verges on Washway Road" })).toBeVisible();
  await page.goto(overview);
  await addProject(page, { title: "A swimming pool", cost: "£9,000", budget: "Altrincham (£10,000)" });
  await expect(page.getByRole("heading", { level: 1, name: "P-3: A swimming pool" })).toBeVisible();

  // Straight to review (no ideas phase), after a confirmation step.
  await page.goto(overview);
  await expect(page.getByRole("table", { name: "Waiting for review (3)" }).getByRole("row")).toHaveCount(4);
  await movePhase(page, "review", "Review, without collecting ideas: officers add the projects themselves");
  await expect(page.getByRole("alert").filter({ hasText: "The process is now in the review phase." })).toBeVisible();
  await expect(summaryValue(page, "Phase")).toHaveText("Review");

  // Not ready for voting: every problem is listed, and nothing changes.
  await page.getByRole("button", { name: "Change phase" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Move to the voting phase" })).toBeVisible();
  await expect(page.getByText("Phases only move forward. This cannot be undone.")).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Move to voting" }).click();
  await expect(errorSummary(page)).toContainText("The process is not ready to move to voting.");
  const problems = page.getByRole("region", { name: "Problems to fix first" }).getByRole("listitem");
  await expect(problems).toHaveText([
    "Altrincham: 2 projects still to review. Mark each project feasible or not feasible.",
    "Altrincham: no project has been found feasible, so there is nothing to vote for.",
    "Sale Central: 1 project still to review. Mark each project feasible or not feasible.",
    "Sale Central: no project has been found feasible, so there is nothing to vote for.",
  ]);
  await expect(page).toHaveTitle(/^Error: /);
  await expectNoAxeViolations(page);

  // Review: one not feasible, with the reason residents will read.
  await page.goto(overview);
  await page.getByRole("link", { name: "A swimming pool" }).click();
  await page.getByRole("radio", { name: "Not feasible" }).check();
  await page.getByRole("button", { name: "Save review" }).click();
  await expectFieldError(page, "reason", "Enter the reason");
  await expectNoAxeViolations(page);
  await page.getByLabel("Reason (needed if not feasible)").fill("A pool costs far more than this budget to build and run.");
  await page.getByRole("button", { name: "Save review" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "The review has been saved." })).toBeVisible();
  await expect(summaryValue(page, "Status")).toHaveText("Not feasible");
  for (const name of ["Benches in Stamford Park", "Wildflower verges on Washway Road"]) {
    await page.goto(overview);
    await page.getByRole("link", { name }).click();
    await page.getByRole("radio", { name: "Feasible", exact: true }).check();
    await page.getByRole("button", { name: "Save review" }).click();
    await expect(summaryValue(page, "Status")).toHaveText("Feasible");
  }

  await page.goto(overview);
  await expect(page.getByRole("table", { name: "Not feasible (1)" })).toContainText("A pool costs far more than this budget to build and run.");
  await movePhase(page, "voting");
  await expect(page.getByRole("alert").filter({ hasText: "The process is now in the voting phase." })).toBeVisible();
  await expect(summaryValue(page, "Phase")).toHaveText("Voting");

  // The history says who did what.
  const history = page.getByRole("table", { name: "What has been done to this process, newest first" });
  await expect(history.getByRole("row").nth(1)).toContainText("demo-officer@example.org");
  await expect(history.getByRole("row").nth(1)).toContainText("Moved the process from review to voting");
  await expect(history).toContainText("Reviewed project P-3: not feasible");
  await expect(history).toContainText("Added a picture to P-1");
  await expect(history).toContainText("Created the process");
  await expectNoAxeViolations(page);

  // Closing voting is the step that most needs a second look: the page says it cannot be undone.
  await page.getByRole("button", { name: "Change phase" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Move to the results phase" })).toBeVisible();
  await expect(page.getByText("Closing voting cannot be undone. Phases only move forward. This cannot be undone.")).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: "Cancel" }).click();
  await expect(summaryValue(page, "Phase")).toHaveText("Voting");

  // Voting is open: projects and the fixed settings are read-only now.
  await page.getByRole("link", { name: "Benches in Stamford Park" }).click();
  await expect(page.getByText("Projects cannot be changed once voting has opened: the ballot is fixed.")).toBeVisible();
  await expect(page.getByRole("button", { name: /Save changes|Upload picture|Remove picture/ })).toHaveCount(0);
  await page.goto(`${overview}/settings`);
  await expect(page.getByRole("heading", { level: 2, name: "Fixed settings" })).toBeVisible();
  await expect(page.getByText("Ballot, eligibility and counting settings cannot be changed in the voting phase.")).toBeVisible();
  await expect(page.getByRole("radio")).toHaveCount(0);
  await expectNoAxeViolations(page);
  // The title can still change.
  await page.getByLabel("Title", { exact: true }).fill(`${title} (renamed)`);
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `${title} (renamed)` })).toBeVisible();
  await expect(page.getByRole("alert").filter({ hasText: "The settings have been saved." })).toBeVisible();
});

test("a resident suggests an idea in the ideas phase and an officer turns it into a project", async ({ page }, testInfo) => {
  const slug = unique(testInfo, "ideas");
  const title = `Ideas ${slug}`;
  await asOfficer(page);

  // A process with one whole-area budget, moved to its ideas phase.
  await page.goto(`${BUDGETS}/new`);
  await fillBasics(page, title, slug);
  await page.getByRole("group", { name: "Budget 1" }).getByLabel("Name").fill("Whole area");
  await page.getByRole("group", { name: "Budget 1" }).getByLabel("Amount in pounds").fill("£20,000");
  await page.getByRole("button", { name: "Create process" }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  const overview = new URL(page.url()).pathname;
  await movePhase(page, "ideas", "Ideas: residents suggest ideas");
  await expect(page.getByRole("alert").filter({ hasText: "The process is now in the ideas phase." })).toBeVisible();
  const ideasPage = `/${COUNCIL}/budgets/${slug}/ideas`;

  // Signed out: the ideas so far, and a way to sign in.
  await page.context().clearCookies();
  await page.goto(ideasPage);
  await expect(page.getByRole("heading", { level: 1, name: `Ideas for ${title}` })).toBeVisible();
  await expect(page.getByRole("link", { name: "Sign in to suggest an idea" })).toHaveAttribute("href", `/${COUNCIL}/sign-in?returnTo=${encodeURIComponent(ideasPage)}`);
  await expect(page.getByLabel("Your idea in a few words")).toHaveCount(0);
  await expectNoAxeViolations(page);

  // A resident suggests two ideas (the first attempt is incomplete).
  const email = residentEmail(testInfo, "ideas");
  await signInAsResident(page, email);
  await page.goto(ideasPage);
  await page.getByLabel("Tell us more").fill("Short");
  await page.getByRole("button", { name: "Send idea" }).click();
  await expectFieldError(page, "title", "Enter a title");
  await expectFieldError(page, "description", "Enter a description of at least 10 characters");
  await expectNoAxeViolations(page);
  await page.getByLabel("Your idea in a few words").fill("Benches along the canal towpath");
  await page.getByLabel("Tell us more").fill("Somewhere to rest between Sale and Stretford, for older walkers.");
  await page.getByLabel("Which ward is it for? (optional)").selectOption({ label: "Sale Central" });
  await page.getByRole("button", { name: "Send idea" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Thank you. Your idea has been sent." })).toBeVisible();
  await page.getByLabel("Your idea in a few words").fill("A skate park on the golf course");
  await page.getByLabel("Tell us more").fill("Somewhere for teenagers to skate safely.");
  await page.getByRole("button", { name: "Send idea" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Thank you. Your idea has been sent." })).toBeVisible();
  const ideas = page.getByRole("region", { name: "Ideas so far" }).getByRole("listitem");
  await expect(ideas).toHaveCount(2);
  await expect(ideas.first()).toContainText("Your idea");
  await expect(ideas.first()).toContainText("For Sale Central");
  await expect(ideas.first()).toContainText("Waiting for a decision");
  await expectNoAxeViolations(page);
  const residentSession = await page.context().cookies();

  // The officer accepts the first as a project and declines the second.
  await asOfficer(page);
  await page.goto(overview);
  await page.getByRole("link", { name: "Ideas from residents (2)" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Ideas from residents" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: "Benches along the canal towpath" }).click();
  await expect(page.getByLabel("Project title")).toHaveValue("Benches along the canal towpath");
  await page.getByRole("button", { name: "Accept as a project" }).click();
  await expectFieldError(page, "cost", "Enter the cost");
  await expectNoAxeViolations(page);
  await page.getByLabel("Cost in pounds").fill("£1,500");
  await page.getByRole("button", { name: "Accept as a project" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "The idea is now project P-1." })).toBeVisible();
  await expect(summaryValue(page, "Status")).toHaveText("Accepted as P-1");
  await expect(page.getByRole("button", { name: "Accept as a project" })).toHaveCount(0);
  await page.getByRole("link", { name: "P-1: Benches along the canal towpath" }).click();
  await expect(summaryValue(page, "Status")).toHaveText("Waiting for review");
  await expect(summaryValue(page, "From a resident’s idea")).toHaveText("Benches along the canal towpath");

  await page.goto(`${overview}/ideas`);
  await page.getByRole("link", { name: "A skate park on the golf course" }).click();
  await page.getByRole("button", { name: "Decline idea" }).click();
  await expectFieldError(page, "response", "Enter the response to the resident");
  await page.getByLabel("Response to the resident").fill("The golf course is leased to a club until 2031. Try the youth budget next spring.");
  await page.getByRole("button", { name: "Decline idea" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "The idea has been declined." })).toBeVisible();
  await page.goto(overview);
  const history = page.getByRole("table", { name: "What has been done to this process, newest first" });
  await expect(history).toContainText("Declined the idea “A skate park on the golf course”");
  await expect(history).toContainText("Accepted the idea “Benches along the canal towpath” as project P-1");

  // The resident sees what became of both.
  await page.context().clearCookies();
  await page.context().addCookies(residentSession);
  await page.goto(ideasPage);
  await expect(ideas.first()).toContainText("Now a project:");
  await expect(ideas.first().getByRole("link", { name: "P-1: Benches along the canal towpath" })).toHaveAttribute(
    "href",
    `/${COUNCIL}/budgets/${slug}/projects/P-1`,
  );
  await expect(ideas.nth(1)).toContainText("Not taken forward. The council said:");
  await expect(ideas.nth(1)).toContainText("The golf course is leased to a club until 2031.");
  await expectNoAxeViolations(page);

  // Others see the accepted idea but not the declined one.
  await page.context().clearCookies();
  await page.goto(ideasPage);
  await expect(ideas).toHaveCount(1);
  await expect(ideas.first()).toContainText("Benches along the canal towpath");
});
