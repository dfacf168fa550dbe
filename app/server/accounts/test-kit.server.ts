// Shared set-up for the accounts integration tests: a real, migrated database (PGlite or a
// PostgreSQL schema), a controllable clock, and a mailer double that records what was sent.
// The mail transport is the only thing faked.
import { loadConfig } from "../config.server.ts";
import type { Database } from "../db/client.server.ts";
import type { Email, Mailer } from "../email/mailer.server.ts";
import { openTestDatabase } from "../testing/test-database.server.ts";
import type { AccountsDeps } from "./deps.server.ts";

export interface RecordingMailer extends Mailer {
  sent: Email[];
  /** The 6-digit code in the last email sent to `to`. */
  lastCode(to: string): string;
  /** The token in the last invitation link sent to `to`. */
  lastInvitationToken(to: string): string;
}

export function recordingMailer(): RecordingMailer {
  const sent: Email[] = [];
  const last = (to: string) => {
    const email = sent.filter((e) => e.to === to).at(-1);
    if (!email) throw new Error(`no email sent to ${to}`);
    return email;
  };
  return {
    kind: "outbox",
    sent,
    send: async (email) => {
      sent.push(email);
    },
    lastCode: (to) => {
      const match = /^\d{6}$/m.exec(last(to).text);
      if (!match) throw new Error("no code in email");
      return match[0];
    },
    lastInvitationToken: (to) => {
      const match = /\/invitations\/([a-z2-7]+)/.exec(last(to).text);
      if (!match?.[1]) throw new Error("no invitation link in email");
      return match[1];
    },
  };
}

export interface Clock {
  now: () => Date;
  advance(ms: number): void;
  set(date: Date): void;
}

export function testClock(start = new Date("2026-03-02T09:00:00.000Z")): Clock {
  let t = start.getTime();
  return {
    now: () => new Date(t),
    advance: (ms) => {
      t += ms;
    },
    set: (date) => {
      t = date.getTime();
    },
  };
}

export interface AccountsTestContext {
  db: Database;
  deps: AccountsDeps;
  mailer: RecordingMailer;
  clock: Clock;
  councilId: string;
  otherCouncilId: string;
}

export async function openAccountsTestContext(): Promise<AccountsTestContext> {
  const db = await openTestDatabase();
  const mailer = recordingMailer();
  const clock = testClock();
  const config = loadConfig({ APP_ENV: "test", PUBLIC_URL: "https://have-your-say.example.gov.uk" });
  const council = await db.prisma.council.create({ data: { slug: "trafford", name: "Trafford Council" } });
  const other = await db.prisma.council.create({ data: { slug: "salford", name: "Salford City Council" } });
  return {
    db,
    mailer,
    clock,
    councilId: council.id,
    otherCouncilId: other.id,
    deps: { prisma: db.prisma, mailer, config, now: clock.now },
  };
}
