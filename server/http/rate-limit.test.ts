import { describe, expect, it } from "vitest";
import { AppError } from "@/server/errors/app-error";
import { DEFAULT_BUCKET, USER_BUCKET, createTokenBucketLimiter, enforceRateLimit } from "./rate-limit";

describe("token-bucket rate limiter", () => {
  const clock = (start = 0) => {
    let t = start;
    return { now: () => t, advance: (ms: number) => (t += ms) };
  };

  it("allows a burst, then refills at the steady rate, per subject", () => {
    const time = clock();
    const limiter = createTokenBucketLimiter({ now: time.now, policyFor: () => ({ burst: 3, perSecond: 2 }) });
    const alice = { kind: "user", id: "alice" } as const;
    for (let i = 0; i < 3; i++) expect(limiter.take(alice)).toEqual({ allowed: true });
    expect(limiter.take(alice)).toMatchObject({ allowed: false, retryAfterSeconds: 1 });
    // Another user, and an API key with the same id, have their own buckets.
    expect(limiter.take({ kind: "user", id: "bob" }).allowed).toBe(true);
    expect(limiter.take({ kind: "api_key", id: "alice" }).allowed).toBe(true);
    time.advance(500);
    expect(limiter.take(alice).allowed).toBe(true);
    expect(limiter.take(alice).allowed).toBe(false);
    time.advance(10_000);
    for (let i = 0; i < 3; i++) expect(limiter.take(alice).allowed).toBe(true);
    expect(limiter.take(alice).allowed).toBe(false);
  });

  it("takes the policy per subject, so plans can set their own", () => {
    const limiter = createTokenBucketLimiter({ now: () => 0, policyFor: (s) => (s.tenantId === "big" ? { burst: 5, perSecond: 1 } : { burst: 1, perSecond: 1 }) });
    expect([1, 2, 3].map(() => limiter.take({ kind: "api_key", id: "k1", tenantId: "big" }).allowed)).toEqual([true, true, true]);
    expect([1, 2].map(() => limiter.take({ kind: "api_key", id: "k2", tenantId: "small" }).allowed)).toEqual([true, false]);
  });

  it("forgets full buckets beyond its size bound without changing decisions", () => {
    const time = clock();
    const limiter = createTokenBucketLimiter({ now: time.now, maxBuckets: 10, policyFor: () => ({ burst: 2, perSecond: 1 }) });
    limiter.take({ kind: "user", id: "busy" });
    limiter.take({ kind: "user", id: "busy" });
    for (let i = 0; i < 20; i++) limiter.take({ kind: "user", id: `u${i}` });
    // "busy" was still empty when the others pruned the map, so it is still limited.
    expect(limiter.take({ kind: "user", id: "busy" }).allowed).toBe(false);
  });

  it("answers a spent budget with a 429 AppError naming the budget and the wait", () => {
    const limiter = createTokenBucketLimiter({ now: () => 0 });
    const key = { kind: "api_key", id: "k" } as const;
    for (let i = 0; i < DEFAULT_BUCKET.burst; i++) enforceRateLimit(limiter, key);
    let thrown: unknown;
    try {
      enforceRateLimit(limiter, key);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AppError);
    expect(thrown).toMatchObject({ status: 429, code: "too_many_requests:rate_limit", retryAfterSeconds: 1 });
    expect((thrown as AppError).message).toContain("this API key: up to 60 at once, then 2 per second");
  });

  it("gives a signed-in user a page-browsing budget and an API key the script budget", () => {
    const limiter = createTokenBucketLimiter({ now: () => 0 });
    const take = (subject: { kind: "user" | "api_key"; id: string }, n: number) => Array.from({ length: n }, () => limiter.take(subject).allowed).filter(Boolean).length;
    // Ten pages of up to fifteen calls each, all at once, fit a user's budget; an API key's does not.
    expect(USER_BUCKET.burst).toBeGreaterThanOrEqual(150);
    expect(take({ kind: "user", id: "browser" }, USER_BUCKET.burst + 10)).toBe(USER_BUCKET.burst);
    expect(take({ kind: "api_key", id: "script" }, USER_BUCKET.burst)).toBe(DEFAULT_BUCKET.burst);
  });
});
