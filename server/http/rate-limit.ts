import { AppError } from "@/server/errors/app-error";

/**
 * Request budgets per caller: a token bucket per signed-in user (tRPC) and per API key (REST).
 * Each call takes a token; a bucket holds `burst` tokens and refills `perSecond`. Buckets live in
 * this process's memory: several processes each keep their own, so the effective budget is per
 * process (see the README). Plan-specific budgets plug in through `policyFor`.
 */
export type RateSubject = {
  kind: "user" | "api_key" | "tenant";
  id: string;
  tenantId?: string;
  /** This subject's own budget (a plan's), instead of the limiter's `policyFor`. */
  policy?: BucketPolicy;
};
export type BucketPolicy = { burst: number; perSecond: number };
export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number; policy: BucketPolicy };

export interface RateLimiter {
  /** Takes `cost` tokens from the subject's bucket, or says how long until it could. */
  take(subject: RateSubject, cost?: number): RateDecision;
}

/** Every API key's budget (REST callers are scripts: a plan's tenant-wide budget applies too). */
export const DEFAULT_BUCKET: BucketPolicy = { burst: 60, perSecond: 2 };
/**
 * A signed-in user's budget for the app's own tRPC calls. One page load makes 5–15 calls, so a
 * person clicking through ten pages in twenty seconds must stay well inside it; a runaway script
 * with a session cookie still meets 429 within seconds.
 */
export const USER_BUCKET: BucketPolicy = { burst: 240, perSecond: 4 };

const defaultPolicy = (subject: RateSubject): BucketPolicy => (subject.kind === "user" ? USER_BUCKET : DEFAULT_BUCKET);

type Bucket = { tokens: number; at: number; policy: BucketPolicy };

export function createTokenBucketLimiter(
  options: { policyFor?: (subject: RateSubject) => BucketPolicy; now?: () => number; maxBuckets?: number } = {},
): RateLimiter {
  const policyFor = options.policyFor ?? defaultPolicy;
  const now = options.now ?? Date.now;
  const maxBuckets = options.maxBuckets ?? 50_000;
  const buckets = new Map<string, Bucket>();

  const level = (bucket: Bucket, t: number) => Math.min(bucket.policy.burst, bucket.tokens + ((t - bucket.at) / 1000) * bucket.policy.perSecond);

  // Full buckets carry no information: forgetting them bounds memory without changing any decision.
  const forgetFull = (t: number) => {
    for (const [key, bucket] of buckets) if (level(bucket, t) >= bucket.policy.burst) buckets.delete(key);
  };

  return {
    take(subject, cost = 1) {
      const policy = subject.policy ?? policyFor(subject);
      const t = now();
      const key = `${subject.kind}:${subject.id}`;
      const tokens = level({ tokens: policy.burst, at: t, ...buckets.get(key), policy }, t);
      if (tokens < cost) {
        buckets.set(key, { tokens, at: t, policy });
        return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((cost - tokens) / policy.perSecond)), policy };
      }
      buckets.set(key, { tokens: tokens - cost, at: t, policy });
      if (buckets.size > maxBuckets) forgetFull(t);
      return { allowed: true };
    },
  };
}

const SHARED = Symbol.for("foresight.rate-limiter");
type WithLimiter = typeof globalThis & { [SHARED]?: RateLimiter };

/** The process's limiter, one for all route bundles (Next.js may load this module once per route). */
export function requestRateLimiter(): RateLimiter {
  const g = globalThis as WithLimiter;
  return (g[SHARED] ??= createTokenBucketLimiter());
}

/** Takes a token for the subject, or throws a 429 `AppError` carrying `Retry-After`. */
export function enforceRateLimit(limiter: RateLimiter, subject: RateSubject, cost = 1): void {
  const decision = limiter.take(subject, cost);
  if (decision.allowed) return;
  const who = subject.kind === "user" ? "your account" : subject.kind === "tenant" ? "this workspace" : "this API key";
  const { burst, perSecond } = decision.policy;
  throw new AppError(
    "too_many_requests:rate_limit",
    `Too many requests for ${who}: up to ${burst} at once, then ${perSecond} per second. Try again in ${decision.retryAfterSeconds} s.`,
    { retryAfterSeconds: decision.retryAfterSeconds },
  );
}
