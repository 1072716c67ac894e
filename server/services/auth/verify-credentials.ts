import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { text } from "@/server/validation/text";
import { emailSchema } from "./email-schema";
import { users } from "@/drizzle/schema";
import type { Database } from "@/server/db/database";
import { withAuthRole } from "@/server/db/tenant-context";
import { hashPassword, verifyPassword } from "@/server/auth/password";
import { admitAttempt, forgiveAttempt } from "./login-throttle";
import type { ThrottleScope } from "./login-throttle";

export const credentialsSchema = z.object({
  email: emailSchema,
  password: text({ min: 1, max: 200, trim: false }),
});

export type CredentialsResult =
  | { ok: true; user: { id: string; email: string; name: string } }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; scope: ThrottleScope; retryAfterSeconds: number };

// Verified against when the email is unknown, so both paths cost one argon2 verification.
let decoyHash: Promise<string> | undefined;

/** Checks an email and password, throttled per account and address, per address and per account (login-throttle.ts). */
export async function verifyCredentials(database: Database, input: unknown, ip?: string): Promise<CredentialsResult> {
  const parsed = credentialsSchema.safeParse(input);
  if (!parsed.success) return { ok: false, reason: "invalid" };
  const { email, password } = parsed.data;

  const admission = await withAuthRole(database, (tx) => admitAttempt(tx, email, ip));
  if (!admission.admitted) {
    const retryAfterSeconds = Math.max(1, Math.ceil((admission.until.getTime() - Date.now()) / 1000));
    return { ok: false, reason: "throttled", scope: admission.scope, retryAfterSeconds };
  }

  const user = await withAuthRole(database, async (tx) => (await tx.select().from(users).where(eq(users.email, email)).limit(1))[0]);
  decoyHash ??= hashPassword("decoy-password-never-valid");
  const valid = await verifyPassword(user?.passwordHash ?? (await decoyHash), password);

  if (!user || !valid) return { ok: false, reason: "invalid" };
  await withAuthRole(database, (tx) => forgiveAttempt(tx, email, ip));
  return { ok: true, user: { id: user.id, email: user.email, name: user.name } };
}
