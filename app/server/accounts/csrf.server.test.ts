import { describe, expect, it } from "vitest";
import { isSameOriginRequest } from "./csrf.server.ts";

const publicUrl = "https://have-your-say.trafford.gov.uk";

function post(headers: Record<string, string>, url = `${publicUrl}/sign-in`, method = "POST") {
  return new Request(url, { method, headers });
}

describe("isSameOriginRequest", () => {
  it("lets GET and HEAD through whatever their headers", () => {
    expect(isSameOriginRequest(new Request(publicUrl, { headers: { "Sec-Fetch-Site": "cross-site" } }), publicUrl)).toBe(true);
    expect(isSameOriginRequest(new Request(publicUrl, { method: "HEAD" }), publicUrl)).toBe(true);
  });

  it.each(["POST", "PUT", "PATCH", "DELETE", "OPTIONS"])("checks %s", (method) => {
    expect(isSameOriginRequest(post({}, undefined, method), publicUrl)).toBe(false);
  });

  it("trusts Sec-Fetch-Site when present", () => {
    expect(isSameOriginRequest(post({ "Sec-Fetch-Site": "same-origin" }), publicUrl)).toBe(true);
    expect(isSameOriginRequest(post({ "Sec-Fetch-Site": "none" }), publicUrl)).toBe(true);
    expect(isSameOriginRequest(post({ "Sec-Fetch-Site": "same-site" }), publicUrl)).toBe(false);
    expect(isSameOriginRequest(post({ "Sec-Fetch-Site": "cross-site" }), publicUrl)).toBe(false);
  });

  it("does not let a matching Origin override a cross-site Sec-Fetch-Site", () => {
    expect(isSameOriginRequest(post({ "Sec-Fetch-Site": "cross-site", Origin: publicUrl }), publicUrl)).toBe(false);
  });

  it("falls back to the Origin header", () => {
    expect(isSameOriginRequest(post({ Origin: publicUrl }), publicUrl)).toBe(true);
    expect(isSameOriginRequest(post({ Origin: "https://evil.example" }), publicUrl)).toBe(false);
    expect(isSameOriginRequest(post({ Origin: "http://have-your-say.trafford.gov.uk" }), publicUrl)).toBe(false);
    expect(isSameOriginRequest(post({ Origin: "https://have-your-say.trafford.gov.uk.evil.example" }), publicUrl)).toBe(false);
    expect(isSameOriginRequest(post({ Origin: "null" }), publicUrl)).toBe(false);
  });

  it("refuses a POST with neither header", () => {
    expect(isSameOriginRequest(post({}), publicUrl)).toBe(false);
  });

  it("accepts the request's own host only when allowed (development)", () => {
    const request = post({ Origin: "http://127.0.0.1:5173", Host: "127.0.0.1:5173" }, "http://127.0.0.1:5173/sign-in");
    expect(isSameOriginRequest(request, "http://localhost:3000")).toBe(false);
    expect(isSameOriginRequest(request, "http://localhost:3000", { allowRequestHost: true })).toBe(true);
    const forged = post({ Origin: "http://evil.example" }, "http://127.0.0.1:5173/sign-in");
    expect(isSameOriginRequest(forged, "http://localhost:3000", { allowRequestHost: true })).toBe(false);
  });
});
