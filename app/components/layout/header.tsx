import { Form } from "react-router";
import { useT } from "../i18n.tsx";

export interface HeaderProps {
  councilName: string | null;
  councilSlug: string | null;
  signedIn: boolean;
  showOutbox: boolean;
  /** Where the language switch sends the visitor back to. */
  currentPath: string;
}

/** Council-branded header (no crown): the council's name, the service, and account links. */
export function Header({ councilName, councilSlug, signedIn, showOutbox, currentPath }: HeaderProps) {
  const t = useT();
  const base = councilSlug ? `/${councilSlug}` : "";
  return (
    <header className="bg-[var(--brand)] text-white" role="banner">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-4 px-4 py-3 sm:px-8">
        <a href={base || "/"} className="text-2xl font-bold !text-white no-underline hover:underline">
          {councilName ?? "Commonweal"}
          {councilName ? <span className="ml-2 text-base font-normal">· Commonweal</span> : null}
        </a>
        <nav aria-label={t("layout.nav.label")}>
          <ul className="flex flex-wrap items-center gap-x-5 gap-y-2 text-base">
            {showOutbox ? (
              <li>
                <a href="/dev/outbox" className="!text-white">
                  {t("layout.nav.outbox")}
                </a>
              </li>
            ) : null}
            {councilSlug && !signedIn ? (
              <li>
                <a href={`${base}/sign-in`} className="!text-white">
                  {t("layout.nav.signIn")}
                </a>
              </li>
            ) : null}
            {councilSlug && signedIn ? (
              <>
                <li>
                  <a href={`${base}/account`} className="!text-white">
                    {t("layout.nav.account")}
                  </a>
                </li>
                <li>
                  <Form method="post" action={`${base}/sign-out`}>
                    <button type="submit" className="cursor-pointer text-white underline">
                      {t("layout.nav.signOut")}
                    </button>
                  </Form>
                </li>
              </>
            ) : null}
            <li>
              <a
                href={`/language?to=${t("layout.language.switchTo") === "Cymraeg" ? "cy" : "en"}&returnTo=${encodeURIComponent(currentPath)}`}
                lang={t("layout.language.switchTo") === "Cymraeg" ? "cy" : "en"}
                hrefLang={t("layout.language.switchTo") === "Cymraeg" ? "cy" : "en"}
                className="!text-white"
              >
                {/* The accessible name starts with the visible word (WCAG 2.5.3 label in name),
                    so speech users can say "Cymraeg"; the rest is for screen readers. */}
                {t("layout.language.switchTo")}
                <span className="sr-only"> – {t("layout.language.switchLabel")}</span>
              </a>
            </li>
          </ul>
        </nav>
      </div>
    </header>
  );
}
