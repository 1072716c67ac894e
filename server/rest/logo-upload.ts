import { clientIp } from "@/server/auth/client-ip";
import type { Database } from "@/server/db/database";
import { withTenant } from "@/server/db/tenant-context";
import { AppError } from "@/server/errors/app-error";
import { limitBody } from "@/server/http/body-limit";
import { assertSameOrigin } from "@/server/http/same-origin";
import { PRIVATE_NO_STORE, jsonError } from "@/server/http/json-error";
import { roleAtLeast } from "@/server/services/actor";
import { findMembershipBySlug } from "@/server/services/auth/user-tenants";
import { assertWritable } from "@/server/services/billing/billing-state";
import { LOGO_MAX_BYTES } from "@/server/services/branding/brand-image";
import { uploadLogo } from "@/server/services/branding/logo";

/** Room for the multipart framing around the file itself. */
const FORM_OVERHEAD_BYTES = 16 * 1024;

/**
 * `POST /api/tenant-logo/<slug>` (multipart, field `logo`): an admin of the tenant replaces its
 * logo. The body is cut off past the size limit; the file is checked and, for SVG, sanitised.
 */
export function logoUploadHandler(options: { getDatabase: () => Promise<Database>; getUserId: () => Promise<string | null> }) {
  return async (request: Request, slug: string): Promise<Response> => {
    try {
      assertSameOrigin(request, { required: true });
      const userId = await options.getUserId();
      if (!userId) throw new AppError("unauthorized", "Sign in first.");
      const database = await options.getDatabase();
      const tenant = await findMembershipBySlug(database, userId, slug);
      if (!tenant) throw new AppError("not_found:tenant", "No such workspace.");
      if (!roleAtLeast(tenant.role, "admin")) throw new AppError("forbidden:role", `Changing the logo needs the admin role; you are ${tenant.role}.`);
      assertWritable(tenant);
      const tooLarge = () => new AppError("payload_too_large:logo", `Logos may be at most ${LOGO_MAX_BYTES / 1024} KB.`);
      const form = await limitBody(request, LOGO_MAX_BYTES + FORM_OVERHEAD_BYTES, tooLarge)
        .formData()
        .catch((e: unknown) => {
          throw e instanceof AppError ? e : new AppError("bad_request:form", "Send the logo as multipart/form-data in a field named logo.");
        });
      const file = form.get("logo");
      if (!(file instanceof File)) throw new AppError("bad_request:form", "Send the logo as multipart/form-data in a field named logo.");
      const bytes = new Uint8Array(await file.arrayBuffer());
      const actor = { tenantId: tenant.id, userId, role: tenant.role, ip: clientIp(request.headers) };
      const result = await withTenant(database, tenant.id, (tx) => uploadLogo(tx, actor, { name: file.name, type: file.type, bytes }));
      return Response.json({ data: result }, { headers: PRIVATE_NO_STORE });
    } catch (error) {
      if (error instanceof AppError) return jsonError(error);
      throw error;
    }
  };
}
