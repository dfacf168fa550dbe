import { useT } from "../i18n.tsx";

export function Footer({ councilSlug }: { councilSlug: string | null }) {
  const t = useT();
  const base = councilSlug ? `/${councilSlug}` : "";
  return (
    <footer className="mt-16 border-t-4 border-[var(--brand)] bg-[#f3f2f1] py-8 text-base" role="contentinfo">
      <div className="mx-auto max-w-5xl px-4 sm:px-8">
        <h2 className="sr-only">{t("layout.footer.supportLinks")}</h2>
        <ul className="mb-6 flex flex-wrap gap-x-6 gap-y-2">
          {/* Statements belong to a council: outside one, "/accessibility" would be a 404. */}
          {councilSlug ? (
            <>
              <li>
                <a href={`${base}/accessibility`} className="!text-ink">
                  {t("layout.footer.accessibility")}
                </a>
              </li>
              <li>
                <a href={`${base}/privacy`} className="!text-ink">
                  {t("layout.footer.privacy")}
                </a>
              </li>
            </>
          ) : null}
          <li>
            <a href="/data-sources" className="!text-ink">
              {t("layout.footer.dataSources")}
            </a>
          </li>
        </ul>
        <p className="m-0 text-secondary">{t("layout.footer.licence")}</p>
      </div>
    </footer>
  );
}
