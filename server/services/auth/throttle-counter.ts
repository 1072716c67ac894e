import "server-only";
import { sql } from "drizzle-orm";
import { authThrottle } from "@/drizzle/schema";
import type { Tx } from "@/server/db/database";

/**
 * Adds one to a key's count in `auth_throttle`, starting a new window (and dropping any delay)
 * when the window of its first count has passed; returns the count. One upsert, so concurrent
 * attempts are each counted.
 */
export async function countAttempt(tx: Tx, key: string, windowMs: number, now: Date): Promise<number> {
  // Timestamps inside raw SQL go as ISO text: postgres.js cannot serialise a Date there.
  const windowStart = sql`${new Date(now.getTime() - windowMs).toISOString()}::timestamptz`;
  const nowSql = sql`${now.toISOString()}::timestamptz`;
  const stale = sql`${authThrottle.windowStartedAt} < ${windowStart}`;
  const [row] = await tx
    .insert(authThrottle)
    .values({ key, failures: 1, windowStartedAt: now })
    .onConflictDoUpdate({
      target: authThrottle.key,
      set: {
        failures: sql`case when ${stale} then 1 else ${authThrottle.failures} + 1 end`,
        windowStartedAt: sql`case when ${stale} then ${nowSql} else ${authThrottle.windowStartedAt} end`,
        lockedUntil: sql`case when ${stale} then null else ${authThrottle.lockedUntil} end`,
      },
    })
    .returning({ failures: authThrottle.failures });
  return row?.failures ?? 1;
}

/** When a fixed-window count of `max` blocks its key: the end of the window, or null while under the limit. */
export function windowBlockedUntil(row: { failures: number; windowStartedAt: Date }, max: number, windowMs: number, now: Date): Date | null {
  const until = new Date(row.windowStartedAt.getTime() + windowMs);
  return row.failures >= max && until > now ? until : null;
}
