import "server-only";
import { headers } from "next/headers";
import { cache } from "react";
import { createCaller } from "./root";
import { createRequestContext } from "./request-context";
import { TENANT_HEADER } from "./trpc";

/** A tRPC caller for server components, acting in the tenant of the page being rendered. */
export const serverCaller = cache(async (tenantSlug?: string) => {
  const incoming = new Headers(await headers());
  if (tenantSlug) incoming.set(TENANT_HEADER, tenantSlug);
  else incoming.delete(TENANT_HEADER);
  return createCaller(await createRequestContext(incoming));
});
