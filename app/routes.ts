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
    route("budgets/:process/ideas", "routes/council/budgets.$process.ideas.tsx"),
    // Participatory budgeting — results and open data (/:council/budgets/:process/results…)
    // Participatory budgeting — officers (/:council/officer/budgets/…)
    route("officer/budgets", "routes/council/officer.budgets.tsx"),
    route("officer/budgets/new", "routes/council/officer.budgets.new.tsx"),
    route("officer/budgets/:process", "routes/council/officer.budgets.$process.tsx"),
    route("officer/budgets/:process/phase", "routes/council/officer.budgets.$process.phase.tsx"),
    route("officer/budgets/:process/settings", "routes/council/officer.budgets.$process.settings.tsx"),
    route("officer/budgets/:process/projects/new", "routes/council/officer.budgets.$process.projects.new.tsx"),
    route("officer/budgets/:process/projects/:project", "routes/council/officer.budgets.$process.projects.$project.tsx"),
    route("officer/budgets/:process/images/:image", "routes/council/officer.budgets.$process.images.$image.ts"),
    route("officer/budgets/:process/ideas", "routes/council/officer.budgets.$process.ideas.tsx"),
    route("officer/budgets/:process/ideas/:idea", "routes/council/officer.budgets.$process.ideas.$idea.tsx"),
  ]),
  route("*", "routes/not-found.tsx"),
] satisfies RouteConfig;
