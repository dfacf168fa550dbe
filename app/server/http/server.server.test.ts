// Whose address counts for sign-in rate limits: the socket's, unless trusted proxies say otherwise.
import { describe, expect, it } from "vitest";
import { clientAddress } from "./server.server.ts";

describe("clientAddress", () => {
  it("ignores X-Forwarded-For unless proxies are trusted: anyone can send it", () => {
    expect(clientAddress("203.0.113.9", "198.51.100.1", 0)).toBe("203.0.113.9");
  });

  it("takes the entry the trusted proxy wrote, not what the client put before it", () => {
    // The client sent "1.2.3.4"; the load balancer appended the address it saw.
    expect(clientAddress("10.0.0.2", "1.2.3.4, 198.51.100.7", 1)).toBe("198.51.100.7");
    expect(clientAddress("10.0.0.3", "1.2.3.4, 198.51.100.7, 10.0.0.2", 2)).toBe("198.51.100.7");
  });

  it("falls back to the socket when no header came", () => {
    expect(clientAddress("10.0.0.2", null, 1)).toBe("10.0.0.2");
  });
});
