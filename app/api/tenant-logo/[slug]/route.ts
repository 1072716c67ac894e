import { auth } from "@/server/auth";
import { getDatabase } from "@/server/db";
import { withTenant } from "@/server/db/tenant-context";
import { logoUploadHandler } from "@/server/rest/logo-upload";
import { findMembershipBySlug } from "@/server/services/auth/user-tenants";
import { getTenant } from "@/server/services/tenant/get-tenant";
import { tenantLogo } from "@/server/services/tenant/read-logo";

export const runtime = "nodejs";

// SVGs may carry script (uploads are sanitised, but this holds for any file): the CSP keeps a directly opened logo inert.
const HEADERS = { "cache-control": "private, max-age=3600", "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'", "x-content-type-options": "nosniff" };

/** Serves a tenant's logo to its members: the uploaded one, else the shipped demo logo in tenants/<slug>/. */
export async function GET(_req: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const session = await auth();
  if (!session?.user) return new Response(null, { status: 401 });
  const database = await getDatabase();
  const membership = await findMembershipBySlug(database, session.user.id, slug);
  if (!membership) return new Response(null, { status: 404 });
  const logo = await withTenant(database, membership.id, async (tx) => tenantLogo(tx, slug, (await getTenant(tx, membership.id)).branding));
  if (!logo) return new Response(null, { status: 404 });
  return new Response(Buffer.from(logo.bytes), { headers: { ...HEADERS, "content-type": logo.contentType } });
}

const upload = logoUploadHandler({ getDatabase, getUserId: async () => (await auth())?.user?.id ?? null });

export async function POST(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  return upload(request, (await params).slug);
}
