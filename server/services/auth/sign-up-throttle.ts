import "server-only";
import { eq } from "drizzle-orm";
import { authThrottle } from "@/drizzle/schema";
import type { Tx } from "@/server/db/database";
import { AppError } from "@/server/errors/app-error";
import { countAttempt, windowBlockedUntil } from "./throttle-counter";

/** Sign-up attempts per address (each creates a tenant, or probes whether an email has an account). */
export const SIGN_UP_LIMIT = { windowMs: 60 * 60_000, maxPerAddress: 10 } as const;

/**
 * Counts a sign-up attempt from `ip`, or refuses it with a 429 naming the address as what is
 * limited. Runs in its own transaction before the sign-up, so a failed sign-up still counts.
 */
export async function admitSignUp(tx: Tx, ip: string, now = new Date()): Promise<void> {
  const key = `signup:${ip}`;
  const [row] = await tx.select().from(authThrottle).where(eq(authThrottle.key, key));
  const until = row ? windowBlockedUntil(row, SIGN_UP_LIMIT.maxPerAddress, SIGN_UP_LIMIT.windowMs, now) : null;
  if (until) {
    const retryAfterSeconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
    throw new AppError(
      "too_many_requests:sign_up",
      `Too many sign-ups from your address (${SIGN_UP_LIMIT.maxPerAddress} an hour). Try again in ${Math.ceil(retryAfterSeconds / 60)} minutes.`,
      { retryAfterSeconds },
    );
  }
  await countAttempt(tx, key, SIGN_UP_LIMIT.windowMs, now);
}
