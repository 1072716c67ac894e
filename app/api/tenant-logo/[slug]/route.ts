import { auth } from "@/server/auth";
import { getDatabase } from "@/server/db";
import { withTenant } from "@/server/db/tenant-context";
import { findMembershipBySlug } from "@/server/services/auth/user-tenants";
import { getTenant } from "@/server/services/tenant/get-tenant";
import { readTenantLogo } from "@/server/services/tenant/read-logo";

export const runtime = "nodejs";

/** Serves a tenant's logo to its members. Demo logos live in tenants/<slug>/. */
export async function GET(_req: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const session = await auth();
  if (!session?.user) return new Response(null, { status: 401 });
  const database = await getDatabase();
  const membership = await findMembershipBySlug(database, session.user.id, slug);
  if (!membership) return new Response(null, { status: 404 });
  const { branding } = await withTenant(database, membership.id, (tx) => getTenant(tx, membership.id));
  const logo = await readTenantLogo(slug, branding);
  if (!logo) return new Response(null, { status: 404 });
  // SVGs may carry script; the CSP header keeps a directly opened logo inert.
  return new Response(Buffer.from(logo.bytes), {
    headers: { "content-type": logo.contentType, "cache-control": "private, max-age=3600", "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'" },
  });
}
