import { readFile } from "node:fs/promises";
import path from "node:path";
import { auth } from "@/server/auth";
import { getDatabase } from "@/server/db";
import { withTenant } from "@/server/db/tenant-context";
import { findMembershipBySlug } from "@/server/services/auth/user-tenants";
import { getTenant } from "@/server/services/tenant/get-tenant";

export const runtime = "nodejs";

const CONTENT_TYPES: Record<string, string> = { ".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg" };

/** Serves a tenant's logo to its members. Demo logos live in tenants/<slug>/. */
export async function GET(_req: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const session = await auth();
  if (!session?.user) return new Response(null, { status: 401 });
  const database = await getDatabase();
  const membership = await findMembershipBySlug(database, session.user.id, slug);
  if (!membership) return new Response(null, { status: 404 });
  const { branding } = await withTenant(database, membership.id, (tx) => getTenant(tx, membership.id));
  const file = branding.logoPath ? path.basename(branding.logoPath) : null;
  const type = file ? CONTENT_TYPES[path.extname(file).toLowerCase()] : undefined;
  if (!file || !type) return new Response(null, { status: 404 });
  try {
    const body = await readFile(path.resolve(process.cwd(), "tenants", slug, file));
    // SVGs may carry script; the CSP header keeps a directly opened logo inert.
    return new Response(body, { headers: { "content-type": type, "cache-control": "private, max-age=3600", "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'" } });
  } catch {
    return new Response(null, { status: 404 });
  }
}
