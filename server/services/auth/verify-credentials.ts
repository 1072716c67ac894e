import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { emailSchema } from "./email-schema";
import { users } from "@/drizzle/schema";
import type { Database } from "@/server/db/database";
import { withAuthRole } from "@/server/db/tenant-context";
import { hashPassword, verifyPassword } from "@/server/auth/password";
import { clearFailures, lockedUntil, recordFailure } from "./login-throttle";

export const credentialsSchema = z.object({
  email: emailSchema,
  password: z.string().min(1).max(200),
});

export type CredentialsResult =
  | { ok: true; user: { id: string; email: string; name: string } }
  | { ok: false; reason: "invalid" | "locked"; lockedUntil?: Date };

// Verified against when the email is unknown, so both paths cost one argon2 verification.
let decoyHash: Promise<string> | undefined;

/** Checks an email and password with per-account and per-IP lockout. */
export async function verifyCredentials(database: Database, input: unknown, ip?: string): Promise<CredentialsResult> {
  const parsed = credentialsSchema.safeParse(input);
  if (!parsed.success) return { ok: false, reason: "invalid" };
  const { email, password } = parsed.data;

  const lock = await withAuthRole(database, (tx) => lockedUntil(tx, email, ip));
  if (lock) return { ok: false, reason: "locked", lockedUntil: lock };

  const user = await withAuthRole(database, async (tx) => (await tx.select().from(users).where(eq(users.email, email)).limit(1))[0]);
  decoyHash ??= hashPassword("decoy-password-never-valid");
  const valid = await verifyPassword(user?.passwordHash ?? (await decoyHash), password);

  return withAuthRole(database, async (tx) => {
    if (!user || !valid) {
      await recordFailure(tx, email, ip);
      return { ok: false, reason: "invalid" } as const;
    }
    await clearFailures(tx, email);
    return { ok: true, user: { id: user.id, email: user.email, name: user.name } } as const;
  });
}
