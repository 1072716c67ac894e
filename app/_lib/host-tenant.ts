import "server-only";
import { headers } from "next/headers";
import { cache } from "react";
import { getDatabase } from "@/server/db";
import { requestHost } from "@/server/http/request-host";
import { tenantForHost } from "@/server/services/branding/custom-domain";

/** The tenant whose verified custom domain this request came to, or null on the app's own hosts. */
export const hostTenant = cache(async () => {
  // Headers first: during `next build` reading them ends prerendering before the database is
  // opened (a build worker holding the embedded database would lock `npm start` out of it).
  const host = requestHost(await headers());
  return tenantForHost(await getDatabase(), host);
});
