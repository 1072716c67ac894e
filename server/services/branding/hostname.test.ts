import { describe, expect, it } from "vitest";
import { couldBeCustomDomain, customHostnameSchema, hostnameProblem } from "./hostname";

describe("custom domain hostnames", () => {
  it("accepts fully qualified names, stored lower-case, without a trailing dot, Unicode as punycode", () => {
    expect(customHostnameSchema.parse("Forecasts.Example.COM.")).toBe("forecasts.example.com");
    expect(customHostnameSchema.parse("  shop.acme.co.uk ")).toBe("shop.acme.co.uk");
    expect(customHostnameSchema.parse("bücher.example")).toBe("xn--bcher-kva.example");
  });

  it.each([
    ["https://shop.example.com", /without https:\/\//],
    ["shop.example.com/login", /without https:\/\/, a path/],
    ["shop.example.com:8443", /without a port/],
    ["*.example.com", /Wildcard/],
    ["203.0.113.7", /IP address/],
    ["[2001:db8::1]", /IP address/],
    ["localhost", /fully qualified/],
    ["intranet", /fully qualified/],
    ["shop.localhost", /never resolve/],
    ["-shop.example.com", /"-shop" is not a valid part/],
    ["shop_1.example.com", /"shop_1" is not a valid part/],
    ["a..example.com", /"\(empty\)" is not a valid part/],
    [`${"a".repeat(64)}.example.com`, /1–63 characters/],
    ["shop.example.c", /not a top-level domain/],
    ["shop.example.123", /not a valid hostname/],
    [`${"abcdefghij.".repeat(25)}com`, /at most 253/],
    ["", /./],
  ])("refuses %j with a message saying why", (value, message) => {
    expect(hostnameProblem(value)).toMatch(message);
    expect(customHostnameSchema.safeParse(value).success).toBe(false);
  });

  it("knows which request hosts can never be a tenant's domain", () => {
    expect(couldBeCustomDomain("localhost")).toBe(false);
    expect(couldBeCustomDomain("127.0.0.1")).toBe(false);
    expect(couldBeCustomDomain("[::1]")).toBe(false);
    expect(couldBeCustomDomain("shop.acme.test")).toBe(true);
  });
});
