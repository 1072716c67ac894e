import { auth } from "@/server/auth";
import { getDatabase } from "@/server/db";
import { requestRateLimiter } from "@/server/http/rate-limit";
import { sessionImportHandler } from "@/server/http/session-import";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = sessionImportHandler({
  getDatabase,
  getUserId: async () => (await auth())?.user?.id ?? null,
  rateLimiter: requestRateLimiter(),
});
