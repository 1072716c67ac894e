import { describe, expect, it } from "vitest";
import { normalizeAddress, resolveClientAddress } from "./client-address";

describe("resolveClientAddress", () => {
  it("is the socket's peer when no proxy is trusted, whatever X-Forwarded-For claims", () => {
    expect(resolveClientAddress("::ffff:203.0.113.7", undefined, 0)).toBe("203.0.113.7");
    expect(resolveClientAddress("203.0.113.7", "198.51.100.1", 0)).toBe("203.0.113.7");
    expect(resolveClientAddress("2001:DB8::1", "198.51.100.1, 10.0.0.1", 0)).toBe("2001:db8::1");
  });

  it("takes the hop as many from the right as there are trusted proxies", () => {
    // The client forged the first hop; the one proxy appended the address it saw.
    expect(resolveClientAddress("10.0.0.2", "6.6.6.6, 198.51.100.1", 1)).toBe("198.51.100.1");
    // Two proxies: the outer one saw the client, the inner one saw the outer proxy.
    expect(resolveClientAddress("10.0.0.3", "6.6.6.6, 198.51.100.1, 10.0.0.2", 2)).toBe("198.51.100.1");
  });

  it("falls back to the leftmost hop when fewer proxies were passed, and to the peer without a header", () => {
    expect(resolveClientAddress("10.0.0.2", "198.51.100.1", 3)).toBe("198.51.100.1");
    expect(resolveClientAddress("10.0.0.2", undefined, 1)).toBe("10.0.0.2");
  });

  it("never returns what is not an IP address", () => {
    expect(resolveClientAddress("10.0.0.2", "not-an-ip", 1)).toBe("10.0.0.2");
    expect(resolveClientAddress(undefined, undefined, 0)).toBeUndefined();
  });
});

describe("normalizeAddress", () => {
  it("strips ports, brackets and the IPv4-mapped prefix", () => {
    expect(normalizeAddress("198.51.100.1:4711")).toBe("198.51.100.1");
    expect(normalizeAddress("[2001:db8::1]:443")).toBe("2001:db8::1");
    expect(normalizeAddress(" ::ffff:192.0.2.1 ")).toBe("192.0.2.1");
    expect(normalizeAddress("::1")).toBe("::1");
    expect(normalizeAddress("999.1.1.1")).toBeUndefined();
    expect(normalizeAddress("")).toBeUndefined();
  });
});
