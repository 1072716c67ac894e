import { createCaller } from "@/server/api/root";
import { TENANT_HEADER, createTRPCContext } from "@/server/api/trpc";
import type { Database } from "@/server/db/database";

/** A tRPC caller acting as `userId` inside the tenant with `slug`, as the app's route handler would. */
export function callerFor(database: Database, userId: string | null, slug?: string) {
  const headers = new Headers();
  if (slug) headers.set(TENANT_HEADER, slug);
  return createCaller(createTRPCContext({ database, user: userId ? { id: userId } : null, headers, ip: "203.0.113.9" }));
}
