// Every URL, mapped explicitly. Council pages live under /:council (the council's slug).
import { type RouteConfig, index, prefix, route } from "@react-router/dev/routes";

export default [
  index("routes/home.tsx"),
  route("language", "routes/language.ts"),
  route("data-sources", "routes/data-sources.tsx"),
  route("dev/outbox", "routes/dev.outbox.tsx"),
  route("invitations/:token", "routes/invitations.$token.tsx"),
  ...prefix(":council", [
    index("routes/council/home.tsx"),
    route("wards", "routes/council/wards.tsx"),
    route("accessibility", "routes/council/accessibility.tsx"),
    route("privacy", "routes/council/privacy.tsx"),
    route("sign-in", "routes/council/sign-in.tsx"),
    route("sign-in/code", "routes/council/sign-in.code.tsx"),
    route("staff/sign-in", "routes/council/staff.sign-in.tsx"),
    route("staff/two-factor", "routes/council/staff.two-factor.tsx"),
    route("staff/two-factor/setup", "routes/council/staff.two-factor.setup.tsx"),
    route("staff/two-factor/recovery", "routes/council/staff.two-factor.recovery.tsx"),
    route("sign-out", "routes/council/sign-out.ts"),
    route("account", "routes/council/account.tsx"),
    route("admin/staff", "routes/council/admin.staff.tsx"),
    route("officer/frameworks", "routes/council/officer.frameworks.tsx"),
    route("officer/frameworks/new", "routes/council/officer.frameworks.new.tsx"),
    route("officer/frameworks/:versionId", "routes/council/officer.frameworks.$versionId.tsx"),
    // Participatory budgeting — residents: processes, projects, ideas, ballots (/:council/budgets/…)
    route("budgets", "routes/council/budgets.tsx"),
    route("budgets/images/:imageId", "routes/council/budgets.images.$imageId.ts"),
    route("budgets/:process", "routes/council/budgets.$process.tsx"),
    route("budgets/:process/projects/:reference", "routes/council/budgets.$process.projects.$reference.tsx"),
    route("budgets/:process/vote/:budgetId", "routes/council/budgets.$process.vote.$budgetId.tsx"),
    route("budgets/:process/vote/:budgetId/confirmation", "routes/council/budgets.$process.vote.$budgetId.confirmation.tsx"),
    // Participatory budgeting — results and open data (/:council/budgets/:process/results…)
    route("budgets/:process/results", "routes/council/budgets.$process.results.tsx"),
    route("budgets/:process/results.json", "routes/council/budgets.$process.results.json.ts"),
    route("budgets/:process/results/how-we-counted", "routes/council/budgets.$process.results.how-we-counted.tsx"),
    route("budgets/:process/results/:file", "routes/council/budgets.$process.results.$file.ts"),
    route("officer/budgets/import", "routes/council/officer.budgets.import.tsx"),
    route("officer/budgets/:process/results", "routes/council/officer.budgets.$process.results.tsx"),
    // Participatory budgeting — officers (/:council/officer/budgets/…)
    // paper ballots, voting codes, delivery
    route("officer/budgets/:process/codes", "routes/council/officer.budgets.$process.codes.tsx"),
    route("officer/budgets/:process/paper", "routes/council/officer.budgets.$process.paper.tsx"),
    route("officer/budgets/:process/paper/new", "routes/council/officer.budgets.$process.paper.new.tsx"),
    route("officer/budgets/:process/paper/:batchId", "routes/council/officer.budgets.$process.paper.$batchId.tsx"),
    route("officer/budgets/:process/delivery", "routes/council/officer.budgets.$process.delivery.tsx"),
    route("officer/budgets/:process/delivery/:reference", "routes/council/officer.budgets.$process.delivery.$reference.tsx"),
  ]),
  route("*", "routes/not-found.tsx"),
] satisfies RouteConfig;
