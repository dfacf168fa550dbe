// The demo council: "Trafford Council (demo)" on real Trafford geography, with an admin and an
// officer (password + TOTP already enrolled) and a few residents. Seeded by `npm start` on an
// empty database outside production; every step is idempotent, so an interrupted seed
// completes on the next start.
import { decodeBase32IgnorePadding, encodeBase32UpperCaseNoPadding } from "@oslojs/encoding";
import { generateTOTP } from "@oslojs/otp";
import { hashPassword } from "../accounts/password-hash.server.ts";
import { openStoredTotpKey, storeTotpKey } from "../accounts/totp.server.ts";
import { chooseFrameworks, listFrameworksForCouncil, syncBuiltinFrameworks } from "../frameworks/frameworks.server.ts";
import { importPlaces, loadTraffordBundle } from "../places/places.server.ts";
import type { Services } from "../services.server.ts";
import { randomKey } from "../accounts/crypto.server.ts";
import { seedDemoBudgeting } from "./budgeting.server.ts";
import { seedDemoConsultations } from "./consultations.server.ts";

export const DEMO_COUNCIL = {
  slug: "trafford",
  name: "Trafford Council (demo)",
  nameCy: "Cyngor Trafford (demo)",
  onsCode: "E08000009",
  brandColour: "#4b2e6f",
} as const;

// Fixed, published demo passwords: the demo is never seeded in production.
export const DEMO_STAFF = [
  { role: "admin", email: "demo-admin@example.org", displayName: "Demo Administrator", password: "lantern-orchard-73-canal" },
  { role: "officer", email: "demo-officer@example.org", displayName: "Demo Officer", password: "willow-bridge-48-market" },
] as const;

const DEMO_RESIDENTS = ["amina.demo@example.org", "gareth.demo@example.org", "joan.demo@example.org", "tomasz.demo@example.org"];

const DEMO_FRAMEWORKS = ["thriving-places-index", "ons-measures-of-national-well-being", "un-sustainable-development-goals"];

const SEEDED_ACTION = "demo.seeded";

export async function seedDemoIfEmpty(services: Services, say: (message: string) => void) {
  const { prisma } = services;
  const done = await prisma.auditEvent.findFirst({ where: { action: SEEDED_ACTION }, select: { id: true } });
  // A database that already has councils of its own is never given the demo.
  if (done || (await prisma.council.count({ where: { isDemo: false } })) > 0) return;
  say("Seeding the demo council (Trafford, on real geography)…");
  await syncBuiltinFrameworks(services);
  const council = await prisma.council.upsert({
    where: { slug: DEMO_COUNCIL.slug },
    update: {},
    create: { ...DEMO_COUNCIL, kind: "council", isDemo: true },
  });
  const places = await importPlaces(services, { councilId: council.id, bundle: await loadTraffordBundle() });
  if (!places.ok) throw new Error(`The Trafford demo data did not import: ${places.reason === "invalid_bundle" ? JSON.stringify(places.detail).slice(0, 500) : places.reason}`);

  for (const staff of DEMO_STAFF) {
    const account = await prisma.account.upsert({
      where: { email: staff.email },
      update: {},
      create: { email: staff.email, displayName: staff.displayName, passwordHash: await hashPassword(staff.password) },
    });
    if (!account.totpKey) await storeTotpKey(services, account.id, randomKey(20));
    await prisma.membership.upsert({
      where: { accountId_councilId_role: { accountId: account.id, councilId: council.id, role: staff.role } },
      update: {},
      create: { accountId: account.id, councilId: council.id, role: staff.role },
    });
  }
  for (const email of DEMO_RESIDENTS) {
    const account = await prisma.account.upsert({ where: { email }, update: {}, create: { email } });
    await prisma.membership.upsert({
      where: { accountId_councilId_role: { accountId: account.id, councilId: council.id, role: "resident" } },
      update: {},
      create: { accountId: account.id, councilId: council.id, role: "resident" },
    });
  }

  const admin = await prisma.account.findUniqueOrThrow({ where: { email: DEMO_STAFF[0].email }, select: { id: true } });
  const frameworks = await listFrameworksForCouncil(services, council.id);
  if (frameworks.ok) {
    const versionIds = frameworks.value
      .filter((f) => DEMO_FRAMEWORKS.includes(f.slug) && f.latestPublishedVersionId)
      .map((f) => f.latestPublishedVersionId!);
    await chooseFrameworks(services, { accountId: admin.id, councilId: council.id, roles: ["admin"] }, versionIds);
  }
  await seedDemoBudgeting(services, council.id, DEMO_STAFF[1].email);
  await seedDemoConsultations(services, council.id, DEMO_STAFF[1].email);
  await prisma.auditEvent.create({ data: { councilId: council.id, action: SEEDED_ACTION, subjectType: "council", subjectId: council.id } });
}

export interface DemoCredential {
  role: "admin" | "officer";
  email: string;
  password: string;
  totpSecret: string;
}

/** The demo staff's sign-in details, for the console and the demo council's staff sign-in page. */
export async function demoCredentials(services: Pick<Services, "prisma" | "config">): Promise<DemoCredential[]> {
  const accounts = await services.prisma.account.findMany({
    where: { email: { in: DEMO_STAFF.map((s) => s.email) } },
    select: { id: true, email: true, totpKey: true },
  });
  return DEMO_STAFF.flatMap((staff) => {
    const account = accounts.find((a) => a.email === staff.email);
    const key = account?.totpKey ? openStoredTotpKey(services.config, account.id, account.totpKey) : null;
    return key ? [{ role: staff.role, email: staff.email, password: staff.password, totpSecret: encodeBase32UpperCaseNoPadding(key) }] : [];
  });
}

export async function describeDemo(services: Services, url: string): Promise<string> {
  const council = await services.prisma.council.findFirst({ where: { isDemo: true }, select: { slug: true, name: true } });
  if (!council) return "";
  const lines = [`\n${council.name}: ${url}/${council.slug}`, `  Residents sign in at ${url}/${council.slug}/sign-in with any email address;`];
  lines.push(`  the code arrives in the demo outbox: ${url}/dev/outbox`);
  lines.push(`  Staff sign in at ${url}/${council.slug}/staff/sign-in:`);
  for (const c of await demoCredentials(services)) {
    const codeNow = generateTOTP(decodeBase32IgnorePadding(c.totpSecret), 30, 6);
    lines.push(`    ${c.role.padEnd(8)} ${c.email}  password ${c.password}  TOTP secret ${c.totpSecret}  (code now: ${codeNow})`);
  }
  return lines.join("\n");
}
