import { readFile } from "node:fs/promises";
import path from "node:path";
import { auth } from "@/server/auth";
import { getDatabase } from "@/server/db";
import { withTenant } from "@/server/db/tenant-context";
import { logoUploadHandler } from "@/server/rest/logo-upload";
import { findMembershipBySlug } from "@/server/services/auth/user-tenants";
import { uploadedLogo } from "@/server/services/branding/logo";
import { getTenant } from "@/server/services/tenant/get-tenant";

export const runtime = "nodejs";

const CONTENT_TYPES: Record<string, string> = { ".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg" };
// SVGs may carry script (uploads are sanitised, but this holds for any file): the CSP keeps a directly opened logo inert.
const HEADERS = { "cache-control": "private, max-age=3600", "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'", "x-content-type-options": "nosniff" };

async function demoLogo(slug: string, logoPath: string | undefined): Promise<Response> {
  const file = logoPath ? path.basename(logoPath) : null;
  const type = file ? CONTENT_TYPES[path.extname(file).toLowerCase()] : undefined;
  if (!file || !type) return new Response(null, { status: 404 });
  try {
    return new Response(await readFile(path.resolve(process.cwd(), "tenants", slug, file)), { headers: { ...HEADERS, "content-type": type } });
  } catch {
    return new Response(null, { status: 404 });
  }
}

/** Serves a tenant's logo to its members: the uploaded one, else the shipped demo logo in tenants/<slug>/. */
export async function GET(_req: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const session = await auth();
  if (!session?.user) return new Response(null, { status: 401 });
  const database = await getDatabase();
  const membership = await findMembershipBySlug(database, session.user.id, slug);
  if (!membership) return new Response(null, { status: 404 });
  const { branding, logo } = await withTenant(database, membership.id, async (tx) => ({
    branding: (await getTenant(tx, membership.id)).branding,
    logo: await uploadedLogo(tx),
  }));
  if (branding.logoVersion && logo) return new Response(Buffer.from(logo.bytes), { headers: { ...HEADERS, "content-type": logo.contentType } });
  return demoLogo(slug, branding.logoPath);
}

const upload = logoUploadHandler({ getDatabase, getUserId: async () => (await auth())?.user?.id ?? null });

export async function POST(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  return upload(request, (await params).slug);
}
