import "server-only";
import { eq, inArray, sql } from "drizzle-orm";
import { authThrottle } from "@/drizzle/schema";
import type { AuthThrottle } from "@/drizzle/schema";
import type { Tx } from "@/server/db/database";
import { countAttempt, windowBlockedUntil } from "./throttle-counter";

const MINUTE = 60_000;

/**
 * Sign-in attempts are counted three ways, each in a fixed window from its first failure:
 * - per account and address: after `freeFailures` each failure makes that pair wait, doubling from
 *   `firstDelayMs` up to `maxDelayMs`. Someone guessing from one address slows down; the owner at
 *   another address is not affected, so a lockout cannot be used as a weapon from one address.
 * - per address, across accounts (password spraying): blocked for the rest of the window.
 * - per account, across addresses: only at a much higher count, against a distributed attack.
 */
export const THROTTLE = {
  pair: { windowMs: 60 * MINUTE, freeFailures: 5, firstDelayMs: 30_000, maxDelayMs: 15 * MINUTE },
  address: { windowMs: 15 * MINUTE, maxFailures: 30 },
  account: { windowMs: 60 * MINUTE, maxFailures: 100 },
} as const;

/** What is throttled, so the message can say so. */
export type ThrottleScope = "account_address" | "address" | "account";
export type Admission = { admitted: true } | { admitted: false; scope: ThrottleScope; until: Date };

type Keys = { pair: string; address?: string; account: string };

// An unknown address (the app not behind its front door) still gets the per-account delays.
const keysFor = (email: string, ip: string | undefined): Keys => ({
  pair: `pair:${email}|${ip ?? "unknown"}`,
  address: ip ? `ip:${ip}` : undefined,
  account: `email:${email}`,
});

const WINDOW_MS = { pair: THROTTLE.pair.windowMs, address: THROTTLE.address.windowMs, account: THROTTLE.account.windowMs };

/** The delay the pair must wait after its n-th failure in the window. */
export function pairDelayMs(failures: number): number {
  const over = failures - THROTTLE.pair.freeFailures;
  return over < 0 ? 0 : Math.min(THROTTLE.pair.firstDelayMs * 2 ** over, THROTTLE.pair.maxDelayMs);
}

function blockOf(row: AuthThrottle, keys: Keys, now: Date): { scope: ThrottleScope; until: Date } | null {
  if (row.key === keys.pair) return row.lockedUntil && row.lockedUntil > now ? { scope: "account_address", until: row.lockedUntil } : null;
  const [scope, max, windowMs] =
    row.key === keys.address
      ? (["address", THROTTLE.address.maxFailures, WINDOW_MS.address] as const)
      : (["account", THROTTLE.account.maxFailures, WINDOW_MS.account] as const);
  const until = windowBlockedUntil(row, max, windowMs, now);
  return until ? { scope, until } : null;
}

/**
 * Decides whether a sign-in attempt may check its password. An admitted attempt is counted as a
 * failure at once, so a burst of parallel guesses is counted before any of them is verified;
 * `forgiveAttempt` takes it back when the password was right. Refused attempts count nothing, so
 * hammering a throttled pair neither grows other counters nor locks the account.
 */
export async function admitAttempt(tx: Tx, email: string, ip: string | undefined, now = new Date()): Promise<Admission> {
  const keys = keysFor(email, ip);
  const present = [keys.pair, keys.account, ...(keys.address ? [keys.address] : [])];
  const rows = await tx.select().from(authThrottle).where(inArray(authThrottle.key, present));
  const blocks = rows.map((row) => blockOf(row, keys, now)).filter((b) => b !== null);
  const longest = blocks.sort((x, y) => y.until.getTime() - x.until.getTime())[0];
  if (longest) return { admitted: false, ...longest };

  const pairFailures = await countAttempt(tx, keys.pair, WINDOW_MS.pair, now);
  const delay = pairDelayMs(pairFailures);
  if (delay > 0) await tx.update(authThrottle).set({ lockedUntil: new Date(now.getTime() + delay) }).where(eq(authThrottle.key, keys.pair));
  if (keys.address) await countAttempt(tx, keys.address, WINDOW_MS.address, now);
  await countAttempt(tx, keys.account, WINDOW_MS.account, now);
  return { admitted: true };
}

/** The password was right: the pair starts afresh and the attempt no longer counts against the address or account. */
export async function forgiveAttempt(tx: Tx, email: string, ip: string | undefined): Promise<void> {
  const keys = keysFor(email, ip);
  await tx.delete(authThrottle).where(eq(authThrottle.key, keys.pair));
  await tx
    .update(authThrottle)
    .set({ failures: sql`greatest(${authThrottle.failures} - 1, 0)` })
    .where(inArray(authThrottle.key, [keys.account, ...(keys.address ? [keys.address] : [])]));
}
