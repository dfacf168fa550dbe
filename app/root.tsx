import {
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useRouteError,
  useRouteLoaderData,
} from "react-router";
import type { Route } from "./+types/root";
import { Footer } from "./components/layout/footer.tsx";
import { Header } from "./components/layout/header.tsx";
import { LocaleProvider, useT } from "./components/i18n.tsx";
import { PhaseBanner } from "./components/ui/panels.tsx";
import { findCouncil, getLocale } from "./server/http/request.server.ts";
import "./app.css";

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { services } = context;
  const council = await findCouncil(services, params.council);
  const actor = context.auth.actor;
  const locale = getLocale(request);
  return {
    locale,
    nonce: context.nonce,
    council: council && {
      slug: council.slug,
      name: locale === "cy" && council.nameCy ? council.nameCy : council.name,
      brandColour: council.brandColour,
    },
    viewer: actor && { email: actor.account.email, isStaff: actor.session.isStaff },
    showOutbox: services.mailer.kind === "outbox",
  };
}

type RootData = Awaited<ReturnType<typeof loader>>;

// Only a known hex colour reaches the style element, so council data cannot inject CSS.
function brandStyle(colour: string | undefined) {
  const safe = colour && /^#[0-9a-fA-F]{6}$/.test(colour) ? colour : "#1d4f5c";
  return `:root{--brand:${safe}}`;
}

export function Layout({ children }: { children: React.ReactNode }) {
  const root = useRouteLoaderData("root") as RootData | undefined;
  const location = useLocation();
  const locale = root?.locale ?? "en";
  return (
    <html lang={locale} className="h-full">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="theme-color" content="#0b0c0c" />
        <Meta />
        <Links />
        <style nonce={root?.nonce}>{brandStyle(root?.council?.brandColour)}</style>
      </head>
      <body className="flex min-h-full flex-col">
        <LocaleProvider locale={locale}>
          <SkipLink />
          <Header
            councilName={root?.council?.name ?? null}
            councilSlug={root?.council?.slug ?? null}
            signedIn={Boolean(root?.viewer)}
            showOutbox={Boolean(root?.showOutbox)}
            currentPath={location.pathname + location.search}
          />
          <div className="mx-auto w-full max-w-5xl flex-1 px-4 sm:px-8">
            <Banner />
            <main id="main-content" tabIndex={-1} className="pt-8 pb-4 focus:outline-none">
              {children}
            </main>
          </div>
          <Footer councilSlug={root?.council?.slug ?? null} />
        </LocaleProvider>
        <ScrollRestoration nonce={root?.nonce} />
        <Scripts nonce={root?.nonce} />
      </body>
    </html>
  );
}

function SkipLink() {
  const t = useT();
  return (
    <a
      href="#main-content"
      className="sr-only block bg-focus p-3 !text-ink focus:not-sr-only focus:static"
    >
      {t("layout.skipLink")}
    </a>
  );
}

function Banner() {
  const t = useT();
  return <PhaseBanner tag={t("layout.phaseBanner.tag")}>{t("layout.phaseBanner.text")}</PhaseBanner>;
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  const t = useT();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const [title, body] =
    status === 404
      ? [t("error.notFound.title"), t("error.notFound.body")]
      : status === 403
        ? [t("error.forbidden.title"), t("error.forbidden.body")]
        : status >= 400 && status < 500
          ? // 400, 405 (no such form on this page), 413 (too large) …: the request, not the service.
            [t("error.badRequest.title"), t("error.badRequest.body")]
          : [t("error.server.title"), t("error.server.body")];
  return (
    <>
      <title>{`${title} – Commonweal`}</title>
      <h1>{title}</h1>
      <p>{body}</p>
      <p>
        <a href="/">{t("error.home")}</a>
      </p>
    </>
  );
}
