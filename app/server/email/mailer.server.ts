// Email goes through SMTP (nodemailer). With no SMTP_URL outside production, mail lands in the
// development outbox (a table shown at /dev/outbox), so the demo works offline.
import nodemailer from "nodemailer";
import type { Config } from "../config.server.ts";
import type { Db } from "../db/client.server.ts";

export interface Email {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

export interface Mailer {
  readonly kind: "smtp" | "outbox";
  send(email: Email): Promise<void>;
}

export function createMailer(config: Config, prisma: Db): Mailer {
  if (config.SMTP_URL) {
    const transport = nodemailer.createTransport(config.SMTP_URL);
    return {
      kind: "smtp",
      send: async (email) => {
        await transport.sendMail({ from: config.MAIL_FROM, ...email });
      },
    };
  }
  if (config.isProduction) throw new Error("SMTP_URL is required in production");
  return {
    kind: "outbox",
    send: async (email) => {
      await prisma.outboxEmail.create({ data: { to: email.to, subject: email.subject, text: email.text, html: email.html } });
    },
  };
}
