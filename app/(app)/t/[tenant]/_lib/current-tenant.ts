import "server-only";
import { TRPCError } from "@trpc/server";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { serverCaller } from "@/server/api/server-caller";
import { auth } from "@/server/auth";

/**
 * The signed-in user's view of the tenant being rendered, loaded once per request.
 *
 * Next renders a layout and its page in parallel, so the layout's checks do not stop a page from
 * running: every server component under `/t/[tenant]` that needs the tenant calls this instead of
 * the tRPC caller directly. Signed out → the sign-in page; not a member (or no such tenant) → 404,
 * the same answer for both so a URL never tells whether another tenant exists.
 */
export const currentTenant = cache(async (slug: string) => {
  const session = await auth();
  if (!session?.user) redirect(`/sign-in?callbackUrl=${encodeURIComponent(`/t/${slug}/dashboard`)}`);
  const caller = await serverCaller(slug);
  const tenant = await caller.tenant.current().catch((e: unknown) => {
    if (e instanceof TRPCError && e.code === "UNAUTHORIZED") redirect(`/sign-in?callbackUrl=${encodeURIComponent(`/t/${slug}/dashboard`)}`);
    if (e instanceof TRPCError && (e.code === "NOT_FOUND" || e.code === "FORBIDDEN")) notFound();
    throw e;
  });
  return { user: session.user, caller, tenant };
});
