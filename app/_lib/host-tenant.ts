import "server-only";
import { headers } from "next/headers";
import { cache } from "react";
import { getDatabase } from "@/server/db";
import { requestHost } from "@/server/http/request-host";
import { tenantForHost } from "@/server/services/branding/custom-domain";

/** The tenant whose verified custom domain this request came to, or null on the app's own hosts. */
export const hostTenant = cache(async () => tenantForHost(await getDatabase(), requestHost(await headers())));
