import "server-only";
import { auth } from "@/server/auth";
import { getDatabase } from "@/server/db";
import { AppError } from "@/server/errors/app-error";
import { jsonError } from "@/server/http/json-error";
import { openAlertStream } from "@/server/services/alerts/alert-stream";
import { findMembershipBySlug } from "@/server/services/auth/user-tenants";

/**
 * `GET /api/alerts/stream?tenant=<slug>`: Server-Sent Events of the tenant's new alerts, for a
 * signed-in member of that tenant only (anyone else, and an unknown slug, get the same 404).
 */
export async function handleAlertStream(request: Request): Promise<Response> {
  try {
    const session = await auth();
    if (!session?.user) throw new AppError("unauthorized:session", "Sign in to receive alerts.");
    const slug = new URL(request.url).searchParams.get("tenant");
    if (!slug || slug.length > 64) throw new AppError("bad_request:validation", "tenant: the workspace slug is required.");
    const database = await getDatabase();
    const membership = await findMembershipBySlug(database, session.user.id, slug);
    if (!membership) throw new AppError("not_found:tenant", "No such workspace.");
    const body = await openAlertStream(database, membership.id, request.signal);
    return new Response(body, {
      headers: {
        "content-type": "text/event-stream; charset=utf-8",
        "cache-control": "no-cache, no-transform",
        connection: "keep-alive",
        // Reverse proxies (nginx) would otherwise buffer the stream and deliver alerts late.
        "x-accel-buffering": "no",
      },
    });
  } catch (error) {
    if (error instanceof AppError) return jsonError(error);
    console.error("alert stream failed:", error);
    return jsonError({ status: 500, code: "internal", message: "Something went wrong on our side." });
  }
}
