import type { BrandAssetKind } from "@/drizzle/schema";
import type { Database } from "@/server/db/database";
import { withTenant } from "@/server/db/tenant-context";
import { requestHost } from "@/server/http/request-host";
import { findMembershipBySlug } from "@/server/services/auth/user-tenants";
import { tenantForHost } from "@/server/services/branding/custom-domain";
import { uploadedBrandImage } from "@/server/services/branding/logo";
import { getTenant } from "@/server/services/tenant/get-tenant";
import { tenantLogo } from "@/server/services/tenant/read-logo";

// SVGs may carry script (uploads are sanitised, but this holds for any file): the CSP keeps a directly opened image inert.
const HEADERS = { "cache-control": "private, max-age=3600", "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'", "x-content-type-options": "nosniff" };

/**
 * `GET /api/tenant-logo/<slug>` and `/api/tenant-favicon/<slug>`. On the app's own hosts, to the
 * tenant's members only. On a tenant's verified custom domain, to anyone, and for that tenant
 * only: its sign-in page shows them before anyone has signed in, and the domain names the brand
 * anyway. Logos fall back to the shipped demo logo; a tenant without an uploaded favicon has none here.
 */
export async function serveBrandImage(kind: BrandAssetKind, request: Request, slug: string, options: { database: Database; userId: string | null }): Promise<Response> {
  const { database, userId } = options;
  const hostTenant = await tenantForHost(database, requestHost(request.headers));
  let tenantId: string;
  if (hostTenant) {
    if (hostTenant.slug !== slug) return new Response(null, { status: 404 });
    tenantId = hostTenant.id;
  } else {
    if (!userId) return new Response(null, { status: 401 });
    const membership = await findMembershipBySlug(database, userId, slug);
    if (!membership) return new Response(null, { status: 404 });
    tenantId = membership.id;
  }
  const image = await withTenant(database, tenantId, async (tx) =>
    kind === "logo" ? tenantLogo(tx, slug, (await getTenant(tx, tenantId)).branding) : uploadedBrandImage(tx, "favicon"),
  );
  if (!image) return new Response(null, { status: 404 });
  return new Response(Buffer.from(image.bytes), { headers: { ...HEADERS, "content-type": image.contentType } });
}
