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
import type { BrandAssetKind } from "@/drizzle/schema";
import { BRAND_IMAGE_RULES } from "@/server/services/branding/brand-image";
import { uploadBrandImage } from "@/server/services/branding/logo";

/** Room for the multipart framing around the file itself. */
const FORM_OVERHEAD_BYTES = 16 * 1024;

type UploadOptions = { getDatabase: () => Promise<Database>; getUserId: () => Promise<string | null> };

/**
 * `POST /api/tenant-logo/<slug>` (multipart, field `logo`) and `POST /api/tenant-favicon/<slug>`
 * (field `favicon`): an admin of the tenant replaces its logo or favicon. The body is cut off past
 * the size limit; the file is checked and, for SVG, sanitised.
 */
export function brandImageUploadHandler(kind: BrandAssetKind, options: UploadOptions) {
  const rules = BRAND_IMAGE_RULES[kind];
  const formError = () => new AppError("bad_request:form", `Send the ${rules.noun} as multipart/form-data in a field named ${kind}.`);
  return async (request: Request, slug: string): Promise<Response> => {
    try {
      assertSameOrigin(request, { required: true });
      const userId = await options.getUserId();
      if (!userId) throw new AppError("unauthorized", "Sign in first.");
      const database = await options.getDatabase();
      const tenant = await findMembershipBySlug(database, userId, slug);
      if (!tenant) throw new AppError("not_found:tenant", "No such workspace.");
      if (!roleAtLeast(tenant.role, "admin")) throw new AppError("forbidden:role", `Changing the ${rules.noun} needs the admin role; you are ${tenant.role}.`);
      assertWritable(tenant);
      const tooLarge = () => new AppError(`payload_too_large:${kind}`, `${rules.Noun} may be at most ${rules.maxBytes / 1024} KB.`);
      const form = await limitBody(request, rules.maxBytes + FORM_OVERHEAD_BYTES, tooLarge)
        .formData()
        .catch((e: unknown) => {
          throw e instanceof AppError ? e : formError();
        });
      const file = form.get(kind);
      if (!(file instanceof File)) throw formError();
      const bytes = new Uint8Array(await file.arrayBuffer());
      const actor = { tenantId: tenant.id, userId, role: tenant.role, ip: clientIp(request.headers) };
      const result = await withTenant(database, tenant.id, (tx) => uploadBrandImage(tx, actor, kind, { name: file.name, type: file.type, bytes }));
      return Response.json({ data: result }, { headers: PRIVATE_NO_STORE });
    } catch (error) {
      if (error instanceof AppError) return jsonError(error);
      throw error;
    }
  };
}

export const logoUploadHandler = (options: UploadOptions) => brandImageUploadHandler("logo", options);
