import "server-only";
import { AppError } from "@/server/errors/app-error";
import type { RateLimiter } from "@/server/http/rate-limit";
import { PLANS } from "./plans";
import type { PlanId } from "./plans";

/**
 * The plan's REST budget for a whole tenant (all its keys together): a bucket of a minute's
 * requests refilling evenly over the minute, so request `N + 1` of a burst gets 429 with
 * `Retry-After`. The bucket is keyed by plan, so a plan change applies to the very next request.
 */
export function enforcePlanRateLimit(limiter: RateLimiter, tenant: { tenantId: string; plan: PlanId }): void {
  const plan = PLANS[tenant.plan];
  const perMinute = plan.limits.api_requests_per_minute;
  const decision = limiter.take({ kind: "tenant", id: `${tenant.tenantId}:${plan.id}`, policy: { burst: perMinute, perSecond: perMinute / 60 } });
  if (decision.allowed) return;
  throw new AppError(
    "too_many_requests:plan_rate_limit",
    `The ${plan.name} plan allows ${perMinute} API requests per minute for this workspace. Try again in ${decision.retryAfterSeconds} s, or ask an owner to upgrade on the Billing page.`,
    { retryAfterSeconds: decision.retryAfterSeconds },
  );
}
