import "server-only";
import { eq, inArray, sql } from "drizzle-orm";
import { authThrottle } from "@/drizzle/schema";
import type { Tx } from "@/server/db/database";

/** Per-account and per-IP limits on failed sign-ins within a sliding window. */
export const THROTTLE = {
  windowMs: 15 * 60_000,
  lockMs: 15 * 60_000,
  maxFailuresPerEmail: 5,
  maxFailuresPerIp: 30,
} as const;

const keysFor = (email: string, ip: string | undefined) => ({
  email: `email:${email}`,
  ip: ip ? `ip:${ip}` : undefined,
});

/** Returns when the earliest lock on this email or IP ends, or null when sign-in may proceed. */
export async function lockedUntil(tx: Tx, email: string, ip: string | undefined, now = new Date()): Promise<Date | null> {
  const keys = keysFor(email, ip);
  const rows = await tx
    .select({ lockedUntil: authThrottle.lockedUntil })
    .from(authThrottle)
    .where(inArray(authThrottle.key, [keys.email, ...(keys.ip ? [keys.ip] : [])]));
  const active = rows.map((r) => r.lockedUntil).filter((d): d is Date => d !== null && d > now);
  return active.length ? new Date(Math.max(...active.map((d) => d.getTime()))) : null;
}

/** Counts one failure against the email and the IP, locking whichever crosses its limit. */
export async function recordFailure(tx: Tx, email: string, ip: string | undefined, now = new Date()): Promise<void> {
  const keys = keysFor(email, ip);
  const targets: [string, number][] = [[keys.email, THROTTLE.maxFailuresPerEmail]];
  if (keys.ip) targets.push([keys.ip, THROTTLE.maxFailuresPerIp]);
  // Timestamps inside raw SQL go as ISO text: postgres.js cannot serialise a Date there.
  const windowStart = sql`${new Date(now.getTime() - THROTTLE.windowMs).toISOString()}::timestamptz`;
  const nowSql = sql`${now.toISOString()}::timestamptz`;
  for (const [key, max] of targets) {
    // A failure outside the window starts a new count; reaching `max` sets the lock.
    await tx
      .insert(authThrottle)
      .values({ key, failures: 1, windowStartedAt: now })
      .onConflictDoUpdate({
        target: authThrottle.key,
        set: {
          failures: sql`case when ${authThrottle.windowStartedAt} < ${windowStart} then 1 else ${authThrottle.failures} + 1 end`,
          windowStartedAt: sql`case when ${authThrottle.windowStartedAt} < ${windowStart} then ${nowSql} else ${authThrottle.windowStartedAt} end`,
        },
      });
    await tx
      .update(authThrottle)
      .set({ lockedUntil: new Date(now.getTime() + THROTTLE.lockMs), failures: 0, windowStartedAt: now })
      .where(sql`${authThrottle.key} = ${key} and ${authThrottle.failures} >= ${max}`);
  }
}

export async function clearFailures(tx: Tx, email: string): Promise<void> {
  await tx.delete(authThrottle).where(eq(authThrottle.key, keysFor(email, undefined).email));
}
