import { auth } from "@/server/auth";
import { clientIp } from "@/server/auth/client-ip";
import { getDatabase } from "@/server/db";
import { jsonError } from "@/server/http/json-error";
import { roleAtLeast } from "@/server/services/actor";
import { findMembershipBySlug } from "@/server/services/auth/user-tenants";
import { exportTenant } from "@/server/services/tenant/export-tenant";

export const runtime = "nodejs";

/** `GET /api/tenant-export/<slug>`: an admin downloads everything the tenant owns as a zip of CSVs (audited). */
export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const session = await auth();
  if (!session?.user) return jsonError({ status: 401, code: "unauthorized", message: "Sign in first." });
  const database = await getDatabase();
  const tenant = await findMembershipBySlug(database, session.user.id, slug);
  if (!tenant) return jsonError({ status: 404, code: "not_found:tenant", message: "No such workspace." });
  if (!roleAtLeast(tenant.role, "admin")) return jsonError({ status: 403, code: "forbidden:role", message: `Exporting needs the admin role; you are ${tenant.role}.` });
  const stream = exportTenant(database, { tenantId: tenant.id, userId: session.user.id, role: tenant.role, ip: clientIp(request.headers) });
  return new Response(stream, {
    headers: {
      "content-type": "application/zip",
      "content-disposition": `attachment; filename="${slug}-export-${new Date().toISOString().slice(0, 10)}.zip"`,
      "cache-control": "private, no-store",
    },
  });
}
