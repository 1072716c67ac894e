import { afterEach, describe, expect, it } from "vitest";
import { markFrontDoorActive } from "./client-address";
import { REQUEST_HOST_HEADER, normalizeHost, requestHost, resolveRequestHost } from "./request-host";

describe("normalizeHost", () => {
  it("lower-cases and drops the port and a trailing dot", () => {
    expect(normalizeHost("Shop.Example.COM:3000")).toBe("shop.example.com");
    expect(normalizeHost("shop.example.com.")).toBe("shop.example.com");
    expect(normalizeHost("localhost:3516")).toBe("localhost");
    expect(normalizeHost("[::1]:3000")).toBe("[::1]");
  });

  it("is undefined for anything that is not a host name", () => {
    for (const bad of ["", "  ", "shop example.com", "evil.com/path", "a..b", "-a.com", "x".repeat(64) + ".com", "ex%61mple.com", "[not-v6]"]) {
      expect(normalizeHost(bad)).toBeUndefined();
    }
    expect(normalizeHost(undefined)).toBeUndefined();
  });
});

describe("resolveRequestHost", () => {
  it("is the Host header when no proxy is trusted, whatever X-Forwarded-Host claims", () => {
    expect(resolveRequestHost("app.example.com", "acme.example.com", 0)).toBe("app.example.com");
    expect(resolveRequestHost("app.example.com", undefined, 0)).toBe("app.example.com");
  });

  it("behind trusted proxies, is X-Forwarded-Host's last value (the one the nearest proxy wrote)", () => {
    expect(resolveRequestHost("10.0.0.2:3000", "shop.acme.com", 1)).toBe("shop.acme.com");
    expect(resolveRequestHost("10.0.0.2:3000", "forged.example, shop.acme.com:443", 1)).toBe("shop.acme.com");
  });

  it("falls back to the Host header when the forwarded one is missing or not a host", () => {
    expect(resolveRequestHost("app.example.com", undefined, 1)).toBe("app.example.com");
    expect(resolveRequestHost("app.example.com", "not a host", 1)).toBe("app.example.com");
  });
});

describe("requestHost", () => {
  afterEach(() => {
    delete (globalThis as Record<symbol, unknown>)[Symbol.for("foresight.front-door")];
  });

  it("without the front door reads the Host header, never a forwarded or front-door header the client wrote", () => {
    const headers = new Headers({ host: "app.example.com", "x-forwarded-host": "acme.example.com", [REQUEST_HOST_HEADER]: "acme.example.com" });
    expect(requestHost(headers)).toBe("app.example.com");
  });

  it("behind the front door reads what it resolved", () => {
    markFrontDoorActive();
    expect(requestHost(new Headers({ host: "10.0.0.2", [REQUEST_HOST_HEADER]: "shop.acme.com" }))).toBe("shop.acme.com");
  });
});
