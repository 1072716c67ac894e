import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, securityHeaders } from "./security-headers";

describe("security headers", () => {
  it("production: nonce for scripts and style elements, no eval, nothing framing us", () => {
    const csp = contentSecurityPolicy({ nonce: "abc", https: false, dev: false });
    expect(csp).toContain("script-src 'self' 'nonce-abc' 'strict-dynamic'");
    expect(csp).toContain("style-src 'self' 'nonce-abc'");
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).not.toContain("upgrade-insecure-requests");
    expect(csp).toContain("frame-ancestors 'none'");
  });

  it("development: eval and inline styles for React's and Next.js's dev tooling", () => {
    const csp = contentSecurityPolicy({ nonce: "abc", https: false, dev: true });
    expect(csp).toContain("'strict-dynamic' 'unsafe-eval'");
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
  });

  it("HSTS and upgrade-insecure-requests only over https", () => {
    expect(securityHeaders({ https: false }).map(([name]) => name)).not.toContain("strict-transport-security");
    expect(Object.fromEntries(securityHeaders({ https: true }))["strict-transport-security"]).toBe("max-age=31536000; includeSubDomains");
    expect(contentSecurityPolicy({ nonce: "n", https: true, dev: false })).toContain("upgrade-insecure-requests");
  });
});
