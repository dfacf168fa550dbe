// HTTP-level protections, checked with Playwright's request client (no browser, so the same in
// both projects): CSRF refusal, security headers with a per-request CSP nonce, health checks,
// and errors that reveal nothing.
import type { APIRequestContext, APIResponse } from "@playwright/test";
import { expect, test } from "../support/test.ts";
import { COUNCIL } from "../support/demo.ts";

const CROSS_SITE = { Origin: "https://evil.example", "Sec-Fetch-Site": "cross-site" };

function sameOrigin(baseURL: string | undefined) {
  return { Origin: new URL(baseURL!).origin };
}

async function outboxMentions(request: APIRequestContext, email: string) {
  return (await (await request.get("/dev/outbox")).text()).includes(email);
}

test.describe("cross-site requests", () => {
  test("a cross-site POST to sign in is refused with 403 and sends no email", async ({ request }, testInfo) => {
    const email = `csrf.${testInfo.project.name}.${Date.now().toString(36)}@example.org`;
    const response = await request.post(`/${COUNCIL}/sign-in`, { form: { email }, headers: CROSS_SITE, maxRedirects: 0 });
    expect(response.status()).toBe(403);
    expect(response.headers()["content-type"]).toContain("text/html");
    expect(await response.text()).toContain("This form came from another website");
    expect(await outboxMentions(request, email)).toBe(false);
  });

  test("POSTs without a same-origin signal are refused too", async ({ request }, testInfo) => {
    const email = `csrf2.${testInfo.project.name}.${Date.now().toString(36)}@example.org`;
    const cases: Record<string, Record<string, string>> = {
      "a foreign Origin without Fetch Metadata": { Origin: "https://evil.example" },
      "a sibling site": { Origin: "https://other.example", "Sec-Fetch-Site": "same-site" },
      "Origin: null": { Origin: "null" },
      "no Origin and no Sec-Fetch-Site": {},
    };
    for (const [label, headers] of Object.entries(cases)) {
      const response = await request.post(`/${COUNCIL}/sign-in`, { form: { email }, headers, maxRedirects: 0 });
      expect(response.status(), label).toBe(403);
    }
    // Sign-out is a state change as well.
    const signOut = await request.post(`/${COUNCIL}/sign-out`, { headers: CROSS_SITE, maxRedirects: 0 });
    expect(signOut.status()).toBe(403);
    expect(await outboxMentions(request, email)).toBe(false);
  });

  test("the same POST from the site itself is accepted", async ({ request, baseURL }, testInfo) => {
    const email = `same-origin.${testInfo.project.name}.${Date.now().toString(36)}@example.org`;
    const response = await request.post(`/${COUNCIL}/sign-in`, { form: { email }, headers: sameOrigin(baseURL), maxRedirects: 0 });
    expect(response.status()).toBe(302);
    expect(response.headers()["location"]).toBe(`/${COUNCIL}/sign-in/code?email=${encodeURIComponent(email)}`);
    expect(await outboxMentions(request, email)).toBe(true);
  });
});

function expectSecurityHeaders(response: APIResponse, label: string) {
  const headers = response.headers();
  const csp = headers["content-security-policy"] ?? "";
  const nonce = /script-src 'self' 'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1];
  expect(nonce, `${label}: CSP script-src has a nonce`).toBeTruthy();
  expect(csp, label).toContain(`style-src 'self' 'nonce-${nonce}'`);
  expect(csp, label).toContain("default-src 'self'");
  expect(csp, label).toContain("frame-ancestors 'none'");
  expect(csp, label).toContain("object-src 'none'");
  expect(csp, label).toContain("base-uri 'none'");
  expect(csp, label).toContain("form-action 'self'");
  expect(csp, label).not.toContain("unsafe-inline");
  expect(csp, label).not.toContain("unsafe-eval");
  expect(headers["x-frame-options"], label).toBe("DENY");
  expect(headers["x-content-type-options"], label).toBe("nosniff");
  expect(headers["referrer-policy"], label).toMatch(/^(strict-origin-when-cross-origin|no-referrer|same-origin|strict-origin)$/);
  expect(headers["cross-origin-opener-policy"], label).toBe("same-origin");
  return nonce!;
}

test("pages carry the security headers, with a fresh CSP nonce on every script", async ({ request }) => {
  const nonces = new Set<string>();
  for (const path of ["/", `/${COUNCIL}`, `/${COUNCIL}/sign-in`, `/${COUNCIL}/staff/sign-in`, "/data-sources", "/no-such-page", "/invitations/not-a-token"]) {
    const response = await request.get(path);
    expect(response.status(), path).toBeLessThan(500);
    const nonce = expectSecurityHeaders(response, path);
    nonces.add(nonce);
    // Every script and inline style element carries this response's nonce; no inline handlers.
    const html = await response.text();
    const tags = html.match(/<(script|style)\b[^>]*>/g) ?? [];
    expect(tags.length, path).toBeGreaterThan(0);
    for (const tag of tags) expect(tag, `${path}: ${tag}`).toContain(`nonce="${nonce}"`);
    expect(html, path).not.toMatch(/\son[a-z]+="/);
  }
  expect(nonces.size, "a new nonce per response").toBe(7);
});

test("the invitation page is not cached and does not send its token to other sites", async ({ request }) => {
  const response = await request.get("/invitations/not-a-real-token");
  expect(response.headers()["cache-control"]).toContain("no-store");
  expect(response.headers()["referrer-policy"]).toBe("same-origin");
});

test("pages are kept out of shared caches", async ({ request }) => {
  const response = await request.get("/trafford");
  expect(response.headers()["cache-control"]).toBe("private, no-cache");
});

test("/healthz and /readyz answer JSON", async ({ request }) => {
  const health = await request.get("/healthz");
  expect(health.status()).toBe(200);
  expect(health.headers()["content-type"]).toContain("application/json");
  expect(health.headers()["cache-control"]).toContain("no-store");
  expect(await health.json()).toEqual({ status: "ok" });

  const ready = await request.get("/readyz");
  expect(ready.status()).toBe(200);
  expect(ready.headers()["content-type"]).toContain("application/json");
  expect(await ready.json()).toMatchObject({ status: "ready", database: "ok" });
});

function expectNoInternals(body: string, label: string) {
  expect(body, label).not.toMatch(/\n\s+at [\w.<>]+ \(|node_modules|\.server\.ts|\.tsx?:\d+|ErrnoException|PrismaClient|stack/i);
}

test("an unknown URL is a 404 page without a stack trace", async ({ request }) => {
  for (const path of ["/no-such-page", `/${COUNCIL}/no-such-page`, "/no-such-council", `/${COUNCIL}/officer/frameworks/no-such-version/x`]) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(404);
    expect(response.headers()["content-type"], path).toContain("text/html");
    const body = await response.text();
    expect(body, path).toContain("<h1>Page not found</h1>");
    expectNoInternals(body, path);
  }
});

test("a POST with a malformed body gets a 4xx, never a 500", async ({ request, baseURL }) => {
  const bodies: Record<string, { contentType: string; data: string }> = {
    "multipart without a boundary": { contentType: "multipart/form-data", data: "garbage" },
    "multipart with a broken body": { contentType: "multipart/form-data; boundary=zzz", data: "--zzz\r\nContent-Disposition: form-data\r\n\r\nno end" },
    "JSON that does not parse": { contentType: "application/json", data: "{not json" },
    "plain text": { contentType: "text/plain", data: "email=a@example.org" },
  };
  for (const path of [`/${COUNCIL}/sign-in`, `/${COUNCIL}/sign-in/code`, `/${COUNCIL}/staff/sign-in`, "/invitations/not-a-token", `/${COUNCIL}/staff/two-factor`]) {
    for (const [label, { contentType, data }] of Object.entries(bodies)) {
      const response = await request.post(path, {
        headers: { ...sameOrigin(baseURL), "Content-Type": contentType },
        data,
        maxRedirects: 0,
      });
      const what = `${label} → ${path}`;
      // 400 where the form is read; a redirect where the page first needs a session.
      expect(response.status(), what).toBeGreaterThanOrEqual(300);
      expect(response.status(), what).toBeLessThan(500);
      expectNoInternals(await response.text(), what);
    }
  }
  // A form body with invalid percent-encoding is answered, not crashed on.
  const odd = await request.post(`/${COUNCIL}/sign-in`, {
    headers: { ...sameOrigin(baseURL), "Content-Type": "application/x-www-form-urlencoded" },
    data: "email=%E0%A4%A",
    maxRedirects: 0,
  });
  expect(odd.status()).toBeLessThan(500);
});
