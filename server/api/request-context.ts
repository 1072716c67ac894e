import "server-only";
import { auth } from "@/server/auth";
import { clientIp } from "@/server/auth/client-ip";
import { getDatabase } from "@/server/db";
import { requestRateLimiter } from "@/server/http/rate-limit";
import { sessionSignedInAt } from "@/server/services/auth/auth-sessions";
import { stripeFromEnv } from "@/server/services/billing/stripe-client";
import { createTRPCContext } from "./trpc";

/** The tRPC context for a request inside Next: the signed-in user from Auth.js, the shared database and request budget. */
export async function createRequestContext(headers: Headers) {
  const session = await auth();
  const database = await getDatabase();
  return createTRPCContext({
    database,
    user: session?.user?.id
      ? { id: session.user.id, email: session.user.email, name: session.user.name, signedInAt: () => sessionSignedInAt(database, session.sessionId, session.user.id) }
      : null,
    headers,
    ip: clientIp(headers),
    rateLimiter: requestRateLimiter(),
    stripe: stripeFromEnv(),
  });
}
