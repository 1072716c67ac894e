import type Stripe from "stripe";
import { createCaller } from "@/server/api/root";
import { TENANT_HEADER, createTRPCContext } from "@/server/api/trpc";
import type { Database } from "@/server/db/database";
import type { Mailer } from "@/server/services/email/mailer";

/**
 * A tRPC caller acting as `userId` inside the tenant with `slug`, as the app's route handler would,
 * for a session that signed in `signedInMinutesAgo` minutes ago (just now by default), on `host`
 * (the app's own by default; a tenant's custom domain to test host resolution).
 */
export function callerFor(database: Database, userId: string | null, slug?: string, options: { signedInMinutesAgo?: number; stripe?: Stripe; host?: string; origin?: string; mailer?: Mailer } = {}) {
  const headers = new Headers({ host: options.host ?? "app.example.test" });
  if (options.origin) headers.set("origin", options.origin);
  if (slug) headers.set(TENANT_HEADER, slug);
  const signedInAt = new Date(Date.now() - (options.signedInMinutesAgo ?? 0) * 60_000);
  const user = userId ? { id: userId, email: `${userId}@users.test`, signedInAt: async () => signedInAt } : null;
  return createCaller(createTRPCContext({ database, user, headers, ip: "203.0.113.9", stripe: options.stripe, mailer: options.mailer }));
}
