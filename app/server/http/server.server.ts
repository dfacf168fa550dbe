// The HTTP server: static files, health checks, the CSRF check, security headers, request logs,
// then React Router. Services (database, mailer) are created once and passed in through the
// load context, so the route bundle shares this process's single database connection.
import { randomBytes, randomUUID } from "node:crypto";
import http from "node:http";
import { createRequestListener } from "@mjackson/node-fetch-server";
import { createRequestHandler, type AppLoadContext, type ServerBuild } from "react-router";
import type { RequestContext } from "../context.server.ts";
import { pendingMigrations } from "../db/migrations.server.ts";
import type { Services } from "../services.server.ts";
import { SESSION_COOKIE_NAME } from "../accounts/cookies.server.ts";
import { isSameOriginRequest } from "../accounts/csrf.server.ts";
import { resolveAuth } from "./auth.server.ts";
import { securityHeaders } from "./security-headers.server.ts";
import { createStaticFiles } from "./static-files.server.ts";

export interface AppServerOptions {
  services: Services;
  build: ServerBuild;
  clientDir: string;
}

function json(body: unknown, status = 200) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json", "Cache-Control": "no-store" },
  });
}

const FORBIDDEN_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Forbidden</title></head>
<body><main><h1>This form came from another website</h1><p>For your safety we did not accept it.
Go back to the page, refresh it and try again.</p></main></body></html>`;

/**
 * The visitor's address. Each trusted proxy appends the address it received the request from to
 * X-Forwarded-For, so with `hops` proxies the visitor is the `hops`-th entry from the right;
 * anything further left was written by the client and proves nothing.
 */
export function clientAddress(socketAddress: string, forwardedFor: string | null, hops: number): string {
  if (hops === 0 || !forwardedFor) return socketAddress;
  const entries = forwardedFor.split(",").map((e) => e.trim()).filter(Boolean);
  return entries[entries.length - hops] ?? entries[0] ?? socketAddress;
}

export function createAppServer({ services, build, clientDir }: AppServerOptions) {
  const { logger, config, database } = services;
  // Always React Router's production mode: error details never reach the page; they are logged.
  const handleDocument = createRequestHandler(build, "production");
  const serveStatic = createStaticFiles(clientDir);

  async function handle(request: Request, clientAddress: string): Promise<Response> {
    const url = new URL(request.url);
    if (url.pathname === "/healthz") return json({ status: "ok" });
    if (url.pathname === "/readyz") {
      try {
        const pending = await pendingMigrations(database);
        return pending.length
          ? json({ status: "unready", database: "ok", pendingMigrations: pending }, 503)
          : json({ status: "ready", database: "ok", migrations: "applied" });
      } catch {
        return json({ status: "unready", database: "unreachable" }, 503);
      }
    }
    const file = await serveStatic(request);
    if (file) return file;
    if (!isSameOriginRequest(request, config.publicUrl, { allowRequestHost: !config.isProduction })) {
      return new Response(FORBIDDEN_PAGE, { status: 403, headers: { "Content-Type": "text/html; charset=utf-8" } });
    }
    const { auth, setCookie } = await resolveAuth(services, request);
    const context: AppLoadContext = {
      services,
      requestId: randomUUID(),
      nonce: randomBytes(16).toString("base64"),
      clientAddress,
      auth,
    } satisfies RequestContext;
    const response = await handleDocument(request, context);
    const headers = new Headers(response.headers);
    // A slid or dead session's cookie, unless the page itself set one (sign in, sign out).
    if (setCookie && !headers.getSetCookie().some((c) => c.startsWith(`${SESSION_COOKIE_NAME}=`))) headers.append("Set-Cookie", setCookie);
    for (const [name, value] of Object.entries(securityHeaders({ nonce: context.nonce, isProduction: config.isProduction }))) {
      // A page may ask for a stricter referrer policy (an invitation link carries a token).
      if (name === "Referrer-Policy" && headers.has(name)) continue;
      headers.set(name, value);
    }
    // Pages can carry personal data: never stored by shared caches unless a page says otherwise.
    if (!headers.has("Cache-Control")) headers.set("Cache-Control", "private, no-cache");
    headers.set("X-Request-Id", context.requestId);
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  }

  const listener = createRequestListener(
    async (request, client) => {
      const started = performance.now();
      const response = await handle(request, clientAddress(client.address, request.headers.get("X-Forwarded-For"), config.TRUSTED_PROXY_HOPS));
      const url = new URL(request.url);
      if (url.pathname !== "/healthz" && !url.pathname.startsWith("/assets/"))
        logger.info(
          {
            requestId: response.headers.get("X-Request-Id") ?? undefined,
            method: request.method,
            path: url.pathname,
            status: response.status,
            ms: Math.round(performance.now() - started),
          },
          "request",
        );
      return response;
    },
    {
      onError: (error) => {
        logger.error({ err: error }, "unhandled error");
        return new Response("Sorry, there is a problem with the service. Try again later.", {
          status: 500,
          headers: { "Content-Type": "text/plain; charset=utf-8" },
        });
      },
    },
  );
  return http.createServer(listener);
}
