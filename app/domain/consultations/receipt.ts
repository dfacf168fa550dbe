// The email a signed-in resident gets after responding: the reference and a copy of their
// answers (Gunning 4 needs trust that answers were received as given). Plain text; the mailer
// sends it as is, so nothing a resident typed can become markup.
// Welsh: DRAFT, written in-house — to be reviewed before go-live.
import { format, type Locale } from "../i18n/locale.ts";

const COPY: Record<Locale, { subject: string; intro: string; reference: string; answers: string; close: string }> = {
  en: {
    subject: "Your response to {title}",
    intro: "Thank you for responding to {title}.",
    reference: "Your reference is {reference}. Quote it if you contact us about your response.",
    answers: "Your answers:",
    close: "We will publish what people told us and what we did as a result.",
  },
  cy: {
    subject: "Eich ymateb i {title}",
    intro: "Diolch am ymateb i {title}.",
    reference: "Eich cyfeirnod yw {reference}. Dyfynnwch ef os byddwch yn cysylltu â ni am eich ymateb.",
    answers: "Eich atebion:",
    close: "Byddwn yn cyhoeddi'r hyn a ddywedodd pobl wrthym a'r hyn a wnaethom o ganlyniad.",
  },
};

export function receiptEmail(
  locale: Locale,
  receipt: { title: string; reference: string; rows: readonly { question: string; answer: string }[] },
): { subject: string; text: string } {
  const c = COPY[locale];
  const answers = receipt.rows.map((r) => `${r.question}\n  ${r.answer.replace(/\n/g, "\n  ")}`).join("\n\n");
  return {
    subject: format(c.subject, { title: receipt.title }),
    text: [format(c.intro, { title: receipt.title }), format(c.reference, { reference: receipt.reference }), c.answers, answers, c.close].join("\n\n"),
  };
}
